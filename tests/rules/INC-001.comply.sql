-- An assignment that ended is replaced by a current one for the same system: not a gap.
UPDATE role_assignment SET valid_to = '2026-03-31' WHERE id = 'R-08';
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_system_id, valid_from)
  SELECT 'inc-ra1', role, person_id, scope_type, scope_system_id, '2026-04-01'
  FROM role_assignment WHERE id = 'R-08';
