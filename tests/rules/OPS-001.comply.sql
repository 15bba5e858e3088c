-- Near misses: no contact, but the only security role ended before the check date; a committee
-- member only (not on the emergency chain); a retired person who still has an old assignment.
INSERT INTO person (id, name, employment, status, email)
  VALUES ('rt-p1', '元管理者　一子', 'regular', 'active', NULL),
         ('rt-p2', '委員　二郎', 'regular', 'active', NULL);
INSERT INTO person (id, name, employment, status, status_since, left_on, email)
  VALUES ('rt-p3', '退職　三郎', 'regular', 'retired', '2026-03-31', '2026-03-31', NULL);
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from, valid_to)
  SELECT 'rt-ra1', 'ism', 'rt-p1', 'kashitsu', scope_department_id, '2020-04-01', '2026-05-31'
  FROM role_assignment WHERE role = 'ism' ORDER BY id LIMIT 1;
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra2', 'committee', 'rt-p2', 'organization', '2020-04-01'),
         ('rt-ra3', 'csirt_member', 'rt-p3', 'organization', '2020-04-01');
