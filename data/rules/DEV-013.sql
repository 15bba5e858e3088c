-- id: DEV-013
-- clauses: 4.2(1)① 4.1(1)
-- severity: medium
-- title: 庁内のサーバが管理区域に置かれていない
-- action: 情報システム管理者はサーバを管理区域（情報システム室等）に移し、設置場所の管理区域を記録する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       CASE WHEN d.location = 'office' THEN 'サーバが執務室に置かれている'
            ELSE 'サーバの設置場所が管理区域とされているが、どの管理区域か記録されていない' END AS detail
FROM device d
WHERE d.disposed_on IS NULL
  AND d.kind = 'server'
  AND (d.location = 'office' OR (d.location = 'managed_area' AND d.area_id IS NULL))
