-- id: ORG-018
-- clauses: 1(3)① 1(4)①
-- severity: medium
-- title: 情報セキュリティ責任者・管理者の範囲が条項の定める組織の階層と合わない
-- action: 統括情報セキュリティ責任者は割当ての範囲を正す（情報セキュリティ責任者は部局、情報セキュリティ管理者は課室・出先機関）
-- responsible: toukatsu
SELECT 'role_assignment' AS entity_type, r.id AS entity_id,
       ro.label || '：' || p.name AS entity_label,
       d.id AS department_id, NULL AS system_id,
       '「' || ro.label || '」の割当て ' || r.id || ' の範囲が' || lv.label || '「' || d.name
         || '」になっている。情報セキュリティ責任者は部局の長、情報セキュリティ管理者は課室・出先機関の長を充てる' AS detail
FROM role_assignment r
JOIN person p ON p.id = r.person_id
JOIN role ro ON ro.code = r.role
JOIN department d ON d.id = r.scope_department_id
JOIN department_level lv ON lv.code = d.level
WHERE p.status <> 'retired'
  AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to >= :today)
  AND ((r.role = 'isr' AND d.level <> 'bukyoku')
    OR (r.role = 'ism' AND d.level NOT IN ('kashitsu', 'desaki')))
