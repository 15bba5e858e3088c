-- id: CLD-002
-- clauses: 8.4(2)②
-- severity: high
-- title: 機密性1の情報だけを扱うクラウドサービスに利用承認がない
-- action: 職員等は約款等からリスクが許容できることを確認して利用を申請し、情報セキュリティ責任者が審査・承認して記録する
-- responsible: isr
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '「' || cs.name || '」（' || cs.provider || '）の利用について、'
         || CASE WHEN cs.approved_on IS NULL AND cs.approved_by IS NULL THEN '承認日も承認者も'
                 WHEN cs.approved_on IS NULL THEN '承認日が'
                 ELSE '承認者が' END
         || '記録されていない' AS detail
FROM cloud_service cs
JOIN confidentiality_class cc ON cc.code = cs.max_confidentiality
WHERE NOT (cc.rank >= 2 OR EXISTS (SELECT 1 FROM cloud_service_asset x
                               JOIN asset a ON a.id = x.asset_id
                               JOIN confidentiality_class c2 ON c2.code = a.confidentiality
                               WHERE x.cloud_service_id = cs.id AND c2.rank >= 2))
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
  AND ((cs.use_start IS NOT NULL AND cs.use_start <= :today)
       OR EXISTS (SELECT 1 FROM cloud_service_asset y WHERE y.cloud_service_id = cs.id))
  AND (cs.approved_on IS NULL OR cs.approved_by IS NULL)
