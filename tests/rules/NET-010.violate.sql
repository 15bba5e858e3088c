-- expect: rbt-c10
-- マイナンバー利用事務系へのリモート保守がインターネットVPN経由
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c10', 'テスト接続 rbt-c10', 'mynumber', NULL, NULL, NULL, 'vendor', 'remote_maintenance', 'none', 'internet_vpn', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
