-- id: ACC-012
-- clauses: 6.2(1)③(キ)
-- severity: high
-- title: 特権IDが製品の初期設定の名前のまま
-- action: 情報システム管理者は特権IDを初期設定以外の名前に変更する（初期設定の管理者IDは無効化する）
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」の特権ID ' || a.login
         || ' は製品が初期設定で用意する管理者IDの名前のまま。推測されやすく攻撃の標的になる' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
WHERE a.status = 'active' AND a.privileged = 1
  AND LOWER(a.login) IN ('admin', 'administrator', 'root', 'sa', 'sys', 'system', 'sysadmin',
                         'supervisor', 'superuser', 'manager', 'postgres', 'oracle', 'dba')
