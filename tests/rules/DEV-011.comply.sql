-- near miss: updated 7 days before 2026-06-01; a network device has no pattern file
INSERT INTO device VALUES ('rbt-d12', 'テスト機器 rbt-d12', 'server', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, NULL, 0, 1, 1, 0, 1, '2026-05-25', '2026-05-25', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d12b', 'テスト機器 rbt-d12b', 'network', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, NULL, 0, 1, 1, 0, 1, '2026-05-25', NULL, NULL, NULL, NULL);
