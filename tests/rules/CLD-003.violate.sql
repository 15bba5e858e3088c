-- expect: rbt-cs3
-- 許可権限者が自分の申請を承認
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-pr', '申請 太郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pa', '許可 次郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pm', '管理 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra-pa', 'permit_authority', 'rbt-pa', 'organization', NULL, NULL, '2020-04-01', NULL, NULL);
INSERT INTO cloud_service VALUES ('rbt-cs3', 'テストクラウド rbt-cs3', 'テスト事業者', 'saas', 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, '2', 'rbt-pa', 'rbt-pa', '2025-03-01', 'rbt-pm', '2025-04-01', NULL, 1, 1, NULL);
