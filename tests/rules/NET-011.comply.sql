-- near miss: the same connection with date and approver; a connection between segments needs no external-connection permit
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p11', '統括 太郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra11', 'toukatsu', 'rbt-p11', 'organization', NULL, NULL, '2020-04-01', NULL, NULL);
INSERT INTO network_connection VALUES ('rbt-c11', 'ASP接続', 'lgwan', NULL, NULL, NULL, 'lgwan_asp', 'specific_comm', 'none', 'lgwan', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), '2025-04-01', 'rbt-p11', NULL);
INSERT INTO network_connection VALUES ('rbt-c11b', 'メール', 'internet', NULL, 'lgwan', NULL, NULL, 'mail', 'mail_text', 'internal', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
