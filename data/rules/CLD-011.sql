-- id: CLD-011
-- clauses: 2(2)①(エ) 8.3(3)④
-- severity: high
-- title: クラウドサービスの利用終了時の条件（移行と全複製の削除）を確認していない
-- action: 情報セキュリティ管理者はサービス利用の終了に関する内容（情報資産の移行、事業者からの全ての複製の削除）を文書で求めるか公開内容で確認し、記録する
-- responsible: ism
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '利用中の「' || cs.name || '」（' || cs.provider
         || '）について、利用終了時の情報資産の移行と全ての複製の削除の条件を確認した記録がない' AS detail
FROM cloud_service cs
WHERE cs.exit_terms_confirmed = 0
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
  AND ((cs.use_start IS NOT NULL AND cs.use_start <= :today)
       OR EXISTS (SELECT 1 FROM cloud_service_asset y WHERE y.cloud_service_id = cs.id))
