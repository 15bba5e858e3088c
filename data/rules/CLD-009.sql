-- id: CLD-009
-- clauses: 2(1)
-- severity: high
-- title: 機密性3A（秘密文書相当）の情報をクラウドサービスで扱っている
-- action: 情報セキュリティ管理者は当該情報をクラウドサービスから移し、「行政文書の管理に関するガイドライン」に従いインターネットに接続していない電子計算機又は媒体で扱う
-- responsible: ism
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '「' || cs.name || '」（' || cs.provider || '）が'
         || CASE WHEN cs.max_confidentiality = '3A' THEN '機密性3Aまでの情報を扱う設定で、' ELSE '' END
         || '機密性3Aの情報資産を'
         || CAST((SELECT COUNT(*) FROM cloud_service_asset x2
                  JOIN asset a2 ON a2.id = x2.asset_id
                  WHERE x2.cloud_service_id = cs.id AND a2.confidentiality = '3A') AS TEXT)
         || '件保存している' AS detail
FROM cloud_service cs
WHERE (cs.use_end IS NULL OR cs.use_end >= :today)
  AND (cs.max_confidentiality = '3A'
       OR EXISTS (SELECT 1 FROM cloud_service_asset x
                  JOIN asset a ON a.id = x.asset_id
                  WHERE x.cloud_service_id = cs.id AND a.confidentiality = '3A'))
