-- Near misses: a short leave (from 2026-05-01) keeps its account; a long leave with the account
-- suspended.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status, status_since)
  VALUES ('rt-p1', '休職　三郎', 'regular', 'on_leave', '2026-05-01');
INSERT INTO person (id, name, employment, status, status_since)
  VALUES ('rt-p2', '休職　四郎', 'regular', 'on_leave', '2025-06-01');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'rt-p1', 'rt-p1', 0, 0, 1, 'active', '2020-04-01', '2026-04-30T17:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac2', 'rt-sys1', 'rt-p2', 'rt-p2', 0, 0, 1, 'suspended', '2020-04-01', '2025-05-30T17:00:00+09:00');
