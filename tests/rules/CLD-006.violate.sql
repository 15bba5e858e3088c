-- expect: rbt-cs6
-- 承認済みサービスの管理者が退職している
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-pr', '申請 太郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pa', '許可 次郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01'), ('rbt-pm', '管理 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra-pa', 'permit_authority', 'rbt-pa', 'organization', NULL, NULL, '2020-04-01', NULL, NULL);
UPDATE person SET status = 'retired', status_since = '2026-03-31' WHERE id = 'rbt-pm';
INSERT INTO cloud_service VALUES ('rbt-cs6', 'テストクラウド rbt-cs6', 'テスト事業者', 'saas', 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, '2', 'rbt-pr', 'rbt-pa', '2025-03-01', 'rbt-pm', '2025-04-01', NULL, 1, 1, NULL);
