-- Near miss: a 出先機関 whose head is on leave still has its 情報セキュリティ管理者; a 部局 needs none.
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ds1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験出張所', 'desaki',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status, status_since)
  VALUES ('rt-p1', '休職　所長', 'rt-ds1', 'regular', 'on_leave', '2026-05-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra1', 'ism', 'rt-p1', 'kashitsu', 'rt-ds1', '2025-04-01');
