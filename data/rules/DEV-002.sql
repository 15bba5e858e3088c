-- id: DEV-002
-- clauses: 3(1)②(イ)
-- severity: medium
-- title: マイナンバー利用事務系の端末で登録媒体へは利用者が自由に持ち出せる
-- action: 情報システム管理者は媒体の利用を管理者権限を持つ職員がその都度解除する又は管理者のみに許可する設定にする
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       'マイナンバー利用事務系の' || dk.label
         || 'で、電磁的記録媒体の利用設定が「登録媒体のみ」。持ち出しの例外は管理者によるその都度の解除か管理者のみの利用に限られる' AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
LEFT JOIN system s ON s.id = d.system_id
WHERE d.disposed_on IS NULL
  AND d.kind IN ('pc', 'mobile')
  AND (d.domain = 'mynumber' OR s.domain = 'mynumber')
  AND d.usb_policy = 'registered'
