-- expect: rt-p1
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '兼務　副市長', 'special', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'ciso', 'rt-p1', 'organization', '2026-04-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra2', 'toukatsu', 'rt-p1', 'organization', '2026-04-01');
