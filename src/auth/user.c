/*
 * user.c — the users of mamori: reading them (with whether they hold a role and so need
 * TOTP), and the administrative actions: add, reset, unlock, disable, and a password change
 * by the user. Each action commits with its change-log entry.
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth_impl.h"
#include "model/params.h"

void copy_text(char *dst, size_t size, const char *src)
{
    if (!size)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

int exec_bound(struct store *st, const char *sql, const char *a, const char *b, const char *c,
               const char *d, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    const char *v[4] = {a, b, c, d};
    int n = 0;
    for (const char *p = sql; *p; p++)
        n += *p == '?';
    for (int i = 0; i < n && i < 4; i++)
        store_bind_text(s, i + 1, v[i]);
    rc = store_step(s, err);
    store_finalize(s);
    return rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
}

const char *auth_stage_name(enum auth_stage s)
{
    switch (s) {
    case AUTH_STAGE_TOTP: return "totp";
    case AUTH_STAGE_PASSWORD: return "password";
    case AUTH_STAGE_ENROLL: return "enroll";
    default: return "full";
    }
}

enum auth_stage user_next_stage(const struct user_row *r)
{
    if (r->u.must_change_password)
        return AUTH_STAGE_PASSWORD;
    if (r->u.totp_required && !r->u.totp_enabled)
        return AUTH_STAGE_ENROLL;
    return AUTH_STAGE_FULL;
}

int user_log(struct store *st, const char *actor_id, const char *action, const char *login,
             json_t *after, struct mm_err *err)
{
    struct audit_actor actor = {actor_id};
    int rc = auditlog_append(st, &actor, action, "app_user", login, NULL, after, err);
    json_decref(after);
    return rc;
}

#define USER_COLUMNS                                                                          \
    "u.id, u.login, u.person_id, p.name, u.password_hash, u.must_change_password, "           \
    "u.totp_secret, u.totp_enabled, u.totp_last_step, u.failed_attempts, u.locked_until, "    \
    "u.last_login_at, u.last_login_from, u.previous_login_at, u.previous_login_from, "        \
    "u.created_at, u.disabled, u.password_changed_at, "                                       \
    "(SELECT COUNT(*) FROM role_assignment ra JOIN person rp ON rp.id = ra.person_id "        \
    " WHERE ra.person_id = u.person_id AND ra.valid_from <= ? "                               \
    " AND (ra.valid_to IS NULL OR ra.valid_to >= ?) AND rp.status <> 'retired') "

static void read_row(struct store_stmt *s, time_t now, int totp_all, struct user_row *r)
{
    memset(r, 0, sizeof *r);
    r->u.id = store_col_int(s, 0);
    copy_text(r->u.login, sizeof r->u.login, store_col_text(s, 1));
    copy_text(r->u.person_id, sizeof r->u.person_id, store_col_text(s, 2));
    copy_text(r->u.person_name, sizeof r->u.person_name, store_col_text(s, 3));
    copy_text(r->password_hash, sizeof r->password_hash, store_col_text(s, 4));
    r->u.must_change_password = (int)store_col_int(s, 5);
    copy_text(r->totp_secret, sizeof r->totp_secret, store_col_text(s, 6));
    r->u.totp_enabled = (int)store_col_int(s, 7);
    r->u.totp_pending = !r->u.totp_enabled && r->totp_secret[0];
    r->totp_last_step = store_col_int(s, 8);
    r->u.failed_attempts = (int)store_col_int(s, 9);
    long long lu = store_col_int(s, 10);
    r->u.locked_until = lu > (long long)now ? lu : 0;
    if (lu && !r->u.locked_until) /* the lock ran out: counting starts again */
        r->u.failed_attempts = 0;
    r->u.last_login_at = store_col_int(s, 11);
    copy_text(r->u.last_login_from, sizeof r->u.last_login_from, store_col_text(s, 12));
    r->u.previous_login_at = store_col_int(s, 13);
    copy_text(r->u.previous_login_from, sizeof r->u.previous_login_from, store_col_text(s, 14));
    r->u.created_at = store_col_int(s, 15);
    r->u.disabled = (int)store_col_int(s, 16);
    r->u.password_changed_at = store_col_int(s, 17);
    r->u.role_holder = store_col_int(s, 18) > 0;
    r->u.totp_required = r->u.role_holder || totp_all;
}

int user_row_get(struct store *st, const char *login, long long id, time_t now,
                 struct user_row *out, int *found, struct mm_err *err)
{
    *found = 0;
    int totp_all = 0;
    int rc = params_get_bool(st, "totp_required_for_all", &totp_all, err);
    if (rc)
        return rc;
    char today[11];
    auth_date_jst(now, today);
    struct store_stmt *s;
    rc = store_prepare(st,
                       login ? "SELECT " USER_COLUMNS
                               "FROM app_user u LEFT JOIN person p ON p.id = u.person_id "
                               "WHERE u.login = ?"
                             : "SELECT " USER_COLUMNS
                               "FROM app_user u LEFT JOIN person p ON p.id = u.person_id "
                               "WHERE u.id = ?",
                       &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, today);
    store_bind_text(s, 2, today);
    if (login)
        store_bind_text(s, 3, login);
    else
        store_bind_int(s, 3, id);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        read_row(s, now, totp_all, out);
        *found = 1;
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = MM_OK;
    }
    store_finalize(s);
    return rc;
}

int auth_user_get(struct store *st, const char *login, time_t now, struct auth_user *out,
                  struct mm_err *err)
{
    struct user_row r;
    int found = 0;
    int rc = user_row_get(st, login, 0, now, &r, &found, err);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は登録されていません", login);
    if (!rc)
        *out = r.u;
    sodium_memzero(&r, sizeof r);
    return rc;
}

int auth_user_each(struct store *st, time_t now,
                   int (*fn)(void *ctx, const struct auth_user *u), void *ctx, struct mm_err *err)
{
    int totp_all = 0;
    int rc = params_get_bool(st, "totp_required_for_all", &totp_all, err);
    if (rc)
        return rc;
    char today[11];
    auth_date_jst(now, today);
    struct store_stmt *s;
    rc = store_prepare(st,
                       "SELECT " USER_COLUMNS
                       "FROM app_user u LEFT JOIN person p ON p.id = u.person_id ORDER BY u.login",
                       &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, today);
    store_bind_text(s, 2, today);
    struct user_row r;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        read_row(s, now, totp_all, &r);
        int stop = fn(ctx, &r.u);
        if (stop) {
            rc = stop;
            break;
        }
    }
    sodium_memzero(&r, sizeof r);
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

int login_is_valid(const char *login)
{
    size_t n = login ? strlen(login) : 0;
    if (n == 0 || n > AUTH_LOGIN_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)login[i];
        if (!(isalnum(c) || c == '.' || c == '_' || c == '-' || c == '@'))
            return 0;
    }
    return 1;
}

/* Finds the user or refuses with the standard message. */
static int need_user(struct store *st, const char *login, time_t now, struct user_row *r,
                     struct mm_err *err)
{
    int found = 0;
    memset(r, 0, sizeof *r);
    int rc = user_row_get(st, login, 0, now, r, &found, err);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は登録されていません", login);
    return rc;
}

int auth_user_add(struct store *st, const struct audit_actor *actor, const char *login,
                  const char *person_id, time_t now, char *password_out, size_t size,
                  struct mm_err *err)
{
    if (!login_is_valid(login))
        return mm_err_set(err, MM_EINPUT,
                          "ログイン名「%s」は使えません（英数字と . _ - @ で 1〜%d 文字）",
                          login ? login : "", AUTH_LOGIN_MAX);
    char hash[crypto_pwhash_STRBYTES];
    int rc = auth_password_generate(st, login, password_out, size, err);
    if (!rc)
        rc = auth_password_hash(password_out, hash, sizeof hash, err);
    if (rc)
        return rc;
    rc = store_begin(st, err);
    if (rc)
        return rc;
    long long exists = 0, person = 0, next = 0;
    struct store_stmt *s;
    rc = store_prepare(st,
                       "SELECT (SELECT COUNT(*) FROM app_user WHERE login = ?), "
                       "(SELECT COUNT(*) FROM person WHERE id = ?), "
                       "(SELECT COALESCE(MAX(id), 0) + 1 FROM app_user)",
                       &s, err);
    if (!rc) {
        store_bind_text(s, 1, login);
        store_bind_text(s, 2, person_id);
        rc = store_step(s, err);
        if (rc == STORE_ROW) {
            exists = store_col_int(s, 0), person = store_col_int(s, 1), next = store_col_int(s, 2);
            rc = MM_OK;
        }
        store_finalize(s);
    }
    if (!rc && exists)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は既に登録されています", login);
    if (!rc && !person)
        rc = mm_err_set(err, MM_EREFUSED, "職員等「%s」は台帳にありません（--person に person の id を指定）",
                        person_id);
    if (!rc) {
        rc = store_prepare(st,
                           "INSERT INTO app_user (id, login, person_id, password_hash, "
                           "must_change_password, password_changed_at, created_at) "
                           "VALUES (?, ?, ?, ?, 1, ?, ?)",
                           &s, err);
        if (!rc) {
            store_bind_int(s, 1, next);
            store_bind_text(s, 2, login);
            store_bind_text(s, 3, person_id);
            store_bind_text(s, 4, hash);
            store_bind_int(s, 5, now);
            store_bind_int(s, 6, now);
            rc = store_step(s, err);
            rc = rc == STORE_DONE ? MM_OK : rc;
            store_finalize(s);
        }
    }
    if (!rc)
        rc = user_log(st, actor->id, "user.create", login,
                      json_pack("{s:s, s:s, s:b}", "login", login, "person", person_id,
                                "password_change_required", 1),
                      err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        sodium_memzero(password_out, size);
    }
    sodium_memzero(hash, sizeof hash);
    return rc;
}

int auth_user_reset(struct store *st, const struct audit_actor *actor, const char *login,
                    int clear_totp, time_t now, char *password_out, size_t size,
                    struct mm_err *err)
{
    char hash[crypto_pwhash_STRBYTES];
    int rc = auth_password_generate(st, login, password_out, size, err);
    if (!rc)
        rc = auth_password_hash(password_out, hash, sizeof hash, err);
    if (!rc)
        rc = store_begin(st, err);
    if (rc)
        return rc;
    struct user_row r;
    rc = need_user(st, login, now, &r, err);
    char nowtxt[32], id[32];
    snprintf(nowtxt, sizeof nowtxt, "%lld", (long long)now);
    snprintf(id, sizeof id, "%lld", r.u.id);
    if (!rc)
        rc = exec_bound(st,
                        "UPDATE app_user SET password_hash = ?, must_change_password = 1, "
                        "password_changed_at = ?, failed_attempts = 0, locked_until = NULL "
                        "WHERE id = ?",
                        hash, nowtxt, id, NULL, err);
    if (!rc && clear_totp)
        rc = exec_bound(st,
                        "UPDATE app_user SET totp_secret = NULL, totp_enabled = 0, "
                        "totp_last_step = 0 WHERE id = ?",
                        id, NULL, NULL, NULL, err);
    if (!rc && clear_totp)
        rc = exec_bound(st, "DELETE FROM user_recovery_code WHERE user_id = ?", id, NULL, NULL,
                        NULL, err);
    if (!rc)
        rc = exec_bound(st, "DELETE FROM user_session WHERE user_id = ?", id, NULL, NULL, NULL,
                        err);
    if (!rc)
        rc = user_log(st, actor->id, "user.reset", login,
                      json_pack("{s:b, s:b, s:b}", "password_change_required", 1, "totp_cleared",
                                clear_totp, "sessions_ended", 1),
                      err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        sodium_memzero(password_out, size);
    }
    sodium_memzero(&r, sizeof r);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

int auth_user_unlock(struct store *st, const struct audit_actor *actor, const char *login,
                     time_t now, struct mm_err *err)
{
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    struct user_row r;
    rc = need_user(st, login, now, &r, err);
    if (!rc && !r.u.locked_until && !r.u.failed_attempts)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」はロックされていません", login);
    char id[32];
    snprintf(id, sizeof id, "%lld", r.u.id);
    if (!rc)
        rc = exec_bound(st,
                        "UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                        id, NULL, NULL, NULL, err);
    if (!rc)
        rc = user_log(st, actor->id, "user.unlock", login,
                      json_pack("{s:i, s:b}", "failed_attempts_cleared", r.u.failed_attempts,
                                "was_locked", r.u.locked_until != 0),
                      err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    sodium_memzero(&r, sizeof r);
    return rc;
}

int auth_user_disable(struct store *st, const struct audit_actor *actor, const char *login,
                      time_t now, struct mm_err *err)
{
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    struct user_row r;
    rc = need_user(st, login, now, &r, err);
    if (!rc && r.u.disabled)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は既に無効です", login);
    char id[32], nowtxt[32];
    snprintf(id, sizeof id, "%lld", r.u.id);
    snprintf(nowtxt, sizeof nowtxt, "%lld", (long long)now);
    if (!rc)
        rc = exec_bound(st, "UPDATE app_user SET disabled = 1 WHERE id = ?", id, NULL, NULL, NULL,
                        err);
    if (!rc)
        rc = exec_bound(st, "DELETE FROM user_session WHERE user_id = ?", id, NULL, NULL, NULL,
                        err);
    if (!rc)
        rc = exec_bound(st,
                        "UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                        nowtxt, id, NULL, NULL, err);
    if (!rc)
        rc = user_log(st, actor->id, "user.disable", login,
                      json_pack("{s:b, s:b}", "disabled", 1, "sessions_ended", 1), err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    sodium_memzero(&r, sizeof r);
    return rc;
}

int auth_user_change_password(struct store *st, const char *login, const char *current,
                              const char *new_password, time_t now, struct mm_err *err)
{
    int rc = auth_password_check(st, login, new_password, err);
    if (rc)
        return rc;
    char hash[crypto_pwhash_STRBYTES];
    rc = auth_password_hash(new_password, hash, sizeof hash, err);
    if (!rc)
        rc = store_begin(st, err);
    if (rc)
        return rc;
    struct user_row r;
    char actor[AUTH_LOGIN_MAX + 8];
    snprintf(actor, sizeof actor, "user:%s", login);
    rc = need_user(st, login, now, &r, err);
    if (!rc && (r.u.disabled || !auth_password_verify(r.password_hash, current ? current : "")))
        rc = mm_err_set(err, MM_EREFUSED, "現在のパスワードが違います");
    if (!rc && auth_password_verify(r.password_hash, new_password))
        rc = mm_err_set(err, MM_EINPUT, "新しいパスワードは現在のものと違うものにしてください");
    char id[32], nowtxt[32];
    snprintf(id, sizeof id, "%lld", r.u.id);
    snprintf(nowtxt, sizeof nowtxt, "%lld", (long long)now);
    if (!rc)
        rc = exec_bound(st,
                        "UPDATE app_user SET password_hash = ?, must_change_password = 0, "
                        "password_changed_at = ? WHERE id = ?",
                        hash, nowtxt, id, NULL, err);
    if (!rc)
        rc = user_log(st, actor, "user.password_change", login,
                      json_pack("{s:b}", "password_change_required", 0), err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    /* A wrong current password is still worth a log entry (outside the rolled-back work). */
    if (rc == MM_EREFUSED && r.u.id) {
        struct mm_err e2;
        mm_err_clear(&e2);
        if (!store_begin(st, &e2)) {
            if (!user_log(st, actor, "user.password_change_failed", login,
                          json_pack("{s:s}", "reason", "wrong_current_password"), &e2))
                store_commit(st, &e2);
            else
                store_rollback(st);
        }
    }
    sodium_memzero(&r, sizeof r);
    sodium_memzero(hash, sizeof hash);
    return rc;
}
