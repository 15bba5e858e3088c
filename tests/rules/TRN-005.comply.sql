-- near miss: the drill on 2025-06-01 (exactly 12 months before the check)
DELETE FROM training_attendance WHERE course_id IN (SELECT id FROM training_course WHERE kind = 'incident_drill');
DELETE FROM training_course WHERE kind = 'incident_drill';
INSERT INTO training_course VALUES ('rbt-t5', 'インシデント対応訓練', 'incident_drill', 2025, 0, '2025-06-01', NULL);
