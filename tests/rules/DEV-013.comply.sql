-- near miss: a server in a recorded 管理区域, and one in an approved data centre
INSERT INTO managed_area VALUES ('rbt-m14', 'テスト室', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'ic_card', 1, 1, 1, 1, NULL);
INSERT INTO device VALUES ('rbt-d14', 'テストサーバ', 'server', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'managed_area', 'rbt-m14', NULL, 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d14b', 'テスト機器 rbt-d14b', 'server', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'offsite', NULL, NULL, 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', '2025-01-10', NULL, NULL);
