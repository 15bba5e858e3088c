-- expect: D-01
-- 総務部の対象者 6 人（委託先要員 P-09 を除く）のうち P-04 が未修了: 5/6 = 83% < 90%
DELETE FROM training_attendance WHERE course_id = 'TR-2026-01' AND person_id = 'P-04';
