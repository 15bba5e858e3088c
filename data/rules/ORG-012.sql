-- id: ORG-012
-- clauses: 9.1(1)
-- severity: high
-- title: 情報セキュリティ監査統括責任者が指名されていない
-- action: CISO は情報セキュリティ監査統括責任者を指名し、役割の割当てを登録する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な情報セキュリティ監査統括責任者の割当てがない。毎年度の情報セキュリティ監査を行わせる者がいない' AS detail
FROM organization o
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
  WHERE r.role = 'audit_chief' AND r.valid_from <= :today
    AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
