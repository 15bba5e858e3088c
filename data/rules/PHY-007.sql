-- id: PHY-007
-- clauses: 4.2(2)④
-- severity: high
-- title: 機密性2以上のシステムがある管理区域に私物の機器が持ち込まれている
-- action: 情報システム管理者は私物の機器を管理区域から持ち出させ、持ち込みを禁止する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       '私物の' || dk.label || 'が、機密性2以上の情報資産を扱うシステムを設置した管理区域「' || m.name
         || '」にある' AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
JOIN managed_area m ON m.id = d.area_id
WHERE d.disposed_on IS NULL
  AND d.ownership = 'personal'
  AND EXISTS (
    SELECT 1 FROM device d2
    JOIN asset a ON a.system_id = d2.system_id
    JOIN confidentiality_class cc ON cc.code = a.confidentiality
    WHERE d2.area_id = d.area_id AND d2.id <> d.id AND d2.disposed_on IS NULL AND cc.rank >= 2)
