-- Near misses: a cloud system with its クラウドサービス管理者; an on-premises system needs none.
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '試験　係長', 'regular', 'active');
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験クラウドシステム', 'internet', 'other_cloud', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys2', '試験庁内システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_system_id, valid_from)
  VALUES ('rt-ra1', 'cloud_manager', 'rt-p1', 'system', 'rt-sys1', '2026-04-01');
