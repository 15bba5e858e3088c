-- expect: rbt-m4
-- 4.2(1)②を採用した団体で、地階（-1）の管理区域
INSERT OR REPLACE INTO org_recommendation VALUES ('4.2(1)②', 1, NULL);
INSERT INTO managed_area VALUES ('rbt-m4', 'テスト管理区域 rbt-m4', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), -1, 'ic_card', 1, 1, 1, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m4', MIN(id) FROM person WHERE status = 'active';
