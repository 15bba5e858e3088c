-- Near miss: the successor's assignment starts after the check date.
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '次期　部長', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'toukatsu', 'rt-p1', 'organization', '2026-06-02');
