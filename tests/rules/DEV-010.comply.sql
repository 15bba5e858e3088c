-- near miss: patched exactly 60 days before 2026-06-01; a medium has no patches
INSERT INTO device VALUES ('rbt-d11', 'テスト機器 rbt-d11', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-04-02', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d11b', 'テスト機器 rbt-d11b', 'media', NULL, NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, NULL, 0, 1, 1, 0, 1, NULL, NULL, NULL, NULL, NULL);
