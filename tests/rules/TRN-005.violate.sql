-- expect: 1
-- 直近の緊急時対応訓練が2025-05-31（12か月より前）
DELETE FROM training_attendance WHERE course_id IN (SELECT id FROM training_course WHERE kind = 'incident_drill');
DELETE FROM training_course WHERE kind = 'incident_drill';
INSERT INTO training_course VALUES ('rbt-t5', 'インシデント対応訓練', 'incident_drill', 2025, 0, '2025-05-31', NULL);
