-- id: INC-002
-- clauses: 7.3(2) 5.3(1) 5.1(1)⑧
-- severity: high
-- title: 緊急連絡網（インシデントの報告経路）の担い手が退職・異動している
-- action: CISO は後任を指名して割当てを終了し、緊急時対応計画の関係者の連絡先を最新にする
-- responsible: ciso
SELECT 'role_assignment' AS entity_type, ra.id AS entity_id,
       r.label || ' ' || p.name AS entity_label,
       ra.scope_department_id AS department_id, ra.scope_system_id AS system_id,
       '緊急連絡網の「' || r.label || '」' ||
         CASE WHEN COALESCE(d.name, s.name) IS NULL THEN ''
              ELSE '（' || COALESCE(d.name, s.name) || '）' END ||
         'の担い手 ' || p.name || '（' || p.id || '）は' || ps.label ||
         'しているため、インシデントの報告が届かない' AS detail
FROM role_assignment ra
JOIN person p ON p.id = ra.person_id
JOIN person_status ps ON ps.code = p.status
JOIN role r ON r.code = ra.role
LEFT JOIN department d ON d.id = ra.scope_department_id
LEFT JOIN system s ON s.id = ra.scope_system_id
WHERE ra.role IN ('ciso', 'vice_ciso', 'toukatsu', 'csirt_head', 'csirt_member', 'isr', 'ism',
                  'sysm')
  AND ra.valid_from <= :today AND (ra.valid_to IS NULL OR ra.valid_to >= :today)
  AND p.status <> 'active'
