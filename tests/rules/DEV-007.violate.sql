-- expect: rbt-d8
-- 4.4⑤を採用した団体で、暗号化していないパソコン
INSERT OR REPLACE INTO org_recommendation VALUES ('4.4⑤', 1, NULL);
INSERT INTO device VALUES ('rbt-d8', 'テスト機器 rbt-d8', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 0, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
