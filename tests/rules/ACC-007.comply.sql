-- Near misses: the same person's LGWAN account without MFA (not マイナンバー利用事務系) and a
-- マイナンバー account without MFA that is suspended.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys2', '試験住基システム', 'mynumber', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '会計年度　六子', 'fiscal_year', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'rt-p1', 'rt-p1', 0, 0, 0, 'active', '2026-04-01', '2026-05-29T10:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac2', 'rt-sys2', 'rt-p1', 'rt-p1', 0, 0, 0, 'suspended', '2026-04-01', '2026-04-02T10:00:00+09:00');
