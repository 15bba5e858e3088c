-- expect: 1
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '第二　部長', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'toukatsu', 'rt-p1', 'organization', '2026-04-01');
