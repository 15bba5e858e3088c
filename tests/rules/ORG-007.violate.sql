-- expect: rt-ka1
-- A new 課 whose only 情報セキュリティ管理者 has retired (the retired holder does not count).
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ka1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験課', 'kashitsu',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status, status_since, left_on)
  VALUES ('rt-p1', '退職　課長', 'rt-ka1', 'regular', 'retired', '2026-03-31', '2026-03-31');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra1', 'ism', 'rt-p1', 'kashitsu', 'rt-ka1', '2024-04-01');
