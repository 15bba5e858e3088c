-- Near misses: the retired person's accounts are suspended or deleted; an active colleague's is not.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status, status_since, left_on)
  VALUES ('rt-p1', '退職　太郎', 'regular', 'retired', '2026-03-31', '2026-03-31');
INSERT INTO person (id, name, employment, status) VALUES ('rt-p2', '在職　花子', 'regular', 'active');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'rt-p1', 'rt-p1', 0, 0, 1, 'suspended', '2020-04-01', '2026-03-31T17:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac2', 'rt-sys1', 'rt-p1-old', 'rt-p1', 0, 0, 1, 'deleted', '2015-04-01', '2019-03-31T17:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac3', 'rt-sys1', 'rt-p2', 'rt-p2', 0, 0, 1, 'active', '2020-04-01', '2026-05-29T09:00:00+09:00');
-- The retirement date is the check date itself: the last working day, the account is still needed.
INSERT INTO person (id, name, employment, status, status_since, left_on)
  VALUES ('rt-p3', '本日退職　九子', 'fiscal_year', 'retired', '2026-06-01', '2026-06-01');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login)
  VALUES ('rt-ac4', 'rt-sys1', 'rt-p3', 'rt-p3', 0, 0, 1, 'active', '2025-04-01', '2026-06-01T09:00:00+09:00');
