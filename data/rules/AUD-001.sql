-- id: AUD-001
-- clauses: 9.1(7)①
-- severity: medium
-- title: 期限を過ぎても完了していない改善計画がある
-- action: 情報セキュリティ管理者は改善計画を完了させて報告する。期限を延ばすときはCISOの指示を受け直す
-- responsible: ism
-- 完了を報告済みで監査チームの確認を待つ計画は対象外（確認は監査の側の仕事）。
SELECT 'improvement_plan' AS entity_type, CAST(ip.id AS TEXT) AS entity_id, f.title AS entity_label,
       f.department_id AS department_id, f.system_id AS system_id,
       '監査の指摘「' || f.title || '」（' || f.clause_id || '）の改善計画は期限 ' || ip.due_on
         || ' を過ぎても完了していない（進捗 ' || CAST(ip.progress AS TEXT) || '%、担当 '
         || COALESCE((SELECT p.name FROM person p WHERE p.id = ip.owner_id), ip.owner_id) || '）' AS detail
FROM improvement_plan ip
JOIN audit_finding f ON f.id = ip.finding_id
WHERE ip.completed_on IS NULL
  AND ip.verified_on IS NULL
  AND ip.due_on < :today
