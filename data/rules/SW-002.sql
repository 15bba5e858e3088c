-- id: SW-002
-- clauses: 6.4(1)⑦
-- severity: high
-- title: 開発元のサポートが終了したソフトウェアを使っている
-- action: 情報システム管理者はサポートのある版に更新するか、ソフトウェアを削除する
-- responsible: sysm
SELECT 'device_software' AS entity_type, d.id || '/' || s.id AS entity_id,
       d.name || ' / ' || s.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       '「' || d.name || '」の「' || s.name || COALESCE(' ' || ds.version, '') || '」はサポートが'
         || s.support_ends || 'に終了している' AS detail
FROM device_software ds
JOIN device d ON d.id = ds.device_id
JOIN software s ON s.id = ds.software_id
WHERE d.disposed_on IS NULL
  AND s.support_ends IS NOT NULL
  AND s.support_ends < :today
