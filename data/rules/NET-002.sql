-- id: NET-002
-- clauses: 3(1)①
-- severity: high
-- title: マイナンバー利用事務系と他の領域の間の画面転送が通信経路・ポートで限定されていない
-- action: 統括情報セキュリティ責任者は画面転送の通信をMAC・IPアドレスとポート番号で限定する（特定通信とする）
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, COALESCE(c.from_system_id, c.to_system_id) AS system_id,
       fd.label || 'から' || td.label || 'への画面転送で、'
         || CASE WHEN c.restricted_ip = 0 AND c.restricted_port = 0
                 THEN '通信経路（MAC・IPアドレス）もポート番号も'
                 WHEN c.restricted_ip = 0 THEN '通信経路（MAC・IPアドレス）が'
                 ELSE 'アプリケーションプロトコル（ポート番号）が' END
         || '限定されていない' AS detail
FROM network_connection c
JOIN network_domain fd ON fd.code = c.from_domain
JOIN network_domain td ON td.code = c.to_domain
WHERE ((c.from_domain = 'mynumber' AND c.to_domain IN ('lgwan', 'internet'))
    OR (c.to_domain = 'mynumber' AND c.from_domain IN ('lgwan', 'internet')))
  AND c.purpose = 'screen_transfer'
  AND (c.restricted_ip = 0 OR c.restricted_port = 0)
