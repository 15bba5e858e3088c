-- id: ORG-003
-- clauses: 1(2)①
-- severity: high
-- title: 統括情報セキュリティ責任者が置かれていない
-- action: CISO 直属の統括情報セキュリティ責任者（例文では情報政策担当部長）を置き、役割の割当てを登録する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '現在有効な統括情報セキュリティ責任者の割当てがない。ネットワーク全体の対策、緊急連絡網、'
         || 'CISO 不在時の措置などを担う者がいない' AS detail
FROM organization o
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
  WHERE r.role = 'toukatsu' AND r.valid_from <= :today
    AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
