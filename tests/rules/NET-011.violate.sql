-- expect: rbt-c11
-- LGWAN-ASPへの接続に許可日がない（許可者だけある）
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p11', '統括 太郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO role_assignment VALUES ('rbt-ra11', 'toukatsu', 'rbt-p11', 'organization', NULL, NULL, '2020-04-01', NULL, NULL);
INSERT INTO network_connection VALUES ('rbt-c11', 'ASP接続', 'lgwan', NULL, NULL, NULL, 'lgwan_asp', 'specific_comm', 'none', 'lgwan', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'rbt-p11', NULL);
