-- expect: rbt-m2
-- 施錠されていない管理区域
INSERT INTO managed_area VALUES ('rbt-m2', 'テスト管理区域 rbt-m2', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'ic_card', 0, 1, 1, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m2', MIN(id) FROM person WHERE status = 'active';
