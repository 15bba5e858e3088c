-- expect: rbt-c3
-- マイナンバー利用事務系から中間サーバーへの接続がIPで限定されていない
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c3', 'テスト接続 rbt-c3', 'mynumber', NULL, NULL, NULL, 'intermediate_server', 'specific_comm', 'none', 'lgwan', 0, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
