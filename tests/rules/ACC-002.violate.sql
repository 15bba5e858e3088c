-- expect: rt-ac1
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status, status_since)
  VALUES ('rt-p1', '派遣　次郎', 'regular', 'transferred', '2026-04-01');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'rt-p1', 'rt-p1', 0, 0, 1, 'active', '2020-04-01', '2026-03-31T17:00:00+09:00');
