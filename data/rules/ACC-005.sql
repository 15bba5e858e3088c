-- id: ACC-005
-- clauses: 5.4(2)② 6.2(1)②(ア)
-- severity: medium
-- title: 責任者が登録されていない共用アカウント
-- action: 情報システム管理者は共用アカウントの責任者（利用者を管理する所属長等）を登録する。不要なら停止又は削除する
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」の共用アカウント ' || a.login
         || ' に責任者が登録されていない。共用 ID の利用者を限ることができない' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
WHERE a.status = 'active' AND a.shared = 1 AND a.holder_id IS NULL
