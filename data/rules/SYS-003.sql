-- id: SYS-003
-- clauses: 3(1)②(ア) 4.4④
-- severity: critical
-- title: 多要素認証を設定していないマイナンバー利用事務系の情報システム
-- action: 情報システム管理者は「知識」「所持」「存在」のうち二つ以上を併用する認証をログインに設定する
-- responsible: sysm
SELECT 'system' AS entity_type, s.id AS entity_id, s.name AS entity_label,
       s.department_id AS department_id, s.id AS system_id,
       'マイナンバー利用事務系の情報システム「' || s.name
         || '」に多要素認証が設定されていない（情報システム台帳の mfa が 0）' AS detail
FROM system s
WHERE s.domain = 'mynumber' AND s.mfa = 0
