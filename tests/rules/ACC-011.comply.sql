-- Near misses: the old contract ended but a renewal runs to the end of the 年度; a contractor with
-- no contract registered at all is not judged (nothing says the contract ended).
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '委託　技術者', 'contractor', 'active');
INSERT INTO person (id, name, employment, status) VALUES ('rt-p2', '委託　二号', 'contractor', 'active');
INSERT INTO contractor (id, name) VALUES ('rt-c1', '試験システム株式会社');
INSERT INTO contractor (id, name) VALUES ('rt-c2', '契約未登録株式会社');
INSERT INTO contractor_staff (contractor_id, person_id) VALUES ('rt-c1', 'rt-p1');
INSERT INTO contractor_staff (contractor_id, person_id) VALUES ('rt-c2', 'rt-p2');
INSERT INTO contract (id, title, contractor_id, department_id, system_id, start_on, end_on,
                      max_confidentiality, personal_info, nda)
  VALUES ('rt-k1', '試験システム保守（令和7年度）', 'rt-c1', (SELECT MIN(id) FROM department), 'rt-sys1',
          '2025-04-01', '2026-03-31', '2', 0, 1);
INSERT INTO contract (id, title, contractor_id, department_id, system_id, start_on, end_on,
                      max_confidentiality, personal_info, nda)
  VALUES ('rt-k2', '試験システム保守（令和8年度）', 'rt-c1', (SELECT MIN(id) FROM department), 'rt-sys1',
          '2026-04-01', '2027-03-31', '2', 0, 1);
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac1', 'rt-sys1', 'vendor01', 'rt-p1', 0, 0, 1, 'active', '2025-04-01', '2026-05-30T10:00:00+09:00');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES ('rt-ac2', 'rt-sys1', 'vendor02', 'rt-p2', 0, 0, 1, 'active', '2025-04-01', '2026-05-30T10:00:00+09:00');
