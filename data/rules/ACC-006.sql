-- id: ACC-006
-- clauses: 6.2(1)③(イ) 4.4②
-- severity: high
-- title: 多要素認証を設定していない特権ID
-- action: 情報システム管理者は当該特権IDに多要素認証を設定する
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」の特権ID ' || a.login
         || COALESCE('（利用者 ' || p.name || '）', '')
         || ' に多要素認証が設定されていない。特権の認証情報が窃取された際の被害を最小化する措置がない' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
LEFT JOIN person p ON p.id = a.holder_id
WHERE a.status = 'active' AND a.privileged = 1 AND a.mfa = 0
