-- near miss: the personal PC sits in an area whose systems hold 機密性1 only; the 機密性2 area holds an issued PC
INSERT INTO managed_area VALUES ('rbt-m7', 'テスト管理区域 rbt-m7', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'ic_card', 1, 1, 1, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m7', MIN(id) FROM person WHERE status = 'active';
INSERT INTO managed_area VALUES ('rbt-m7b', 'テスト管理区域 rbt-m7b', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 3, 'ic_card', 1, 1, 1, 1, NULL);
INSERT INTO managed_area_permit SELECT 'rbt-m7b', MIN(id) FROM person WHERE status = 'active';
INSERT INTO system VALUES ('rbt-s7', '財務テスト', 'lgwan', 'onprem', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 0, NULL, NULL, NULL);
INSERT INTO system VALUES ('rbt-s7b', '公開Web', 'internet', 'onprem', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 0, NULL, NULL, NULL);
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability) VALUES ('rbt-a7', '予算データ', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'electronic', 'rbt-s7', '2', '2', '1'), ('rbt-a7b', '公開情報', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'electronic', 'rbt-s7b', '1', '1', '1');
INSERT INTO device VALUES ('rbt-d7s', '財務サーバ', 'server', 'lgwan', 'rbt-s7', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'managed_area', 'rbt-m7', NULL, 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d7w', '公開Webサーバ', 'server', 'internet', 'rbt-s7b', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'managed_area', 'rbt-m7b', NULL, 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d7p', '私物ノートPC', 'pc', NULL, NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'personal', 'managed_area', 'rbt-m7b', NULL, 0, 0, 1, 0, 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d7i', '保守用PC', 'pc', 'lgwan', 'rbt-s7', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'managed_area', 'rbt-m7', 'blocked', 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
