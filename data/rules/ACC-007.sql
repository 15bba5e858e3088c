-- id: ACC-007
-- clauses: 3(1)②(ア) 4.4④
-- severity: critical
-- title: 多要素認証を設定していないマイナンバー利用事務系のアカウント
-- action: 情報システム管理者は当該アカウントに「知識」「所持」「存在」のうち二つ以上を併用する認証を設定する
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       'マイナンバー利用事務系の情報システム「' || s.name || '」のアカウント ' || a.login
         || COALESCE('（利用者 ' || p.name || '）', '') || ' に多要素認証が設定されていない' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
LEFT JOIN person p ON p.id = a.holder_id
WHERE a.status = 'active' AND s.domain = 'mynumber' AND a.mfa = 0
