-- near miss: MFA on the マイナンバー terminal; an LGWAN terminal without MFA is not this rule's
INSERT INTO device VALUES ('rbt-d3', 'テスト機器 rbt-d3', 'pc', 'mynumber', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 1, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d3b', 'テスト機器 rbt-d3b', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
