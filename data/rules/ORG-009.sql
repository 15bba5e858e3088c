-- id: ORG-009
-- clauses: 1(9)② 1(1)③
-- severity: high
-- title: CSIRT責任者が置かれていない
-- action: CISO は CSIRT に所属する職員等の中から CSIRT責任者を置き、役割の割当てを登録する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な CSIRT責任者の割当てがない。情報セキュリティインシデントに対処する体制の責任者がいない' AS detail
FROM organization o
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
  WHERE r.role = 'csirt_head' AND r.valid_from <= :today
    AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
