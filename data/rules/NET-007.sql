-- id: NET-007
-- clauses: 3(2)①
-- severity: high
-- title: LGWAN接続系からインターネットへ直接通信している
-- action: 統括情報セキュリティ責任者は当該接続を遮断する（インターネットの利用はインターネット接続系の端末又は画面転送で行い、更新の取得もLGWAN経由等とする）
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, c.from_system_id AS system_id,
       'LGWAN接続系から' || ek.label || 'への接続（目的: ' || cp.label || '、経路: ' || ck.label
         || '）がある。LGWAN接続系はインターネット接続系と分割し、インターネットと直接通信させてはならない' AS detail
FROM network_connection c
JOIN external_kind ek ON ek.code = c.to_external
JOIN connection_purpose cp ON cp.code = c.purpose
JOIN carrier_kind ck ON ck.code = c.via
WHERE c.from_domain = 'lgwan'
  AND (c.to_external = 'internet' OR c.via IN ('internet', 'security_cloud'))
