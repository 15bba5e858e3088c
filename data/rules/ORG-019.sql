-- id: ORG-019
-- clauses: 8.3(1)③ 8.3(5)② 1(10)
-- severity: high
-- title: クラウドサービスを利用しているのに利用申請の許可権限者がいない
-- action: 統括情報セキュリティ責任者はクラウドサービスの利用申請の許可権限者（例：情報政策担当課長）を定め、役割の割当てを登録する
-- responsible: toukatsu
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       NULL AS department_id, NULL AS system_id,
       'クラウド上の情報システム・機密性２以上のクラウドサービスが ' || CAST(n.cnt AS TEXT)
         || ' 件あるが、現在有効な利用申請の許可権限者の割当てがない。クラウドサービスの利用申請を審査し許可する者がいない' AS detail
FROM organization o,
     (SELECT (SELECT COUNT(*) FROM system s WHERE s.hosting IN ('gov_cloud', 'other_cloud'))
           + (SELECT COUNT(*) FROM cloud_service c
               WHERE c.max_confidentiality <> '1' AND (c.use_end IS NULL OR c.use_end >= :today)) AS cnt) n
WHERE n.cnt > 0
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
    WHERE r.role = 'permit_authority' AND r.valid_from <= :today
      AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
