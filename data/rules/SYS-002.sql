-- id: SYS-002
-- clauses: 1(5)①
-- severity: medium
-- title: 情報システム管理者が2人以上いる情報システム
-- action: 情報セキュリティ責任者は当該システムの情報システム管理者を1人（担当課室長等）に定め、ほかの者は情報システム担当者とする
-- responsible: isr
SELECT 'system' AS entity_type, s.id AS entity_id, s.name AS entity_label,
       s.department_id AS department_id, s.id AS system_id,
       '情報システム「' || s.name || '」に現在有効な情報システム管理者が ' || CAST(n.cnt AS TEXT)
         || ' 人いる。情報システム管理者はシステムごとに担当課室長等1人とし、責任の所在を一つにする' AS detail
FROM system s
JOIN (SELECT r.scope_system_id AS system_id, COUNT(DISTINCT r.person_id) AS cnt
        FROM role_assignment r JOIN person p ON p.id = r.person_id
       WHERE r.role = 'sysm' AND r.valid_from <= :today
         AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired'
       GROUP BY r.scope_system_id) n ON n.system_id = s.id
WHERE n.cnt > 1
