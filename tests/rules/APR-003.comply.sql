-- Near misses: logins inside the granted period, including its last day, and on a grant later closed after the login.
INSERT INTO request (id, kind, title, requester_id, department_id, system_id, state, round, emergency, valid_from, valid_until, renewal_of, filed_on, decided_on, closed_on, created_at, updated_at) VALUES (9311, 'remote_access', '在宅勤務', 'P-09', 'D-01-02', 'S-02', 'approved', 1, 0, '2026-04-01', '2026-04-30', NULL, '2026-03-25', '2026-03-28', NULL, '2026-03-25T00:00:00Z', '2026-03-28T00:00:00Z'),
   (9312, 'remote_access', '出張', 'P-04', 'D-01-01', 'S-03', 'closed', 1, 0, '2026-05-01', '2026-05-31', NULL, '2026-04-25', '2026-04-28', '2026-05-10', '2026-04-25T00:00:00Z', '2026-04-28T00:00:00Z');
INSERT INTO remote_login (id, person_id, system_id, login_at, source, imported_at) VALUES
  (9311, 'P-09', 'S-02', '2026-04-01 09:00', 'vpn', '2026-05-31T00:00:00Z'),
  (9312, 'P-09', 'S-02', '2026-04-30 18:00', 'vpn', '2026-05-31T00:00:00Z'),
  (9313, 'P-04', 'S-03', '2026-05-09 10:00', 'vpn', '2026-05-31T00:00:00Z');
