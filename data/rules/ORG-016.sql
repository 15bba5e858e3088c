-- id: ORG-016
-- clauses: 1(7)①
-- severity: high
-- title: 情報セキュリティ委員会の委員がいない
-- action: CISO は情報セキュリティ委員会を設け、委員（CISO、統括情報セキュリティ責任者、情報セキュリティ責任者等）の割当てを登録する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な情報セキュリティ委員会の委員の割当てがない。情報セキュリティポリシー等の重要な事項を決定する場がない' AS detail
FROM organization o
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
  WHERE r.role = 'committee' AND r.valid_from <= :today
    AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
