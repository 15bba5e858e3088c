-- expect: rt-dv1
-- A private USB stick (not approved) holding two 機密性３ assets: one finding for the medium.
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ka1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験課', 'kashitsu',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-ism', '試験　課長', 'rt-ka1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra-ism', 'ism', 'rt-ism', 'kashitsu', 'rt-ka1', '2026-04-01');
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as1', '課税台帳（抽出）', 'rt-ka1', 'rt-ism', 'removable', NULL, '3B', '2', '1', 1);
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as2', '入札予定価格', 'rt-ka1', 'rt-ism', 'removable', NULL, '3C', '2', '1', 0);
INSERT INTO device (id, name, kind, department_id, holder_id, ownership, location, disposed_on) VALUES ('rt-dv1', '私物USBメモリ', 'media', 'rt-ka1', 'rt-ism', 'personal', 'office', NULL);
INSERT INTO device_asset (device_id, asset_id) VALUES ('rt-dv1', 'rt-as1');
INSERT INTO device_asset (device_id, asset_id) VALUES ('rt-dv1', 'rt-as2');
