-- id: CLD-010
-- clauses: 2(2)⑩(エ) 8.3(8)①(イ)
-- severity: high
-- title: 利用を終えたクラウドサービスに情報資産が残っている
-- action: 情報セキュリティ管理者は情報資産を移行し、クラウドサービス事業者から全ての複製が削除されたことを確認して記録する
-- responsible: ism
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '「' || cs.name || '」の利用は' || cs.use_end || 'に終了しているが、情報資産が'
         || CAST((SELECT COUNT(*) FROM cloud_service_asset x2 WHERE x2.cloud_service_id = cs.id) AS TEXT)
         || '件このサービスに結び付いたまま（移行・削除が確認されていない）' AS detail
FROM cloud_service cs
WHERE cs.use_end IS NOT NULL
  AND cs.use_end < :today
  AND EXISTS (SELECT 1 FROM cloud_service_asset x WHERE x.cloud_service_id = cs.id)
