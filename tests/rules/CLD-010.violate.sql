-- expect: rbt-cs10
-- 2026-03-31に利用を終えたサービスに情報資産が残る
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-pr', '申請 太郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pa', '許可 次郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pm', '管理 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra-pa', 'permit_authority', 'rbt-pa', 'organization', NULL, NULL, '2020-04-01', NULL, NULL);
INSERT INTO cloud_service VALUES ('rbt-cs10', 'テストクラウド rbt-cs10', 'テスト事業者', 'saas', 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, '2', 'rbt-pr', 'rbt-pa', '2024-03-01', 'rbt-pm', '2024-04-01', '2026-03-31', 1, 1, NULL);
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability) VALUES ('rbt-a10', '検討資料', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'electronic', NULL, '2', '1', '1');
INSERT INTO cloud_service_asset VALUES ('rbt-cs10', 'rbt-a10');
