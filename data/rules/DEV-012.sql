-- id: DEV-012
-- clauses: 4.1(6)
-- severity: high
-- title: 庁外に設置したサーバにCISOの承認がない
-- action: 統括情報セキュリティ責任者及び情報システム管理者はCISOの承認を得て承認日を記録し、定期的に対策状況を確認する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       '庁外に設置されたサーバについて、CISOの承認日が記録されていない' AS detail
FROM device d
WHERE d.disposed_on IS NULL
  AND d.kind = 'server'
  AND d.location = 'offsite'
  AND d.offsite_approved_on IS NULL
