-- expect: rbt-c5
-- インターネット接続系からLGWAN接続系へのファイル取り込みに無害化がない
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c5', 'テスト接続 rbt-c5', 'internet', NULL, 'lgwan', NULL, NULL, 'file', 'none', 'internal', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
