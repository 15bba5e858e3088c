-- Near miss: a retired person whose assignment was closed on the retirement date, and a
-- transferred person whose assignment ended before the check date.
INSERT INTO person (id, name, employment, status, status_since, left_on)
  VALUES ('rt-p1', '退職　要員', 'regular', 'retired', '2026-03-31', '2026-03-31');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from, valid_to)
  VALUES ('rt-ra1', 'csirt_member', 'rt-p1', 'organization', '2024-04-01', '2026-03-31');
INSERT INTO person (id, name, employment, status, status_since)
  VALUES ('rt-p2', '派遣　職員', 'regular', 'transferred', '2026-04-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from, valid_to)
  VALUES ('rt-ra2', 'committee', 'rt-p2', 'organization', '2024-04-01', '2026-03-31');
-- A person retiring on the check date whose assignment ends that day (the last working day).
INSERT INTO person (id, name, employment, status, status_since, left_on)
  VALUES ('rt-p3', '本日退職　課長', 'regular', 'retired', '2026-06-01', '2026-06-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from, valid_to)
  VALUES ('rt-ra3', 'committee', 'rt-p3', 'organization', '2024-04-01', '2026-06-01');
