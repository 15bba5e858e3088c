-- near miss: approved offsite server; an offsite mobile needs no CISO 承認 under 4.1(6)
INSERT INTO device VALUES ('rbt-d13', 'テスト機器 rbt-d13', 'server', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'offsite', NULL, NULL, 0, 1, 1, 0, 1, '2026-05-25', '2026-05-31', '2025-01-10', NULL, NULL);
INSERT INTO device VALUES ('rbt-d13b', 'テスト機器 rbt-d13b', 'mobile', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'offsite', NULL, NULL, 1, 1, 1, 0, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
