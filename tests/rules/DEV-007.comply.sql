-- near miss: encrypted PC; an unencrypted medium is not this rule's (DEV-007)
INSERT OR REPLACE INTO org_recommendation VALUES ('4.4⑤', 1, NULL);
INSERT INTO device VALUES ('rbt-d8', 'テスト機器 rbt-d8', 'pc', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d8b', 'テスト機器 rbt-d8b', 'media', NULL, NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, NULL, 0, 0, 1, 0, 1, NULL, NULL, NULL, NULL, NULL);
