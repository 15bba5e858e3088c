-- expect: rbt-ac12
-- クラウド上のシステムで委託先要員の特権IDに多要素認証がない
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p12', '委託 四郎', NULL, 'contractor', 'active', NULL);
INSERT INTO system VALUES ('rbt-s12', 'クラウド業務システム', 'lgwan', 'other_cloud', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 1, NULL, NULL, NULL);
INSERT INTO account VALUES ('rbt-ac12', 'rbt-s12', 'vendor-admin', 'rbt-p12', 1, 0, 0, 'active', '2025-04-01', '2026-05-30');
