-- id: NET-013
-- clauses: 4.3① 2(2)①(イ)
-- severity: low
-- title: 接続の記録と情報システム台帳でネットワークの区分が食い違っている
-- action: 統括情報セキュリティ責任者は接続の記録又は情報システム台帳の区分を実態に合わせて直す（三層の分離の判定がこの区分に依る）
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, COALESCE(c.from_system_id, c.to_system_id) AS system_id,
       CASE WHEN fs.id IS NOT NULL AND fs.domain <> c.from_domain
            THEN '接続元の区分が' || fd.label || 'だが、接続元システム「' || fs.name || '」は' || fsd.label
            ELSE '接続先の区分が' || td.label || 'だが、接続先システム「' || ts.name || '」は' || tsd.label END
         || 'である' AS detail
FROM network_connection c
JOIN network_domain fd ON fd.code = c.from_domain
LEFT JOIN network_domain td ON td.code = c.to_domain
LEFT JOIN system fs ON fs.id = c.from_system_id
LEFT JOIN network_domain fsd ON fsd.code = fs.domain
LEFT JOIN system ts ON ts.id = c.to_system_id
LEFT JOIN network_domain tsd ON tsd.code = ts.domain
WHERE (fs.id IS NOT NULL AND fs.domain <> c.from_domain)
   OR (ts.id IS NOT NULL AND c.to_domain IS NOT NULL AND ts.domain <> c.to_domain)
