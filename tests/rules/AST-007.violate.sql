-- expect: rt-as1
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ka1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験課', 'kashitsu',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-ism', '試験　課長', 'rt-ka1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra-ism', 'ism', 'rt-ism', 'kashitsu', 'rt-ka1', '2026-04-01');
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as1', '講座申込者名簿', 'rt-ka1', 'rt-ism', 'paper', NULL, '1', '1', '1', 1);
