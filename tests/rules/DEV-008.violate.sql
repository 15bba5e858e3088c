-- expect: rbt-d9
-- 執務室のパソコンがワイヤー固定されていない
INSERT INTO device VALUES ('rbt-d9', 'テスト機器 rbt-d9', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
