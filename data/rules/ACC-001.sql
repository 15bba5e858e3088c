-- id: ACC-001
-- clauses: 6.2(1)②(ア) 5.1(1)⑧
-- severity: high
-- title: 退職した職員等のアカウントが有効のまま
-- action: 情報システム管理者はアカウントを停止又は削除する
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」のアカウント ' || a.login || ' の利用者 ' || p.name || '（' || p.id
         || '）は退職' || COALESCE('（' || COALESCE(p.left_on, p.status_since) || '）', '')
         || 'しているが、アカウントが有効のまま' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
JOIN person p ON p.id = a.holder_id
WHERE a.status = 'active' AND p.status = 'retired'
  AND (p.left_on IS NULL OR p.left_on < :today)
