-- id: TRN-005
-- clauses: 5.2(3)
-- severity: high
-- title: 緊急時対応訓練が定期的に実施されていない
-- action: CISOは緊急時対応を想定した訓練を計画し実施する
-- responsible: ciso
SELECT 'organization' AS entity_type, CAST(o.id AS TEXT) AS entity_id, o.name AS entity_label,
       CAST(NULL AS TEXT) AS department_id, CAST(NULL AS TEXT) AS system_id,
       CAST(:training_interval_months_cutoff AS TEXT) || '以降に実施した緊急時対応（インシデント対応）訓練の記録がない' AS detail
FROM organization o
WHERE NOT EXISTS (SELECT 1 FROM training_course c
                  WHERE c.kind = 'incident_drill'
                    AND c.held_on IS NOT NULL
                    AND c.held_on >= :training_interval_months_cutoff
                    AND c.held_on <= :today)
