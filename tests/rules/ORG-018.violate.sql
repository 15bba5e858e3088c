-- expect: rt-ra1
-- An 情報セキュリティ責任者 scoped to a 課 instead of a 部局.
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ka1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験課', 'kashitsu',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-p1', '試験　課長', 'rt-ka1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra1', 'isr', 'rt-p1', 'bukyoku', 'rt-ka1', '2026-04-01');
