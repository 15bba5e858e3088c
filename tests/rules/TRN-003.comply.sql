-- near miss: a new hire who took the new-staff course, one hired 2026-05-15 (within the grace period), one hired last 年度
INSERT INTO training_course VALUES ('rbt-t3', '新規採用職員研修', 'new_staff', 2026, 1, '2026-04-03', NULL);
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p3', '新人 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2026-04-01'),
   ('rbt-p3b', '新人 四郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'fiscal_year', 'active', '2026-05-15'),
   ('rbt-p3c', '昨年度採用 五郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2025-10-01');
INSERT INTO training_attendance VALUES ('rbt-t3', 'rbt-p3', '2026-04-03');
