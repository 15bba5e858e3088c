-- id: DEV-003
-- clauses: 3(1)②(ア) 4.4④
-- severity: high
-- title: マイナンバー利用事務系の端末に多要素認証が設定されていない
-- action: 情報システム管理者は「知識」「所持」「存在」のうち二つ以上を併用する認証を設定する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       'マイナンバー利用事務系の' || dk.label || 'に多要素認証が設定されていない' AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
LEFT JOIN system s ON s.id = d.system_id
WHERE d.disposed_on IS NULL
  AND d.kind IN ('pc', 'mobile')
  AND (d.domain = 'mynumber' OR s.domain = 'mynumber')
  AND d.mfa = 0
