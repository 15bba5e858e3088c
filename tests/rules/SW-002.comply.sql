-- near miss: support ends on the check date itself (still supported that day)
INSERT INTO device VALUES ('rbt-dsw', 'テスト端末', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO software VALUES ('rbt-sw2', '表計算ソフト', 'Y', 1, '2020-01-01', '2026-06-01', NULL);
INSERT INTO device_software VALUES ('rbt-dsw', 'rbt-sw2', '2019');
