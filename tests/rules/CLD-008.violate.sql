-- expect: rbt-cs8
-- ISMAP未登録のサービスに機密性3Bの情報資産
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-pr', '申請 太郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pa', '許可 次郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pm', '管理 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra-pa', 'permit_authority', 'rbt-pa', 'organization', NULL, NULL, '2020-04-01', NULL, NULL);
INSERT INTO cloud_service VALUES ('rbt-cs8', 'テストクラウド rbt-cs8', 'テスト事業者', 'saas', 0, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, '2', 'rbt-pr', 'rbt-pa', '2025-03-01', 'rbt-pm', '2025-04-01', NULL, 1, 1, NULL);
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability) VALUES ('rbt-a8', '申請データ', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'electronic', NULL, '3B', '1', '1');
INSERT INTO cloud_service_asset VALUES ('rbt-cs8', 'rbt-a8');
