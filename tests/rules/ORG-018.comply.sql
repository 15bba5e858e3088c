-- Near miss: a 情報セキュリティ管理者 scoped to a 出先機関 (allowed by 1.(4)①).
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ds1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験出張所', 'desaki',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-p1', '試験　所長', 'rt-ds1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra1', 'ism', 'rt-p1', 'kashitsu', 'rt-ds1', '2026-04-01');
