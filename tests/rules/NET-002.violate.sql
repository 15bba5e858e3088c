-- expect: rbt-c2
-- マイナンバー利用事務系への画面転送がポートで限定されていない
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c2', 'テスト接続 rbt-c2', 'internet', NULL, 'mynumber', NULL, NULL, 'screen_transfer', 'screen_transfer', 'internal', 1, 0, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
