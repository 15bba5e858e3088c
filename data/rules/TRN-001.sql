-- id: TRN-001
-- clauses: 5.2(4) 5.2(2)②
-- severity: high
-- title: 今年度の必須の情報セキュリティ研修を受講していない職員等がいる
-- action: 情報セキュリティ管理者は未受講の職員等に研修を受講させ、受講状況を記録する
-- responsible: ism
SELECT 'person' AS entity_type, p.id AS entity_id, p.name AS entity_label,
       p.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       et.label || 'の' || p.name || 'は、' || '今年度（' || CAST(:fiscal_year_start AS TEXT)
         || '〜）の必須の情報セキュリティ研修（実施済み'
         || CAST((SELECT COUNT(*) FROM training_course c2
                  WHERE c2.fiscal_year = :fiscal_year AND c2.mandatory = 1 AND c2.kind = 'general'
                    AND (c2.held_on IS NULL OR c2.held_on <= :today)) AS TEXT)
         || '回）をどれも修了していない' AS detail
FROM person p
JOIN employment_type et ON et.code = p.employment
WHERE p.status = 'active'
  AND p.employment <> 'contractor'
  AND CAST(:fiscal_year_start AS TEXT) <= CAST(:training_grace_days_cutoff AS TEXT)
  AND (p.hired_on IS NULL OR p.hired_on <= :training_grace_days_cutoff)
  AND EXISTS (SELECT 1 FROM training_course c
              WHERE c.fiscal_year = :fiscal_year AND c.mandatory = 1 AND c.kind = 'general'
                AND (c.held_on IS NULL OR c.held_on <= :today))
  AND NOT EXISTS (SELECT 1 FROM training_attendance ta
                  JOIN training_course c3 ON c3.id = ta.course_id
                  WHERE ta.person_id = p.id
                    AND c3.fiscal_year = :fiscal_year
                    AND ((c3.mandatory = 1 AND c3.kind = 'general') OR c3.kind = 'new_staff'))
