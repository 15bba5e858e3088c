-- near miss: a person on leave (休職) keeps the permit; only 退職・異動 end it
INSERT INTO managed_area VALUES ('rbt-m6', 'サーバ室B', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'ic_card', 1, 1, 1, 1, NULL);
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p6', '休職 花子', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'on_leave', '2000-04-01');
INSERT INTO managed_area_permit VALUES ('rbt-m6', 'rbt-p6');
