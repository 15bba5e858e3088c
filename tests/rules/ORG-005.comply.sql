-- Near miss: one 副CISO, registered by two consecutive assignments of the same person.
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '副　一郎', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from, valid_to)
  VALUES ('rt-ra1', 'vice_ciso', 'rt-p1', 'organization', '2025-04-01', '2026-06-30');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra2', 'vice_ciso', 'rt-p1', 'organization', '2026-06-01');
