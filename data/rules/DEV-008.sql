-- id: DEV-008
-- clauses: 4.4①
-- severity: high
-- title: 執務室のパソコンがワイヤーで固定されていない
-- action: 情報システム管理者は盗難防止のためパソコンをワイヤーで固定する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       '執務室で利用するパソコンがワイヤーで固定されていない' AS detail
FROM device d
WHERE d.disposed_on IS NULL
  AND d.kind = 'pc'
  AND d.location = 'office'
  AND d.wire_locked = 0
