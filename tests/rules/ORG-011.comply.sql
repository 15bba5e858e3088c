-- Near miss: a second person is a CSIRT member, not a second head.
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '要員　二郎', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'csirt_member', 'rt-p1', 'organization', '2026-04-01');
