-- Near misses: privileged IDs of the system's 担当者 and 管理者, and of the 統括情報セキュリティ責任者.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '担当　十郎', 'regular', 'active');
INSERT INTO person (id, name, employment, status) VALUES ('rt-p2', '管理　課長', 'regular', 'active');
INSERT INTO person (id, name, employment, status) VALUES ('rt-p3', '統括　部長', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_system_id, valid_from)
  VALUES ('rt-ra1', 'sys_staff', 'rt-p1', 'system', 'rt-sys1', '2026-04-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_system_id, valid_from)
  VALUES ('rt-ra2', 'sysm', 'rt-p2', 'system', 'rt-sys1', '2026-04-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra3', 'toukatsu', 'rt-p3', 'organization', '2026-04-01');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'adm-rt-p1', 'rt-p1', 1, 0, 1, 'active', '2026-04-01', '2026-05-28T10:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac2', 'rt-sys1', 'adm-rt-p2', 'rt-p2', 1, 0, 1, 'active', '2026-04-01', '2026-05-28T10:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac3', 'rt-sys1', 'adm-rt-p3', 'rt-p3', 1, 0, 1, 'active', '2026-04-01', '2026-05-28T10:00:00+09:00');
