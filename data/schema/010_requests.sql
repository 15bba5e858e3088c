-- 010_requests.sql — 申請・承認: request kinds as data (their clauses, the fields they ask for,
-- the hard conditions that refuse them and their route of grantors), the requests filed, the
-- grantors resolved for each request with their decisions, 代決 (delegations), absences,
-- attachments, the in-application inbox and imported remote-access logins.
--
-- Requests are records: people, departments and systems are stored by id without a foreign key
-- (as finding does), so that `import --replace` of the registers never breaks the history; the
-- engine checks that they exist when a request is filed. Ids are given by the application.
-- Kept to SQL that SQLite and PostgreSQL both accept (no triggers: src/approval enforces that a
-- decided request is never edited). docs/approvals.md describes the model.

CREATE TABLE request_state (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO request_state VALUES
  ('pending',   '審査中', 1),
  ('returned',  '差戻し', 2),
  ('approved',  '許可', 3),
  ('conditional', '条件付き許可', 4),
  ('rejected',  '却下', 5),
  ('withdrawn', '取下げ', 6),
  ('closed',    '終了', 7);

CREATE TABLE request_decision (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO request_decision VALUES
  ('approve',     '許可', 1),
  ('conditional', '条件付き許可', 2),
  ('reject',      '却下', 3),
  ('return',      '差戻し', 4);

-- 付録「権限・責任等一覧表」の記号: 許 (許可) or 承 (承認).
CREATE TABLE request_grant_type (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO request_grant_type VALUES ('permit', '許可', 1), ('approve', '承認', 2);

CREATE TABLE request_field_type (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO request_field_type VALUES
  ('text',   '文字列', 1),
  ('date',   '日付', 2),
  ('int',    '整数', 3),
  ('bool',   'はい・いいえ', 4),
  ('choice', '選択', 5),
  ('class',  '機密性の分類', 6),
  ('person', '職員等', 7),
  ('system', '情報システム', 8),
  ('asset',  '情報資産', 9),
  ('department', '部局・課室', 10);

-- Where the holder of a route step's role is looked for.
CREATE TABLE request_scope (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO request_scope VALUES
  ('organization',      '全庁', 1),
  ('requester_kashitsu', '申請者の課室', 2),
  ('requester_bukyoku',  '申請者の部局', 3),
  ('system',            '申請の情報システム', 4),
  ('system_bukyoku',    '申請の情報システムを所管する部局', 5);

-- How the grantors of one step decide: 及び (every one) or 又は (any one).
CREATE TABLE request_step_mode (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO request_step_mode VALUES ('all', '全員の決定（及び）', 1), ('any', 'いずれかの決定（又は）', 2);

-- Tests a field value is put to, by route conditions and refusal conditions.
CREATE TABLE request_test (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO request_test VALUES
  ('eq',            '等しい', 1),
  ('ne',            '等しくない', 2),
  ('class_ge',      '機密性がこの分類以上', 3),
  ('class_lt',      '機密性がこの分類未満', 4),
  ('in',            'いずれか（| 区切り）', 5),
  ('not_in',        'いずれでもない（| 区切り）', 6),
  ('system_domain', '情報システムがこの系統', 7),
  ('param_false',   '団体のパラメータ（値の名前）が false', 8);

-- 連動する台帳: what approval writes to the registers.
CREATE TABLE request_register (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO request_register VALUES
  ('cloud_service', 'クラウドサービス台帳に承認済みとして登録（クラウドサービス管理者を指名）', 1),
  ('software',      '許可ソフトウェアの一覧に登録', 2),
  ('remote_grant',  '外部からのアクセスの許可（ログインの点検が照合する）', 3);

CREATE TABLE request_kind (
  code          TEXT PRIMARY KEY,
  label         TEXT NOT NULL,
  clauses       TEXT NOT NULL,  -- 対策基準 clauses, space separated
  mark_clause   TEXT,           -- the catalog clause whose 許/承 marks name the grantors
  grant_type    TEXT NOT NULL REFERENCES request_grant_type(code),
  register      TEXT REFERENCES request_register(code),
  needs_until   INTEGER NOT NULL CHECK (needs_until IN (0, 1)), -- a 期限 (field `until`) is required
  emergency     INTEGER NOT NULL CHECK (emergency IN (0, 1)),   -- may be carried out first and decided afterwards (7.4(2))
  notify_roles  TEXT,           -- roles told when it is approved (6.2(1)③(エ)), space separated
  basis         TEXT NOT NULL,  -- who grants, in the words of the text
  sort          INTEGER NOT NULL
);

CREATE TABLE request_field (
  kind     TEXT NOT NULL REFERENCES request_kind(code),
  code     TEXT NOT NULL,
  label    TEXT NOT NULL,
  type     TEXT NOT NULL REFERENCES request_field_type(code),
  required INTEGER NOT NULL CHECK (required IN (0, 1)),
  choices  TEXT,              -- for choice: code=ラベル|code=ラベル
  max_len  INTEGER NOT NULL DEFAULT 400,
  sort     INTEGER NOT NULL,
  PRIMARY KEY (kind, code)
);

-- Hard conditions: when `field test value` holds (and the optional second test too), the
-- request is refused outright with `message`.
CREATE TABLE request_refusal (
  kind     TEXT NOT NULL REFERENCES request_kind(code),
  code     TEXT NOT NULL,
  field    TEXT NOT NULL,
  test     TEXT NOT NULL REFERENCES request_test(code),
  value    TEXT NOT NULL,
  field2   TEXT,
  test2    TEXT REFERENCES request_test(code),
  value2   TEXT,
  message  TEXT NOT NULL,
  PRIMARY KEY (kind, code)
);

-- The route: steps in order; the rows of one step are its grantors. `when_*` limits a row to
-- requests whose field passes the test (8.3 for 機密性2以上, 8.4 otherwise). A municipality
-- changes its route by changing these rows (`mamori request route`).
CREATE TABLE request_route (
  kind       TEXT NOT NULL REFERENCES request_kind(code),
  step       INTEGER NOT NULL CHECK (step >= 1),
  role       TEXT NOT NULL REFERENCES role(code),
  scope      TEXT NOT NULL REFERENCES request_scope(code),
  mode       TEXT NOT NULL REFERENCES request_step_mode(code),
  when_field TEXT,
  when_test  TEXT REFERENCES request_test(code),
  when_value TEXT,
  PRIMARY KEY (kind, step, role, scope)
);

-- 兼務の禁止 (1.(8)①): when the holder found for `role` is the requester (or nobody holds
-- it), the step goes to `next_role` in `next_scope`; a role with no row has nobody above it.
CREATE TABLE request_escalation (
  role       TEXT PRIMARY KEY REFERENCES role(code),
  next_role  TEXT NOT NULL REFERENCES role(code),
  next_scope TEXT NOT NULL REFERENCES request_scope(code)
);
INSERT INTO request_escalation VALUES
  ('ism',              'isr',      'requester_bukyoku'),
  ('sysm',             'isr',      'system_bukyoku'),
  ('cloud_manager',    'isr',      'system_bukyoku'),
  ('isr',              'toukatsu', 'organization'),
  ('permit_authority', 'toukatsu', 'organization'),
  ('toukatsu',         'ciso',     'organization');

CREATE TABLE request (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL REFERENCES request_kind(code),
  title              TEXT NOT NULL,
  requester_id       TEXT NOT NULL,
  department_id      TEXT,          -- the requester's 課室 when filed
  system_id          TEXT,          -- the system concerned (field `system`), if any
  state              TEXT NOT NULL REFERENCES request_state(code),
  round              INTEGER NOT NULL DEFAULT 1, -- 1 + the number of resubmissions after 差戻し
  emergency          INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
  valid_from         TEXT,
  valid_until        TEXT,
  renewal_of         INTEGER REFERENCES request(id),
  risk_acceptance_id INTEGER,
  filed_on           TEXT NOT NULL,  -- JST date
  decided_on         TEXT,
  conditions         TEXT,           -- 条件付き許可の条件
  closed_on          TEXT,
  created_at         TEXT NOT NULL,  -- UTC
  updated_at         TEXT NOT NULL,
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX request_requester ON request(requester_id);
CREATE INDEX request_kind_state ON request(kind, state);

CREATE TABLE request_value (
  request_id INTEGER NOT NULL REFERENCES request(id),
  field      TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (request_id, field)
);

-- 代決: `delegate_id` decides for `delegator_id` in `role` during the period, on the strength of
-- `instrument` (the 代決規程, 専決規程 or written order and its number).
CREATE TABLE request_delegation (
  id           INTEGER PRIMARY KEY,
  delegator_id TEXT NOT NULL,
  role         TEXT NOT NULL REFERENCES role(code),
  delegate_id  TEXT NOT NULL,
  instrument   TEXT NOT NULL,
  valid_from   TEXT NOT NULL,
  valid_to     TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  CHECK (valid_to >= valid_from),
  CHECK (delegate_id <> delegator_id)
);
CREATE INDEX request_delegation_delegator ON request_delegation(delegator_id, role);

-- An approver's absence (出張, 休暇 …), shown on the route so a waiting request is explained.
CREATE TABLE request_absence (
  id         INTEGER PRIMARY KEY,
  person_id  TEXT NOT NULL,
  absent_from TEXT NOT NULL,
  absent_to  TEXT NOT NULL,
  reason     TEXT,
  CHECK (absent_to >= absent_from)
);
CREATE INDEX request_absence_person ON request_absence(person_id);

-- The grantors of each round, resolved to people, and their decisions.
CREATE TABLE request_approval (
  request_id    INTEGER NOT NULL REFERENCES request(id),
  round         INTEGER NOT NULL,
  step          INTEGER NOT NULL,
  role          TEXT NOT NULL REFERENCES role(code),   -- the role that decides (after escalation)
  route_role    TEXT NOT NULL REFERENCES role(code),   -- the role the route names
  scope         TEXT NOT NULL REFERENCES request_scope(code),
  mode          TEXT NOT NULL REFERENCES request_step_mode(code),
  person_id     TEXT NOT NULL,
  escalation    TEXT,           -- why the step moved up (兼務の禁止, 不在の役割)
  decision      TEXT REFERENCES request_decision(code),
  decided_by    TEXT,           -- person_id, or the delegate who decided by 代決
  delegation_id INTEGER REFERENCES request_delegation(id),
  comment       TEXT,
  decided_at    TEXT,
  PRIMARY KEY (request_id, round, step, route_role, scope)
);
CREATE INDEX request_approval_person ON request_approval(person_id, decision);

-- Attachments are kept in the database (base64, size bounded by request_attachment_max_kb), so
-- a backup of the database carries them; sha256 is of the original bytes.
CREATE TABLE request_attachment (
  id         INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES request(id),
  name       TEXT NOT NULL,
  size       INTEGER NOT NULL CHECK (size >= 0),
  sha256     TEXT NOT NULL,
  content    TEXT NOT NULL,
  added_by   TEXT NOT NULL,
  added_at   TEXT NOT NULL
);
CREATE INDEX request_attachment_request ON request_attachment(request_id);

-- The inbox: one row per notice to one person.
CREATE TABLE request_notice (
  id         INTEGER PRIMARY KEY,
  person_id  TEXT NOT NULL,
  request_id INTEGER REFERENCES request(id),
  message    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at    TEXT
);
CREATE INDEX request_notice_person ON request_notice(person_id, read_at);

-- Remote-access logins imported from VPN or gateway logs, compared with the approved grants.
CREATE TABLE remote_login (
  id         INTEGER PRIMARY KEY,
  person_id  TEXT NOT NULL,
  system_id  TEXT NOT NULL,
  login_at   TEXT NOT NULL,  -- JST, YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DD
  source     TEXT,
  imported_at TEXT NOT NULL
);
CREATE INDEX remote_login_person ON remote_login(person_id, system_id);

-- ---- the request kinds (docs/approvals.md) ----

INSERT INTO request_kind VALUES
  ('takeout', '情報資産の持ち出し', '5.1(1)③(イ) 5.1(1)⑤', '5.1(1)③(イ)', 'permit', NULL, 1, 0, NULL,
   '情報セキュリティ管理者の許可', 1),
  ('offsite', '庁外での情報処理', '5.1(1)③(ウ)', '5.1(1)③(ウ)', 'permit', NULL, 1, 0, NULL,
   '情報セキュリティ管理者の許可', 2),
  ('transport', '情報資産の運搬', '2(2)⑧(イ)', '2(2)⑧(イ)', 'permit', NULL, 0, 0, NULL,
   '情報セキュリティ管理者の許可（機密性２以上）', 3),
  ('provision', '情報資産の外部への提供', '2(2)⑨(イ)', '2(2)⑨(イ)', 'permit', NULL, 0, 0, NULL,
   '情報セキュリティ管理者の許可（機密性２以上）', 4),
  ('disposal', '情報資産の廃棄・リース返却', '2(2)⑩(ウ) 2(2)⑩(イ) 4.1(7)', '2(2)⑩(ウ)', 'permit', NULL, 0, 0, NULL,
   '情報セキュリティ管理者の許可', 5),
  ('nonissued', '支給以外の端末の業務利用', '5.1(1)④(イ) 5.1(1)④(ア)', '5.1(1)④(イ)', 'permit', NULL, 1, 0, NULL,
   'CISO が利用を認めたうえで、情報セキュリティ管理者の許可', 6),
  ('setting_change', 'セキュリティ設定の変更', '5.1(1)⑥', '5.1(1)⑥', 'permit', NULL, 0, 0, NULL,
   '情報セキュリティ管理者の許可', 7),
  ('software', 'ソフトウェアの導入', '6.1(17)②', '6.1(17)②', 'permit', 'software', 0, 0, NULL,
   '統括情報セキュリティ責任者及び情報システム管理者の許可', 8),
  ('hardware_change', '機器の改造・増設・交換', '6.1(18)②', '6.1(18)②', 'permit', NULL, 0, 0, NULL,
   '統括情報セキュリティ責任者及び情報システム管理者の許可', 9),
  ('remote_access', '外部からのアクセス（リモート）', '6.2(2)①', '6.2(2)①', 'permit', 'remote_grant', 1, 0, NULL,
   '統括情報セキュリティ責任者及び当該情報システムを管理する情報システム管理者の許可', 10),
  ('external_connection', '外部ネットワークとの接続', '6.1(10)①', '6.1(10)①', 'permit', NULL, 0, 0, NULL,
   'CISO 及び統括情報セキュリティ責任者の許可', 11),
  ('offsite_server', '庁外へのサーバ等の設置', '4.1(6)', '4.1(6)', 'approve', NULL, 0, 0, NULL,
   'CISO の承認', 12),
  ('exception', '例外措置', '7.4(1) 7.4(2) 7.4(3)', '7.4(1)', 'permit', NULL, 1, 1, NULL,
   'CISO の許可（緊急時は実施後速やかに CISO に報告し、事後に決定）', 13),
  ('cloud', 'クラウドサービス利用申請', '8.3(5)① 8.3(5)② 8.3(5)③ 8.4(2)②', '8.3(5)②', 'permit', 'cloud_service', 1, 0, NULL,
   '機密性２以上は利用申請の許可権限者（8.3(5)②）、それ以外は情報セキュリティ責任者（8.4(2)②）の許可', 14),
  ('outsourcing_service', '業務委託サービス利用申請', '8.2(4)④ 8.2(4)⑤ 8.2(4)⑥', '8.2(4)⑤', 'approve', NULL, 0, 0, NULL,
   '統括情報セキュリティ責任者又は情報セキュリティ責任者の承認', 15),
  ('privilege_proxy', '特権の代行者', '6.2(1)③(ウ) 6.2(1)③(エ)', '6.2(1)③(ウ)', 'approve', NULL, 1, 0,
   'toukatsu isr ism sysm',
   '統括情報セキュリティ責任者又は情報システム管理者が指名し、CISO が認める', 16),
  ('mynumber_media', 'マイナンバー利用事務系からの媒体による持ち出し', '3.K(1)-7', NULL, 'approve', NULL, 0, 0, NULL,
   '情報セキュリティ管理者の承認（解説。承認記録を残す）', 17);

-- choice lists shared by several kinds are written out per field (a field is one row).
INSERT INTO request_field VALUES
  ('takeout', 'items', '持出物', 'text', 1, NULL, 200, 1),
  ('takeout', 'count', '個数', 'int', 1, NULL, 10, 2),
  ('takeout', 'asset', '情報資産', 'asset', 0, NULL, 64, 3),
  ('takeout', 'confidentiality', '扱う情報の機密性', 'class', 1, NULL, 4, 4),
  ('takeout', 'purpose', '用途', 'text', 1, NULL, 400, 5),
  ('takeout', 'place', '持出の場所', 'text', 1, NULL, 200, 6),
  ('takeout', 'from', '持出日', 'date', 1, NULL, 10, 7),
  ('takeout', 'until', '返却日', 'date', 1, NULL, 10, 8),

  ('offsite', 'work', '業務の内容', 'text', 1, NULL, 400, 1),
  ('offsite', 'confidentiality', '扱う情報の機密性', 'class', 1, NULL, 4, 2),
  ('offsite', 'place', '処理の場所', 'text', 1, NULL, 200, 3),
  ('offsite', 'measures', '安全管理措置（CISO の定める措置）', 'text', 1, NULL, 400, 4),
  ('offsite', 'from', '開始日', 'date', 1, NULL, 10, 5),
  ('offsite', 'until', '終了日', 'date', 1, NULL, 10, 6),

  ('transport', 'asset', '情報資産', 'asset', 0, NULL, 64, 1),
  ('transport', 'items', '運搬するもの', 'text', 1, NULL, 200, 2),
  ('transport', 'confidentiality', '機密性', 'class', 1, NULL, 4, 3),
  ('transport', 'method', '運搬の方法', 'choice', 1, 'hand=職員が携行|vehicle=車両|courier=専用便|post=郵送', 20, 4),
  ('transport', 'measures', '施錠・暗号化等の措置', 'text', 1, NULL, 400, 5),
  ('transport', 'destination', '運搬先', 'text', 1, NULL, 200, 6),
  ('transport', 'date', '運搬日', 'date', 1, NULL, 10, 7),

  ('provision', 'asset', '情報資産', 'asset', 0, NULL, 64, 1),
  ('provision', 'items', '提供する情報', 'text', 1, NULL, 200, 2),
  ('provision', 'confidentiality', '機密性', 'class', 1, NULL, 4, 3),
  ('provision', 'recipient', '提供先', 'text', 1, NULL, 200, 4),
  ('provision', 'purpose', '提供の目的', 'text', 1, NULL, 400, 5),
  ('provision', 'encrypted', '暗号化する', 'bool', 1, NULL, 1, 6),
  ('provision', 'metadata_removed', 'メタデータの除去・墨塗りを確認した', 'bool', 1, NULL, 1, 7),
  ('provision', 'date', '提供日', 'date', 1, NULL, 10, 8),

  ('disposal', 'asset', '情報資産', 'asset', 0, NULL, 64, 1),
  ('disposal', 'items', '対象の機器・媒体', 'text', 1, NULL, 200, 2),
  ('disposal', 'act', '処理', 'choice', 1, 'dispose=廃棄|lease_return=リース返却', 20, 3),
  ('disposal', 'media_class', '記録されている情報（図表41の区分）', 'choice', 1,
   'mynumber=マイナンバー利用事務系の住民情報|conf2=機密性２以上|conf1=機密性１のみ', 20, 4),
  ('disposal', 'method', '抹消の方法', 'choice', 1,
   'destroy=物理的破壊|degauss=磁気的破壊|overwrite_all=全領域の上書き消去|block_erase=ブロック消去|crypto_erase=暗号化消去|overwrite_os=OS から見える領域の上書き', 20, 5),
  ('disposal', 'performed_at', '日時', 'text', 1, NULL, 40, 6),
  ('disposal', 'performer', '担当者', 'person', 1, NULL, 64, 7),
  ('disposal', 'detail', '処理内容', 'text', 1, NULL, 400, 8),
  ('disposal', 'certificate', '完了の証明（証明書・立会い）', 'text', 0, NULL, 200, 9),

  ('nonissued', 'owner', '端末の契約者名義', 'text', 1, NULL, 100, 1),
  ('nonissued', 'model', '製造企業名・機種名', 'text', 1, NULL, 200, 2),
  ('nonissued', 'os', 'OS の種類及びバージョン', 'text', 1, NULL, 100, 3),
  ('nonissued', 'purpose', '利用目的・取り扱う情報の概要', 'text', 1, NULL, 400, 4),
  ('nonissued', 'confidentiality', '取り扱う情報の最高の機密性', 'class', 1, NULL, 4, 5),
  ('nonissued', 'place', '主要な利用場所', 'text', 1, NULL, 200, 6),
  ('nonissued', 'line', '主要な通信回線サービス', 'text', 1, NULL, 200, 7),
  ('nonissued', 'from', '利用開始日', 'date', 1, NULL, 10, 8),
  ('nonissued', 'until', '利用終了日', 'date', 1, NULL, 10, 9),

  ('setting_change', 'device', '端末', 'text', 1, NULL, 100, 1),
  ('setting_change', 'setting', '変更する設定', 'text', 1, NULL, 200, 2),
  ('setting_change', 'reason', '理由', 'text', 1, NULL, 400, 3),
  ('setting_change', 'until', '元に戻す日', 'date', 0, NULL, 10, 4),

  ('software', 'name', 'ソフトウェア名', 'text', 1, NULL, 200, 1),
  ('software', 'vendor', '提供元', 'text', 1, NULL, 200, 2),
  ('software', 'version', '版', 'text', 0, NULL, 50, 3),
  ('software', 'system', '導入する情報システム（端末の属するシステム）', 'system', 1, NULL, 64, 4),
  ('software', 'purpose', '業務上の必要性', 'text', 1, NULL, 400, 5),
  ('software', 'source', '入手元（ダウンロード元）', 'text', 1, NULL, 200, 6),

  ('hardware_change', 'system', '情報システム', 'system', 1, NULL, 64, 1),
  ('hardware_change', 'device', '機器', 'text', 1, NULL, 100, 2),
  ('hardware_change', 'change', '内容', 'choice', 1, 'modify=改造|add=増設|replace=交換', 20, 3),
  ('hardware_change', 'detail', '詳細', 'text', 1, NULL, 400, 4),
  ('hardware_change', 'reason', '業務上の必要性', 'text', 1, NULL, 400, 5),

  ('remote_access', 'system', 'アクセスする情報システム', 'system', 1, NULL, 64, 1),
  ('remote_access', 'purpose', '業務上の必要性', 'text', 1, NULL, 400, 2),
  ('remote_access', 'method', '接続の方法', 'choice', 1,
   'closed_sim=閉域SIM|vpn=VPN|lgwan_asp=LGWAN-ASP|internet=インターネット経由', 20, 3),
  ('remote_access', 'from', '開始日', 'date', 1, NULL, 10, 4),
  ('remote_access', 'until', '終了日', 'date', 1, NULL, 10, 5),

  ('external_connection', 'system', '接続するネットワーク・情報システム', 'system', 1, NULL, 64, 1),
  ('external_connection', 'network', '接続先の外部ネットワーク', 'text', 1, NULL, 200, 2),
  ('external_connection', 'investigation', '接続先の調査結果（構成・機器・セキュリティ技術）', 'text', 1, NULL, 1000, 3),
  ('external_connection', 'liability', '損害賠償責任を契約上担保した', 'bool', 1, NULL, 1, 4),

  ('offsite_server', 'system', '情報システム', 'system', 1, NULL, 64, 1),
  ('offsite_server', 'location', '設置場所', 'text', 1, NULL, 200, 2),
  ('offsite_server', 'provider', '事業者', 'text', 1, NULL, 200, 3),
  ('offsite_server', 'check_plan', '定期的な確認の方法', 'text', 1, NULL, 400, 4),

  ('exception', 'rule', '遵守が困難な事項（条項）', 'text', 1, NULL, 400, 1),
  ('exception', 'reason', '合理的な理由', 'text', 1, NULL, 1000, 2),
  ('exception', 'measures', '代替措置', 'text', 1, NULL, 1000, 3),
  ('exception', 'system', '対象の情報システム', 'system', 0, NULL, 64, 4),
  ('exception', 'until', '終了予定日', 'date', 1, NULL, 10, 5),

  ('cloud', 'name', 'クラウドサービスの名称', 'text', 1, NULL, 200, 1),
  ('cloud', 'provider', 'クラウドサービス提供者の名称', 'text', 1, NULL, 200, 2),
  ('cloud', 'model', 'サービスの形態', 'choice', 1, 'iaas=IaaS|paas=PaaS|saas=SaaS', 10, 3),
  ('cloud', 'purpose', '利用目的（業務内容）', 'text', 1, NULL, 400, 4),
  ('cloud', 'confidentiality', '取り扱う情報の格付（最高の機密性）', 'class', 1, NULL, 4, 5),
  ('cloud', 'ismap', 'ISMAP クラウドサービスリストに登録されている', 'bool', 1, NULL, 1, 6),
  ('cloud', 'users', '利用者の範囲', 'text', 1, NULL, 200, 7),
  ('cloud', 'selection', '選定時の確認結果', 'text', 1, NULL, 1000, 8),
  ('cloud', 'system', '関係する情報システム', 'system', 0, NULL, 64, 9),
  ('cloud', 'from', '利用開始日', 'date', 1, NULL, 10, 10),
  ('cloud', 'until', '利用終了日', 'date', 1, NULL, 10, 11),

  ('outsourcing_service', 'name', '業務委託サービスの名称', 'text', 1, NULL, 200, 1),
  ('outsourcing_service', 'contractor', '委託事業者', 'text', 1, NULL, 200, 2),
  ('outsourcing_service', 'system', '関係する情報システム', 'system', 0, NULL, 64, 3),
  ('outsourcing_service', 'purpose', '利用目的', 'text', 1, NULL, 400, 4),
  ('outsourcing_service', 'evaluation', '信頼性の評価（8.2(4)③）', 'text', 1, NULL, 1000, 5),

  ('privilege_proxy', 'privilege', '代行する特権', 'choice', 1, 'toukatsu=統括情報セキュリティ責任者の特権|sysm=情報システム管理者の特権', 20, 1),
  ('privilege_proxy', 'system', '情報システム（情報システム管理者の特権のとき）', 'system', 0, NULL, 64, 2),
  ('privilege_proxy', 'proxy', '代行者', 'person', 1, NULL, 64, 3),
  ('privilege_proxy', 'reason', '理由', 'text', 1, NULL, 400, 4),
  ('privilege_proxy', 'from', '開始日', 'date', 1, NULL, 10, 5),
  ('privilege_proxy', 'until', '終了日', 'date', 1, NULL, 10, 6),

  ('mynumber_media', 'media', '媒体（管理番号）', 'text', 1, NULL, 100, 1),
  ('mynumber_media', 'data', '持ち出すデータ', 'text', 1, NULL, 400, 2),
  ('mynumber_media', 'recipient', '受け渡し先', 'text', 1, NULL, 200, 3),
  ('mynumber_media', 'encrypted', 'パスワードによる暗号化をした', 'bool', 1, NULL, 1, 4),
  ('mynumber_media', 'date', '受け渡し日', 'date', 1, NULL, 10, 5);

INSERT INTO request_refusal VALUES
  ('nonissued', 'class3', 'confidentiality', 'class_ge', '3C', NULL, NULL, NULL,
   '自治体機密性３の情報資産は支給以外の端末では扱えません（5.1(1)④ 解説）'),
  ('nonissued', 'ciso', 'confidentiality', 'param_false', 'nonissued_device_allowed', NULL, NULL, NULL,
   'CISO は支給以外の端末の業務利用を認めていません（5.1(1)④(ア)、パラメータ nonissued_device_allowed）'),
  ('remote_access', 'mynumber', 'system', 'system_domain', 'mynumber', NULL, NULL, NULL,
   'マイナンバー利用事務系の情報システムには外部からアクセスできません（6.2(2) 解説）'),
  ('external_connection', 'liability', 'liability', 'eq', '0', NULL, NULL, NULL,
   '接続先の損害賠償責任を契約上担保していない外部ネットワークとは接続できません（6.1(10)③）'),
  ('disposal', 'mynumber_destroy', 'media_class', 'eq', 'mynumber', 'method', 'ne', 'destroy',
   'マイナンバー利用事務系の住民情報を記録した媒体は物理的に破壊します（4.1(7) 解説 図表41(1)）'),
  ('disposal', 'conf2_os', 'media_class', 'eq', 'conf2', 'method', 'eq', 'overwrite_os',
   '機密性２以上の情報を記録した媒体は、OS から見える領域の上書きだけでは抹消できません（図表41(2)）'),
  ('cloud', 'class3a', 'confidentiality', 'class_ge', '3A', NULL, NULL, NULL,
   '自治体機密性３Ａ（極秘）の情報はインターネットにつながるクラウドサービスでは扱えません（2.(1) 解説 図表23）'),
  ('mynumber_media', 'encrypt', 'encrypted', 'eq', '0', NULL, NULL, NULL,
   'マイナンバー利用事務系のデータはパスワードで暗号化した媒体でしか持ち出せません（3.K(1)-7）'),
  ('provision', 'encrypt', 'confidentiality', 'class_ge', '3C', 'encrypted', 'eq', '0',
   '機密性３の情報資産を暗号化せずに外部へ提供することはできません（2.(2)⑨(ア)）');

INSERT INTO request_route VALUES
  ('takeout', 1, 'ism', 'requester_kashitsu', 'all', NULL, NULL, NULL),
  ('offsite', 1, 'ism', 'requester_kashitsu', 'all', NULL, NULL, NULL),
  ('transport', 1, 'ism', 'requester_kashitsu', 'all', NULL, NULL, NULL),
  ('provision', 1, 'ism', 'requester_kashitsu', 'all', NULL, NULL, NULL),
  ('disposal', 1, 'ism', 'requester_kashitsu', 'all', NULL, NULL, NULL),
  ('nonissued', 1, 'ism', 'requester_kashitsu', 'all', NULL, NULL, NULL),
  ('setting_change', 1, 'ism', 'requester_kashitsu', 'all', NULL, NULL, NULL),
  ('software', 1, 'toukatsu', 'organization', 'all', NULL, NULL, NULL),
  ('software', 1, 'sysm', 'system', 'all', NULL, NULL, NULL),
  ('hardware_change', 1, 'toukatsu', 'organization', 'all', NULL, NULL, NULL),
  ('hardware_change', 1, 'sysm', 'system', 'all', NULL, NULL, NULL),
  ('remote_access', 1, 'toukatsu', 'organization', 'all', NULL, NULL, NULL),
  ('remote_access', 1, 'sysm', 'system', 'all', NULL, NULL, NULL),
  ('external_connection', 1, 'ciso', 'organization', 'all', NULL, NULL, NULL),
  ('external_connection', 1, 'toukatsu', 'organization', 'all', NULL, NULL, NULL),
  ('offsite_server', 1, 'ciso', 'organization', 'all', NULL, NULL, NULL),
  ('exception', 1, 'ciso', 'organization', 'all', NULL, NULL, NULL),
  ('cloud', 1, 'permit_authority', 'organization', 'all', 'confidentiality', 'class_ge', '2'),
  ('cloud', 1, 'isr', 'requester_bukyoku', 'all', 'confidentiality', 'class_lt', '2'),
  ('outsourcing_service', 1, 'toukatsu', 'organization', 'any', NULL, NULL, NULL),
  ('outsourcing_service', 1, 'isr', 'requester_bukyoku', 'any', NULL, NULL, NULL),
  ('privilege_proxy', 1, 'ciso', 'organization', 'all', NULL, NULL, NULL),
  ('mynumber_media', 1, 'ism', 'requester_kashitsu', 'all', NULL, NULL, NULL);
