-- id: AST-005
-- clauses: 2(2)①(ア)
-- severity: medium
-- title: 管理者が登録されていない情報資産
-- action: 情報セキュリティ管理者は所管する課室の情報資産台帳に自らを管理者として登録する
-- responsible: ism
SELECT 'asset' AS entity_type, a.id AS entity_id, a.name AS entity_label,
       a.department_id AS department_id, a.system_id AS system_id,
       '情報資産「' || a.name || '」（' || d.name || '）の管理者が台帳に登録されていない。'
         || '所管する情報資産の管理責任は情報セキュリティ管理者が負う' AS detail
FROM asset a
JOIN department d ON d.id = a.department_id
WHERE a.manager_id IS NULL
