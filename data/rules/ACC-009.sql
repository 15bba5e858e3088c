-- id: ACC-009
-- clauses: 6.2(1)②(ウ)
-- severity: medium
-- title: 長期間使われていないアカウント
-- action: 情報システム管理者は人事管理部門と連携して利用の要否を確認し、不要なアカウントを停止又は削除する
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」のアカウント ' || a.login
         || CASE WHEN a.last_login IS NOT NULL THEN ' の最終ログインが ' || SUBSTR(a.last_login, 1, 10)
                 ELSE ' は ' || a.created_on || ' の作成以来一度もログインがなく' END
         || '、' || CAST(:inactive_account_days AS TEXT) || ' 日以上使われていない' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
WHERE a.status = 'active'
  AND ((a.last_login IS NOT NULL AND a.last_login < :inactive_account_days_cutoff)
    OR (a.last_login IS NULL AND a.created_on IS NOT NULL AND a.created_on < :inactive_account_days_cutoff))
