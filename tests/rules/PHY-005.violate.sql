-- expect: rbt-m5
-- 入室を許可された者が登録されていない管理区域
INSERT INTO managed_area VALUES ('rbt-m5', '媒体保管庫', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'logbook', 1, 1, 1, 1, NULL);
