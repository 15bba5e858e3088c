-- id: ORG-001
-- clauses: 1(1)①
-- severity: critical
-- title: 最高情報セキュリティ責任者（CISO）が置かれていない
-- action: 団体の長は最高情報セキュリティ責任者（例文では副市長）を指名し、役割の割当てを登録する
-- responsible: toukatsu
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な最高情報セキュリティ責任者（CISO）の割当てがない（退職者の割当て・期間外の割当ては数えない）。'
         || 'CISO は全ての情報資産の管理と情報セキュリティ対策について最終決定権限と責任を持つ' AS detail
FROM organization o
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
  WHERE r.role = 'ciso' AND r.valid_from <= :today
    AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
