-- id: CLD-001
-- clauses: 8.3(5)① 8.3(5)② 8.3(5)③
-- severity: high
-- title: 機密性2以上の情報を扱うクラウドサービスに利用承認がない
-- action: 情報セキュリティ責任者は利用申請の許可権限者へ利用申請を行い、承認を得る（承認までは機密性2以上の情報を扱わない）
-- responsible: isr
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '機密性2以上の情報を扱う「' || cs.name || '」（' || cs.provider || '）について、利用申請の許可権限者による'
         || CASE WHEN cs.approved_on IS NULL AND cs.approved_by IS NULL THEN '承認日も承認者も'
                 WHEN cs.approved_on IS NULL THEN '承認日が'
                 ELSE '承認者が' END
         || '記録されていない' AS detail
FROM cloud_service cs
JOIN confidentiality_class cc ON cc.code = cs.max_confidentiality
WHERE (cc.rank >= 2 OR EXISTS (SELECT 1 FROM cloud_service_asset x
                               JOIN asset a ON a.id = x.asset_id
                               JOIN confidentiality_class c2 ON c2.code = a.confidentiality
                               WHERE x.cloud_service_id = cs.id AND c2.rank >= 2))
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
  AND ((cs.use_start IS NOT NULL AND cs.use_start <= :today)
       OR EXISTS (SELECT 1 FROM cloud_service_asset y WHERE y.cloud_service_id = cs.id))
  AND (cs.approved_on IS NULL OR cs.approved_by IS NULL)
