-- expect: rbt-d6
-- 未登録のUSBメモリに機密性2の情報資産
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability) VALUES ('rbt-a6', '予算検討資料', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'removable', NULL, '2', '1', '1');
INSERT INTO device VALUES ('rbt-d6', 'テスト機器 rbt-d6', 'media', NULL, NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, NULL, 0, 1, 0, 0, 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO device_asset VALUES ('rbt-d6', 'rbt-a6');
