-- id: SYS-004
-- clauses: 4.4②
-- severity: medium
-- title: ログインに複数の認証情報を求めていない情報システム
-- action: 情報システム管理者は、取り扱う情報の重要度に応じ、パスワードに加えてスマートカード・生体認証等の認証情報を求めるよう設定する
-- responsible: sysm
SELECT 'system' AS entity_type, s.id AS entity_id, s.name AS entity_label,
       s.department_id AS department_id, s.id AS system_id,
       nd.label || 'の情報システム「' || s.name
         || '」のログインに複数の認証情報（多要素認証）が設定されていない（情報システム台帳の mfa が 0）' AS detail
FROM system s
JOIN network_domain nd ON nd.code = s.domain
WHERE s.domain <> 'mynumber' AND s.mfa = 0
