/*
 * session.c — sessions of signed-in users: creation with a 256-bit token of which only the
 * BLAKE2b hash is stored, lookup with idle and absolute timeouts, logout, and the CSRF token
 * that belongs to each session (derived from the token, its hash stored beside it).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth_impl.h"
#include "model/params.h"

void auth_csrf_token(const char *token, char out[AUTH_TOKEN_LEN])
{
    static const char label[] = "mamori csrf v1";
    unsigned char h[32];
    size_t klen = strlen(token);
    if (klen > crypto_generichash_KEYBYTES_MAX)
        klen = crypto_generichash_KEYBYTES_MAX;
    crypto_generichash(h, sizeof h, (const unsigned char *)label, sizeof label - 1,
                       (const unsigned char *)token, klen);
    sodium_bin2hex(out, AUTH_TOKEN_LEN, h, sizeof h);
    sodium_memzero(h, sizeof h);
}

int session_create(struct store *st, const struct user_row *r, enum auth_stage stage,
                   const char *ip, const char *user_agent, time_t now,
                   struct auth_login_result *res, struct mm_err *err)
{
    long long hours = 10;
    int rc = params_get_int(st, "session_absolute_hours", &hours, err);
    if (rc)
        return rc;
    char hash[65], csrf_hash[65];
    auth_random_hex(res->token);
    auth_csrf_token(res->token, res->csrf);
    auth_hash_hex(res->token, strlen(res->token), hash);
    auth_hash_hex(res->csrf, strlen(res->csrf), csrf_hash);
    long long expires = (long long)now + (stage == AUTH_STAGE_FULL ? hours * 3600 : AUTH_PENDING_SECONDS);
    struct store_stmt *s;
    rc = store_prepare(st,
                       "INSERT INTO user_session (token_hash, user_id, stage, created_at, "
                       "last_seen_at, expires_at, csrf_token_hash, ip, user_agent) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       &s, err);
    if (rc)
        return rc;
    char ua[256];
    copy_text(ua, sizeof ua, user_agent);
    store_bind_text(s, 1, hash);
    store_bind_int(s, 2, r->u.id);
    store_bind_text(s, 3, auth_stage_name(stage));
    store_bind_int(s, 4, now);
    store_bind_int(s, 5, now);
    store_bind_int(s, 6, expires);
    store_bind_text(s, 7, csrf_hash);
    store_bind_text(s, 8, ip);
    store_bind_text(s, 9, user_agent ? ua : NULL);
    rc = store_step(s, err);
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    res->stage = stage;
    res->user_id = r->u.id;
    static const enum auth_outcome outcome[] = {
        [AUTH_STAGE_FULL] = AUTH_OK,
        [AUTH_STAGE_TOTP] = AUTH_TOTP_NEEDED,
        [AUTH_STAGE_PASSWORD] = AUTH_CHANGE_PASSWORD,
        [AUTH_STAGE_ENROLL] = AUTH_ENROLL_REQUIRED,
    };
    static const char *const message[] = {
        [AUTH_STAGE_FULL] = "ログインしました",
        [AUTH_STAGE_TOTP] = "認証アプリの確認コード（又はリカバリーコード）を入力してください",
        [AUTH_STAGE_PASSWORD] = "初期パスワードを変更してください",
        [AUTH_STAGE_ENROLL] =
            "役割を持つ利用者は二要素認証（TOTP）が必須です。認証アプリを登録してください",
    };
    res->outcome = outcome[stage];
    copy_text(res->message, sizeof res->message, message[stage]);
    return MM_OK;
}

static enum auth_stage stage_of(const char *s)
{
    if (!s)
        return AUTH_STAGE_TOTP; /* unknown text never grants a full session */
    return !strcmp(s, "full")       ? AUTH_STAGE_FULL
           : !strcmp(s, "password") ? AUTH_STAGE_PASSWORD
           : !strcmp(s, "enroll")   ? AUTH_STAGE_ENROLL
                                    : AUTH_STAGE_TOTP;
}

/*
 * Reads the session and decides. With `write` 0 (inside a read transaction) nothing is
 * changed: *need_write is set when the session must be ended or its last_seen_at moved on, and
 * the caller repeats the call with `write` 1 inside a write transaction.
 */
static int session_tx(struct store *st, const char *hash, time_t now, struct auth_session *out,
                      int write, int *need_write, struct mm_err *err)
{
    *need_write = 0;
    long long idle = 30;
    int rc = params_get_int(st, "session_idle_minutes", &idle, err);
    if (rc)
        return rc;
    struct store_stmt *s;
    rc = store_prepare(st,
                       "SELECT s.user_id, s.stage, s.created_at, s.last_seen_at, s.expires_at, "
                       "u.login, u.person_id, u.disabled, u.previous_login_at, "
                       "u.previous_login_from FROM user_session s "
                       "JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?",
                       &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, hash);
    int found = 0, disabled = 0;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        found = 1;
        out->user_id = store_col_int(s, 0);
        out->stage = stage_of(store_col_text(s, 1));
        out->created_at = store_col_int(s, 2);
        out->last_seen_at = store_col_int(s, 3);
        out->expires_at = store_col_int(s, 4);
        copy_text(out->login, sizeof out->login, store_col_text(s, 5));
        copy_text(out->person_id, sizeof out->person_id, store_col_text(s, 6));
        disabled = (int)store_col_int(s, 7);
        out->previous_login_at = store_col_int(s, 8);
        copy_text(out->previous_login_from, sizeof out->previous_login_from,
                  store_col_text(s, 9));
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = MM_OK;
    }
    store_finalize(s);
    if (rc)
        return rc;
    if (!found)
        return mm_err_set(err, MM_EREFUSED, "ログインしていません");
    const char *reason = (long long)now >= out->expires_at ? "absolute"
                         : idle > 0 && (long long)now - out->last_seen_at >= idle * 60 ? "idle"
                         : disabled                                                    ? "disabled"
                                                                                       : NULL;
    if (!write && (reason || (long long)now - out->last_seen_at >= AUTH_SEEN_STEP)) {
        *need_write = 1;
        return MM_OK;
    }
    if (reason) {
        rc = exec_bound(st, "DELETE FROM user_session WHERE token_hash = ?", hash, NULL, NULL,
                        NULL, err);
        if (!rc)
            rc = user_log(st, "system:auth", "user.session_expired", out->login,
                          json_pack("{s:s}", "reason", reason), err);
        if (!rc)
            rc = store_commit(st, err);
        if (rc)
            return rc;
        memset(out, 0, sizeof *out);
        return mm_err_set(err, MM_EREFUSED,
                          strcmp(reason, "idle") == 0
                              ? "一定時間操作がなかったためログアウトしました。もう一度ログインしてください"
                              : "セッションの有効期限が切れました。もう一度ログインしてください");
    }
    if ((long long)now - out->last_seen_at >= AUTH_SEEN_STEP) {
        struct store_stmt *u;
        rc = store_prepare(st, "UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?", &u,
                           err);
        if (rc)
            return rc;
        store_bind_int(u, 1, now);
        store_bind_text(u, 2, hash);
        rc = store_step(u, err);
        store_finalize(u);
        if (rc != STORE_DONE)
            return rc;
        out->last_seen_at = now;
    }
    return store_commit(st, err);
}

int auth_session_get(struct store *st, const char *token, time_t now, struct auth_session *out,
                     struct mm_err *err)
{
    memset(out, 0, sizeof *out);
    int rc = auth_init(err);
    if (rc)
        return rc;
    if (!token || strlen(token) != AUTH_TOKEN_LEN - 1)
        return mm_err_set(err, MM_EREFUSED, "ログインしていません");
    char hash[65];
    auth_hash_hex(token, strlen(token), hash);
    /* Most requests only read: a read transaction, so pages do not queue for the write lock. */
    int need_write = 0;
    rc = store_begin_read(st, err);
    if (rc)
        return rc;
    rc = session_tx(st, hash, now, out, 0, &need_write, err); /* commits unless need_write */
    if (rc || need_write)
        store_rollback(st);
    if (!rc && need_write) {
        memset(out, 0, sizeof *out);
        rc = store_begin(st, err);
        if (rc)
            return rc;
        rc = session_tx(st, hash, now, out, 1, &need_write, err);
    }
    if (rc) {
        store_rollback(st);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

int auth_logout(struct store *st, const char *token, time_t now, struct mm_err *err)
{
    (void)now;
    int rc = auth_init(err);
    if (rc)
        return rc;
    if (!token || strlen(token) != AUTH_TOKEN_LEN - 1)
        return mm_err_set(err, MM_EREFUSED, "ログインしていません");
    char hash[65], login[AUTH_LOGIN_MAX + 1] = "";
    auth_hash_hex(token, strlen(token), hash);
    rc = store_begin(st, err);
    if (rc)
        return rc;
    struct store_stmt *s;
    rc = store_prepare(st,
                       "SELECT u.login FROM user_session s JOIN app_user u ON u.id = s.user_id "
                       "WHERE s.token_hash = ?",
                       &s, err);
    if (!rc) {
        store_bind_text(s, 1, hash);
        rc = store_step(s, err);
        if (rc == STORE_ROW)
            copy_text(login, sizeof login, store_col_text(s, 0)), rc = MM_OK;
        else if (rc == STORE_DONE)
            rc = mm_err_set(err, MM_EREFUSED, "ログインしていません");
        store_finalize(s);
    }
    if (!rc)
        rc = exec_bound(st, "DELETE FROM user_session WHERE token_hash = ?", hash, NULL, NULL,
                        NULL, err);
    char actor[AUTH_LOGIN_MAX + 8];
    snprintf(actor, sizeof actor, "user:%s", login);
    if (!rc)
        rc = user_log(st, actor, "user.logout", login, NULL, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int auth_csrf_check(struct store *st, const char *token, const char *presented)
{
    struct mm_err err;
    if (auth_init(&err) || !token || !presented || strlen(token) != AUTH_TOKEN_LEN - 1 ||
        strlen(presented) != AUTH_TOKEN_LEN - 1)
        return 0;
    char hash[65], want[65] = "", got[65];
    auth_hash_hex(token, strlen(token), hash);
    auth_hash_hex(presented, strlen(presented), got);
    struct store_stmt *s;
    if (store_prepare(st, "SELECT csrf_token_hash FROM user_session WHERE token_hash = ?", &s,
                      &err))
        return 0;
    store_bind_text(s, 1, hash);
    if (store_step(s, &err) == STORE_ROW)
        copy_text(want, sizeof want, store_col_text(s, 0));
    store_finalize(s);
    return strlen(want) == 64 && sodium_memcmp(want, got, 64) == 0;
}
