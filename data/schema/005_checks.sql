-- 005_checks.sql — the compliance engine's records: each run of `mamori check` with the rules it
-- ran, the findings of that run (stable fingerprint rule|entity_type|entity_id, so runs can be
-- compared), and accepted risks: recorded, expiring decisions naming who accepted a finding.
-- Kept to SQL that SQLite and PostgreSQL both accept (ids are given by the application).

CREATE TABLE check_run (
  id         INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,            -- UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
  as_of      TEXT NOT NULL,            -- the check date the rules saw as :today
  scope      TEXT NOT NULL,            -- which rules and departments: runs compare within a scope
  actor      TEXT NOT NULL,            -- cli:<unix user>, …
  rules_run  INTEGER NOT NULL,
  findings   INTEGER NOT NULL
);
CREATE INDEX check_run_scope ON check_run(scope, id);

-- The rules a run executed (a rule skipped for an unadopted 推奨事項 is not listed).
CREATE TABLE check_run_rule (
  run_id  INTEGER NOT NULL REFERENCES check_run(id),
  rule_id TEXT NOT NULL,
  PRIMARY KEY (run_id, rule_id)
);

CREATE TABLE finding_severity (code TEXT PRIMARY KEY, label TEXT NOT NULL, rank INTEGER NOT NULL UNIQUE);
INSERT INTO finding_severity VALUES
  ('critical', '重大', 4),
  ('high',     '高', 3),
  ('medium',   '中', 2),
  ('low',      '低', 1);

CREATE TABLE finding (
  run_id           INTEGER NOT NULL REFERENCES check_run(id),
  fingerprint      TEXT NOT NULL,      -- rule_id|entity_type|entity_id
  rule_id          TEXT NOT NULL,
  severity         TEXT NOT NULL REFERENCES finding_severity(code),
  entity_type      TEXT NOT NULL,
  entity_id        TEXT NOT NULL,
  entity_label     TEXT,
  department_id    TEXT,               -- as the rule returned it (no foreign key: history)
  system_id        TEXT,
  detail           TEXT NOT NULL,
  responsible_role TEXT NOT NULL,
  responsible      TEXT NOT NULL,      -- the people resolved for the finding, or 担当者不在 …
  accepted         INTEGER NOT NULL CHECK (accepted IN (0, 1)),
  PRIMARY KEY (run_id, fingerprint)
);
CREATE INDEX finding_rule ON finding(rule_id);

-- An accepted risk (リスク受容): a decision by the CISO or the 統括情報セキュリティ責任者 that a
-- finding may stand until expires_on. While unexpired, the finding is listed as リスク受容中 and
-- does not count for --fail-on. Never edited: a new decision is a new row.
CREATE TABLE risk_acceptance (
  id          INTEGER PRIMARY KEY,
  rule_id     TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  accepted_by TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  reason      TEXT NOT NULL,
  decided_on  TEXT NOT NULL,
  expires_on  TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  CHECK (expires_on >= decided_on)
);
CREATE INDEX risk_acceptance_target ON risk_acceptance(rule_id, entity_type, entity_id);

-- Indexes the compliance rules lean on: "who holds role X for this department / system / person"
-- is the correlated lookup most rules make, and the 004 link tables are searched from both ends.
-- Without them a prefecture-sized organization takes a minute to check instead of about a second.
CREATE INDEX role_assignment_scope_department ON role_assignment(scope_department_id, role);
CREATE INDEX role_assignment_scope_system ON role_assignment(scope_system_id, role);
CREATE INDEX role_assignment_person_role ON role_assignment(person_id, role);
CREATE INDEX contractor_staff_person ON contractor_staff(person_id);
CREATE INDEX contract_contractor ON contract(contractor_id);
CREATE INDEX device_area ON device(area_id);
CREATE INDEX device_holder ON device(holder_id);
CREATE INDEX device_asset_asset ON device_asset(asset_id);
CREATE INDEX device_software_software ON device_software(software_id);
CREATE INDEX cloud_service_asset_asset ON cloud_service_asset(asset_id);
CREATE INDEX managed_area_permit_person ON managed_area_permit(person_id);
CREATE INDEX asset_manager ON asset(manager_id);
