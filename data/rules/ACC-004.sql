-- id: ACC-004
-- clauses: 6.2(1)②(ア) 6.2(1)②(ウ) 5.4(2)①
-- severity: high
-- title: 利用者が登録されていない個人用アカウント
-- action: 情報システム管理者は利用者を確認して登録する。利用者が確認できなければアカウントを停止又は削除する
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」の共用でないアカウント ' || a.login
         || ' に利用者が登録されていない。誰が使っているか分からない ID が有効のまま' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
WHERE a.status = 'active' AND a.shared = 0 AND a.holder_id IS NULL
