-- id: ACC-002
-- clauses: 6.2(1)②(ア) 6.2(1)②(エ) 5.1(1)⑧
-- severity: high
-- title: 異動・出向した職員等のアカウントが有効のまま
-- action: 情報システム管理者はアカウントを停止又は削除し、引き続き必要な場合は新しい所属での利用申請に基づいて登録し直す
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」のアカウント ' || a.login || ' の利用者 ' || p.name || '（' || p.id
         || '）は異動' || COALESCE('（' || p.status_since || '）', '')
         || 'により業務を離れているが、アカウントが有効のまま' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
JOIN person p ON p.id = a.holder_id
WHERE a.status = 'active' AND p.status = 'transferred'
