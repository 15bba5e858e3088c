-- expect: rt-sys1
-- RTO 96 h against the default target of 72 h, with two 可用性２ assets (one finding per system).
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 96, 1);
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability)
  VALUES ('rt-as1', '試験データ１', (SELECT MIN(id) FROM department), 'electronic', 'rt-sys1', '2', '2', '2');
INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality, integrity, availability)
  VALUES ('rt-as2', '試験データ２', (SELECT MIN(id) FROM department), 'electronic', 'rt-sys1', '2', '1', '2');
