-- near miss: recorded support end; an entry without it that is installed nowhere
INSERT INTO device VALUES ('rbt-dsw', 'テスト端末', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO software VALUES ('rbt-sw4', '業務ツール', 'W', 1, '2024-04-01', '2029-03-31', NULL), ('rbt-sw4b', '未導入ツール', 'W', 1, '2024-04-01', NULL, NULL);
INSERT INTO device_software VALUES ('rbt-dsw', 'rbt-sw4', '3');
