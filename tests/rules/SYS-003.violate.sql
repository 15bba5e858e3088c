-- expect: rt-sys1
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験住基システム', 'mynumber', 'gov_cloud', (SELECT MIN(id) FROM department), 24, 0);
