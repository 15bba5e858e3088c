-- id: ORG-008
-- clauses: 5.1(1)⑧ 1(2)⑦
-- severity: high
-- title: 退職・異動した者が役割を持ったまま
-- action: 統括情報セキュリティ責任者は割当てを終了し（valid_to を設定）、後任を指名させる
-- responsible: toukatsu
SELECT 'role_assignment' AS entity_type, r.id AS entity_id,
       ro.label || '：' || p.name AS entity_label,
       COALESCE(r.scope_department_id, s.department_id, p.department_id) AS department_id,
       r.scope_system_id AS system_id,
       p.name || '（' || p.id || '）は' || ps.label
         || COALESCE('（' || p.status_since || '）', '') || 'だが、「' || ro.label
         || '」の割当て ' || r.id || ' が終了していない' AS detail
FROM role_assignment r
JOIN person p ON p.id = r.person_id
JOIN person_status ps ON ps.code = p.status
JOIN role ro ON ro.code = r.role
LEFT JOIN system s ON s.id = r.scope_system_id
WHERE (p.status = 'transferred'
       OR (p.status = 'retired' AND (p.left_on IS NULL OR p.left_on < :today)))
  AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to >= :today)
