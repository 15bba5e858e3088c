-- expect: rbt-c8
-- インターネット接続系から直接インターネットへ（セキュリティクラウドを経由しない）
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c8', 'テスト接続 rbt-c8', 'internet', NULL, NULL, NULL, 'internet', 'web', 'none', 'internet', 0, 0, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
