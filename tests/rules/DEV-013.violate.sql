-- expect: rbt-d14
-- 執務室に置かれたサーバ
INSERT INTO device VALUES ('rbt-d14', 'テスト機器 rbt-d14', 'server', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, NULL, 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
