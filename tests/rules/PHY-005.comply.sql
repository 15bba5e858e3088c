-- near miss: one permitted person
INSERT INTO managed_area VALUES ('rbt-m5', 'テスト管理区域 rbt-m5', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'logbook', 1, 1, 1, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m5', MIN(id) FROM person WHERE status = 'active';
