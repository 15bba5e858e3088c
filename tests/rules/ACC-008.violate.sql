-- expect: rt-ac1
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '試験　課長', 'regular', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'admin', 'rt-p1', 1, 1, 1, 'active', '2020-04-01', '2026-05-29T10:00:00+09:00');
