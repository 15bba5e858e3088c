-- near miss: hired within the grace period, a 委託先要員, a person on leave, and a 特別職 who attended
INSERT INTO training_course VALUES ('rbt-t1', '情報セキュリティ研修（追加回）', 'general', 2026, 1, '2026-05-10', NULL);
INSERT INTO training_attendance SELECT 'rbt-t1', id, '2026-05-10' FROM person;
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p1', '新規 一郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2026-05-01'),
   ('rbt-p2', '委託 二郎', NULL, 'contractor', 'active', NULL),
   ('rbt-p3', '休職 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'on_leave', '2010-04-01'),
   ('rbt-p4', '受講 四郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'special', 'active', '2010-04-01');
INSERT INTO training_attendance VALUES ('rbt-t1', 'rbt-p4', '2026-05-12');
