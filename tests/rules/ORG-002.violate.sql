-- expect: 1
-- A second person is registered as CISO while the first still holds it.
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '第二　副市長', 'special', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'ciso', 'rt-p1', 'organization', '2026-04-01');
