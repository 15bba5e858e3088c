-- expect: rbt-c9
-- LGWAN接続系へのリモート保守がポートで限定されていない
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c9', 'テスト接続 rbt-c9', 'lgwan', NULL, NULL, NULL, 'vendor', 'remote_maintenance', 'none', 'ip_vpn', 1, 0, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
