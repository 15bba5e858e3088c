-- Near misses: the default administrator disabled (suspended) after a renamed one was made; a
-- non-privileged ID that happens to be called "manager"; a renamed admin ID containing "admin".
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '担当　一郎', 'regular', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login)
  VALUES ('rt-ac1', 'rt-sys1', 'administrator', 'rt-p1', 1, 0, 1, 'suspended', '2020-04-01', '2020-04-02T10:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login)
  VALUES ('rt-ac2', 'rt-sys1', 'manager', 'rt-p1', 0, 0, 1, 'active', '2020-04-01', '2026-05-29T10:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login)
  VALUES ('rt-ac3', 'rt-sys1', 'adm-ichiro', 'rt-p1', 1, 0, 1, 'active', '2020-04-01', '2026-05-29T10:00:00+09:00');
