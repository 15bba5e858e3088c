-- expect: rbt-d5
-- 私物のスマートフォンに機密性1の情報資産
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability) VALUES ('rbt-a5', '公開予定資料', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'electronic', NULL, '1', '1', '1');
INSERT INTO device VALUES ('rbt-d5', 'テスト機器 rbt-d5', 'mobile', NULL, NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'personal', 'offsite', NULL, NULL, 0, 0, 1, 0, 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO device_asset VALUES ('rbt-d5', 'rbt-a5');
