-- id: ORG-015
-- clauses: 1(8)① 4.1(6)
-- severity: low
-- title: CISO と統括情報セキュリティ責任者を同じ者が兼ねている（承認の申請者と承認者が構造的に同一になる）
-- action: 統括情報セキュリティ責任者を CISO とは別の者にする。兼務が止むを得ない（小規模団体等）場合は、その理由と自己承認となる承認（庁外へのサーバ設置等）の扱いを記録する
-- responsible: ciso
SELECT 'person' AS entity_type, p.id AS entity_id, p.name AS entity_label,
       p.department_id AS department_id, NULL AS system_id,
       p.name || 'は CISO と統括情報セキュリティ責任者を兼ねている。統括が申請し CISO が承認する手続'
         || '（庁外へのサーバ等の設置 4.1(6) など）で申請者と承認者が同じ者になる' AS detail
FROM person p
WHERE p.status <> 'retired'
  AND EXISTS (
    SELECT 1 FROM role_assignment r WHERE r.person_id = p.id AND r.role = 'ciso'
      AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to >= :today))
  AND EXISTS (
    SELECT 1 FROM role_assignment r WHERE r.person_id = p.id AND r.role = 'toukatsu'
      AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to >= :today))
