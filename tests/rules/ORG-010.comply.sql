-- Near miss: every member but one has left; one current member is enough for this rule.
DELETE FROM role_assignment WHERE role = 'csirt_member';
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '要員　一人', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'csirt_member', 'rt-p1', 'organization', '2026-04-01');
