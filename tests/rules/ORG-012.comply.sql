-- Near miss: the predecessor's assignment ended, the successor's started the next day.
UPDATE role_assignment SET valid_to = '2026-03-31' WHERE role = 'audit_chief';
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '後任　事務局長', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'audit_chief', 'rt-p1', 'organization', '2026-04-01');
