-- id: INC-004
-- clauses: 5.3(1)④ 1(9)⑤
-- severity: high
-- title: インシデントの対外対応（報告・通知・連絡）が期限を過ぎても済んでいない
-- action: CSIRT責任者は報告・通知・連絡を済ませて記録する（mamori incident duty）
-- responsible: csirt_head
-- Due dates are computed by the incident engine from the triage and the local parameters
-- (総務省・都道府県・個人情報保護委員会の速報と確報・本人通知・警察・報道機関・事業者・報告者).
SELECT 'incident_duty' AS entity_type, d.id AS entity_id,
       i.title || '（' || k.label || '）' AS entity_label,
       i.department_id AS department_id, NULL AS system_id,
       'インシデント ' || i.id || '「' || i.title || '」の' || k.label || 'が期限 ' || d.due_at ||
         ' を過ぎても済んでいない（根拠: ' || d.basis || '）' AS detail
FROM incident_duty d
JOIN incident i ON i.id = d.incident_id
JOIN incident_duty_kind k ON k.code = d.kind
WHERE d.done_at IS NULL
  AND d.due_at < :today
