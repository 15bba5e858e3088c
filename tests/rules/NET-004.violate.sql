-- expect: rbt-c4
-- マイナンバー利用事務系からインターネットへパッチ取得（特定通信でもインターネットは不可）
INSERT INTO network_connection (id, name, from_domain, from_system_id, to_domain, to_system_id, to_external, purpose, sanitization, via, restricted_ip, restricted_port, encrypted, department_id, approved_on, approved_by, note) VALUES ('rbt-c4', 'テスト接続 rbt-c4', 'mynumber', NULL, NULL, NULL, 'internet', 'patch', 'none', 'security_cloud', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
