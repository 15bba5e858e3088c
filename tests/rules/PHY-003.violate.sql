-- expect: rbt-m3
-- 防水措置のない管理区域
INSERT INTO managed_area VALUES ('rbt-m3', 'テスト管理区域 rbt-m3', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'ic_card', 1, 1, 0, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m3', MIN(id) FROM person WHERE status = 'active';
