-- Near miss: a shared account with its responsible person registered.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '窓口　課長', 'regular', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'counter01', 'rt-p1', 0, 1, 1, 'active', '2026-01-10', '2026-05-20T10:00:00+09:00');
