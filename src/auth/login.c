/*
 * login.c — signing in: password (argon2id; unknown users cost the same work and get the same
 * answer), attempt counting and lockout, the TOTP or recovery-code step with replay refusal,
 * and the stage the new session starts in (change password → enroll TOTP → full). Each
 * outcome is logged without the password, code or token.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth_impl.h"
#include "model/params.h"

static const char MSG_DENIED[] = "ログイン名又はパスワードが違います";
static const char MSG_ACTOR_ANON[] = "anonymous";

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

/* A hash to verify against when the user does not exist, so both paths do the same work. */
static void make_dummy_hash(void)
{
    char pw[65];
    struct mm_err err;
    auth_random_hex(pw);
    if (auth_password_hash(pw, dummy_hash, sizeof dummy_hash, &err) != MM_OK)
        dummy_hash[0] = '\0';
}

/* The stored hash again with today's limits, after the password was verified against it. */
static int rehash(struct store *st, const struct user_row *r, const char *password,
                  struct mm_err *err)
{
    if (!auth_password_needs_rehash(r->password_hash))
        return MM_OK;
    char hash[crypto_pwhash_STRBYTES];
    int rc = auth_password_hash(password, hash, sizeof hash, err);
    struct store_stmt *s = NULL;
    if (!rc)
        rc = store_prepare(st, "UPDATE app_user SET password_hash = ? WHERE id = ?", &s, err);
    if (!rc) {
        store_bind_text(s, 1, hash);
        store_bind_int(s, 2, r->u.id);
        int step = store_step(s, err);
        rc = step == STORE_DONE ? MM_OK : step == STORE_ROW ? MM_EINTERNAL : step;
        store_finalize(s);
    }
    sodium_memzero(hash, sizeof hash);
    return rc;
}

static json_t *where_from(const char *ip, const char *user_agent)
{
    return json_pack("{s:s?, s:s?}", "ip", ip, "user_agent", user_agent);
}

static void set_outcome(struct auth_login_result *res, enum auth_outcome o, const char *msg)
{
    res->outcome = o;
    copy_text(res->message, sizeof res->message, msg);
}

/* A failed password or code: count it, lock at the limit, log both. */
static int fail_attempt(struct store *st, const struct user_row *r, const char *reason,
                        enum auth_outcome outcome, const char *ip, const char *user_agent,
                        time_t now, struct auth_login_result *res, struct mm_err *err)
{
    long long limit = 5, minutes = 15;
    int rc = params_get_int(st, "login_attempt_limit", &limit, err);
    if (!rc)
        rc = params_get_int(st, "lockout_minutes", &minutes, err);
    if (rc)
        return rc;
    int attempts = r->u.failed_attempts + 1;
    long long until = limit > 0 && attempts >= limit ? (long long)now + minutes * 60 : 0;
    struct store_stmt *s;
    rc = store_prepare(st, "UPDATE app_user SET failed_attempts = ?, locked_until = ? WHERE id = ?",
                       &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, attempts);
    if (until)
        store_bind_int(s, 2, until);
    else
        store_bind_null(s, 2);
    store_bind_int(s, 3, r->u.id);
    rc = store_step(s, err);
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    char actor[AUTH_LOGIN_MAX + 8];
    snprintf(actor, sizeof actor, "user:%s", r->u.login);
    json_t *a = where_from(ip, user_agent);
    json_object_set_new(a, "reason", json_string(reason));
    json_object_set_new(a, "failed_attempts", json_integer(attempts));
    rc = user_log(st, actor, "user.login_failed", r->u.login, a, err);
    if (rc)
        return rc;
    if (until) {
        rc = user_log(st, "system:auth", "user.locked", r->u.login,
                      json_pack("{s:i, s:I, s:I}", "failed_attempts", attempts, "locked_until",
                                until, "lockout_minutes", minutes),
                      err);
        res->locked_until = until;
        set_outcome(res, AUTH_LOCKED,
                    "ログインの失敗が上限に達したため、アカウントをロックしました。"
                    "しばらく待つか管理者に解除を依頼してください");
        return rc;
    }
    set_outcome(res, outcome,
                outcome == AUTH_TOTP_INVALID ? "確認コードが違うか、既に使われています"
                                             : MSG_DENIED);
    return MM_OK;
}

/*
 * Checks a TOTP code (step after the last accepted one) or an unused recovery code and
 * records its use. *how receives "totp" or "recovery_code"; NULL when refused, with *why.
 */
static int check_code(struct store *st, struct user_row *r, const char *code, time_t now,
                      const char **how, const char **why, struct mm_err *err)
{
    *how = NULL;
    *why = "wrong_code";
    long long step = 0;
    if (auth_totp_valid(r->totp_secret, code, now, &step)) {
        if (step <= r->totp_last_step) {
            *why = "replayed_code";
            return MM_OK;
        }
        struct store_stmt *s;
        int rc = store_prepare(st, "UPDATE app_user SET totp_last_step = ? WHERE id = ?", &s, err);
        if (rc)
            return rc;
        store_bind_int(s, 1, step);
        store_bind_int(s, 2, r->u.id);
        rc = store_step(s, err);
        store_finalize(s);
        if (rc != STORE_DONE)
            return rc;
        r->totp_last_step = step;
        *how = "totp";
        return MM_OK;
    }
    int ok = 0;
    int rc = recovery_code_use(st, r->u.id, code, now, &ok, err);
    if (!rc && ok)
        *how = "recovery_code";
    return rc;
}

/* Every factor proved: reset the counter, move the last sign-in along, open the session. */
static int succeed(struct store *st, struct user_row *r, const char *how, const char *ip,
                   const char *user_agent, time_t now, struct auth_login_result *res,
                   struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "UPDATE app_user SET failed_attempts = 0, locked_until = NULL, "
                           "previous_login_at = last_login_at, "
                           "previous_login_from = last_login_from, "
                           "last_login_at = ?, last_login_from = ? WHERE id = ?",
                           &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, now);
    store_bind_text(s, 2, ip);
    store_bind_int(s, 3, r->u.id);
    rc = store_step(s, err);
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    res->previous_login_at = r->u.last_login_at;
    copy_text(res->previous_login_from, sizeof res->previous_login_from, r->u.last_login_from);
    enum auth_stage stage = user_next_stage(r);
    rc = session_create(st, r, stage, ip, user_agent, now, res, err);
    if (rc)
        return rc;
    char actor[AUTH_LOGIN_MAX + 8];
    snprintf(actor, sizeof actor, "user:%s", r->u.login);
    json_t *a = where_from(ip, user_agent);
    json_object_set_new(a, "second_factor", json_string(how));
    json_object_set_new(a, "stage", json_string(auth_stage_name(stage)));
    rc = user_log(st, actor, "user.login", r->u.login, a, err);
    if (!rc && !strcmp(how, "recovery_code"))
        rc = user_log(st, actor, "user.recovery_code_used", r->u.login, NULL, err);
    return rc;
}

/* The second factor and what follows, shared by the one-step and two-step sign-in. */
static int second_factor(struct store *st, struct user_row *r, const char *code, const char *ip,
                         const char *user_agent, time_t now, struct auth_login_result *res,
                         struct mm_err *err)
{
    const char *how, *why;
    int rc = check_code(st, r, code, now, &how, &why, err);
    if (rc)
        return rc;
    if (!how)
        return fail_attempt(st, r, why, AUTH_TOTP_INVALID, ip, user_agent, now, res, err);
    return succeed(st, r, how, ip, user_agent, now, res, err);
}

static int login_tx(struct store *st, const char *login, const char *password,
                    const char *totp_code, const char *ip, const char *user_agent, time_t now,
                    struct auth_login_result *res, struct mm_err *err)
{
    struct user_row r;
    memset(&r, 0, sizeof r);
    int found = 0, rc = MM_OK;
    if (login && *login && strlen(login) <= AUTH_LOGIN_MAX)
        rc = user_row_get(st, login, 0, now, &r, &found, err);
    if (rc)
        return rc;
    if (!found || r.u.disabled) {
        (void)auth_password_verify(found ? r.password_hash : dummy_hash, password ? password : "");
        set_outcome(res, AUTH_DENIED, MSG_DENIED);
        json_t *a = where_from(ip, user_agent);
        json_object_set_new(a, "reason", json_string(found ? "disabled" : "unknown_user"));
        /* The login as typed is kept only when it has the form of a login. */
        rc = user_log(st, found ? "system:auth" : MSG_ACTOR_ANON, "user.login_failed",
                      found || login_is_valid(login) ? login : NULL, a, err);
        sodium_memzero(&r, sizeof r);
        return rc;
    }
    res->user_id = r.u.id;
    if (r.u.locked_until) {
        res->locked_until = r.u.locked_until;
        set_outcome(res, AUTH_LOCKED,
                    "アカウントがロックされています。しばらく待つか管理者に解除を依頼してください");
        char actor[AUTH_LOGIN_MAX + 8];
        snprintf(actor, sizeof actor, "user:%s", r.u.login);
        json_t *a = where_from(ip, user_agent);
        json_object_set_new(a, "locked_until", json_integer(r.u.locked_until));
        rc = user_log(st, actor, "user.login_refused_locked", r.u.login, a, err);
        sodium_memzero(&r, sizeof r);
        return rc;
    }
    if (!auth_password_verify(r.password_hash, password ? password : ""))
        rc = fail_attempt(st, &r, "wrong_password", AUTH_DENIED, ip, user_agent, now, res, err);
    else if ((rc = rehash(st, &r, password ? password : "", err)))
        ;
    else if (!r.u.totp_enabled)
        rc = succeed(st, &r, "none", ip, user_agent, now, res, err);
    else if (totp_code && *totp_code)
        rc = second_factor(st, &r, totp_code, ip, user_agent, now, res, err);
    else {
        rc = session_create(st, &r, AUTH_STAGE_TOTP, ip, user_agent, now, res, err);
        char actor[AUTH_LOGIN_MAX + 8];
        snprintf(actor, sizeof actor, "user:%s", r.u.login);
        if (!rc)
            rc = user_log(st, actor, "user.login_password_ok", r.u.login,
                          where_from(ip, user_agent), err);
    }
    sodium_memzero(&r, sizeof r);
    return rc;
}

int auth_login(struct store *st, const char *login, const char *password, const char *totp_code,
               const char *ip, const char *user_agent, time_t now, struct auth_login_result *res,
               struct mm_err *err)
{
    memset(res, 0, sizeof *res);
    int rc = auth_init(err);
    if (rc)
        return rc;
    /* Made before the first attempt so that attempt is not slower for an unknown user. */
    pthread_once(&dummy_once, make_dummy_hash);
    rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = login_tx(st, login, password, totp_code, ip, user_agent, now, res, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        memset(res, 0, sizeof *res);
    }
    return rc;
}

/* Reads the session of `token` (any stage) with its user; *found = 0 when none is live. */
static int pending_session(struct store *st, const char *token, time_t now, char hash[65],
                           enum auth_stage *stage, struct user_row *r, int *found,
                           struct mm_err *err)
{
    *found = 0;
    if (!token || strlen(token) != AUTH_TOKEN_LEN - 1)
        return MM_OK;
    auth_hash_hex(token, strlen(token), hash);
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT user_id, stage FROM user_session WHERE token_hash = ? "
                           "AND expires_at > ?",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, hash);
    store_bind_int(s, 2, now);
    long long uid = 0;
    char stg[16] = "";
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        uid = store_col_int(s, 0);
        copy_text(stg, sizeof stg, store_col_text(s, 1));
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = MM_OK;
    }
    store_finalize(s);
    if (rc || !uid)
        return rc;
    *stage = !strcmp(stg, "totp")       ? AUTH_STAGE_TOTP
             : !strcmp(stg, "password") ? AUTH_STAGE_PASSWORD
             : !strcmp(stg, "enroll")   ? AUTH_STAGE_ENROLL
                                        : AUTH_STAGE_FULL;
    return user_row_get(st, NULL, uid, now, r, found, err);
}

static int delete_session(struct store *st, const char *hash, struct mm_err *err)
{
    return exec_bound(st, "DELETE FROM user_session WHERE token_hash = ?", hash, NULL, NULL, NULL,
                      err);
}

int auth_login_code(struct store *st, const char *token, const char *code, const char *ip,
                    const char *user_agent, time_t now, struct auth_login_result *res,
                    struct mm_err *err)
{
    memset(res, 0, sizeof *res);
    int rc = auth_init(err);
    if (!rc)
        rc = store_begin(st, err);
    if (rc)
        return rc;
    char hash[65];
    struct user_row r;
    memset(&r, 0, sizeof r);
    enum auth_stage stage = AUTH_STAGE_FULL;
    int found = 0;
    rc = pending_session(st, token, now, hash, &stage, &r, &found, err);
    if (!rc && (!found || stage != AUTH_STAGE_TOTP || r.u.disabled)) {
        set_outcome(res, AUTH_DENIED, "ログインの有効期限が切れました。もう一度ログインしてください");
    } else if (!rc && r.u.locked_until) {
        res->locked_until = r.u.locked_until;
        set_outcome(res, AUTH_LOCKED,
                    "アカウントがロックされています。しばらく待つか管理者に解除を依頼してください");
        rc = delete_session(st, hash, err);
    } else if (!rc) {
        res->user_id = r.u.id;
        rc = second_factor(st, &r, code, ip, user_agent, now, res, err);
        /* The pending session ends on success (a new token replaces it) and on lockout. */
        if (!rc && res->outcome != AUTH_TOTP_INVALID)
            rc = delete_session(st, hash, err);
    }
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        memset(res, 0, sizeof *res);
    }
    sodium_memzero(&r, sizeof r);
    return rc;
}

int auth_session_advance(struct store *st, const char *token, time_t now,
                         struct auth_login_result *res, struct mm_err *err)
{
    memset(res, 0, sizeof *res);
    int rc = auth_init(err);
    if (!rc)
        rc = store_begin(st, err);
    if (rc)
        return rc;
    char hash[65];
    struct user_row r;
    memset(&r, 0, sizeof r);
    enum auth_stage stage = AUTH_STAGE_FULL;
    int found = 0;
    rc = pending_session(st, token, now, hash, &stage, &r, &found, err);
    if (!rc && (!found || stage == AUTH_STAGE_TOTP || r.u.disabled))
        rc = mm_err_set(err, MM_EREFUSED, "セッションが終了しています。もう一度ログインしてください");
    char ip[64] = "", ua[256] = "";
    if (!rc) {
        struct store_stmt *s;
        rc = store_prepare(st, "SELECT ip, user_agent FROM user_session WHERE token_hash = ?", &s,
                           err);
        if (!rc) {
            store_bind_text(s, 1, hash);
            if (store_step(s, err) == STORE_ROW) {
                copy_text(ip, sizeof ip, store_col_text(s, 0));
                copy_text(ua, sizeof ua, store_col_text(s, 1));
            }
            store_finalize(s);
        }
    }
    if (!rc)
        rc = delete_session(st, hash, err);
    if (!rc) {
        res->user_id = r.u.id;
        rc = session_create(st, &r, user_next_stage(&r), ip[0] ? ip : NULL, ua[0] ? ua : NULL,
                            now, res, err);
    }
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        memset(res, 0, sizeof *res);
    }
    sodium_memzero(&r, sizeof r);
    return rc;
}
