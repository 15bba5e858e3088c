-- near miss: the contractor admin uses MFA; a staff admin without MFA on the cloud system and a contractor admin on an on-premises system are not this rule's
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p12', '委託 四郎', NULL, 'contractor', 'active', NULL), ('rbt-p12b', '職員 五郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2000-04-01');
INSERT INTO system VALUES ('rbt-s12', 'クラウド業務システム', 'lgwan', 'other_cloud', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 1, NULL, NULL, NULL);
INSERT INTO system VALUES ('rbt-s12b', '庁内システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 1, NULL, NULL, NULL);
INSERT INTO account VALUES ('rbt-ac12', 'rbt-s12', 'vendor-admin', 'rbt-p12', 1, 0, 1, 'active', '2025-04-01', '2026-05-30'),
  ('rbt-ac12b', 'rbt-s12', 'staff-admin', 'rbt-p12b', 1, 0, 0, 'active', '2025-04-01', '2026-05-30'),
  ('rbt-ac12c', 'rbt-s12b', 'vendor-admin', 'rbt-p12', 1, 0, 0, 'active', '2025-04-01', '2026-05-30');
