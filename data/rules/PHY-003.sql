-- id: PHY-003
-- clauses: 4.2(1)④
-- severity: high
-- title: 管理区域に耐震・防火・防水の対策がない
-- action: 統括情報セキュリティ責任者及び情報システム管理者は室内の機器等に転倒・落下防止等の耐震対策、防火措置及び防水措置を講じる
-- responsible: sysm
SELECT 'managed_area' AS entity_type, m.id AS entity_id, m.name AS entity_label,
       m.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       '管理区域に講じられていない対策: '
         || CASE WHEN m.seismic = 0 THEN '・耐震対策' ELSE '' END
         || CASE WHEN m.fire_measures = 0 THEN '・防火措置' ELSE '' END
         || CASE WHEN m.water_measures = 0 THEN '・防水措置' ELSE '' END AS detail
FROM managed_area m
WHERE m.seismic = 0 OR m.fire_measures = 0 OR m.water_measures = 0
