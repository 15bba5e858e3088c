-- id: ORG-013
-- clauses: 9.1(1)
-- severity: medium
-- title: 情報セキュリティ監査統括責任者が複数いる
-- action: CISO は情報セキュリティ監査統括責任者を1人に定め、ほかの割当てを終了する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な情報セキュリティ監査統括責任者の割当てが ' || CAST(n.cnt AS TEXT)
         || ' 人にある。監査実施計画・結果の取りまとめを統括する者は1人でなければならない' AS detail
FROM organization o,
     (SELECT COUNT(DISTINCT r.person_id) AS cnt
        FROM role_assignment r JOIN person p ON p.id = r.person_id
       WHERE r.role = 'audit_chief' AND r.valid_from <= :today
         AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired') n
WHERE n.cnt > 1
