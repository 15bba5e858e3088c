-- expect: rt-ra1
INSERT INTO person (id, name, employment, status, status_since, left_on)
  VALUES ('rt-p1', '退職　要員', 'regular', 'retired', '2026-03-31', '2026-03-31');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'csirt_member', 'rt-p1', 'organization', '2024-04-01');
