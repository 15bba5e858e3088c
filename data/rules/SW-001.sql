-- id: SW-001
-- clauses: 6.1(17)① 6.1(17)②
-- severity: high
-- title: 許可されていないソフトウェアが導入されている
-- action: 情報システム管理者はソフトウェアを削除させる（業務上必要なら統括情報セキュリティ責任者及び情報システム管理者の許可を得る）
-- responsible: sysm
SELECT 'device_software' AS entity_type, d.id || '/' || s.id AS entity_id,
       d.name || ' / ' || s.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       '許可されていないソフトウェア「' || s.name || COALESCE(' ' || ds.version, '') || '」が「' || d.name
         || '」に導入されている' AS detail
FROM device_software ds
JOIN device d ON d.id = ds.device_id
JOIN software s ON s.id = ds.software_id
WHERE d.disposed_on IS NULL
  AND s.allowed = 0
