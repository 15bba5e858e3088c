-- id: ORG-010
-- clauses: 1(9)② 1(1)③
-- severity: high
-- title: CSIRT に所属する職員等（CSIRT要員）が選任されていない
-- action: CISO は CSIRT に所属する職員等を選任し（業務統括・外部との連携を行う者を含む）、役割の割当てを登録する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な CSIRT要員の割当てが1件もない（CSIRT責任者だけでは CSIRT の業務統括・外部との連携を担う職員等が定まらない）' AS detail
FROM organization o
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
  WHERE r.role = 'csirt_member' AND r.valid_from <= :today
    AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
