-- id: DEV-006
-- clauses: 2(1) 2(2)⑧(ア) 3(1)②(イ)
-- severity: medium
-- title: 機密性2以上の情報資産を記録した電磁的記録媒体が暗号化されていない
-- action: 情報システム管理者は媒体のデータを暗号化しパスワードを設定する（暗号化機能を備える媒体に替える）
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       '暗号化されていない電磁的記録媒体に機密性2以上の情報資産が'
         || CAST((SELECT COUNT(*) FROM device_asset da2
                  JOIN asset a2 ON a2.id = da2.asset_id
                  JOIN confidentiality_class c2 ON c2.code = a2.confidentiality
                  WHERE da2.device_id = d.id AND c2.rank >= 2) AS TEXT)
         || '件ある' AS detail
FROM device d
WHERE d.disposed_on IS NULL
  AND d.kind = 'media'
  AND d.encrypted = 0
  AND EXISTS (SELECT 1 FROM device_asset da
              JOIN asset a ON a.id = da.asset_id
              JOIN confidentiality_class cc ON cc.code = a.confidentiality
              WHERE da.device_id = d.id AND cc.rank >= 2)
