-- id: DEV-009
-- clauses: 6.4(1)⑦
-- severity: high
-- title: サポートの終了したOSを使っている機器がある
-- action: 情報システム管理者はOSをサポートのある版に更新するか機器を更改する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       dk.label || 'のOSは開発元のサポート（パッチ・バージョンアップ）が終了している' AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
WHERE d.disposed_on IS NULL
  AND d.kind <> 'media'
  AND d.os_supported = 0
