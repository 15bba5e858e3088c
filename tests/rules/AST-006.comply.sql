-- Near misses: the current ISM, whose assignment started on the check date, manages the asset; a
-- 課 with no ISM at all is ORG-007's finding, not one per asset here.
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ka1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験課', 'kashitsu',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-ism', '試験　課長', 'rt-ka1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra-ism', 'ism', 'rt-ism', 'kashitsu', 'rt-ka1', '2026-04-01');
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ka2', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '新設課', 'kashitsu',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-p1', '新任　課長', 'rt-ka1', 'regular', 'active');
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-p2', '新設課　課長', 'rt-ka2', 'regular', 'active');
UPDATE role_assignment SET valid_to = '2026-05-31' WHERE id = 'rt-ra-ism';
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra1', 'ism', 'rt-p1', 'kashitsu', 'rt-ka1', '2026-06-01');
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as1', '窓口受付簿', 'rt-ka1', 'rt-p1', 'paper', NULL, '2', '1', '1', 1);
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as2', '設立準備資料', 'rt-ka2', 'rt-p2', 'paper', NULL, '2', '1', '1', 0);
