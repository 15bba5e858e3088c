-- expect: rbt-c1
-- LGWAN接続系からマイナンバー利用事務系へのファイル受け渡し（画面転送でない）
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c1', 'テスト接続 rbt-c1', 'lgwan', NULL, 'mynumber', NULL, NULL, 'file', 'cdr', 'internal', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
