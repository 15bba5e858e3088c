-- id: ORG-007
-- clauses: 1(4)① 2(2)①(ア)
-- severity: high
-- title: 情報セキュリティ管理者のいない課室・出先機関
-- action: 情報セキュリティ責任者は当該課室等の長を情報セキュリティ管理者とし、役割の割当てを登録する
-- responsible: isr
SELECT 'department' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.id AS department_id, NULL AS system_id,
       lv.label || '「' || d.name || '」に現在有効な情報セキュリティ管理者の割当てがない。'
         || '課室等の情報セキュリティ対策と所管する情報資産の管理に責任を持つ者がいない' AS detail
FROM department d
JOIN department_level lv ON lv.code = d.level
WHERE d.level IN ('kashitsu', 'desaki')
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
    WHERE r.role = 'ism' AND r.scope_department_id = d.id AND r.valid_from <= :today
      AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
