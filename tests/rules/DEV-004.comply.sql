-- near miss: a personal device on record but unused for work (no asset, no network); an approved non-issued device with an asset
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability) VALUES ('rbt-a5', '公開予定資料', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'electronic', NULL, '1', '1', '1');
INSERT INTO device VALUES ('rbt-d5', 'テスト機器 rbt-d5', 'mobile', NULL, NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'personal', 'offsite', NULL, NULL, 0, 0, 1, 0, 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d5b', 'テスト機器 rbt-d5b', 'mobile', NULL, NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'approved', 'offsite', NULL, NULL, 1, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device_asset VALUES ('rbt-d5b', 'rbt-a5');
