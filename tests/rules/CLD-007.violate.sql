-- expect: rbt-cs7
-- 申請者がクラウドサービス管理者
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-pr', '申請 太郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pa', '許可 次郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pm', '管理 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra-pa', 'permit_authority', 'rbt-pa', 'organization', NULL, NULL, '2020-04-01', NULL, NULL);
INSERT INTO cloud_service VALUES ('rbt-cs7', 'テストクラウド rbt-cs7', 'テスト事業者', 'saas', 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, '2', 'rbt-pr', 'rbt-pa', '2025-03-01', 'rbt-pr', '2025-04-01', NULL, 1, 1, NULL);
