-- Near misses: RTO exactly the target with a 可用性２ asset; RTO 96 h with only 可用性１ assets.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム１', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 72, 1);
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys2', '試験システム２', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 96, 1);
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability)
  VALUES ('rt-as1', '試験データ１', (SELECT MIN(id) FROM department), 'electronic', 'rt-sys1', '2', '2', '2');
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability)
  VALUES ('rt-as2', '試験データ２', (SELECT MIN(id) FROM department), 'electronic', 'rt-sys2', '2', '2', '1');
