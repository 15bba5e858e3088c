-- Near miss: a new 部局 whose 情報セキュリティ責任者 starts on the check date; and a former one
-- whose assignment ended is not counted, but the current one is.
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-bu1', NULL, '試験部', 'bukyoku', (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-p1', '試験　部長', 'rt-bu1', 'regular', 'active');
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-p2', '前任　部長', 'rt-bu1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra1', 'isr', 'rt-p1', 'bukyoku', 'rt-bu1', '2026-06-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from, valid_to)
  VALUES ('rt-ra2', 'isr', 'rt-p2', 'bukyoku', 'rt-bu1', '2025-04-01', '2026-05-31');
