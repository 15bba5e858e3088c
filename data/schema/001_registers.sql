-- 001_registers.sql — data model v1: the organization profile and the core registers of the
-- policy. Enumerations are lookup tables (code, Japanese label) referenced by foreign keys, so
-- a value the policy does not know cannot be stored, and labels are data, not code.
-- Kept to SQL that SQLite and PostgreSQL both accept.

CREATE TABLE network_domain (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO network_domain VALUES
  ('mynumber', 'マイナンバー利用事務系', 1),
  ('lgwan',    'LGWAN接続系', 2),
  ('internet', 'インターネット接続系', 3);

CREATE TABLE hosting_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO hosting_kind VALUES
  ('onprem',      '庁内', 1),
  ('datacenter',  'データセンター', 2),
  ('gov_cloud',   'ガバメントクラウド', 3),
  ('other_cloud', 'その他のクラウド', 4);

CREATE TABLE employment_type (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO employment_type VALUES
  ('regular',     '正規職員', 1),
  ('fiscal_year', '会計年度任用職員', 2),
  ('special',     '特別職', 3),
  ('part_time',   '非常勤職員', 4),
  ('contractor',  '委託先要員', 5);

CREATE TABLE person_status (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO person_status VALUES
  ('active',      '在職', 1),
  ('transferred', '異動', 2),
  ('on_leave',    '休職', 3),
  ('retired',     '退職', 4);

CREATE TABLE department_level (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO department_level VALUES
  ('bukyoku',  '部局', 1),
  ('kashitsu', '課室', 2),
  ('desaki',   '出先機関', 3);

CREATE TABLE scope_type (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO scope_type VALUES
  ('organization', '全庁', 1),
  ('bukyoku',      '部局', 2),
  ('kashitsu',     '課室', 3),
  ('system',       '情報システム', 4);

-- The roles of 対策基準 §1 (and 8.3, 9.1 for the cloud and audit roles).
CREATE TABLE role (
  code   TEXT PRIMARY KEY,
  label  TEXT NOT NULL,
  clause TEXT NOT NULL,
  sort   INTEGER NOT NULL
);
INSERT INTO role VALUES
  ('ciso',             '最高情報セキュリティ責任者（CISO）', '1.(1)', 1),
  ('vice_ciso',        '最高情報セキュリティ副責任者（副CISO）', '1.(1)④', 2),
  ('toukatsu',         '統括情報セキュリティ責任者', '1.(2)', 3),
  ('isr',              '情報セキュリティ責任者', '1.(3)', 4),
  ('ism',              '情報セキュリティ管理者', '1.(4)', 5),
  ('sysm',             '情報システム管理者', '1.(5)', 6),
  ('sys_staff',        '情報システム担当者', '1.(6)', 7),
  ('committee',        '情報セキュリティ委員会 委員', '1.(7)', 8),
  ('csirt_head',       'CSIRT責任者', '1.(9)②', 9),
  ('csirt_member',     'CSIRT要員', '1.(9)②', 10),
  ('audit_chief',      '情報セキュリティ監査統括責任者', '9.1(1)', 11),
  ('permit_authority', '利用申請の許可権限者', '8.3(5)②', 12),
  ('cloud_manager',    'クラウドサービス管理者', '8.3(5)③', 13);

-- Which scopes each role may be given.
CREATE TABLE role_scope (
  role       TEXT NOT NULL REFERENCES role(code),
  scope_type TEXT NOT NULL REFERENCES scope_type(code),
  PRIMARY KEY (role, scope_type)
);
INSERT INTO role_scope VALUES
  ('ciso', 'organization'), ('vice_ciso', 'organization'), ('toukatsu', 'organization'),
  ('isr', 'bukyoku'), ('ism', 'kashitsu'), ('sysm', 'system'), ('sys_staff', 'system'),
  ('committee', 'organization'), ('csirt_head', 'organization'), ('csirt_member', 'organization'),
  ('audit_chief', 'organization'), ('permit_authority', 'organization'),
  ('cloud_manager', 'system');

CREATE TABLE asset_medium (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO asset_medium VALUES
  ('electronic', '電磁的記録（情報システム内）', 1),
  ('removable',  '電磁的記録媒体', 2),
  ('paper',      '紙', 3),
  ('other',      'その他', 4);

-- 2.(1): the classes, with rank giving the order 1 < 2 < 3C < 3B < 3A.
CREATE TABLE confidentiality_class (
  code  TEXT PRIMARY KEY,
  rank  INTEGER NOT NULL UNIQUE,
  label TEXT NOT NULL
);
INSERT INTO confidentiality_class VALUES
  ('1',  1, '自治体機密性１'),
  ('2',  2, '自治体機密性２'),
  ('3C', 3, '自治体機密性３Ｃ'),
  ('3B', 4, '自治体機密性３Ｂ'),
  ('3A', 5, '自治体機密性３Ａ');

CREATE TABLE integrity_class (code TEXT PRIMARY KEY, rank INTEGER NOT NULL UNIQUE, label TEXT NOT NULL);
INSERT INTO integrity_class VALUES ('1', 1, '自治体完全性１'), ('2', 2, '自治体完全性２');

CREATE TABLE availability_class (code TEXT PRIMARY KEY, rank INTEGER NOT NULL UNIQUE, label TEXT NOT NULL);
INSERT INTO availability_class VALUES ('1', 1, '自治体可用性１'), ('2', 2, '自治体可用性２');

CREATE TABLE account_status (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO account_status VALUES
  ('active',    '有効', 1),
  ('suspended', '停止中', 2),
  ('deleted',   '削除済み', 3);

-- The organization profile: exactly one row.
CREATE TABLE organization (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  prefecture   TEXT,
  policy_title TEXT,
  policy_date  TEXT,
  note         TEXT
);

-- 基本方針 4(1): the 行政機関 the policy applies to.
CREATE TABLE org_body (
  code     TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  note     TEXT,
  position INTEGER NOT NULL
);

-- 基本方針 4(1) ただし書: networks left out of scope (学校ネットワーク, 医療系ネットワーク …).
CREATE TABLE org_excluded_network (
  position INTEGER PRIMARY KEY,
  name     TEXT NOT NULL,
  reason   TEXT
);

-- 基本方針 2: networks the body counts into one of the three domains (e.g. 議会ネットワーク).
CREATE TABLE org_network_inclusion (
  position INTEGER PRIMARY KEY,
  name     TEXT NOT NULL,
  domain   TEXT NOT NULL REFERENCES network_domain(code),
  note     TEXT
);

-- Local parameters the body has set; unset ones take the defaults in data/params/.
CREATE TABLE org_parameter (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE department (
  id        TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  name      TEXT NOT NULL,
  level     TEXT NOT NULL REFERENCES department_level(code),
  body      TEXT NOT NULL REFERENCES org_body(code) DEFERRABLE INITIALLY DEFERRED,
  sort      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX department_parent ON department(parent_id);

CREATE TABLE person (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  kana          TEXT,
  department_id TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  title         TEXT,
  employment    TEXT NOT NULL REFERENCES employment_type(code),
  status        TEXT NOT NULL REFERENCES person_status(code),
  status_since  TEXT,
  hired_on      TEXT,
  left_on       TEXT,
  email         TEXT
);
CREATE INDEX person_department ON person(department_id);

CREATE TABLE system (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  domain        TEXT NOT NULL REFERENCES network_domain(code),
  hosting       TEXT NOT NULL REFERENCES hosting_kind(code),
  department_id TEXT NOT NULL REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  rto_hours     INTEGER CHECK (rto_hours IS NULL OR rto_hours > 0),
  mfa           INTEGER NOT NULL CHECK (mfa IN (0, 1)),
  vendor        TEXT,
  last_updated  TEXT,
  note          TEXT
);
CREATE INDEX system_department ON system(department_id);

CREATE TABLE role_assignment (
  id                  TEXT PRIMARY KEY,
  role                TEXT NOT NULL REFERENCES role(code),
  person_id           TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  scope_type          TEXT NOT NULL REFERENCES scope_type(code),
  scope_department_id TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  scope_system_id     TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  valid_from          TEXT NOT NULL,
  valid_to            TEXT,
  note                TEXT,
  FOREIGN KEY (role, scope_type) REFERENCES role_scope(role, scope_type),
  CHECK ((scope_type = 'organization' AND scope_department_id IS NULL AND scope_system_id IS NULL)
      OR (scope_type IN ('bukyoku', 'kashitsu') AND scope_department_id IS NOT NULL
          AND scope_system_id IS NULL)
      OR (scope_type = 'system' AND scope_system_id IS NOT NULL AND scope_department_id IS NULL)),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX role_assignment_person ON role_assignment(person_id);
CREATE INDEX role_assignment_role ON role_assignment(role, scope_type);

CREATE TABLE asset (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  department_id   TEXT NOT NULL REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  manager_id      TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  medium          TEXT NOT NULL REFERENCES asset_medium(code),
  system_id       TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  location        TEXT,
  confidentiality TEXT NOT NULL REFERENCES confidentiality_class(code),
  integrity       TEXT NOT NULL REFERENCES integrity_class(code),
  availability    TEXT NOT NULL REFERENCES availability_class(code),
  retention       TEXT,
  personal_info   INTEGER NOT NULL DEFAULT 0 CHECK (personal_info IN (0, 1)),
  note            TEXT
);
CREATE INDEX asset_department ON asset(department_id);
CREATE INDEX asset_system ON asset(system_id);

CREATE TABLE account (
  id         TEXT PRIMARY KEY,
  system_id  TEXT NOT NULL REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  login      TEXT NOT NULL,
  holder_id  TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  privileged INTEGER NOT NULL CHECK (privileged IN (0, 1)),
  shared     INTEGER NOT NULL CHECK (shared IN (0, 1)),
  mfa        INTEGER NOT NULL CHECK (mfa IN (0, 1)),
  status     TEXT NOT NULL REFERENCES account_status(code),
  created_on TEXT,
  last_login TEXT,
  UNIQUE (system_id, login)
);
CREATE INDEX account_holder ON account(holder_id);
