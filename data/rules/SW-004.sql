-- id: SW-004
-- clauses: 6.4(1)⑦
-- severity: low
-- title: 導入済みソフトウェアのサポート終了予定が確認されていない
-- action: 統括情報セキュリティ責任者は利用予定期間中にサポートが終了しないことを開発元に確認し、サポート終了日を記録する
-- responsible: toukatsu
SELECT 'software' AS entity_type, s.id AS entity_id, s.name AS entity_label,
       CAST(NULL AS TEXT) AS department_id, CAST(NULL AS TEXT) AS system_id,
       '「' || s.name || '」は' || CAST((SELECT COUNT(*) FROM device_software ds2
                                       JOIN device d2 ON d2.id = ds2.device_id
                                       WHERE ds2.software_id = s.id AND d2.disposed_on IS NULL) AS TEXT)
         || '台の機器に導入されているが、サポート終了日が記録されていない' AS detail
FROM software s
WHERE s.support_ends IS NULL
  AND EXISTS (SELECT 1 FROM device_software ds
              JOIN device d ON d.id = ds.device_id
              WHERE ds.software_id = s.id AND d.disposed_on IS NULL)
