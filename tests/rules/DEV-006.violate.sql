-- expect: rbt-d7
-- 暗号化されていない登録媒体に機密性3Bの情報資産
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability) VALUES ('rbt-a7', '口座振替データ', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'removable', NULL, '3B', '2', '1');
INSERT INTO device VALUES ('rbt-d7', 'テスト機器 rbt-d7', 'media', NULL, NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'managed_area', NULL, NULL, 0, 0, 1, 0, 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO device_asset VALUES ('rbt-d7', 'rbt-a7');
