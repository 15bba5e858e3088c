-- id: DEV-007
-- clauses: 4.4⑤
-- severity: medium
-- title: パソコン・モバイル端末のデータ暗号化機能が使われていない
-- action: 情報システム管理者は端末のデータ暗号化機能（セキュリティチップがあればその機能も）を有効にする
-- responsible: sysm
-- requires: 4.4⑤
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       dk.label || 'のデータが暗号化されていない' AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
WHERE d.disposed_on IS NULL
  AND d.kind IN ('pc', 'mobile')
  AND d.encrypted = 0
