-- id: ORG-005
-- clauses: 1(1)④
-- severity: medium
-- title: 最高情報セキュリティ副責任者（副CISO）が2人以上いる
-- action: CISO は副CISO を1人に定め、ほかの割当てを終了する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な副CISO の割当てが ' || CAST(n.cnt AS TEXT)
         || ' 人にある。副CISO は必要に応じて1人を置く' AS detail
FROM organization o,
     (SELECT COUNT(DISTINCT r.person_id) AS cnt
        FROM role_assignment r JOIN person p ON p.id = r.person_id
       WHERE r.role = 'vice_ciso' AND r.valid_from <= :today
         AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired') n
WHERE n.cnt > 1
