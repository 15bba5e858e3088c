-- id: AST-006
-- clauses: 2(2)①(ア) 1(4)②
-- severity: medium
-- title: 情報資産の管理者が所管課室の現在の情報セキュリティ管理者でない
-- action: 情報セキュリティ管理者は台帳の管理者を自らに改める（異動・退職した前任者の名前が残っていないか確かめる）
-- responsible: ism
SELECT 'asset' AS entity_type, a.id AS entity_id, a.name AS entity_label,
       a.department_id AS department_id, a.system_id AS system_id,
       '情報資産「' || a.name || '」の管理者 ' || m.name || '（' || m.id || '）は「' || d.name
         || '」の現在の情報セキュリティ管理者ではない。所管する情報資産の管理責任は情報セキュリティ管理者が負う' AS detail
FROM asset a
JOIN department d ON d.id = a.department_id
JOIN person m ON m.id = a.manager_id
WHERE EXISTS (
    SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
    WHERE r.role = 'ism' AND r.scope_department_id = a.department_id AND r.valid_from <= :today
      AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment r
    WHERE r.role = 'ism' AND r.scope_department_id = a.department_id AND r.person_id = a.manager_id
      AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to >= :today)
      AND m.status <> 'retired')
