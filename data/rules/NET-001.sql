-- id: NET-001
-- clauses: 3(1)①
-- severity: critical
-- title: マイナンバー利用事務系と他の領域（LGWAN接続系・インターネット接続系）の間に画面転送以外の通信がある
-- action: 統括情報セキュリティ責任者は当該通信を遮断する（他の領域との接続は信頼される特定先への画面転送に限る）
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, COALESCE(c.from_system_id, c.to_system_id) AS system_id,
       fd.label || 'から' || td.label || 'への接続（目的: ' || cp.label
         || '）があり、画面転送ではない。マイナンバー利用事務系は他の領域と通信できないようにしなければならない' AS detail
FROM network_connection c
JOIN network_domain fd ON fd.code = c.from_domain
JOIN network_domain td ON td.code = c.to_domain
JOIN connection_purpose cp ON cp.code = c.purpose
WHERE ((c.from_domain = 'mynumber' AND c.to_domain IN ('lgwan', 'internet'))
    OR (c.to_domain = 'mynumber' AND c.from_domain IN ('lgwan', 'internet')))
  AND c.purpose <> 'screen_transfer'
