-- 002_catalog.sql — the guideline's 対策基準 as versioned data: revisions, clauses (a tree in
-- the guideline's own numbering), the 13 columns of the 権限・責任等一覧表 and their marks, and
-- which rule, self-assessment question or workflow covers each clause. The rows themselves
-- come from data/catalog/<revision>/*.tsv, loaded by src/catalog/catalog_load.c.
-- Kept to SQL that SQLite and PostgreSQL both accept.

CREATE TABLE catalog_revision (
  code      TEXT PRIMARY KEY,
  title     TEXT NOT NULL,
  published TEXT NOT NULL
);

-- How sure a clause's role marks are (docs/catalog.md explains each status).
CREATE TABLE catalog_status (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO catalog_status VALUES
  ('confirmed',    '一覧表と条文が一致', 1),
  ('resolved',     '条文から列を一意に特定', 2),
  ('inferred',     '条文の文脈から推定', 3),
  ('decided',      '条文を読んで判断（docs/catalog-decisions.md）', 4),
  ('no_marks',     '一覧表に記号なし', 5),
  ('not_in_table', '一覧表に行なし', 6),
  ('heading',      '見出し', 7);

-- The marks of the 一覧表: ○ 権限又は責任等を有している者, △ 記載がある者又は報告先等,
-- 許 許可を与える者, 承 承認を与える者.
CREATE TABLE catalog_mark_kind (code TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);
INSERT INTO catalog_mark_kind VALUES
  ('○', '権限又は責任等を有している者', 1),
  ('△', '記載がある者又は報告先等', 2),
  ('許', '許可を与える者', 3),
  ('承', '承認を与える者', 4);

-- The 13 columns of the 一覧表; `role` names the assignable role of 001 whose holders carry the
-- column (NULL for 職員等の義務 and 外部委託関係規定, which no single role holds).
CREATE TABLE catalog_role (
  code        TEXT PRIMARY KEY,
  label       TEXT NOT NULL,
  short_label TEXT NOT NULL,
  role        TEXT REFERENCES role(code),
  sort        INTEGER NOT NULL
);

CREATE TABLE catalog_clause (
  revision    TEXT NOT NULL REFERENCES catalog_revision(code),
  id          TEXT NOT NULL,
  parent_id   TEXT,
  section     TEXT NOT NULL,
  title       TEXT NOT NULL,
  recommended INTEGER NOT NULL CHECK (recommended IN (0, 1)),
  status      TEXT NOT NULL REFERENCES catalog_status(code),
  source_line INTEGER NOT NULL,
  sort        INTEGER NOT NULL,
  PRIMARY KEY (revision, id),
  FOREIGN KEY (revision, parent_id) REFERENCES catalog_clause(revision, id)
);
CREATE INDEX catalog_clause_section ON catalog_clause(revision, section);
CREATE INDEX catalog_clause_parent ON catalog_clause(revision, parent_id);

CREATE TABLE catalog_mark (
  revision  TEXT NOT NULL,
  clause_id TEXT NOT NULL,
  role      TEXT NOT NULL REFERENCES catalog_role(code),
  mark      TEXT NOT NULL REFERENCES catalog_mark_kind(code),
  PRIMARY KEY (revision, clause_id, role),
  FOREIGN KEY (revision, clause_id) REFERENCES catalog_clause(revision, id)
);
CREATE INDEX catalog_mark_role ON catalog_mark(revision, role);

-- What carries each clause: an automated rule, a self-assessment question or a workflow.
-- `ref` is the id of that rule, question or request kind. Filled as those features land.
CREATE TABLE catalog_coverage (
  revision  TEXT NOT NULL,
  clause_id TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('rule', 'assessment', 'workflow')),
  ref       TEXT NOT NULL,
  PRIMARY KEY (revision, clause_id, kind, ref),
  FOREIGN KEY (revision, clause_id) REFERENCES catalog_clause(revision, id)
);
