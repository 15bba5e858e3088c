-- expect: rbt-cs1
-- 機密性1と登録されたサービスに機密性2の情報資産が保存され、承認がない
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-pr', '申請 太郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pa', '許可 次郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pm', '管理 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra-pa', 'permit_authority', 'rbt-pa', 'organization', NULL, NULL, '2020-04-01', NULL, NULL);
INSERT INTO cloud_service VALUES ('rbt-cs1', 'テストクラウド rbt-cs1', 'テスト事業者', 'saas', 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, '1', 'rbt-pr', NULL, NULL, 'rbt-pm', '2025-04-01', NULL, 1, 1, NULL);
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability) VALUES ('rbt-a1', '政策検討資料', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'electronic', NULL, '2', '1', '1');
INSERT INTO cloud_service_asset VALUES ('rbt-cs1', 'rbt-a1');
