-- near miss: an unallowed entry needs no approval date; an allowed one has it
INSERT INTO software VALUES ('rbt-sw3', 'PDF閲覧ソフト', 'Z', 1, '2024-04-01', '2030-01-01', NULL), ('rbt-sw3b', 'ゲーム', 'Z', 0, NULL, NULL, NULL);
