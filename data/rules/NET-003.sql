-- id: NET-003
-- clauses: 3(1)①
-- severity: high
-- title: マイナンバー利用事務系と外部との通信が特定通信（通信経路とポート番号の限定）になっていない
-- action: 統括情報セキュリティ責任者は通信経路（MAC・IPアドレス）とアプリケーションプロトコル（ポート番号）の両方で通信を限定する
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, c.from_system_id AS system_id,
       'マイナンバー利用事務系から' || ek.label || 'への接続（目的: ' || cp.label || '）で、'
         || CASE WHEN c.restricted_ip = 0 AND c.restricted_port = 0
                 THEN '通信経路（MAC・IPアドレス）もポート番号も'
                 WHEN c.restricted_ip = 0 THEN '通信経路（MAC・IPアドレス）が'
                 ELSE 'アプリケーションプロトコル（ポート番号）が' END
         || '限定されていない' AS detail
FROM network_connection c
JOIN external_kind ek ON ek.code = c.to_external
JOIN connection_purpose cp ON cp.code = c.purpose
WHERE c.from_domain = 'mynumber'
  AND c.to_external IS NOT NULL
  AND (c.restricted_ip = 0 OR c.restricted_port = 0)
