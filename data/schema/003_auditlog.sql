-- 003_auditlog.sql — the change log (docs/changelog-format.md): one row per change, hash-chained
-- (BLAKE2b-256 over the previous hash and the canonical entry), and signed checkpoints of the
-- chain head (Ed25519, key kept outside the database). The application only ever inserts.

CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,   -- 1, 2, 3 … with no gaps
  at          TEXT NOT NULL,         -- UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
  actor       TEXT NOT NULL,         -- cli:<unix user>, user:<id>, …
  action      TEXT NOT NULL,         -- create, update, delete, sign_in, note, …
  entity_type TEXT NOT NULL,
  entity_id   TEXT,
  before_json TEXT,                  -- compact JSON with sorted keys, secrets redacted; NULL = none
  after_json  TEXT,
  prev_hash   TEXT NOT NULL,         -- hex; 64 zeros for seq 1
  hash        TEXT NOT NULL          -- hex BLAKE2b-256(prev_hash bytes || canonical entry)
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_checkpoint (
  seq        INTEGER PRIMARY KEY,    -- the chain head that was signed
  head_hash  TEXT NOT NULL,          -- hex hash of entry `seq`
  at         TEXT NOT NULL,          -- UTC time of signing
  public_key TEXT NOT NULL,          -- hex Ed25519 public key
  signature  TEXT NOT NULL           -- hex Ed25519 signature of the checkpoint message
);

-- Append-only. Someone editing the file directly can drop these; the chain then shows it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
