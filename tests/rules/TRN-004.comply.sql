-- near miss: completed 2025-06-01 (exactly 12 months); appointed 2026-05-01 (grace); an ended assignment; a 情報システム担当者
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p4', '課長 四郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '1995-04-01'),
   ('rbt-p4b', '新任課長 五郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '1995-04-01'),
   ('rbt-p4c', '前任 六郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '1995-04-01'),
   ('rbt-p4d', '担当 七郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2015-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra4', 'ism', 'rbt-p4', 'kashitsu', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2020-04-01', NULL, NULL),
  ('rbt-ra4b', 'ism', 'rbt-p4b', 'kashitsu', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2026-05-01', NULL, NULL),
  ('rbt-ra4c', 'ism', 'rbt-p4c', 'kashitsu', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2020-04-01', '2026-03-31', NULL);
INSERT INTO training_course VALUES ('rbt-t4', '管理者研修', 'manager', 2025, 1, '2025-06-01', NULL);
INSERT INTO training_attendance VALUES ('rbt-t4', 'rbt-p4', '2025-06-01');
