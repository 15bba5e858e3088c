-- id: ORG-014
-- clauses: 1(8)② 9.1(2)①
-- severity: low
-- title: 情報セキュリティ監査統括責任者が全庁の対策に責任を持つ役割（CISO・副CISO・統括情報セキュリティ責任者）を兼ねている
-- action: CISO は監査統括責任者に、全庁の情報セキュリティ対策の実施に責任を持たない者を指名する（止むを得ない場合は理由を記録する）
-- responsible: ciso
SELECT 'person' AS entity_type, p.id AS entity_id, p.name AS entity_label,
       p.department_id AS department_id, NULL AS system_id,
       p.name || 'は情報セキュリティ監査統括責任者であり、同時に「' || ro.label
         || '」でもある。全庁の対策の責任者は監査を受ける者であり、監査する側と兼ねると監査の客観性が担保されない' AS detail
FROM person p
JOIN role ro ON ro.code = (
  SELECT MIN(r2.role) FROM role_assignment r2
  WHERE r2.person_id = p.id AND r2.role IN ('ciso', 'vice_ciso', 'toukatsu')
    AND r2.valid_from <= :today AND (r2.valid_to IS NULL OR r2.valid_to >= :today))
WHERE p.status <> 'retired'
  AND EXISTS (
    SELECT 1 FROM role_assignment r WHERE r.person_id = p.id AND r.role = 'audit_chief'
      AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to >= :today))
