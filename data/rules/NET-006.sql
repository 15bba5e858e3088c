-- id: NET-006
-- clauses: 3(2)①
-- severity: high
-- title: LGWAN接続系とインターネット接続系の間の通信が必要な通信に限定されていない
-- action: 統括情報セキュリティ責任者は両環境間の通信を分離した上で、必要な通信だけを通信経路（IPアドレス）とポート番号で許可する
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, COALESCE(c.from_system_id, c.to_system_id) AS system_id,
       fd.label || 'から' || td.label || 'への接続（目的: ' || cp.label || '）で、'
         || CASE WHEN c.restricted_ip = 0 AND c.restricted_port = 0
                 THEN '通信経路（IPアドレス）もポート番号も'
                 WHEN c.restricted_ip = 0 THEN '通信経路（IPアドレス）が'
                 ELSE 'ポート番号が' END
         || '限定されていない' AS detail
FROM network_connection c
JOIN network_domain fd ON fd.code = c.from_domain
JOIN network_domain td ON td.code = c.to_domain
JOIN connection_purpose cp ON cp.code = c.purpose
WHERE ((c.from_domain = 'lgwan' AND c.to_domain = 'internet')
    OR (c.from_domain = 'internet' AND c.to_domain = 'lgwan'))
  AND (c.restricted_ip = 0 OR c.restricted_port = 0)
