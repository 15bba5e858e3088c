-- id: PHY-002
-- clauses: 4.2(1)③
-- severity: high
-- title: 管理区域が施錠されていない
-- action: 統括情報セキュリティ責任者及び情報システム管理者は施設管理部門と連携し、外部に通ずるドアを施錠して許可のない立入りを防ぐ
-- responsible: sysm
SELECT 'managed_area' AS entity_type, m.id AS entity_id, m.name AS entity_label,
       m.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       '管理区域が施錠されていない' AS detail
FROM managed_area m
WHERE m.locked = 0
