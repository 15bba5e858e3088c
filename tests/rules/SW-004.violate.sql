-- expect: rbt-sw4
-- 導入済みでサポート終了日の記録がないソフトウェア
INSERT INTO device VALUES ('rbt-dsw', 'テスト端末', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO software VALUES ('rbt-sw4', '業務ツール', 'W', 1, '2024-04-01', NULL, NULL);
INSERT INTO device_software VALUES ('rbt-dsw', 'rbt-sw4', '3');
