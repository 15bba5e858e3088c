-- expect: rt-ac1
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験住基システム', 'mynumber', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '会計年度　六子', 'fiscal_year', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'rt-p1', 'rt-p1', 0, 0, 0, 'active', '2026-04-01', '2026-05-29T10:00:00+09:00');
