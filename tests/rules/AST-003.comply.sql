-- Near misses: the 3A document on paper in a safe; a 3B asset on the same cloud system.
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ka1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験課', 'kashitsu',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-ism', '試験　課長', 'rt-ka1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra-ism', 'ism', 'rt-ism', 'kashitsu', 'rt-ka1', '2026-04-01');
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '文書管理試験', 'lgwan', 'gov_cloud', 'rt-ka1', 24, 1);
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as1', '国民保護計画 関係秘密文書', 'rt-ka1', 'rt-ism', 'paper', NULL, '3A', '2', '1', 0);
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as2', '住民情報', 'rt-ka1', 'rt-ism', 'electronic', 'rt-sys1', '3B', '2', '2', 1);
