-- Near miss: the 監査統括責任者 (監査委員事務局長) is also 情報セキュリティ責任者 of his own 事務局
-- and a committee member — allowed: the auditors of that 事務局 must be independent (9.1(2)①),
-- the chief need not be; and a former 統括 whose assignment ended before he became chief.
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-bu1', NULL, '監査委員事務局', 'bukyoku', (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-p1', '監査　局長', 'rt-bu1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'audit_chief', 'rt-p1', 'organization', '2026-04-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra2', 'isr', 'rt-p1', 'bukyoku', 'rt-bu1', '2026-04-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra3', 'committee', 'rt-p1', 'organization', '2026-04-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from, valid_to)
  VALUES ('rt-ra4', 'toukatsu', 'rt-p1', 'organization', '2024-04-01', '2026-03-31');
