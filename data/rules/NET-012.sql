-- id: NET-012
-- clauses: 6.1(10)① 1(1)⑤
-- severity: high
-- title: 外部ネットワークとの接続の許可者が許可日にCISO・統括情報セキュリティ責任者でない
-- action: 情報システム管理者は権限のある者（CISO又は統括情報セキュリティ責任者）の許可を改めて得る
-- responsible: sysm
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, c.from_system_id AS system_id,
       c.approved_on || 'に許可した「' || p.name || '」'
         || 'は、その日にCISO・副CISO・統括情報セキュリティ責任者のいずれでもない' AS detail
FROM network_connection c
JOIN person p ON p.id = c.approved_by
WHERE c.to_external IS NOT NULL
  AND c.approved_on IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment ra
    WHERE ra.person_id = c.approved_by
      AND ra.role IN ('ciso', 'vice_ciso', 'toukatsu')
      AND ra.valid_from <= c.approved_on
      AND (ra.valid_to IS NULL OR ra.valid_to >= c.approved_on))
