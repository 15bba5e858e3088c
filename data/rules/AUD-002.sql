-- id: AUD-002
-- clauses: 9.1(7)① 9.1(7)②
-- severity: low
-- title: 完了していない改善計画の進捗が定期的に報告されていない
-- action: 改善計画の担当者は進捗を報告する。CISOは定期的な進捗報告を指示する
-- responsible: ism
-- 最後の進捗報告（報告がなければ指示の日）が improvement_report_months より前のもの。
SELECT 'improvement_plan' AS entity_type, CAST(ip.id AS TEXT) AS entity_id, f.title AS entity_label,
       f.department_id AS department_id, f.system_id AS system_id,
       '監査の指摘「' || f.title || '」の改善計画は、最後の進捗報告（なければ指示）が '
         || COALESCE((SELECT MAX(pr.reported_on) FROM improvement_progress pr WHERE pr.plan_id = ip.id),
                     ip.instructed_on)
         || ' で、' || CAST(:improvement_report_months AS TEXT) || 'か月以上報告がない' AS detail
FROM improvement_plan ip
JOIN audit_finding f ON f.id = ip.finding_id
WHERE ip.completed_on IS NULL
  AND ip.verified_on IS NULL
  AND COALESCE((SELECT MAX(pr.reported_on) FROM improvement_progress pr WHERE pr.plan_id = ip.id),
               ip.instructed_on) < :improvement_report_months_cutoff
