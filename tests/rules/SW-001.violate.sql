-- expect: rbt-dsw/rbt-sw1
-- 許可されていないソフトウェアが導入されている
INSERT INTO device VALUES ('rbt-dsw', 'テスト端末', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO software VALUES ('rbt-sw1', 'フリーのファイル共有ソフト', 'X', 0, NULL, NULL, NULL);
INSERT INTO device_software VALUES ('rbt-dsw', 'rbt-sw1', '1.0');
