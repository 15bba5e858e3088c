-- id: ORG-004
-- clauses: 1(2)①
-- severity: medium
-- title: 統括情報セキュリティ責任者が複数いる
-- action: CISO は統括情報セキュリティ責任者を1人に定め、ほかの割当てを終了する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な統括情報セキュリティ責任者の割当てが ' || CAST(n.cnt AS TEXT)
         || ' 人にある。例文は情報政策担当部長1人を CISO 直属の統括情報セキュリティ責任者とする' AS detail
FROM organization o,
     (SELECT COUNT(DISTINCT r.person_id) AS cnt
        FROM role_assignment r JOIN person p ON p.id = r.person_id
       WHERE r.role = 'toukatsu' AND r.valid_from <= :today
         AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired') n
WHERE n.cnt > 1
