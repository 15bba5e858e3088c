-- id: INC-001
-- clauses: 7.3(2) 5.3(1)
-- severity: high
-- title: 緊急連絡網（インシデントの報告経路）の役割に現在の担い手がいない
-- action: CISO は役割の担い手を指名し、緊急時対応計画の関係者の連絡先を最新にする
-- responsible: ciso
-- The positions are those src/incident/incident_contacts.c lists (副CISO is optional): an
-- incident reported today would reach nobody at that point of the chain of 5.3(1).
SELECT 'role' AS entity_type, pos.role AS entity_id, r.label AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '緊急連絡網の「' || r.label || '」に現在の担い手がいないため、インシデントの報告が届かない'
         AS detail
FROM (SELECT 'ciso' AS role UNION ALL SELECT 'toukatsu' UNION ALL SELECT 'csirt_head'
      UNION ALL SELECT 'csirt_member') pos
JOIN role r ON r.code = pos.role
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment ra
  WHERE ra.role = pos.role AND ra.scope_type = 'organization'
    AND ra.valid_from <= :today AND (ra.valid_to IS NULL OR ra.valid_to >= :today))
UNION ALL
SELECT 'department', d.id, d.name, d.id, NULL,
       '緊急連絡網の「' || r.label || '」（' || d.name || '）に現在の担い手がいないため、' ||
         'インシデントの報告が届かない'
FROM department d
JOIN role r ON r.code = CASE WHEN d.level = 'bukyoku' THEN 'isr' ELSE 'ism' END
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment ra
  WHERE ra.scope_department_id = d.id AND ra.role = r.code
    AND ra.valid_from <= :today AND (ra.valid_to IS NULL OR ra.valid_to >= :today))
UNION ALL
SELECT 'system', s.id, s.name, NULL, s.id,
       '緊急連絡網の「' || r.label || '」（' || s.name || '）に現在の担い手がいないため、' ||
         'インシデントの報告が届かない'
FROM system s
JOIN role r ON r.code = 'sysm'
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment ra
  WHERE ra.scope_system_id = s.id AND ra.role = 'sysm'
    AND ra.valid_from <= :today AND (ra.valid_to IS NULL OR ra.valid_to >= :today))
