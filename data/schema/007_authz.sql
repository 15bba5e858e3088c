-- 007: who may read and change what in the web application and the API, as data.
--
-- One row grants a role an action on a resource within a reach. The pseudo-role 'staff' is
-- every signed-in user (職員等); the other roles are those of role_assignment, counted only on
-- the days an assignment is valid. Reach:
--   all    every row of the resource, whatever the assignment's scope
--   scope  rows inside the assignment's scope: 全庁 = every row; 部局・課室 = rows of that
--          department or a department below it; 情報システム = rows of that system
--   own    rows tied to the user's own person (the person itself, the holder or manager, the
--          finding the user is responsible for)
-- A municipality changes access by changing these rows (the change is an ordinary SQL update
-- made by the administrator, and the tests in tests/web/access.tsv show the shipped defaults).
-- The decision itself is made in one place: src/authz/authz.c.

CREATE TABLE authz_resource (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO authz_resource VALUES
  ('dashboard',          'ダッシュボード', 1),
  ('department',         '組織', 2),
  ('person',             '職員', 3),
  ('role_assignment',    '役割の任命', 4),
  ('system',             '情報システム台帳', 5),
  ('asset',              '情報資産台帳', 6),
  ('account',            'アカウント', 7),
  ('network_connection', 'ネットワーク接続', 8),
  ('device',             '端末・機器・媒体', 9),
  ('managed_area',       '管理区域', 10),
  ('software',           'ソフトウェア', 11),
  ('contractor',         '委託事業者', 12),
  ('contract',           '契約', 13),
  ('cloud_service',      'クラウドサービス', 14),
  ('training',           '研修', 15),
  ('finding',            '点検結果（指摘）', 16),
  ('check_run',          '自動点検の実行', 17),
  ('catalog',            '対策基準カタログ', 18),
  ('app_user',           '利用者の管理', 19),
  ('audit_log',          '変更ログ', 20);

CREATE TABLE authz_action (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO authz_action VALUES ('read', '閲覧', 1), ('write', '登録・変更', 2);

CREATE TABLE authz_reach (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO authz_reach VALUES ('all', '全件', 1), ('scope', '任命の範囲', 2), ('own', '本人分', 3);

-- 監査の実施者 (9.1(2)): an assignment scoped to the audited 部局, 課室 or system for the audit's
-- period gives read access to exactly that scope.
INSERT INTO role VALUES ('auditor', '情報セキュリティ監査 実施者', '9.1(2)', 14);
INSERT INTO role_scope VALUES
  ('auditor', 'organization'), ('auditor', 'bukyoku'), ('auditor', 'kashitsu'),
  ('auditor', 'system');

CREATE TABLE authz_grant (
  role     TEXT NOT NULL,             -- role.code, or 'staff' for every signed-in user; a code
                                      -- that is neither grants nothing
  resource TEXT NOT NULL REFERENCES authz_resource(code),
  action   TEXT NOT NULL REFERENCES authz_action(code),
  reach    TEXT NOT NULL REFERENCES authz_reach(code),
  PRIMARY KEY (role, resource, action, reach)
);

-- 職員等: their own record, accounts, managed assets and devices, training and findings; the
-- dashboard (its figures follow the same grants) and the catalog.
INSERT INTO authz_grant VALUES
  ('staff', 'dashboard', 'read', 'all'),
  ('staff', 'catalog', 'read', 'all'),
  ('staff', 'person', 'read', 'own'),
  ('staff', 'account', 'read', 'own'),
  ('staff', 'asset', 'read', 'own'),
  ('staff', 'device', 'read', 'own'),
  ('staff', 'training', 'read', 'own'),
  ('staff', 'finding', 'read', 'own');

-- 統括情報セキュリティ責任者 (1.(2)): everything, including running checks, users and the log.
INSERT INTO authz_grant SELECT 'toukatsu', code, 'read', 'all' FROM authz_resource;
INSERT INTO authz_grant SELECT 'toukatsu', code, 'write', 'all' FROM authz_resource
  WHERE code NOT IN ('dashboard', 'catalog', 'finding', 'audit_log');

-- CISO and 副CISO (1.(1)): see everything; may run the checks.
INSERT INTO authz_grant SELECT 'ciso', code, 'read', 'all' FROM authz_resource;
INSERT INTO authz_grant SELECT 'vice_ciso', code, 'read', 'all' FROM authz_resource;
INSERT INTO authz_grant VALUES ('ciso', 'check_run', 'write', 'all'),
                               ('vice_ciso', 'check_run', 'write', 'all');

-- 情報セキュリティ責任者 (1.(3)): reads the registers and findings of their 部局.
INSERT INTO authz_grant SELECT 'isr', code, 'read', 'scope' FROM authz_resource
  WHERE code IN ('department', 'person', 'role_assignment', 'system', 'asset', 'account',
                 'network_connection', 'device', 'managed_area', 'contract', 'cloud_service',
                 'training', 'finding', 'check_run');

-- 情報セキュリティ管理者 (1.(4)): reads their 課室 and keeps its 台帳 (assets, devices, areas,
-- contracts, cloud services, training attendance).
INSERT INTO authz_grant SELECT 'ism', code, 'read', 'scope' FROM authz_resource
  WHERE code IN ('department', 'person', 'role_assignment', 'system', 'asset', 'account',
                 'network_connection', 'device', 'managed_area', 'contract', 'cloud_service',
                 'training', 'finding', 'check_run');
INSERT INTO authz_grant SELECT 'ism', code, 'write', 'scope' FROM authz_resource
  WHERE code IN ('asset', 'device', 'managed_area', 'contract', 'cloud_service', 'training');

-- 情報システム管理者 (1.(5)): their systems, with the accounts, connections, assets and devices
-- on them; edits the system, its accounts and its connections.
INSERT INTO authz_grant SELECT 'sysm', code, 'read', 'scope' FROM authz_resource
  WHERE code IN ('system', 'asset', 'account', 'network_connection', 'device', 'contract',
                 'cloud_service', 'finding', 'check_run');
INSERT INTO authz_grant SELECT 'sysm', code, 'write', 'scope' FROM authz_resource
  WHERE code IN ('system', 'account', 'network_connection', 'device');

-- 情報システム担当者 (1.(6)): reads their systems.
INSERT INTO authz_grant SELECT 'sys_staff', code, 'read', 'scope' FROM authz_resource
  WHERE code IN ('system', 'asset', 'account', 'network_connection', 'device');

-- 情報セキュリティ委員会 (1.(7)): the state of the whole body, not the registers' detail.
INSERT INTO authz_grant VALUES ('committee', 'finding', 'read', 'all'),
                               ('committee', 'check_run', 'read', 'all');

-- CSIRT (1.(9)): needs the whole picture of systems and assets to handle incidents.
INSERT INTO authz_grant SELECT r.code, a.code, 'read', 'all'
  FROM (SELECT 'csirt_head' AS code UNION ALL SELECT 'csirt_member') r,
       (SELECT code FROM authz_resource
         WHERE code IN ('department', 'person', 'role_assignment', 'system', 'asset',
                        'network_connection', 'device', 'cloud_service', 'contractor',
                        'contract', 'finding')) a;

-- 監査統括責任者 (9.1(1)) reads everything; an auditor reads within the assignment's scope.
INSERT INTO authz_grant SELECT 'audit_chief', code, 'read', 'all' FROM authz_resource;
INSERT INTO authz_grant SELECT 'auditor', code, 'read', 'scope' FROM authz_resource
  WHERE code IN ('department', 'person', 'role_assignment', 'system', 'asset', 'account',
                 'network_connection', 'device', 'managed_area', 'software', 'contract',
                 'cloud_service', 'training', 'finding', 'check_run');

-- 利用申請の許可権限者 and クラウドサービス管理者 (8.3(5)): the cloud register.
INSERT INTO authz_grant VALUES ('permit_authority', 'cloud_service', 'read', 'all'),
                               ('permit_authority', 'software', 'read', 'all'),
                               ('cloud_manager', 'cloud_service', 'read', 'scope'),
                               ('cloud_manager', 'cloud_service', 'write', 'scope');
