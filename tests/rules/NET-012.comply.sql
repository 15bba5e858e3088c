-- near miss: approved on the last day of the approver's term (the term counts, not today's holder)
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p12', '前統括 次郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'retired', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra12', 'toukatsu', 'rbt-p12', 'organization', NULL, NULL, '2020-04-01', '2025-03-31', NULL);
INSERT INTO network_connection VALUES ('rbt-c12', 'ASP接続', 'lgwan', NULL, NULL, NULL, 'lgwan_asp', 'specific_comm', 'none', 'lgwan', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), '2025-03-31', 'rbt-p12', NULL);
