-- expect: 1
DELETE FROM role_assignment WHERE role = 'permit_authority';
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験クラウドシステム', 'lgwan', 'other_cloud', (SELECT MIN(id) FROM department), 24, 1);
