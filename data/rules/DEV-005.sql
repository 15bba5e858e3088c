-- id: DEV-005
-- clauses: 2(2)⑤(ウ) 2(2)⑥(エ) 6.4(2)④
-- severity: high
-- title: 未登録の電磁的記録媒体に機密性2以上の情報資産がある
-- action: 情報システム管理者は媒体を登録して管理下に置く（施錠保管・利用履歴）か、情報を登録媒体に移して消去する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       '登録されていない電磁的記録媒体に機密性2以上の情報資産が'
         || CAST((SELECT COUNT(*) FROM device_asset da2
                  JOIN asset a2 ON a2.id = da2.asset_id
                  JOIN confidentiality_class c2 ON c2.code = a2.confidentiality
                  WHERE da2.device_id = d.id AND c2.rank >= 2) AS TEXT)
         || '件ある' AS detail
FROM device d
WHERE d.disposed_on IS NULL
  AND d.kind = 'media'
  AND d.registered = 0
  AND EXISTS (SELECT 1 FROM device_asset da
              JOIN asset a ON a.id = da.asset_id
              JOIN confidentiality_class cc ON cc.code = a.confidentiality
              WHERE da.device_id = d.id AND cc.rank >= 2)
