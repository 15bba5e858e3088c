-- 006_users.sql — who may sign in to mamori itself (ガイドライン 6.2 applied to mamori): local
-- users linked to a person of the registers, their argon2id password hashes, TOTP, lockout and
-- last sign-in; hashed recovery codes; sessions and API tokens stored only as BLAKE2b hashes.
-- Times are Unix seconds (BIGINT) so expiry is plain arithmetic in SQLite and PostgreSQL alike.

CREATE TABLE app_user (
  id                   INTEGER PRIMARY KEY,      -- given by the application
  login                TEXT NOT NULL UNIQUE,
  person_id            TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  password_hash        TEXT NOT NULL,            -- crypto_pwhash_str (argon2id), never logged
  must_change_password INTEGER NOT NULL DEFAULT 1,
  password_changed_at  BIGINT NOT NULL,
  totp_secret          TEXT,                     -- base32; set at enrollment, never logged
  totp_enabled         INTEGER NOT NULL DEFAULT 0, -- 0 while an enrollment awaits confirmation
  totp_last_step       BIGINT NOT NULL DEFAULT 0,  -- last accepted 30 s step: replays refused
  failed_attempts      INTEGER NOT NULL DEFAULT 0,
  locked_until         BIGINT,
  last_login_at        BIGINT,
  last_login_from      TEXT,
  previous_login_at    BIGINT,                   -- shown after sign-in: 前回のログイン日時と場所
  previous_login_from  TEXT,
  created_at           BIGINT NOT NULL,
  disabled             INTEGER NOT NULL DEFAULT 0,
  CHECK (must_change_password IN (0, 1) AND totp_enabled IN (0, 1) AND disabled IN (0, 1))
);
CREATE INDEX app_user_person ON app_user(person_id);

-- Ten single-use codes shown once at TOTP enrollment; only their hashes are kept.
CREATE TABLE user_recovery_code (
  user_id   INTEGER NOT NULL REFERENCES app_user(id),
  code_hash TEXT NOT NULL,
  used_at   BIGINT,
  PRIMARY KEY (user_id, code_hash)
);

-- stage: 'full' = signed in; 'totp' = password accepted, second factor awaited;
-- 'password' = must change the initial password; 'enroll' = must enroll TOTP first.
CREATE TABLE user_session (
  token_hash      TEXT PRIMARY KEY,              -- BLAKE2b-256 hex of the 256-bit token
  user_id         INTEGER NOT NULL REFERENCES app_user(id),
  stage           TEXT NOT NULL CHECK (stage IN ('full', 'totp', 'password', 'enroll')),
  created_at      BIGINT NOT NULL,
  last_seen_at    BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL,               -- absolute end, whatever the activity
  csrf_token_hash TEXT NOT NULL,
  ip              TEXT,
  user_agent      TEXT
);
CREATE INDEX user_session_user ON user_session(user_id);

CREATE TABLE api_token (
  id           INTEGER PRIMARY KEY,              -- given by the application
  user_id      INTEGER NOT NULL REFERENCES app_user(id),
  token_hash   TEXT NOT NULL UNIQUE,
  label        TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX api_token_user ON api_token(user_id);
