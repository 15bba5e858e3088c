-- near miss: blocked on a マイナンバー terminal, registered media on an LGWAN terminal
INSERT INTO device VALUES ('rbt-d2', 'テスト機器 rbt-d2', 'mobile', 'mynumber', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 1, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d2b', 'テスト機器 rbt-d2b', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'registered', 1, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
