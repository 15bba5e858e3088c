-- Near miss: the 管理者 starts on the check date; a 担当者 alone would not do, but here both exist.
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '新任　課長', 'regular', 'active');
INSERT INTO person (id, name, employment, status) VALUES ('rt-p2', '担当　職員', 'regular', 'active');
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_system_id, valid_from)
  VALUES ('rt-ra1', 'sysm', 'rt-p1', 'system', 'rt-sys1', '2026-06-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_system_id, valid_from)
  VALUES ('rt-ra2', 'sys_staff', 'rt-p2', 'system', 'rt-sys1', '2026-04-01');
