-- id: NET-009
-- clauses: 6.1(8)③ 3(1)①
-- severity: medium
-- title: マイナンバー利用事務系・LGWAN接続系へのリモート保守が通信経路・ポートで限定されていない
-- action: 統括情報セキュリティ責任者はリモート保守の通信を接続元のIPアドレスとポート番号で限定する（特定通信とする）
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, COALESCE(c.from_system_id, c.to_system_id) AS system_id,
       fd.label || 'のリモート保守の接続で、'
         || CASE WHEN c.restricted_ip = 0 AND c.restricted_port = 0
                 THEN '通信経路（IPアドレス）もポート番号も'
                 WHEN c.restricted_ip = 0 THEN '通信経路（IPアドレス）が'
                 ELSE 'ポート番号が' END
         || '限定されていない' AS detail
FROM network_connection c
JOIN network_domain fd ON fd.code =
     CASE WHEN c.from_domain IN ('mynumber', 'lgwan') THEN c.from_domain ELSE c.to_domain END
WHERE c.purpose = 'remote_maintenance'
  AND (c.from_domain IN ('mynumber', 'lgwan') OR c.to_domain IN ('mynumber', 'lgwan'))
  AND (c.restricted_ip = 0 OR c.restricted_port = 0)
