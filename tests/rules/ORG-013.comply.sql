-- Near miss: a second 監査統括責任者 registered, but retired (ORG-008 reports the stale row).
INSERT INTO person (id, name, employment, status, status_since) VALUES ('rt-p1', '退職　事務局長', 'regular', 'retired', '2026-03-31');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra1', 'audit_chief', 'rt-p1', 'organization', '2024-04-01');
