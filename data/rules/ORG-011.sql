-- id: ORG-011
-- clauses: 1(9)②
-- severity: medium
-- title: CSIRT責任者が複数いる
-- action: CISO は CSIRT責任者を1人に定め、ほかの者は CSIRT要員とする
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な CSIRT責任者の割当てが ' || CAST(n.cnt AS TEXT)
         || ' 人にある。CSIRT 所属の職員等の中から CSIRT責任者を置く' AS detail
FROM organization o,
     (SELECT COUNT(DISTINCT r.person_id) AS cnt
        FROM role_assignment r JOIN person p ON p.id = r.person_id
       WHERE r.role = 'csirt_head' AND r.valid_from <= :today
         AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired') n
WHERE n.cnt > 1
