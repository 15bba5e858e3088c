-- 012_pdca.sql — the check and act half of the policy cycle: training sessions and where an
-- attendance record came from (5.2), the yearly self-assessment (9.2) with question templates
-- kept as data, and audits (9.1): plans approved by the 委員会, teams checked for independence
-- (9.1(2)①, 1.(8)②), findings, 改善計画 with progress reports and the auditor's verification.
-- Enumerations are lookup tables with Japanese labels, as in 001. Kept to SQL that SQLite and
-- PostgreSQL both accept (ids are given by the application). docs/pdca.md explains the flow.

-- ---- 5.2 研修・訓練 ----

-- A course held more than once (several dates, or an e-learning period) has sessions.
CREATE TABLE training_session (
  id        TEXT PRIMARY KEY,
  course_id TEXT NOT NULL REFERENCES training_course(id) DEFERRABLE INITIALLY DEFERRED,
  held_on   TEXT NOT NULL,
  place     TEXT,
  note      TEXT
);
CREATE INDEX training_session_course ON training_session(course_id);

-- Attendance stays one row per course and person in 004's table (a row means the course was
-- completed). Beside it: at which session, and how the record arrived (cli, web, import:<file>).
CREATE TABLE training_attendance_detail (
  course_id  TEXT NOT NULL,
  person_id  TEXT NOT NULL,
  session_id TEXT REFERENCES training_session(id) DEFERRABLE INITIALLY DEFERRED,
  source     TEXT NOT NULL,
  PRIMARY KEY (course_id, person_id),
  FOREIGN KEY (course_id, person_id) REFERENCES training_attendance(course_id, person_id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX training_course_year ON training_course(fiscal_year, kind);

-- ---- 9.2 自己点検 ----

-- What one assessment is about: a 部局 (9.2(1)②, answered by its 情報セキュリティ責任者 with the
-- 管理者), a network domain (9.2(1)①, the 統括) or an information system (its 情報システム管理者).
CREATE TABLE assessment_target_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO assessment_target_kind VALUES
  ('bukyoku', '部局', 1),
  ('network', 'ネットワーク', 2),
  ('system',  '情報システム', 3);

-- The roles whose catalog marks choose the questions of each kind of target; `lead` is the
-- role that submits the assessment. A municipality may change these rows.
CREATE TABLE assessment_target_role (
  target_kind TEXT NOT NULL REFERENCES assessment_target_kind(code),
  role        TEXT NOT NULL REFERENCES role(code),
  lead        INTEGER NOT NULL CHECK (lead IN (0, 1)),
  PRIMARY KEY (target_kind, role)
);
INSERT INTO assessment_target_role VALUES
  ('bukyoku', 'isr', 1), ('bukyoku', 'ism', 0),
  ('network', 'toukatsu', 1),
  ('system',  'sysm', 1);

CREATE TABLE assessment_answer_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO assessment_answer_kind VALUES
  ('done',     '実施', 1),
  ('partial',  '一部実施', 2),
  ('not_done', '未実施', 3),
  ('na',       '該当なし', 4);

CREATE TABLE assessment_answer_source (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO assessment_answer_source VALUES
  ('respondent', '回答者の回答', 1),
  ('carried',    '前年度の回答を引継ぎ', 2),
  ('auto',       '自動点検の結果', 3);

CREATE TABLE assessment_status (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO assessment_status VALUES
  ('open',      '回答中', 1),
  ('submitted', '提出済み（確認待ち）', 2),
  ('returned',  '差戻し', 3),
  ('accepted',  '受理', 4);

-- The questionnaire as data (9.2 解説 注1: items matched to each respondent's role). Filled from
-- the catalog's ○ marks the first time a campaign is created; a municipality edits the text,
-- switches questions off (active = 0) or adds its own. A campaign copies the text it used.
CREATE TABLE assessment_question_template (
  id          TEXT PRIMARY KEY,
  target_kind TEXT NOT NULL REFERENCES assessment_target_kind(code),
  role        TEXT NOT NULL REFERENCES role(code),
  revision    TEXT NOT NULL,
  clause_id   TEXT NOT NULL,
  text        TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort        INTEGER NOT NULL,
  UNIQUE (target_kind, role, revision, clause_id)
);

CREATE TABLE assessment_campaign (
  id           INTEGER PRIMARY KEY,
  fiscal_year  INTEGER NOT NULL UNIQUE,
  title        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,           -- the change-log actor
  due_on       TEXT,
  check_run_id INTEGER REFERENCES check_run(id),       -- the run that prefilled the answers
  carried_from INTEGER REFERENCES assessment_campaign(id)
);

CREATE TABLE assessment (
  id            INTEGER PRIMARY KEY,
  campaign_id   INTEGER NOT NULL REFERENCES assessment_campaign(id),
  target_kind   TEXT NOT NULL REFERENCES assessment_target_kind(code),
  target_id     TEXT NOT NULL,          -- department id, network_domain code or system id
  department_id TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED, -- 部局 it falls under
  system_id     TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  status        TEXT NOT NULL REFERENCES assessment_status(code),
  improvement   TEXT,                   -- 改善策 (9.2(2))
  submitted_at  TEXT,
  submitted_by  TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  UNIQUE (campaign_id, target_kind, target_id)
);
CREATE INDEX assessment_department ON assessment(department_id);

CREATE TABLE assessment_question (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessment(id),
  template_id   TEXT NOT NULL REFERENCES assessment_question_template(id),
  clause_id     TEXT NOT NULL,
  role          TEXT NOT NULL REFERENCES role(code),
  text          TEXT NOT NULL,
  sort          INTEGER NOT NULL,
  auto_run_id   INTEGER REFERENCES check_run(id),   -- NULL: no rule checks this clause
  auto_findings INTEGER,                            -- open findings for the clause and scope
  answer        TEXT REFERENCES assessment_answer_kind(code),
  answer_source TEXT REFERENCES assessment_answer_source(code),
  comment       TEXT,
  answered_by   TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  answered_at   TEXT,
  UNIQUE (assessment_id, template_id)
);
CREATE INDEX assessment_question_clause ON assessment_question(clause_id);

CREATE TABLE assessment_review (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessment(id),
  decision      TEXT NOT NULL CHECK (decision IN ('return', 'accept')),
  reviewer_id   TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  comment       TEXT,
  decided_at    TEXT NOT NULL
);
CREATE INDEX assessment_review_assessment ON assessment_review(assessment_id);

-- Evidence files of an answer, an audit finding or a progress report (content in base64).
CREATE TABLE pdca_evidence (
  id         INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('question', 'finding', 'progress')),
  owner_id   INTEGER NOT NULL,
  file_name  TEXT NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  content    TEXT NOT NULL,
  added_by   TEXT NOT NULL,
  added_at   TEXT NOT NULL
);
CREATE INDEX pdca_evidence_owner ON pdca_evidence(owner_kind, owner_id);

-- ---- 9.1 監査 ----

CREATE TABLE audit_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO audit_kind VALUES
  ('internal',  '内部監査', 1),
  ('external',  '外部監査', 2),
  ('mutual',    '相互監査（他団体との）', 3),
  ('follow_up', 'フォローアップ監査', 4);

CREATE TABLE audit_plan_status (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO audit_plan_status VALUES
  ('draft',    '立案中', 1),
  ('approved', '委員会承認済み', 2),
  ('reported', '委員会へ報告済み', 3);

-- 監査実施計画 (9.1(3)①): drafted by the 監査統括責任者, approved by the 委員会.
CREATE TABLE audit_plan (
  id           TEXT PRIMARY KEY,
  fiscal_year  INTEGER NOT NULL,
  title        TEXT NOT NULL,
  kind         TEXT NOT NULL REFERENCES audit_kind(code),
  chief_id     TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  starts_on    TEXT NOT NULL,
  ends_on      TEXT NOT NULL,
  items        TEXT,                    -- 監査項目
  status       TEXT NOT NULL REFERENCES audit_plan_status(code),
  approved_on  TEXT,                    -- 委員会の承認日
  approval_ref TEXT,                    -- 議事録等
  reported_on  TEXT,
  CHECK (ends_on >= starts_on),
  CHECK (status = 'draft' OR approved_on IS NOT NULL)
);

CREATE TABLE audit_scope_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO audit_scope_kind VALUES
  ('department',    '部局・課室', 1),
  ('system',        '情報システム', 2),
  ('contractor',    '委託事業者', 3),
  ('cloud_service', 'クラウドサービス', 4);

CREATE TABLE audit_scope (
  plan_id   TEXT NOT NULL REFERENCES audit_plan(id),
  kind      TEXT NOT NULL REFERENCES audit_scope_kind(code),
  target_id TEXT NOT NULL,
  PRIMARY KEY (plan_id, kind, target_id)
);

-- The audit team. `waiver` records why a member who is not independent of an audited unit
-- audits it all the same (1.(8)② 「止むを得ない場合」); NULL for an independent member.
CREATE TABLE audit_team_member (
  plan_id   TEXT NOT NULL REFERENCES audit_plan(id),
  person_id TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  lead      INTEGER NOT NULL CHECK (lead IN (0, 1)),
  waiver    TEXT,
  added_at  TEXT NOT NULL,
  PRIMARY KEY (plan_id, person_id)
);
CREATE INDEX audit_team_member_person ON audit_team_member(person_id);

CREATE TABLE audit_finding_status (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO audit_finding_status VALUES
  ('open',        '未対応', 1),
  ('planned',     '改善計画あり', 2),
  ('in_progress', '改善中', 3),
  ('completed',   '完了報告済み（確認待ち）', 4),
  ('verified',    '完了確認済み', 5);

CREATE TABLE audit_finding (
  id            INTEGER PRIMARY KEY,
  plan_id       TEXT NOT NULL,
  scope_kind    TEXT NOT NULL,
  target_id     TEXT NOT NULL,
  department_id TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
  system_id     TEXT REFERENCES system(id) DEFERRABLE INITIALLY DEFERRED,
  severity      TEXT NOT NULL REFERENCES finding_severity(code),
  clause_id     TEXT NOT NULL,
  title         TEXT NOT NULL,
  detail        TEXT,
  cause         TEXT,
  cross_cutting INTEGER NOT NULL DEFAULT 0 CHECK (cross_cutting IN (0, 1)),
  status        TEXT NOT NULL REFERENCES audit_finding_status(code),
  recorded_by   TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  recorded_on   TEXT NOT NULL,
  FOREIGN KEY (plan_id, scope_kind, target_id) REFERENCES audit_scope(plan_id, kind, target_id)
);
CREATE INDEX audit_finding_clause ON audit_finding(clause_id);
CREATE INDEX audit_finding_department ON audit_finding(department_id);

-- 改善計画 (9.1(7)): the CISO's instruction to the 管理者 owning the finding (or the 統括 for a
-- cross-cutting one), progress reports until complete, then the auditor's verification.
CREATE TABLE improvement_plan (
  id            INTEGER PRIMARY KEY,
  finding_id    INTEGER NOT NULL UNIQUE REFERENCES audit_finding(id),
  owner_id      TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  actions       TEXT NOT NULL,
  instructed_on TEXT NOT NULL,
  due_on        TEXT NOT NULL,
  progress      INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  completed_on  TEXT,
  verified_on   TEXT,
  verified_by   TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  CHECK (due_on >= instructed_on)
);

CREATE TABLE improvement_progress (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES improvement_plan(id),
  reported_on TEXT NOT NULL,
  percent     INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  summary     TEXT NOT NULL,
  reported_by TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX improvement_progress_plan ON improvement_progress(plan_id, reported_on);

-- Follow-up by the auditors: closure confirmed, or sent back with the reason.
CREATE TABLE improvement_verification (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES improvement_plan(id),
  verified_by TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  decided_on  TEXT NOT NULL,
  closed      INTEGER NOT NULL CHECK (closed IN (0, 1)),
  note        TEXT
);

-- ---- access (schema 007's grants) ----

INSERT INTO authz_resource VALUES
  ('assessment', '自己点検', 21),
  ('audit',      '監査', 22);
INSERT INTO authz_grant VALUES
  ('toukatsu', 'assessment', 'read', 'all'), ('toukatsu', 'assessment', 'write', 'all'),
  ('ciso', 'assessment', 'read', 'all'), ('vice_ciso', 'assessment', 'read', 'all'),
  ('committee', 'assessment', 'read', 'all'),
  ('isr', 'assessment', 'read', 'scope'), ('isr', 'assessment', 'write', 'scope'),
  ('ism', 'assessment', 'read', 'scope'), ('ism', 'assessment', 'write', 'scope'),
  ('sysm', 'assessment', 'read', 'scope'), ('sysm', 'assessment', 'write', 'scope'),
  ('audit_chief', 'assessment', 'read', 'all'), ('auditor', 'assessment', 'read', 'scope'),
  ('toukatsu', 'audit', 'read', 'all'),
  ('ciso', 'audit', 'read', 'all'), ('vice_ciso', 'audit', 'read', 'all'),
  ('committee', 'audit', 'read', 'all'),
  ('audit_chief', 'audit', 'read', 'all'), ('audit_chief', 'audit', 'write', 'all'),
  ('auditor', 'audit', 'read', 'scope'), ('auditor', 'audit', 'write', 'scope'),
  ('isr', 'audit', 'read', 'scope'), ('ism', 'audit', 'read', 'scope'),
  ('ism', 'audit', 'write', 'scope');
