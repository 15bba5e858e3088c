-- Near misses: a privileged ID without MFA that is suspended; an ordinary ID without MFA on an
-- LGWAN接続系 system (no rule of its own: the system-level setting is SYS-004's).
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '担当　五郎', 'regular', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'adm-rt-p1', 'rt-p1', 1, 0, 0, 'suspended', '2026-04-01', '2026-05-28T10:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac2', 'rt-sys1', 'rt-p1', 'rt-p1', 0, 0, 0, 'active', '2026-04-01', '2026-05-28T10:00:00+09:00');
