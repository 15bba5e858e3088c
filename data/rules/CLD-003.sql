-- id: CLD-003
-- clauses: 1(8)① 8.3(5)②
-- severity: high
-- title: クラウドサービスの利用申請者が自ら承認している
-- action: 利用申請の許可権限者（申請者以外）が改めて審査し、承認する
-- responsible: permit_authority
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '「' || cs.name || '」の利用申請者「' || p.name || '」が承認者を兼ねている（申請者と承認者の兼務の禁止）' AS detail
FROM cloud_service cs
JOIN person p ON p.id = cs.requested_by
WHERE cs.approved_by = cs.requested_by
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
