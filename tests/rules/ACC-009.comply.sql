-- Near misses: last login on the cutoff day itself; a new account not yet used (created after the
-- cutoff); an old unused account that is suspended.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '在職　七郎', 'regular', 'active');
INSERT INTO person (id, name, employment, status, hired_on) VALUES ('rt-p2', '新規　八子', 'regular', 'active', '2026-05-20');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'rt-p1', 'rt-p1', 0, 0, 1, 'active', '2020-04-01', '2026-03-03T08:30:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac2', 'rt-sys1', 'rt-p2', 'rt-p2', 0, 0, 1, 'active', '2026-05-20', NULL);
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac3', 'rt-sys1', 'rt-p1-old', 'rt-p1', 0, 0, 1, 'suspended', '2018-04-01', '2019-01-15T10:00:00+09:00');
