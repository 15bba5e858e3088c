-- expect: rbt-d11
-- 最終パッチ適用が2026-01-15（60日より前）
INSERT INTO device VALUES ('rbt-d11', 'テスト機器 rbt-d11', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-01-15', '2026-05-31', NULL, NULL, NULL);
