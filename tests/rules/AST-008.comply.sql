-- Near misses: an issued medium with 3B; an approved private PC with 機密性２ only; a private
-- medium with 3B that was disposed of.
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-ka1', (SELECT MIN(id) FROM department WHERE level = 'bukyoku'), '試験課', 'kashitsu',
          (SELECT MIN(code) FROM org_body), 99);
INSERT INTO person (id, name, department_id, employment, status) VALUES ('rt-ism', '試験　課長', 'rt-ka1', 'regular', 'active');
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, valid_from)
  VALUES ('rt-ra-ism', 'ism', 'rt-ism', 'kashitsu', 'rt-ka1', '2026-04-01');
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as1', '課税台帳（抽出）', 'rt-ka1', 'rt-ism', 'removable', NULL, '3B', '2', '1', 1);
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, confidentiality, integrity, availability, personal_info) VALUES ('rt-as2', '会議資料', 'rt-ka1', 'rt-ism', 'electronic', NULL, '2', '1', '1', 0);
INSERT INTO device (id, name, kind, department_id, holder_id, ownership, location, disposed_on) VALUES ('rt-dv1', '支給USBメモリ', 'media', 'rt-ka1', 'rt-ism', 'issued', 'office', NULL);
INSERT INTO device (id, name, kind, department_id, holder_id, ownership, location, disposed_on) VALUES ('rt-dv2', '許可済み私物PC', 'pc', 'rt-ka1', 'rt-ism', 'approved', 'offsite', NULL);
INSERT INTO device (id, name, kind, department_id, holder_id, ownership, location, disposed_on) VALUES ('rt-dv3', '廃棄済み私物USB', 'media', 'rt-ka1', 'rt-ism', 'personal', 'office', '2026-05-01');
INSERT INTO device_asset (device_id, asset_id) VALUES ('rt-dv1', 'rt-as1');
INSERT INTO device_asset (device_id, asset_id) VALUES ('rt-dv2', 'rt-as2');
INSERT INTO device_asset (device_id, asset_id) VALUES ('rt-dv3', 'rt-as1');
