-- id: NET-010
-- clauses: 6.1(8)③ 3(1)①
-- severity: medium
-- title: マイナンバー利用事務系・LGWAN接続系へのリモート保守が閉域網を通っていない
-- action: 統括情報セキュリティ責任者はリモート保守の経路を閉域のIP-VPN、専用線又はLGWANに切り替える
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, COALESCE(c.from_system_id, c.to_system_id) AS system_id,
       fd.label || 'のリモート保守の経路が「' || ck.label
         || '」で、閉域網（閉域IP-VPN・専用線・LGWAN）ではない' AS detail
FROM network_connection c
JOIN carrier_kind ck ON ck.code = c.via
JOIN network_domain fd ON fd.code =
     CASE WHEN c.from_domain IN ('mynumber', 'lgwan') THEN c.from_domain ELSE c.to_domain END
WHERE c.purpose = 'remote_maintenance'
  AND (c.from_domain IN ('mynumber', 'lgwan') OR c.to_domain IN ('mynumber', 'lgwan'))
  AND c.via NOT IN ('ip_vpn', 'dedicated_line', 'lgwan')
