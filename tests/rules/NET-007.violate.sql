-- expect: rbt-c7
-- LGWAN接続系からインターネットへ直接のWeb閲覧
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c7', 'テスト接続 rbt-c7', 'lgwan', NULL, NULL, NULL, 'internet', 'web', 'none', 'internet', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
