-- 004_registers2.sql — the registers the compliance checks need beyond data model v1:
-- connections between network segments (三層の構え), terminals/servers/media, 管理区域,
-- software, contractors and contracts (8.1/8.2), cloud services (8.3/8.4), training (5.2),
-- and the 推奨事項 the organization adopted. Enumerations are lookup tables, as in 001.

CREATE TABLE external_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO external_kind VALUES
  ('internet',            'インターネット', 1),
  ('lgwan_asp',           'LGWAN-ASP', 2),
  ('intermediate_server', '中間サーバー・プラットフォーム等（LGWAN経由の公的機関）', 3),
  ('gov_cloud',           'ガバメントクラウド', 4),
  ('cloud_service',       'クラウドサービス', 5),
  ('vendor',              '保守事業者', 6),
  ('other_body',          '他団体・公的機関', 7);

CREATE TABLE connection_purpose (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO connection_purpose VALUES
  ('specific_comm',      '特定通信（業務上必要な通信）', 1),
  ('screen_transfer',    '画面転送', 2),
  ('mail',               'メール', 3),
  ('file',               'ファイル受け渡し', 4),
  ('patch',              'パッチ・更新の取得', 5),
  ('av_update',          'ウイルス定義ファイルの取得', 6),
  ('remote_maintenance', 'リモート保守', 7),
  ('mgmt_console',       '管理コンソール', 8),
  ('web',                'Web閲覧', 9),
  ('other',              'その他', 10);

CREATE TABLE sanitization_method (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO sanitization_method VALUES
  ('none',            'なし', 0),
  ('mail_text',       'メール本文のテキスト化', 1),
  ('screen_transfer', '画面転送', 2),
  ('text_extract',    'ファイルからのテキスト抽出', 3),
  ('image_pdf',       '画像PDF化', 4),
  ('cdr',             'ファイルの無害化（CDR）', 5);

CREATE TABLE carrier_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO carrier_kind VALUES
  ('internal',       '庁内LAN', 1),
  ('lgwan',          'LGWAN', 2),
  ('dedicated_line', '専用線', 3),
  ('ip_vpn',         '閉域IP-VPN', 4),
  ('internet_vpn',   'インターネットVPN', 5),
  ('security_cloud', '自治体情報セキュリティクラウド経由', 6),
  ('internet',       'インターネット（直接）', 7),
  ('local_breakout', 'ローカルブレイクアウト', 8);

-- A permitted communication path: from a segment (optionally a system in it) to another
-- segment, system or an outside party.
CREATE TABLE network_connection (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  from_domain     TEXT NOT NULL REFERENCES network_domain(code),
  from_system_id  TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  to_domain       TEXT REFERENCES network_domain(code),
  to_system_id    TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  to_external     TEXT REFERENCES external_kind(code),
  purpose         TEXT NOT NULL REFERENCES connection_purpose(code),
  sanitization    TEXT NOT NULL DEFAULT 'none' REFERENCES sanitization_method(code),
  via             TEXT NOT NULL REFERENCES carrier_kind(code),
  restricted_ip   INTEGER NOT NULL CHECK (restricted_ip IN (0, 1)),
  restricted_port INTEGER NOT NULL CHECK (restricted_port IN (0, 1)),
  encrypted       INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
  department_id   TEXT NOT NULL REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  approved_on     TEXT,
  approved_by     TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  note            TEXT,
  CHECK ((to_domain IS NOT NULL AND to_external IS NULL)
      OR (to_domain IS NULL AND to_external IS NOT NULL))
);

CREATE TABLE device_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO device_kind VALUES
  ('server',    'サーバ', 1),
  ('pc',        '端末（パソコン）', 2),
  ('mobile',    'モバイル端末', 3),
  ('media',     '電磁的記録媒体', 4),
  ('printer',   'プリンタ・複合機', 5),
  ('network',   '通信回線装置', 6),
  ('other',     'その他', 7);

CREATE TABLE device_ownership (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO device_ownership VALUES
  ('issued',     '支給', 1),
  ('approved',   '支給以外（許可済み）', 2),
  ('personal',   '私物（許可なし）', 3),
  ('contractor', '委託事業者の所有', 4);

CREATE TABLE device_location (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO device_location VALUES
  ('office',       '執務室', 1),
  ('managed_area', '管理区域', 2),
  ('offsite',      '庁外', 3),
  ('cloud',        'クラウド', 4);

CREATE TABLE usb_policy (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO usb_policy VALUES
  ('blocked',      '使用不可', 1),
  ('admin_unlock', '管理者が都度解除', 2),
  ('registered',   '登録媒体のみ', 3),
  ('open',         '制限なし', 4);

CREATE TABLE access_control_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO access_control_kind VALUES
  ('ic_card',   'ICカード', 1),
  ('biometric', '生体認証', 2),
  ('logbook',   '入退室管理簿', 3),
  ('none',      'なし', 4);

-- 管理区域 (4.2): rooms for servers and media.
CREATE TABLE managed_area (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  department_id  TEXT NOT NULL REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  floor          INTEGER,
  access_control TEXT NOT NULL REFERENCES access_control_kind(code),
  locked         INTEGER NOT NULL CHECK (locked IN (0, 1)),
  fire_measures  INTEGER NOT NULL CHECK (fire_measures IN (0, 1)),
  water_measures INTEGER NOT NULL CHECK (water_measures IN (0, 1)),
  seismic        INTEGER NOT NULL CHECK (seismic IN (0, 1)),
  note           TEXT
);

-- Who may enter a 管理区域.
CREATE TABLE managed_area_permit (
  area_id   TEXT NOT NULL REFERENCES managed_area(id) DEFERRABLE INITIALLY DEFERRED,
  person_id TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (area_id, person_id)
);

-- Servers, terminals, removable media and other equipment (機器等, 電磁的記録媒体).
CREATE TABLE device (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL REFERENCES device_kind(code),
  domain          TEXT REFERENCES network_domain(code),
  system_id       TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  department_id   TEXT NOT NULL REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  holder_id       TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  ownership       TEXT NOT NULL REFERENCES device_ownership(code),
  location        TEXT NOT NULL REFERENCES device_location(code),
  area_id         TEXT REFERENCES managed_area(id) DEFERRABLE INITIALLY DEFERRED,
  usb_policy      TEXT REFERENCES usb_policy(code),
  mfa             INTEGER NOT NULL DEFAULT 0 CHECK (mfa IN (0, 1)),
  encrypted       INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1)),
  registered      INTEGER NOT NULL DEFAULT 1 CHECK (registered IN (0, 1)),
  wire_locked     INTEGER NOT NULL DEFAULT 0 CHECK (wire_locked IN (0, 1)),
  os_supported    INTEGER NOT NULL DEFAULT 1 CHECK (os_supported IN (0, 1)),
  last_patched_on TEXT,
  av_updated_on   TEXT,
  offsite_approved_on TEXT,
  disposed_on     TEXT,
  note            TEXT
);
CREATE INDEX device_system ON device(system_id);
CREATE INDEX device_department ON device(department_id);

-- Which information assets a device or medium holds (a medium is handled at the highest class).
CREATE TABLE device_asset (
  device_id TEXT NOT NULL REFERENCES device(id) DEFERRABLE INITIALLY DEFERRED,
  asset_id  TEXT NOT NULL REFERENCES asset(id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (device_id, asset_id)
);

-- Software the organization knows of; `allowed` marks the 許可ソフトウェア list (6.1).
CREATE TABLE software (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  vendor       TEXT,
  allowed      INTEGER NOT NULL CHECK (allowed IN (0, 1)),
  approved_on  TEXT,
  support_ends TEXT,
  note         TEXT
);

CREATE TABLE device_software (
  device_id   TEXT NOT NULL REFERENCES device(id) DEFERRABLE INITIALLY DEFERRED,
  software_id TEXT NOT NULL REFERENCES software(id) DEFERRABLE INITIALLY DEFERRED,
  version     TEXT,
  PRIMARY KEY (device_id, software_id)
);

CREATE TABLE contractor (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  corporate_number TEXT,
  isms_certified   INTEGER NOT NULL DEFAULT 0 CHECK (isms_certified IN (0, 1)),
  privacy_mark     INTEGER NOT NULL DEFAULT 0 CHECK (privacy_mark IN (0, 1)),
  note             TEXT
);

-- Staff of a contractor who work for the organization (their person rows are 委託先要員).
CREATE TABLE contractor_staff (
  contractor_id TEXT NOT NULL REFERENCES contractor(id) DEFERRABLE INITIALLY DEFERRED,
  person_id     TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (contractor_id, person_id)
);

-- 8.1(2)①(エ): the security requirements a contract must state (契約項目).
CREATE TABLE contract_item (
  code   TEXT PRIMARY KEY,
  label  TEXT NOT NULL,
  clause TEXT NOT NULL,
  sort   INTEGER NOT NULL
);
INSERT INTO contract_item VALUES
  ('policy_compliance',   '情報セキュリティポリシー及び実施手順の遵守', '8.1(2)①(エ)', 1),
  ('technical_safeguards','個人情報漏えい防止のための技術的安全管理措置', '8.1(2)①(エ)', 2),
  ('responsible_and_site','責任者、委託内容、作業者の所属、作業場所の特定', '8.1(2)①(エ)', 3),
  ('service_level',       'サービスレベルの保証', '8.1(2)①(エ)', 4),
  ('information_scope',   'アクセスを許可する情報の種類・範囲とアクセス方法、ライフサイクル全般の管理方法', '8.1(2)①(エ)', 5),
  ('staff_education',     '委託事業者の従業員に対する教育', '8.1(2)①(エ)', 6),
  ('no_other_use',        '目的外利用及び第三者提供の禁止', '8.1(2)①(エ)', 7),
  ('confidentiality',     '業務上知り得た情報の守秘義務', '8.1(2)①(エ)', 8),
  ('subcontracting',      '再委託に関する制限事項の遵守', '8.1(2)①(エ)', 9),
  ('return_disposal',     '委託業務終了時の情報資産の返還・廃棄等', '8.1(2)①(エ)', 10),
  ('reporting',           '定期報告及び緊急時報告の義務', '8.1(2)①(エ)', 11),
  ('audit_inspection',    '団体による監査・検査', '8.1(2)①(エ)', 12),
  ('incident_publication','インシデント発生時の団体による公表', '8.1(2)①(エ)', 13),
  ('breach_remedy',       'ポリシー不遵守時の規定（損害賠償等）', '8.1(2)①(エ)', 14);

CREATE TABLE contract (
  id                   TEXT PRIMARY KEY,
  title                TEXT NOT NULL,
  contractor_id        TEXT NOT NULL REFERENCES contractor(id) DEFERRABLE INITIALLY DEFERRED,
  department_id        TEXT NOT NULL REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  system_id            TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  start_on             TEXT NOT NULL,
  end_on               TEXT,
  max_confidentiality  TEXT NOT NULL REFERENCES confidentiality_class(code),
  personal_info        INTEGER NOT NULL CHECK (personal_info IN (0, 1)),
  nda                  INTEGER NOT NULL CHECK (nda IN (0, 1)),
  subcontracting       INTEGER NOT NULL DEFAULT 0 CHECK (subcontracting IN (0, 1)),
  subcontract_approved INTEGER NOT NULL DEFAULT 0 CHECK (subcontract_approved IN (0, 1)),
  last_checked_on      TEXT,
  note                 TEXT,
  CHECK (end_on IS NULL OR end_on >= start_on)
);

-- Which 契約項目 a contract states.
CREATE TABLE contract_clause (
  contract_id TEXT NOT NULL REFERENCES contract(id) DEFERRABLE INITIALLY DEFERRED,
  item        TEXT NOT NULL REFERENCES contract_item(code),
  PRIMARY KEY (contract_id, item)
);

CREATE TABLE service_model (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO service_model VALUES ('iaas', 'IaaS', 1), ('paas', 'PaaS', 2), ('saas', 'SaaS', 3);

-- Cloud services (8.3 for 機密性2以上, 8.4 otherwise), with their 利用承認.
CREATE TABLE cloud_service (
  id                  TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  provider            TEXT NOT NULL,
  service_model       TEXT NOT NULL REFERENCES service_model(code),
  ismap_listed        INTEGER NOT NULL CHECK (ismap_listed IN (0, 1)),
  department_id       TEXT NOT NULL REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  system_id           TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  contract_id         TEXT REFERENCES contract(id) DEFERRABLE INITIALLY DEFERRED,
  max_confidentiality TEXT NOT NULL REFERENCES confidentiality_class(code),
  requested_by        TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  approved_by         TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  approved_on         TEXT,
  manager_id          TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  use_start           TEXT,
  use_end             TEXT,
  exit_terms_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (exit_terms_confirmed IN (0, 1)),
  data_in_japan       INTEGER NOT NULL DEFAULT 1 CHECK (data_in_japan IN (0, 1)),
  note                TEXT
);

-- Which information assets a cloud service holds.
CREATE TABLE cloud_service_asset (
  cloud_service_id TEXT NOT NULL REFERENCES cloud_service(id) DEFERRABLE INITIALLY DEFERRED,
  asset_id         TEXT NOT NULL REFERENCES asset(id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (cloud_service_id, asset_id)
);

CREATE TABLE training_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO training_kind VALUES
  ('general',        '情報セキュリティ研修（全職員）', 1),
  ('manager',        '管理者向け研修', 2),
  ('targeted_drill', '標的型攻撃メール訓練', 3),
  ('incident_drill', 'インシデント対応訓練', 4),
  ('new_staff',      '新規採用職員研修', 5);

-- 5.2: courses by 年度 (fiscal_year = the Gregorian year in which the 年度 starts).
CREATE TABLE training_course (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  kind        TEXT NOT NULL REFERENCES training_kind(code),
  fiscal_year INTEGER NOT NULL,
  mandatory   INTEGER NOT NULL CHECK (mandatory IN (0, 1)),
  held_on     TEXT,
  note        TEXT
);

CREATE TABLE training_attendance (
  course_id    TEXT NOT NULL REFERENCES training_course(id) DEFERRABLE INITIALLY DEFERRED,
  person_id    TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  completed_on TEXT NOT NULL,
  PRIMARY KEY (course_id, person_id)
);
CREATE INDEX training_attendance_person ON training_attendance(person_id);

-- 推奨事項 the organization adopted (clause ids of the catalog); absent means not adopted.
CREATE TABLE org_recommendation (
  clause_id TEXT PRIMARY KEY,
  adopted   INTEGER NOT NULL CHECK (adopted IN (0, 1)),
  note      TEXT
);
