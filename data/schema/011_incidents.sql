-- 011_incidents.sql — 情報セキュリティインシデント (対策基準 5.3, 7.3; docs/incidents.md).
-- An incident is reported by a member of staff, or received by one from a resident or another
-- outside party; it is passed along the chain of 5.3(1)/(2), each hand-over time-stamped with
-- the time it must be acknowledged by; CSIRT triages it (5.3(3)); actions follow 7.3 解説 ③
-- (evidence before containment); outward duties carry due dates computed from the local
-- parameters. Times are JST text "YYYY-MM-DDTHH:MM:SS+09:00", so they compare as strings with
-- each other and with dates.
--
-- Register ids (person, department, system, asset) are kept WITHOUT foreign keys: an incident is
-- a record of what happened and must outlive changes to the registers (as finding does). Names
-- resolved at the time are copied next to them.

CREATE TABLE incident_source (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO incident_source VALUES
  ('internal', '庁内（職員等が認知）', 1),
  ('external', '住民等外部からの報告', 2);

CREATE TABLE incident_status (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO incident_status VALUES
  ('reported',   '報告受付', 1),
  ('responding', '対応中', 2),
  ('closed',     '終結', 3);

CREATE TABLE incident_judgement (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO incident_judgement VALUES
  ('undetermined', '未評価', 1),
  ('incident',     '情報セキュリティインシデント', 2),
  ('not_incident', 'インシデントではない', 3);

CREATE TABLE incident_severity (code TEXT PRIMARY KEY, label TEXT NOT NULL, rank INTEGER NOT NULL UNIQUE);
INSERT INTO incident_severity VALUES
  ('low',      '低', 1),
  ('medium',   '中', 2),
  ('high',     '高', 3),
  ('critical', '重大', 4);

-- The chain of 5.3(1) (internal) and 5.3(2) (external): stage, the role reached, the clause.
CREATE TABLE incident_chain_role (
  stage  INTEGER NOT NULL,
  role   TEXT NOT NULL REFERENCES role(code),
  label  TEXT NOT NULL,
  clause TEXT NOT NULL,
  PRIMARY KEY (stage, role)
);
INSERT INTO incident_chain_role VALUES
  (1, 'ism',        '情報セキュリティ管理者（報告者の課室）', '5.3(1)① 5.3(2)①'),
  (1, 'csirt_head', '情報セキュリティに関する統一的な窓口（CSIRT）', '5.3(1)① 1(9)③'),
  (2, 'toukatsu',   '統括情報セキュリティ責任者', '5.3(1)② 5.3(2)②'),
  (2, 'sysm',       '情報システム管理者（影響を受けた情報システム）', '5.3(1)② 5.3(2)②'),
  (3, 'ciso',       '最高情報セキュリティ責任者（CISO）', '5.3(1)③ 5.3(2)③ 5.3(3)②'),
  (3, 'isr',        '情報セキュリティ責任者（報告者の部局）', '5.3(1)③ 5.3(2)③');

CREATE TABLE incident_action_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, clause TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO incident_action_kind VALUES
  ('evidence',        '証拠保全（ログ・現状の保存）', '7.3(2) 6.5(3)', 1),
  ('containment',     '応急措置（被害拡大の防止）', '7.3(2) 5.3(3)③', 2),
  ('recovery',        '復旧', '7.3(2) 5.3(3)③', 3),
  ('monitoring',      '復旧後の再発の監視', '7.3(2)', 4),
  ('root_cause',      '原因の究明', '5.3(3)④', 5),
  ('prevention_plan', '再発防止計画（情報セキュリティ委員会への報告）', '7.3(2) 5.3(3)④', 6),
  ('note',            '対応の記録', '7.3(2)', 7);

CREATE TABLE incident_duty_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, clause TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO incident_duty_kind VALUES
  ('mic',          '総務省への報告', '1(9)⑤', 1),
  ('prefecture',   '都道府県への報告', '1(9)⑤', 2),
  ('ppc_prompt',   '個人情報保護委員会への報告（速報）', '5.3(1)④', 3),
  ('ppc_final',    '個人情報保護委員会への報告（確報）', '5.3(1)④', 4),
  ('data_subject', '本人への通知', '5.3(1)④', 5),
  ('police',       '警察への連絡', '6.5(3)', 6),
  ('press',        '報道機関への公表', '1(9)⑥', 7),
  ('provider',     'クラウドサービス事業者・委託先への連絡', '5.3(1)⑤', 8),
  ('reporter',     '報告者（住民等）への結果の連絡', '5.3(2)', 9);

CREATE TABLE incident (
  id                 TEXT PRIMARY KEY,               -- INC-2026-0001
  title              TEXT NOT NULL,
  description        TEXT NOT NULL,
  source             TEXT NOT NULL REFERENCES incident_source(code),
  reporter_id        TEXT,          -- internal: the reporter; external: who received the report
  reporter_name      TEXT,          -- copied at the time
  outside_name       TEXT,          -- external: the resident or party who reported
  outside_contact    TEXT,
  department_id      TEXT NOT NULL, -- the 課室 whose 情報セキュリティ管理者 is told
  department_name    TEXT,
  occurred_at        TEXT,
  reported_at        TEXT NOT NULL,
  status             TEXT NOT NULL REFERENCES incident_status(code),
  judgement          TEXT NOT NULL DEFAULT 'undetermined' REFERENCES incident_judgement(code),
  severity           TEXT REFERENCES incident_severity(code),
  triaged_at         TEXT,
  triaged_by         TEXT,
  personal_info      INTEGER NOT NULL DEFAULT 0 CHECK (personal_info IN (0, 1)),
  specific_personal  INTEGER NOT NULL DEFAULT 0 CHECK (specific_personal IN (0, 1)),  -- 特定個人情報
  sensitive_personal INTEGER NOT NULL DEFAULT 0 CHECK (sensitive_personal IN (0, 1)), -- 要配慮個人情報
  ordinance_sensitive INTEGER NOT NULL DEFAULT 0 CHECK (ordinance_sensitive IN (0, 1)), -- 条例要配慮個人情報
  property_damage    INTEGER NOT NULL DEFAULT 0 CHECK (property_damage IN (0, 1)),   -- 財産的被害のおそれ
  improper_purpose   INTEGER NOT NULL DEFAULT 0 CHECK (improper_purpose IN (0, 1)),  -- 不正の目的のおそれ
  persons_affected   INTEGER CHECK (persons_affected IS NULL OR persons_affected >= 0),
  crime_suspected    INTEGER NOT NULL DEFAULT 0 CHECK (crime_suspected IN (0, 1)),
  press_release      INTEGER NOT NULL DEFAULT 0 CHECK (press_release IN (0, 1)),
  provider_involved  INTEGER NOT NULL DEFAULT 0 CHECK (provider_involved IN (0, 1)),
  triage_note        TEXT,
  closed_at          TEXT,
  closed_by          TEXT,
  outcome            TEXT,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX incident_status_idx ON incident(status);

CREATE TABLE incident_system (
  incident_id TEXT NOT NULL REFERENCES incident(id),
  system_id   TEXT NOT NULL,
  system_name TEXT,
  PRIMARY KEY (incident_id, system_id)
);

CREATE TABLE incident_asset (
  incident_id     TEXT NOT NULL REFERENCES incident(id),
  asset_id        TEXT NOT NULL,
  asset_name      TEXT,
  confidentiality TEXT,   -- the classes at the time
  integrity       TEXT,
  availability    TEXT,
  personal_info   INTEGER,
  PRIMARY KEY (incident_id, asset_id)
);

-- One hand-over: the role (at a scope) the incident was passed to, when, and by when it must
-- be acknowledged (the interval is a local parameter). gap: no_holder (nobody holds the role
-- now), holder_left (only people who have left hold it), NULL when someone was reached.
CREATE TABLE incident_step (
  id              TEXT PRIMARY KEY,                 -- INC-2026-0001-01
  incident_id     TEXT NOT NULL REFERENCES incident(id),
  stage           INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 3),
  role            TEXT NOT NULL REFERENCES role(code),
  scope_id        TEXT,                             -- department or system, NULL for 全庁
  scope_name      TEXT,
  handed_over_at  TEXT NOT NULL,
  due_at          TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  gap             TEXT CHECK (gap IS NULL OR gap IN ('no_holder', 'holder_left')),
  CHECK (due_at >= handed_over_at)
);
CREATE INDEX incident_step_incident ON incident_step(incident_id);

CREATE TABLE incident_step_person (
  step_id            TEXT NOT NULL REFERENCES incident_step(id),
  person_id          TEXT NOT NULL,
  person_name        TEXT,
  role_assignment_id TEXT,
  PRIMARY KEY (step_id, person_id)
);

CREATE TABLE incident_action (
  id          TEXT PRIMARY KEY,                        -- INC-2026-0001-A01
  incident_id TEXT NOT NULL REFERENCES incident(id),
  kind        TEXT NOT NULL REFERENCES incident_action_kind(code),
  done_at     TEXT NOT NULL,
  done_by     TEXT,
  description TEXT NOT NULL
);
CREATE INDEX incident_action_incident ON incident_action(incident_id);

-- An outward duty (報告・通知・連絡) with its due date, computed by the engine from the
-- incident's triage and the local parameters; basis says which rule and parameter.
CREATE TABLE incident_duty (
  id          TEXT PRIMARY KEY,                        -- INC-2026-0001-ppc_final
  incident_id TEXT NOT NULL REFERENCES incident(id),
  kind        TEXT NOT NULL REFERENCES incident_duty_kind(code),
  due_at      TEXT NOT NULL,
  basis       TEXT NOT NULL,
  done_at     TEXT,
  done_by     TEXT,
  reference   TEXT,                                    -- 受付番号・文書番号 etc.
  UNIQUE (incident_id, kind)
);
