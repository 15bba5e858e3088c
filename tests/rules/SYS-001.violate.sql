-- expect: rt-sys1
-- A system whose 情報システム管理者 was the previous 課長; the assignment ended.
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '前任　課長', 'regular', 'active');
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_system_id, valid_from, valid_to)
  VALUES ('rt-ra1', 'sysm', 'rt-p1', 'system', 'rt-sys1', '2024-04-01', '2026-03-31');
