-- expect: P-09@S-02
INSERT INTO request (id, kind, title, requester_id, department_id, system_id, state, round, emergency, valid_from, valid_until, renewal_of, filed_on, decided_on, closed_on, created_at, updated_at) VALUES (9301, 'remote_access', '在宅勤務', 'P-09', 'D-01-02', 'S-02', 'approved', 1, 0, '2026-04-01', '2026-04-30', NULL, '2026-03-25', '2026-03-28', NULL, '2026-03-25T00:00:00Z', '2026-03-28T00:00:00Z');
INSERT INTO remote_login (id, person_id, system_id, login_at, source, imported_at) VALUES
  (9301, 'P-09', 'S-02', '2026-04-15 09:00', 'vpn', '2026-05-31T00:00:00Z'),
  (9302, 'P-09', 'S-02', '2026-05-12 08:55', 'vpn', '2026-05-31T00:00:00Z');
