-- expect: rt-sys1
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'internet', 'datacenter', (SELECT MIN(id) FROM department), 24, 0);
