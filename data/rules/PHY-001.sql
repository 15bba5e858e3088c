-- id: PHY-001
-- clauses: 4.2(2)①
-- severity: high
-- title: 管理区域に入退室管理の仕組みがない
-- action: 情報システム管理者はICカード、生体認証又は入退室管理簿により入退室を管理する
-- responsible: sysm
SELECT 'managed_area' AS entity_type, m.id AS entity_id, m.name AS entity_label,
       m.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       '管理区域の入退室管理が「なし」で、許可された者だけに入室を制限できない' AS detail
FROM managed_area m
WHERE m.access_control = 'none'
