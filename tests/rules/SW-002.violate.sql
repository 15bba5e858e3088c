-- expect: rbt-dsw/rbt-sw2
-- サポートが2026-01-13に終了したソフトウェア
INSERT INTO device VALUES ('rbt-dsw', 'テスト端末', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO software VALUES ('rbt-sw2', '旧版の表計算ソフト', 'Y', 1, '2020-01-01', '2026-01-13', NULL);
INSERT INTO device_software VALUES ('rbt-dsw', 'rbt-sw2', '2016');
