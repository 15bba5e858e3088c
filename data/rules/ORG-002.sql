-- id: ORG-002
-- clauses: 1(1)①
-- severity: high
-- title: 最高情報セキュリティ責任者（CISO）が複数いる
-- action: 団体の長は CISO を1人に定め、ほかの割当てを終了する（補佐する者は副CISO として置く）
-- responsible: toukatsu
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な CISO の割当てが ' || CAST(n.cnt AS TEXT)
         || ' 人にある。最終決定権限と責任を持つ者は1人でなければならない' AS detail
FROM organization o,
     (SELECT COUNT(DISTINCT r.person_id) AS cnt
        FROM role_assignment r JOIN person p ON p.id = r.person_id
       WHERE r.role = 'ciso' AND r.valid_from <= :today
         AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired') n
WHERE n.cnt > 1
