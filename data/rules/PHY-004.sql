-- id: PHY-004
-- clauses: 4.2(1)②
-- severity: medium
-- title: 管理区域が地階又は1階にある
-- action: 統括情報セキュリティ責任者及び情報システム管理者は管理区域を2階以上に移す（移せない間は浸水・侵入への対策を強化する）
-- responsible: toukatsu
-- requires: 4.2(1)②
SELECT 'managed_area' AS entity_type, m.id AS entity_id, m.name AS entity_label,
       m.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       '管理区域が' || CASE WHEN m.floor < 1 THEN '地階' ELSE '1階' END
         || '（階: ' || CAST(m.floor AS TEXT) || '）にある' AS detail
FROM managed_area m
WHERE m.floor IS NOT NULL AND m.floor < 2
