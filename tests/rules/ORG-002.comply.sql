-- Near miss: a former CISO whose assignment ended the day before the check, and a retired one
-- whose assignment was never closed (ORG-008 reports that, not this rule).
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '前任　副市長', 'special', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from, valid_to)
  VALUES ('rt-ra1', 'ciso', 'rt-p1', 'organization', '2024-04-01', '2026-05-31');
INSERT INTO person (id, name, employment, status, status_since) VALUES ('rt-p2', '退職　副市長', 'special', 'retired', '2026-03-31');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra2', 'ciso', 'rt-p2', 'organization', '2022-04-01');
