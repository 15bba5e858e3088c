/*
 * token.c — per-user API tokens for the JSON API: shown once at creation, stored as a BLAKE2b
 * hash, revocable; a disabled user's tokens stop working. Creation and revocation are logged;
 * each use only updates last_used_at.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth_impl.h"

#define API_TOKEN_PREFIX "mamori_"

int auth_api_token_add(struct store *st, const struct audit_actor *actor, const char *login,
                       const char *label, time_t now, char out[AUTH_API_TOKEN_LEN],
                       long long *id, struct mm_err *err)
{
    if (!label || !*label || strlen(label) > 200)
        return mm_err_set(err, MM_EINPUT, "API トークンのラベル（--label）を 1〜200 バイトで指定してください");
    int rc = auth_init(err);
    if (!rc)
        rc = store_begin(st, err);
    if (rc)
        return rc;
    struct user_row r;
    int found = 0;
    rc = user_row_get(st, login, 0, now, &r, &found, err);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は登録されていません", login);
    if (!rc && r.u.disabled)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は無効です", login);
    long long next = 0;
    if (!rc)
        rc = store_query_int(st, "SELECT COALESCE(MAX(id), 0) + 1 FROM api_token", &next, err);
    char rnd[65], hash[65];
    auth_random_hex(rnd);
    snprintf(out, AUTH_API_TOKEN_LEN, "%s%s", API_TOKEN_PREFIX, rnd);
    sodium_memzero(rnd, sizeof rnd);
    auth_hash_hex(out, strlen(out), hash);
    if (!rc) {
        struct store_stmt *s;
        rc = store_prepare(st,
                           "INSERT INTO api_token (id, user_id, token_hash, label, created_at) "
                           "VALUES (?, ?, ?, ?, ?)",
                           &s, err);
        if (!rc) {
            store_bind_int(s, 1, next);
            store_bind_int(s, 2, r.u.id);
            store_bind_text(s, 3, hash);
            store_bind_text(s, 4, label);
            store_bind_int(s, 5, now);
            rc = store_step(s, err);
            rc = rc == STORE_DONE ? MM_OK : rc;
            store_finalize(s);
        }
    }
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", next);
    if (!rc) {
        json_t *a = json_pack("{s:s, s:s}", "user", login, "label", label);
        rc = auditlog_append(st, actor, "api_token.create", "api_token", idtxt, NULL, a, err);
        json_decref(a);
    }
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        sodium_memzero(out, AUTH_API_TOKEN_LEN);
    } else {
        *id = next;
    }
    sodium_memzero(&r, sizeof r);
    return rc;
}

int auth_api_token_revoke(struct store *st, const struct audit_actor *actor, long long id,
                          time_t now, struct mm_err *err)
{
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    struct store_stmt *s;
    char login[AUTH_LOGIN_MAX + 1] = "", label[256] = "";
    int found = 0, revoked = 0;
    rc = store_prepare(st,
                       "SELECT u.login, t.label, t.revoked_at FROM api_token t "
                       "JOIN app_user u ON u.id = t.user_id WHERE t.id = ?",
                       &s, err);
    if (!rc) {
        store_bind_int(s, 1, id);
        rc = store_step(s, err);
        if (rc == STORE_ROW) {
            found = 1;
            copy_text(login, sizeof login, store_col_text(s, 0));
            copy_text(label, sizeof label, store_col_text(s, 1));
            revoked = !store_col_is_null(s, 2);
            rc = MM_OK;
        } else if (rc == STORE_DONE) {
            rc = MM_OK;
        }
        store_finalize(s);
    }
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "API トークン %lld はありません", id);
    if (!rc && revoked)
        rc = mm_err_set(err, MM_EREFUSED, "API トークン %lld は既に失効しています", id);
    if (!rc) {
        rc = store_prepare(st, "UPDATE api_token SET revoked_at = ? WHERE id = ?", &s, err);
        if (!rc) {
            store_bind_int(s, 1, now);
            store_bind_int(s, 2, id);
            rc = store_step(s, err);
            rc = rc == STORE_DONE ? MM_OK : rc;
            store_finalize(s);
        }
    }
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    if (!rc) {
        json_t *a = json_pack("{s:s, s:s, s:b}", "user", login, "label", label, "revoked", 1);
        rc = auditlog_append(st, actor, "api_token.revoke", "api_token", idtxt, NULL, a, err);
        json_decref(a);
    }
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int auth_api_token_check(struct store *st, const char *token, time_t now, long long *user_id,
                         char *login, struct mm_err *err)
{
    *user_id = 0;
    login[0] = '\0';
    int rc = auth_init(err);
    if (rc)
        return rc;
    if (!token || strlen(token) != AUTH_API_TOKEN_LEN - 1 ||
        strncmp(token, API_TOKEN_PREFIX, strlen(API_TOKEN_PREFIX)) != 0)
        return mm_err_set(err, MM_EREFUSED, "API トークンが正しくありません");
    char hash[65];
    auth_hash_hex(token, strlen(token), hash);
    rc = store_begin_read(st, err); /* a write only when last_used_at is due (AUTH_SEEN_STEP) */
    if (rc)
        return rc;
    struct store_stmt *s;
    long long id = 0, uid = 0, last_used = 0;
    int ok = 0;
    rc = store_prepare(st,
                       "SELECT t.id, t.user_id, u.login, COALESCE(t.last_used_at, 0) FROM api_token t "
                       "JOIN app_user u ON u.id = t.user_id "
                       "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0",
                       &s, err);
    if (!rc) {
        store_bind_text(s, 1, hash);
        rc = store_step(s, err);
        if (rc == STORE_ROW) {
            ok = 1;
            id = store_col_int(s, 0);
            uid = store_col_int(s, 1);
            copy_text(login, AUTH_LOGIN_MAX + 1, store_col_text(s, 2));
            last_used = store_col_int(s, 3);
            rc = MM_OK;
        } else if (rc == STORE_DONE) {
            rc = MM_OK;
        }
        store_finalize(s);
    }
    if (!rc && !ok)
        rc = mm_err_set(err, MM_EREFUSED, "API トークンが正しくないか、失効しています");
    if (!rc)
        rc = store_commit(st, err);
    if (!rc && (long long)now - last_used >= AUTH_SEEN_STEP && !(rc = store_begin(st, err))) {
        rc = store_prepare(st, "UPDATE api_token SET last_used_at = ? WHERE id = ?", &s, err);
        if (!rc) {
            store_bind_int(s, 1, now);
            store_bind_int(s, 2, id);
            rc = store_step(s, err);
            rc = rc == STORE_DONE ? MM_OK : rc;
            store_finalize(s);
        }
        if (!rc)
            rc = store_commit(st, err);
    }
    if (rc) {
        store_rollback(st);
        login[0] = '\0';
        return rc;
    }
    *user_id = uid;
    return MM_OK;
}
