-- Near miss: the CISO changes on the check date; the successor's assignment starts that day.
UPDATE role_assignment SET valid_to = '2026-05-31' WHERE role = 'ciso';
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '後任　副市長', 'special', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'ciso', 'rt-p1', 'organization', '2026-06-01');
