/*
 * auth.h — who may use mamori itself: local users linked to people, argon2id passwords under
 * the profile's password policy, TOTP (RFC 6238) with recovery codes, attempt limits and
 * lockout, sessions and API tokens kept only as hashes (ガイドライン 6.2 applied to mamori).
 *
 * Time always comes in as `now` (Unix seconds) so callers and tests control the clock. Every
 * sign-in, failure, lockout, unlock, password change, enrollment and administrative action is
 * written to the change log in the same transaction, never with a password, secret, code,
 * token or hash in it. Nothing here prints. Unless said otherwise a function returns MM_OK or
 * an MM_E* code with a Japanese message in `err`; MM_EREFUSED is a refusal (unknown user,
 * wrong code …), MM_EINPUT bad input, MM_EINTERNAL a failing database.
 *
 * Secrets handed out (initial passwords, tokens, recovery codes) are written into fixed
 * caller-owned buffers and exist nowhere else: show them once, then forget them.
 */
#ifndef MM_AUTH_H
#define MM_AUTH_H

#include <stddef.h>
#include <time.h>

#include "auditlog/auditlog.h"
#include "store/store.h"
#include "util/err.h"

#define AUTH_TOKEN_LEN 65        /* session token: 64 hex digits (256 random bits) + NUL */
#define AUTH_API_TOKEN_LEN 72    /* "mamori_" + 64 hex digits + NUL */
#define AUTH_PASSWORD_MAX 256    /* bytes; longer passwords are refused */
#define AUTH_RECOVERY_CODES 10
#define AUTH_RECOVERY_CODE_LEN 12 /* "xxxxx-xxxxx" + NUL */
#define AUTH_LOGIN_MAX 64
#define AUTH_TOTP_STEP 30
#define AUTH_TOTP_DIGITS 6
#define AUTH_PENDING_SECONDS 600 /* life of a session in a stage other than full */
#define AUTH_SEEN_STEP 60        /* a session's / token's last use is written at most this often
                                    (seconds), so most requests only read */

/* Sets up libsodium and liboath once (thread-safe); every function below calls it. */
int auth_init(struct mm_err *err);

/* ---- passwords (password.c) ---- */

/*
 * Checks `password` for user `login` against the policy of the profile: at least
 * password_min_length characters (code points), at most AUTH_PASSWORD_MAX bytes, not equal to
 * the login (ignoring ASCII case), and not all of one character class (lower-case, upper-case,
 * digits, symbols, other). MM_EINPUT with a Japanese message naming the rule when it fails.
 */
int auth_password_check(struct store *st, const char *login, const char *password,
                        struct mm_err *err);

/*
 * argon2id with 19 MiB of memory and 2 passes (a setting the OWASP password storage guidance
 * lists for argon2id): sign-in stays quick and the server small. A hash made with other limits
 * (earlier versions used 64 MiB) still verifies and is replaced at the next sign-in.
 */
#define AUTH_PWHASH_OPSLIMIT 2ULL
#define AUTH_PWHASH_MEMLIMIT ((size_t)19 * 1024 * 1024)

/* argon2id hash (crypto_pwhash_str, the limits above) into out[crypto_pwhash_STRBYTES]. */
int auth_password_hash(const char *password, char *out, size_t size, struct mm_err *err);

/* 1 when `password` matches `hash`, 0 otherwise (also for a malformed hash). */
int auth_password_verify(const char *hash, const char *password);

/* 1 when `hash` was made with other limits than the above (or is not an argon2id hash). */
int auth_password_needs_rehash(const char *hash);

/* A random initial password that passes the policy for `login`; out must hold 65 bytes. */
int auth_password_generate(struct store *st, const char *login, char *out, size_t size,
                           struct mm_err *err);

/* ---- users (user.c) ---- */

struct auth_user {
    long long id;
    char login[AUTH_LOGIN_MAX + 1];
    char person_id[128];
    char person_name[256];
    int must_change_password, totp_enabled, totp_pending, disabled;
    int failed_attempts;
    long long locked_until; /* 0 = not locked */
    long long last_login_at, previous_login_at, created_at, password_changed_at;
    char last_login_from[64], previous_login_from[64];
    int role_holder; /* holds a current role assignment on the day of `now` */
    int totp_required;
};

/*
 * Reads user `login` as of `now`. MM_EREFUSED when there is no such user. No secret is read
 * into the struct.
 */
int auth_user_get(struct store *st, const char *login, time_t now, struct auth_user *out,
                  struct mm_err *err);

/* Calls fn for every user ordered by login; fn returns non-zero to stop with that code. */
int auth_user_each(struct store *st, time_t now,
                   int (*fn)(void *ctx, const struct auth_user *u), void *ctx,
                   struct mm_err *err);

/*
 * Creates user `login` (letters, digits, . _ - @, 1–64 bytes) for person `person_id` with a
 * generated initial password copied into `password_out` (65 bytes) and must_change_password
 * set. Logged as user.create by `actor`.
 */
int auth_user_add(struct store *st, const struct audit_actor *actor, const char *login,
                  const char *person_id, time_t now, char *password_out, size_t size,
                  struct mm_err *err);

/*
 * Gives `login` a new generated initial password (must change at next sign-in), ends its
 * sessions, clears attempts and lock; with `clear_totp` also removes TOTP and recovery codes.
 * Logged as user.reset.
 */
int auth_user_reset(struct store *st, const struct audit_actor *actor, const char *login,
                    int clear_totp, time_t now, char *password_out, size_t size,
                    struct mm_err *err);

/* Clears the lock and the attempt count (user.unlock). Refused when the user is not locked. */
int auth_user_unlock(struct store *st, const struct audit_actor *actor, const char *login,
                     time_t now, struct mm_err *err);

/* Disables (disabled = 1) and ends every session and API token (user.disable). */
int auth_user_disable(struct store *st, const struct audit_actor *actor, const char *login,
                      time_t now, struct mm_err *err);

/*
 * Sets a new password chosen by the user after checking the policy and that it differs from
 * the current one; clears must_change_password (user.password_change). `current` must match.
 */
int auth_user_change_password(struct store *st, const char *login, const char *current,
                              const char *new_password, time_t now, struct mm_err *err);

/* ---- TOTP (totp.c) ---- */

struct auth_totp_enrollment {
    char secret[64];  /* base32, for manual entry in an authenticator app */
    char *uri;        /* otpauth://totp/…; owned, free with auth_totp_enrollment_free */
    char *svg;        /* QR code of uri as a standalone SVG document; owned */
};
void auth_totp_enrollment_free(struct auth_totp_enrollment *e);

/*
 * Starts (or restarts) TOTP enrollment of `login`: a new 160-bit secret is stored, not yet
 * enabled, and returned with its otpauth URI (issuer `issuer`, e.g. the organization name)
 * and QR code. An enabled TOTP is replaced only after confirmation. Logged as
 * user.totp_enroll_begin.
 */
int auth_totp_begin(struct store *st, const struct audit_actor *actor, const char *login,
                    const char *issuer, time_t now, struct auth_totp_enrollment *out,
                    struct mm_err *err);

/*
 * Confirms the pending enrollment of `login` with a current code: TOTP becomes enabled, old
 * recovery codes are replaced by AUTH_RECOVERY_CODES new ones written to `codes` (shown once).
 * MM_EREFUSED when no enrollment is pending or the code is wrong. Logged as user.totp_enroll.
 */
int auth_totp_confirm(struct store *st, const struct audit_actor *actor, const char *login,
                      const char *code, time_t now,
                      char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN],
                      struct mm_err *err);

/*
 * Whether `code` is a valid 6-digit TOTP for the base32 `secret` at `now` within ±1 step;
 * on success *step receives the matched step (now/30 ± 1). Returns 1 valid, 0 not.
 */
int auth_totp_valid(const char *secret, const char *code, time_t now, long long *step);

/* Standalone SVG of a QR code for `text` (libqrencode, level M). Caller frees. NULL on error. */
char *auth_qr_svg(const char *text);

/* ---- sign-in (login.c) ---- */

enum auth_outcome {
    AUTH_OK = 0,          /* signed in: session in stage full */
    AUTH_DENIED,          /* unknown login, wrong password or disabled user: same for all */
    AUTH_LOCKED,          /* too many failures; res.locked_until says until when */
    AUTH_TOTP_NEEDED,     /* password right; session in stage totp awaits auth_login_code */
    AUTH_TOTP_INVALID,    /* wrong, replayed or used code (counted as a failure) */
    AUTH_CHANGE_PASSWORD, /* signed in only to change the initial password (stage password) */
    AUTH_ENROLL_REQUIRED  /* TOTP is required and not enrolled: session in stage enroll */
};

enum auth_stage { AUTH_STAGE_FULL = 0, AUTH_STAGE_TOTP, AUTH_STAGE_PASSWORD, AUTH_STAGE_ENROLL };

struct auth_login_result {
    enum auth_outcome outcome;
    char message[256];             /* Japanese text for the sign-in page */
    char token[AUTH_TOKEN_LEN];    /* session token (cookie value) when a session was made */
    char csrf[AUTH_TOKEN_LEN];     /* its CSRF token (form field / header) */
    enum auth_stage stage;
    long long user_id;
    long long locked_until;
    long long previous_login_at;   /* 前回のログイン (0 = first sign-in) */
    char previous_login_from[64];
};

/*
 * Signs `login` in with `password` and, when TOTP is enabled, `totp_code` (6 digits or a
 * recovery code; NULL or "" to ask for it in a second step). Unknown users, disabled users
 * and wrong passwords give the same AUTH_DENIED after the same argon2id work. Failures count
 * towards login_attempt_limit; reaching it locks the user for lockout_minutes. A locked user
 * is refused without checking the password. Users holding a current role assignment (or
 * everyone, with totp_required_for_all) must use TOTP. On every outcome res.message is set
 * and the event logged; MM_OK is returned whatever the outcome (an error code only when the
 * database failed). `ip` and `user_agent` may be NULL.
 */
int auth_login(struct store *st, const char *login, const char *password, const char *totp_code,
               const char *ip, const char *user_agent, time_t now, struct auth_login_result *res,
               struct mm_err *err);

/*
 * Second step for a session in stage totp: checks `code` and, when right, replaces that
 * session with a new one (new token) in the next stage. A wrong code counts as a failure.
 */
int auth_login_code(struct store *st, const char *token, const char *code, const char *ip,
                    const char *user_agent, time_t now, struct auth_login_result *res,
                    struct mm_err *err);

/*
 * After a password change or TOTP enrollment from a restricted session: replaces the session
 * `token` by a new one in the stage the user now belongs in (AUTH_OK when full).
 */
int auth_session_advance(struct store *st, const char *token, time_t now,
                         struct auth_login_result *res, struct mm_err *err);

/* ---- sessions (session.c) ---- */

struct auth_session {
    long long user_id;
    char login[AUTH_LOGIN_MAX + 1];
    char person_id[128];
    enum auth_stage stage;
    long long created_at, last_seen_at, expires_at;
    long long previous_login_at;
    char previous_login_from[64];
};

/*
 * Finds the session of `token` at `now`. MM_EREFUSED (session ended) when there is none, when
 * it was idle longer than session_idle_minutes, past its absolute end, or the user was
 * disabled; an expired session is deleted and logged (user.session_expired). A live session's
 * last_seen_at becomes `now`.
 */
int auth_session_get(struct store *st, const char *token, time_t now, struct auth_session *out,
                     struct mm_err *err);

/* Ends the session of `token` (user.logout). MM_EREFUSED when no such session. */
int auth_logout(struct store *st, const char *token, time_t now, struct mm_err *err);

/* The CSRF token that belongs to session `token` (derived, so pages can show it again). */
void auth_csrf_token(const char *token, char out[AUTH_TOKEN_LEN]);

/* 1 when `presented` is the CSRF token of session `token` (constant-time compare), else 0. */
int auth_csrf_check(struct store *st, const char *token, const char *presented);

/* ---- API tokens (token.c) ---- */

/* Creates an API token for `login` with `label`; the token goes to `out`, its id to *id. */
int auth_api_token_add(struct store *st, const struct audit_actor *actor, const char *login,
                       const char *label, time_t now, char out[AUTH_API_TOKEN_LEN],
                       long long *id, struct mm_err *err);

/* Revokes token `id` (api_token.revoke). MM_EREFUSED when unknown or already revoked. */
int auth_api_token_revoke(struct store *st, const struct audit_actor *actor, long long id,
                          time_t now, struct mm_err *err);

/*
 * The user of a presented API token: *user_id and login (AUTH_LOGIN_MAX+1 bytes). MM_EREFUSED
 * for an unknown, revoked token or a disabled user. Updates last_used_at.
 */
int auth_api_token_check(struct store *st, const char *token, time_t now, long long *user_id,
                         char *login, struct mm_err *err);

/* ---- helpers shared by the files above (auth_util.c) ---- */

/* Lower-case hex BLAKE2b-256 of `len` bytes, into out[65]. */
void auth_hash_hex(const void *data, size_t len, char out[65]);
/* 32 random bytes as 64 hex digits into out[65]. */
void auth_random_hex(char out[65]);
/* The JST calendar date of `now` as YYYY-MM-DD into out[11]. */
void auth_date_jst(time_t now, char out[11]);

#endif
