-- id: INC-003
-- clauses: 5.3(1) 5.3(2)
-- severity: high
-- title: インシデントの報告が受領期限を過ぎても受領されていない
-- action: CSIRT責任者は報告先に受領を促し、担い手が不在なら代わりの者へ報告する
-- responsible: csirt_head
-- The due time of each hand-over comes from incident_step{1,2,3}_ack_minutes; a step counts
-- here once its due time lies before the reference day (times are JST text).
SELECT 'incident_step' AS entity_type, s.id AS entity_id,
       i.title || '（' || c.label || '）' AS entity_label,
       i.department_id AS department_id,
       CASE WHEN s.role = 'sysm' THEN s.scope_id END AS system_id,
       'インシデント ' || i.id || '「' || i.title || '」の第' || s.stage || '段階「' || c.label ||
         '」' || CASE WHEN s.scope_name IS NULL THEN '' ELSE '（' || s.scope_name || '）' END ||
         'への報告が受領期限 ' || s.due_at || ' を過ぎても受領されていない' AS detail
FROM incident_step s
JOIN incident i ON i.id = s.incident_id
JOIN incident_chain_role c ON c.stage = s.stage AND c.role = s.role
WHERE i.status <> 'closed'
  AND s.acknowledged_at IS NULL
  AND s.due_at < :today
