-- id: TRN-006
-- clauses: 5.2(2)⑥ 5.2(4)
-- severity: medium
-- title: 部局の今年度の研修修了率が目標に届いていない
-- action: 情報セキュリティ責任者は部局の未修了者に受講させる。統括情報セキュリティ責任者は修了状況を分析してCISOに報告する
-- responsible: isr
-- 対象者と「修了」は TRN-001 と mamori training rate と同じ（委託先要員を除く在職者、今年度の全職員向け
-- 必須研修又は新規採用職員研修の修了）。部局はその下の課室・出先を合わせて数える。率は整数で比べる。
WITH RECURSIVE top(id, buk) AS (
  SELECT id, id FROM department WHERE level = 'bukyoku'
  UNION ALL
  SELECT d.id, top.buk FROM department d JOIN top ON d.parent_id = top.id WHERE d.level <> 'bukyoku'
),
staff AS (
  SELECT t.buk AS buk,
         CASE WHEN EXISTS (SELECT 1 FROM training_attendance ta
                           JOIN training_course c ON c.id = ta.course_id
                           WHERE ta.person_id = p.id AND c.fiscal_year = :fiscal_year
                             AND ((c.mandatory = 1 AND c.kind = 'general') OR c.kind = 'new_staff'))
              THEN 1 ELSE 0 END AS done
  FROM person p JOIN top t ON t.id = p.department_id
  WHERE p.status = 'active' AND p.employment <> 'contractor'
)
SELECT 'department' AS entity_type, b.id AS entity_id, b.name AS entity_label,
       b.id AS department_id, CAST(NULL AS TEXT) AS system_id,
       b.name || 'の今年度（' || CAST(:fiscal_year_start AS TEXT) || '〜）の情報セキュリティ研修の修了者は '
         || CAST(SUM(s.done) AS TEXT) || ' 人／対象 ' || CAST(COUNT(*) AS TEXT) || ' 人で、目標の '
         || CAST(:training_rate_target_percent AS TEXT) || '% に届いていない' AS detail
FROM staff s JOIN department b ON b.id = s.buk
WHERE CAST(:fiscal_year_start AS TEXT) <= CAST(:training_grace_days_cutoff AS TEXT)
  AND EXISTS (SELECT 1 FROM training_course c
              WHERE c.fiscal_year = :fiscal_year AND c.mandatory = 1 AND c.kind = 'general'
                AND (c.held_on IS NULL OR c.held_on <= :today))
GROUP BY b.id, b.name
HAVING SUM(s.done) * 100 < :training_rate_target_percent * COUNT(*)
