-- id: INC-001
-- clauses: 7.3(2) 5.3(1)
-- severity: high
-- title: 緊急連絡網（インシデントの報告経路）の役割に現在の担い手がいない
-- action: CISO は役割の担い手を指名し、緊急時対応計画の関係者の連絡先を最新にする
-- responsible: ciso
-- The positions are those src/incident/incident_contacts.c lists (副CISO is optional): an
-- incident reported today would reach nobody at that point of the chain of 5.3(1).
SELECT CASE pos.kind WHEN 'org' THEN 'role' WHEN 'dept' THEN 'department' ELSE 'system' END
         AS entity_type,
       COALESCE(pos.scope_id, pos.role) AS entity_id,
       COALESCE(pos.scope_name, r.label) AS entity_label,
       CASE WHEN pos.kind = 'dept' THEN pos.scope_id END AS department_id,
       CASE WHEN pos.kind = 'system' THEN pos.scope_id END AS system_id,
       '緊急連絡網の「' || r.label || '」' ||
         CASE WHEN pos.scope_name IS NULL THEN '' ELSE '（' || pos.scope_name || '）' END ||
         'に現在の担い手がいないため、インシデントの報告が届かない' AS detail
FROM (
  SELECT 'org' AS kind, 'ciso' AS role, CAST(NULL AS TEXT) AS scope_id,
         CAST(NULL AS TEXT) AS scope_name
  UNION ALL SELECT 'org', 'toukatsu', NULL, NULL
  UNION ALL SELECT 'org', 'csirt_head', NULL, NULL
  UNION ALL SELECT 'org', 'csirt_member', NULL, NULL
  UNION ALL SELECT 'dept', 'isr', d.id, d.name FROM department d WHERE d.level = 'bukyoku'
  UNION ALL SELECT 'dept', 'ism', d.id, d.name FROM department d
            WHERE d.level IN ('kashitsu', 'desaki')
  UNION ALL SELECT 'system', 'sysm', s.id, s.name FROM system s
) pos
JOIN role r ON r.code = pos.role
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment ra
  WHERE ra.role = pos.role
    AND ra.valid_from <= :today AND (ra.valid_to IS NULL OR ra.valid_to >= :today)
    AND ((pos.scope_id IS NULL AND ra.scope_type = 'organization')
         OR COALESCE(ra.scope_department_id, ra.scope_system_id) = pos.scope_id))
