-- expect: rbt-p1
-- 2026年度の必須研修（2026-05-10実施）を、2019年採用の会計年度任用職員だけが受けていない
INSERT INTO training_course VALUES ('rbt-t1', '情報セキュリティ研修（追加回）', 'general', 2026, 1, '2026-05-10', NULL);
INSERT INTO training_attendance SELECT 'rbt-t1', id, '2026-05-10' FROM person;
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p1', '未受講 花子', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'fiscal_year', 'active', '2019-04-01');
