-- expect: rbt-c6
-- LGWAN接続系からインターネット接続系への接続がIPもポートも限定されていない
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c6', 'テスト接続 rbt-c6', 'lgwan', NULL, 'internet', NULL, NULL, 'other', 'none', 'internal', 0, 0, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
