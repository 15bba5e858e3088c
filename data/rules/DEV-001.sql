-- id: DEV-001
-- clauses: 3(1)②(イ)
-- severity: high
-- title: マイナンバー利用事務系の端末で電磁的記録媒体への持ち出しが制限されていない
-- action: 情報システム管理者はUSBメモリ等への書き出しを使用不可とし、例外は管理者権限を持つ職員がその都度解除する設定にする
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       'マイナンバー利用事務系の' || dk.label || 'で、電磁的記録媒体の利用設定が'
         || CASE WHEN d.usb_policy IS NULL THEN '記録されていない'
                 ELSE '「' || up.label || '」になっている' END AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
LEFT JOIN usb_policy up ON up.code = d.usb_policy
LEFT JOIN system s ON s.id = d.system_id
WHERE d.disposed_on IS NULL
  AND d.kind IN ('pc', 'mobile')
  AND (d.domain = 'mynumber' OR s.domain = 'mynumber')
  AND (d.usb_policy IS NULL OR d.usb_policy = 'open')
