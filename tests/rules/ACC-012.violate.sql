-- expect: rt-ac1
-- The database's built-in administrator, kept under its default name (case ignored).
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '担当　一郎', 'regular', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login)
  VALUES ('rt-ac1', 'rt-sys1', 'Administrator', 'rt-p1', 1, 0, 1, 'active', '2020-04-01', '2026-05-29T10:00:00+09:00');
