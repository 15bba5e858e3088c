-- expect: rbt-d13
-- 庁外のサーバに承認日がない
INSERT INTO device VALUES ('rbt-d13', 'テスト機器 rbt-d13', 'server', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'offsite', NULL, NULL, 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
