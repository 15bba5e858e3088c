-- id: NET-008
-- clauses: 3(3)②
-- severity: high
-- title: インターネット接続系のインターネット通信が自治体情報セキュリティクラウドを経由していない
-- action: 統括情報セキュリティ責任者はインターネットとの通信を自治体情報セキュリティクラウドに集約する
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, c.from_system_id AS system_id,
       'インターネット接続系からインターネットへの接続（目的: ' || cp.label || '）の経路が「' || ck.label
         || '」で、自治体情報セキュリティクラウドを経由していない' AS detail
FROM network_connection c
JOIN connection_purpose cp ON cp.code = c.purpose
JOIN carrier_kind ck ON ck.code = c.via
WHERE c.from_domain = 'internet'
  AND c.to_external = 'internet'
  AND c.via NOT IN ('security_cloud', 'local_breakout')
