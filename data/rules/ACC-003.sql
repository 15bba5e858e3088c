-- id: ACC-003
-- clauses: 6.2(1)②(ウ)
-- severity: medium
-- title: 長期の休職者のアカウントが有効のまま
-- action: 情報システム管理者は人事管理部門と連携して、休職期間中のアカウントを停止する（復職時に再開する）
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」のアカウント ' || a.login || ' の利用者 ' || p.name || '（' || p.id
         || '）は' || COALESCE(p.status_since || 'から', '') || '休職中で、'
         || CAST(:inactive_account_days AS TEXT) || ' 日を超えて利用されないアカウントが有効のまま' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
JOIN person p ON p.id = a.holder_id
WHERE a.status = 'active' AND p.status = 'on_leave'
  AND (p.status_since IS NULL OR p.status_since <= :inactive_account_days_cutoff)
