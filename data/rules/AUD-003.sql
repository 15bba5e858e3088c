-- id: AUD-003
-- clauses: 9.1(2)① 1(8)②
-- severity: high
-- title: 被監査部門に所属する者が、止むを得ない理由の記録なしに監査チームにいる
-- action: 情報セキュリティ監査統括責任者は独立した者に監査を依頼し直すか、止むを得ない理由を記録する
-- responsible: audit_chief
-- mamori audit team add はこの場合を断るが、取込みや直接の変更で入ったデータも見つける。
-- 部局・課室を対象とする計画で、チームの者の所属と対象が同じ部局にある（実施中・実施前の計画）。
WITH RECURSIVE top(id, buk) AS (
  SELECT id, id FROM department WHERE level = 'bukyoku'
  UNION ALL
  SELECT d.id, top.buk FROM department d JOIN top ON d.parent_id = top.id WHERE d.level <> 'bukyoku'
)
SELECT 'audit_team_member' AS entity_type, m.plan_id || '/' || m.person_id AS entity_id,
       p.name AS entity_label, MIN(sc.target_id) AS department_id, CAST(NULL AS TEXT) AS system_id,
       '監査実施計画「' || ap.title || '」のチームの' || p.name || 'は、監査の対象（'
         || MIN(sc.target_id) || '）と同じ部局に所属しているが、止むを得ない理由が記録されていない' AS detail
FROM audit_team_member m
JOIN audit_plan ap ON ap.id = m.plan_id
JOIN person p ON p.id = m.person_id
JOIN audit_scope sc ON sc.plan_id = m.plan_id AND sc.kind = 'department'
JOIN top tp ON tp.id = p.department_id
JOIN top ts ON ts.id = sc.target_id
WHERE m.waiver IS NULL
  AND tp.buk = ts.buk
  AND ap.ends_on >= :today
GROUP BY m.plan_id, m.person_id, p.name, ap.title
