-- expect: rbt-m1
-- 入退室管理が「なし」の管理区域
INSERT INTO managed_area VALUES ('rbt-m1', 'テスト管理区域 rbt-m1', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'none', 1, 1, 1, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m1', MIN(id) FROM person WHERE status = 'active';
