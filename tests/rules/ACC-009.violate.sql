-- expect: rt-ac1
-- Last login 2026-01-15; the cutoff on 2026-06-01 with 90 days is 2026-03-03.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '在職　七郎', 'regular', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'rt-p1', 'rt-p1', 0, 0, 1, 'active', '2020-04-01', '2026-01-15T10:00:00+09:00');
