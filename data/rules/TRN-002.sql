-- id: TRN-002
-- clauses: 5.2(2)② 5.2(2)① 5.2(1)①
-- severity: medium
-- title: 今年度の全職員向けの必須研修が計画されていない
-- action: CISOは全ての職員等が今年度中に最低1回受講できる情報セキュリティ研修を計画し、実施する
-- responsible: ciso
-- requires: 5.2(2)②
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       CAST(NULL AS TEXT) AS department_id, CAST(NULL AS TEXT) AS system_id,
       '今年度（' || CAST(:fiscal_year_start AS TEXT) || '〜）の全職員向けの必須の情報セキュリティ研修が登録されていない（年度開始から'
         || CAST(:training_grace_days AS TEXT) || '日を過ぎた）' AS detail
FROM organization o
WHERE CAST(:fiscal_year_start AS TEXT) <= CAST(:training_grace_days_cutoff AS TEXT)
  AND NOT EXISTS (SELECT 1 FROM training_course c
                  WHERE c.fiscal_year = :fiscal_year AND c.mandatory = 1 AND c.kind = 'general')
