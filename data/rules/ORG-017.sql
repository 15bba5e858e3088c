-- id: ORG-017
-- clauses: 1(1)① 1(2)① 1(3)① 1(4)① 1(5)① 9.1(1)
-- severity: medium
-- title: 委託先要員が団体の責任者の役割を持っている
-- action: 統括情報セキュリティ責任者は当該割当てを終了し、条項が定める団体の職（部局長・課室長等）にある職員を指名させる
-- responsible: toukatsu
SELECT 'role_assignment' AS entity_type, r.id AS entity_id,
       ro.label || '：' || p.name AS entity_label,
       COALESCE(r.scope_department_id, s.department_id, p.department_id) AS department_id,
       r.scope_system_id AS system_id,
       p.name || '（' || p.id || '）は委託先要員だが「' || ro.label
         || '」に割り当てられている。この役割は副市長・部局長・課室長など団体の職にある者が担う' AS detail
FROM role_assignment r
JOIN person p ON p.id = r.person_id
JOIN role ro ON ro.code = r.role
LEFT JOIN system s ON s.id = r.scope_system_id
WHERE p.employment = 'contractor' AND p.status <> 'retired'
  AND r.role IN ('ciso', 'vice_ciso', 'toukatsu', 'isr', 'ism', 'sysm', 'csirt_head',
                 'audit_chief', 'permit_authority', 'cloud_manager')
  AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to >= :today)
