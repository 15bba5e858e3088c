-- id: NET-004
-- clauses: 3(1)①
-- severity: critical
-- title: マイナンバー利用事務系の通信がインターネットに出ている
-- action: 統括情報セキュリティ責任者は当該接続を遮断する（インターネットに接続された公的機関のシステムとの通信はLGWAN経由に限る。更新の取得もインターネットから直接行わない）
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, COALESCE(c.from_system_id, c.to_system_id) AS system_id,
       'マイナンバー利用事務系の接続（目的: ' || cp.label || '）が'
         || CASE WHEN c.to_external = 'internet' THEN 'インターネットを接続先とし、'
                 ELSE '' END
         || '経路が「' || ck.label || '」である。マイナンバー利用事務系とその外部接続先はインターネット等と接続してはならない' AS detail
FROM network_connection c
JOIN connection_purpose cp ON cp.code = c.purpose
JOIN carrier_kind ck ON ck.code = c.via
WHERE (c.from_domain = 'mynumber' OR c.to_domain = 'mynumber')
  AND (c.to_external = 'internet' OR c.via IN ('internet', 'local_breakout', 'security_cloud'))
