-- id: CLD-005
-- clauses: 8.4(2)②
-- severity: medium
-- title: 機密性1のクラウドサービスを承認した者が承認日に所管の情報セキュリティ責任者でない
-- action: 所管部局の情報セキュリティ責任者（又は利用申請の許可権限者）が改めて審査し、承認する
-- responsible: isr
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '「' || cs.name || '」を' || cs.approved_on || 'に承認した「' || p.name || '」'
         || 'は、その日に所管部局の情報セキュリティ責任者でも利用申請の許可権限者でもない' AS detail
FROM cloud_service cs
JOIN confidentiality_class cc ON cc.code = cs.max_confidentiality
JOIN person p ON p.id = cs.approved_by
JOIN department d ON d.id = cs.department_id
LEFT JOIN department d2 ON d2.id = d.parent_id
WHERE NOT (cc.rank >= 2 OR EXISTS (SELECT 1 FROM cloud_service_asset x
                               JOIN asset a ON a.id = x.asset_id
                               JOIN confidentiality_class c2 ON c2.code = a.confidentiality
                               WHERE x.cloud_service_id = cs.id AND c2.rank >= 2))
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
  AND cs.approved_on IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment ra
    WHERE ra.person_id = cs.approved_by
      AND ra.valid_from <= cs.approved_on
      AND (ra.valid_to IS NULL OR ra.valid_to >= cs.approved_on)
      AND (ra.role = 'permit_authority'
           OR (ra.role = 'isr' AND ra.scope_department_id IN (d.id, d.parent_id, d2.parent_id))))
