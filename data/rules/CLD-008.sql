-- id: CLD-008
-- clauses: 2(1) 8.3(3)③
-- severity: medium
-- title: 機密性3B・3Cの情報をISMAPに登録されていないクラウドサービスで扱っている
-- action: 情報セキュリティ管理者は当該情報をISMAPクラウドサービスリストに登録されたサービス（又は庁内）に移す
-- responsible: ism
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '「' || cs.name || '」（' || cs.provider || '）はISMAPクラウドサービスリストに登録されていないが、'
         || CASE WHEN cc.rank IN (3, 4) THEN cc.label || 'までの情報を扱う設定で、' ELSE '' END
         || '機密性3B・3Cの情報資産を'
         || CAST((SELECT COUNT(*) FROM cloud_service_asset x2
                  JOIN asset a2 ON a2.id = x2.asset_id
                  JOIN confidentiality_class c3 ON c3.code = a2.confidentiality
                  WHERE x2.cloud_service_id = cs.id AND c3.rank IN (3, 4)) AS TEXT)
         || '件保存している' AS detail
FROM cloud_service cs
JOIN confidentiality_class cc ON cc.code = cs.max_confidentiality
WHERE cs.ismap_listed = 0
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
  AND (cc.rank IN (3, 4)
       OR EXISTS (SELECT 1 FROM cloud_service_asset x
                  JOIN asset a ON a.id = x.asset_id
                  JOIN confidentiality_class c2 ON c2.code = a.confidentiality
                  WHERE x.cloud_service_id = cs.id AND c2.rank IN (3, 4)))
