-- near miss: on the 2nd floor, and one whose floor is not recorded
INSERT OR REPLACE INTO org_recommendation VALUES ('4.2(1)②', 1, NULL);
INSERT INTO managed_area VALUES ('rbt-m4', 'テスト管理区域 rbt-m4', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 2, 'ic_card', 1, 1, 1, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m4', MIN(id) FROM person WHERE status = 'active';
INSERT INTO managed_area VALUES ('rbt-m4b', 'テスト管理区域 rbt-m4b', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'ic_card', 1, 1, 1, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m4b', MIN(id) FROM person WHERE status = 'active';
