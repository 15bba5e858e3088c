-- id: TRN-003
-- clauses: 5.2(2)③
-- severity: high
-- title: 今年度採用した職員等が新規採用職員向けの情報セキュリティ研修を受けていない
-- action: CISOは新規採用の職員等を対象とする情報セキュリティ研修を実施し、情報セキュリティ管理者が受講を記録する
-- responsible: ciso
SELECT 'person' AS entity_type, p.id AS entity_id, p.name AS entity_label,
       p.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       p.hired_on || 'に採用された' || et.label || 'の' || p.name
         || 'に、新規採用職員向けの情報セキュリティ研修の修了記録がない' AS detail
FROM person p
JOIN employment_type et ON et.code = p.employment
WHERE p.status = 'active'
  AND p.employment <> 'contractor'
  AND p.hired_on IS NOT NULL
  AND p.hired_on >= :fiscal_year_start
  AND p.hired_on <= :training_grace_days_cutoff
  AND NOT EXISTS (SELECT 1 FROM training_attendance ta
                  JOIN training_course c ON c.id = ta.course_id
                  WHERE ta.person_id = p.id AND c.kind = 'new_staff')
