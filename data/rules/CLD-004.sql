-- id: CLD-004
-- clauses: 8.3(5)②
-- severity: high
-- title: 機密性2以上のクラウドサービスを承認した者が承認日に利用申請の許可権限者でない
-- action: 利用申請の許可権限者が改めて審査し、承認する
-- responsible: permit_authority
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '機密性2以上の情報を扱う「' || cs.name || '」を' || cs.approved_on || 'に承認した「' || p.name || '」'
         || 'は、その日に利用申請の許可権限者ではない' AS detail
FROM cloud_service cs
JOIN confidentiality_class cc ON cc.code = cs.max_confidentiality
JOIN person p ON p.id = cs.approved_by
WHERE (cc.rank >= 2 OR EXISTS (SELECT 1 FROM cloud_service_asset x
                               JOIN asset a ON a.id = x.asset_id
                               JOIN confidentiality_class c2 ON c2.code = a.confidentiality
                               WHERE x.cloud_service_id = cs.id AND c2.rank >= 2))
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
  AND cs.approved_on IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment ra
    WHERE ra.person_id = cs.approved_by
      AND ra.role = 'permit_authority'
      AND ra.valid_from <= cs.approved_on
      AND (ra.valid_to IS NULL OR ra.valid_to >= cs.approved_on))
