-- id: TRN-004
-- clauses: 5.2(2)④
-- severity: medium
-- title: 情報セキュリティの役割を持つ者が役割に応じた研修を受けていない
-- action: CISOは統括・情報セキュリティ責任者・情報セキュリティ管理者・情報システム管理者に役割に応じた研修を受講させる
-- responsible: ciso
SELECT 'person' AS entity_type, p.id AS entity_id, p.name AS entity_label,
       p.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       '役割（' || (SELECT r.label FROM role r WHERE r.code =
                     (SELECT MIN(ra2.role) FROM role_assignment ra2
                      WHERE ra2.person_id = p.id
                        AND ra2.role IN ('toukatsu', 'isr', 'ism', 'sysm')
                        AND ra2.valid_from <= :training_grace_days_cutoff
                        AND (ra2.valid_to IS NULL OR ra2.valid_to >= :today)))
         || 'など）を持つ' || p.name || 'に、' || CAST(:training_interval_months_cutoff AS TEXT)
         || '以降の管理者向け研修の修了記録がない' AS detail
FROM person p
WHERE p.status = 'active'
  AND EXISTS (SELECT 1 FROM role_assignment ra
              WHERE ra.person_id = p.id
                AND ra.role IN ('toukatsu', 'isr', 'ism', 'sysm')
                AND ra.valid_from <= :training_grace_days_cutoff
                AND (ra.valid_to IS NULL OR ra.valid_to >= :today))
  AND NOT EXISTS (SELECT 1 FROM training_attendance ta
                  JOIN training_course c ON c.id = ta.course_id
                  WHERE ta.person_id = p.id AND c.kind = 'manager'
                    AND ta.completed_on >= :training_interval_months_cutoff)
