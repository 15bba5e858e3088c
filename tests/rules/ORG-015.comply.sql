-- Near miss: the person was 統括 until the day before becoming CISO (no overlap on the check date).
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '昇任　副市長', 'special', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from, valid_to)
  VALUES ('rt-ra1', 'toukatsu', 'rt-p1', 'organization', '2024-04-01', '2026-05-31');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra2', 'ciso', 'rt-p1', 'organization', '2026-06-01');
