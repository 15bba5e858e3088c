-- near miss: the declared segments match both systems
INSERT INTO system VALUES ('rbt-s13', '税務テスト', 'mynumber', 'onprem', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 1, NULL, NULL, NULL);
INSERT INTO system VALUES ('rbt-s13b', 'グループウェアテスト', 'lgwan', 'onprem', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 0, NULL, NULL, NULL);
INSERT INTO network_connection VALUES ('rbt-c13', '画面転送', 'lgwan', 'rbt-s13b', 'mynumber', 'rbt-s13', NULL, 'screen_transfer', 'screen_transfer', 'internal', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
