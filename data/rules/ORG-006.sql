-- id: ORG-006
-- clauses: 1(3)①
-- severity: high
-- title: 情報セキュリティ責任者のいない部局
-- action: CISO は当該部局の長を情報セキュリティ責任者とし、役割の割当てを登録する
-- responsible: ciso
SELECT 'department' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.id AS department_id, NULL AS system_id,
       '部局「' || d.name || '」に現在有効な情報セキュリティ責任者の割当てがない。'
         || '部局等の情報セキュリティ対策と情報システムに統括的な権限・責任を持つ者がいない' AS detail
FROM department d
WHERE d.level = 'bukyoku'
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
    WHERE r.role = 'isr' AND r.scope_department_id = d.id AND r.valid_from <= :today
      AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
