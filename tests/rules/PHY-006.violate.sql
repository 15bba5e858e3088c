-- expect: rbt-m6/rbt-p6
-- 退職者の入室許可が残っている
INSERT INTO managed_area VALUES ('rbt-m6', 'サーバ室B', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'ic_card', 1, 1, 1, 1, NULL);
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p6', '退職 花子', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'retired', '2000-04-01');
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p6b', '在職 一郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO managed_area_permit VALUES ('rbt-m6', 'rbt-p6'), ('rbt-m6', 'rbt-p6b');
