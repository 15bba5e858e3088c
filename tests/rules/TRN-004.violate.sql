-- expect: rbt-p4
-- 2020年から情報セキュリティ管理者で、管理者向け研修の修了が2025-05-20（12か月より前）
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p4', '課長 四郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '1995-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra4', 'ism', 'rbt-p4', 'kashitsu', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2020-04-01', NULL, NULL);
INSERT INTO training_course VALUES ('rbt-t4', '管理者研修', 'manager', 2025, 1, '2025-05-20', NULL);
INSERT INTO training_attendance VALUES ('rbt-t4', 'rbt-p4', '2025-05-20');
