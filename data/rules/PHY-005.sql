-- id: PHY-005
-- clauses: 4.2(2)①
-- severity: medium
-- title: 管理区域への入室を許可された者が登録されていない
-- action: 情報システム管理者は入退室を許可する者を定めて登録する
-- responsible: sysm
SELECT 'managed_area' AS entity_type, m.id AS entity_id, m.name AS entity_label,
       m.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       '管理区域への入室を許可された者が一人も登録されておらず、入室を許可された者に限っていることを確かめられない' AS detail
FROM managed_area m
WHERE NOT EXISTS (SELECT 1 FROM managed_area_permit ap WHERE ap.area_id = m.id)
