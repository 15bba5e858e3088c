-- near miss: the unallowed software only on a disposed device; an allowed product on a live one
INSERT INTO device VALUES ('rbt-dsw', 'テスト端末', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-dsw2', '廃棄端末', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, NULL, NULL, NULL, '2026-03-01', NULL);
INSERT INTO software VALUES ('rbt-sw1', 'フリーのファイル共有ソフト', 'X', 0, NULL, NULL, NULL), ('rbt-sw2', '文書作成ソフト', 'Y', 1, '2025-01-01', '2031-01-01', NULL);
INSERT INTO device_software VALUES ('rbt-dsw2', 'rbt-sw1', '1.0'), ('rbt-dsw', 'rbt-sw2', '5');
