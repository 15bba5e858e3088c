/*
 * append.c — writing the change log: one entry per change, inside the caller's transaction,
 * linked to the chain head; plus the actor of a CLI run and the redaction of secrets.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "auditlog/auditlog.h"
#include "auditlog/chain.h"

void audit_actor_cli(struct audit_actor *actor, char *buf, size_t size)
{
    struct passwd pw, *res = NULL;
    char pwbuf[1024];
    uid_t uid = geteuid();
    if (getpwuid_r(uid, &pw, pwbuf, sizeof pwbuf, &res) == 0 && res && res->pw_name[0])
        snprintf(buf, size, "cli:%s", res->pw_name);
    else
        snprintf(buf, size, "cli:uid%ld", (long)uid);
    actor->id = buf;
}

/*
 * Field names that hold secrets (compared case-insensitively). A name also counts as secret
 * when it ends in one of the suffixes, e.g. "admin_password" or "api_token".
 */
static const char *const secret_names[] = {
    "password",     "password_hash", "passwd",     "passphrase",    "secret",         "token",
    "access_token", "refresh_token", "session_id", "session_token", "api_key",        "private_key",
    "secret_key",   "totp_secret",   "totp_seed",  "recovery_code", "recovery_codes", "otp",
    "pin",          "csrf_token",    NULL};
static const char *const secret_suffixes[] = {"_password",    "_passwd",     "_secret", "_token",
                                              "_private_key", "_secret_key", NULL};

int auditlog_is_secret_field(const char *name)
{
    for (size_t i = 0; secret_names[i]; i++)
        if (strcasecmp(name, secret_names[i]) == 0)
            return 1;
    size_t n = strlen(name);
    for (size_t i = 0; secret_suffixes[i]; i++) {
        size_t m = strlen(secret_suffixes[i]);
        if (n > m && strcasecmp(name + n - m, secret_suffixes[i]) == 0)
            return 1;
    }
    return 0;
}

static void redact_in_place(json_t *v)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *child;
        json_object_foreach(v, k, child)
        {
            if (auditlog_is_secret_field(k))
                json_object_set_new(v, k, json_string("[redacted]"));
            else
                redact_in_place(child);
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            redact_in_place(json_array_get(v, i));
    }
}

json_t *auditlog_redact(json_t *v)
{
    if (!v)
        return NULL;
    json_t *copy = json_deep_copy(v);
    if (copy)
        redact_in_place(copy);
    return copy;
}

void auditlog_now(char out[AUDITLOG_TIME_LEN])
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(out, AUDITLOG_TIME_LEN, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
             (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100,
             tm.tm_min % 100, tm.tm_sec % 100, (int)(ts.tv_nsec / 1000000) % 1000);
}

/* Compact JSON with sorted keys after redaction; NULL for "none". Caller frees. */
static int value_text(json_t *v, const char *which, char **out, struct mm_err *err)
{
    *out = NULL;
    if (!v || json_is_null(v))
        return MM_OK;
    json_t *red = auditlog_redact(v);
    if (!red)
        return mm_err_set(err, MM_EINTERNAL, "変更ログ: %s の値を複製できません", which);
    *out = json_dumps(red, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    json_decref(red);
    if (!*out)
        return mm_err_set(err, MM_EINTERNAL, "変更ログ: %s の値を JSON にできません", which);
    return MM_OK;
}

static int check_text(const char *field, const char *v, int required, struct mm_err *err)
{
    if (!v) {
        if (required)
            return mm_err_set(err, MM_EINPUT, "変更ログ: %s が指定されていません", field);
        return MM_OK;
    }
    if (required && !*v)
        return mm_err_set(err, MM_EINPUT, "変更ログ: %s が空です", field);
    if (!chain_utf8_valid(v))
        return mm_err_set(err, MM_EINPUT, "変更ログ: %s が UTF-8 として正しくありません", field);
    return MM_OK;
}

/* Reads the head (seq, hash) of the chain; an empty log has seq 0 and an all-zero hash. */
static int read_head(struct store *st, long long *seq, unsigned char hash[32], char hex[65],
                     struct mm_err *err)
{
    struct store_stmt *s;
    int rc =
        store_prepare(st, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_DONE) {
        *seq = 0;
        memset(hash, 0, 32);
        rc = MM_OK;
    } else if (rc == STORE_ROW) {
        *seq = store_col_int(s, 0);
        if (chain_hex32(store_col_text(s, 1), hash) != 0)
            rc = mm_err_set(err, MM_EREFUSED,
                            "変更ログの最後の記録（seq %lld）のハッシュが壊れています。"
                            "'mamori log verify' で確認してください",
                            *seq);
        else
            rc = MM_OK;
    }
    store_finalize(s);
    if (rc == MM_OK)
        chain_tohex(hash, 32, hex);
    return rc;
}

/* Signs the new head when it falls on the interval; never fails the append. */
static void auto_checkpoint(struct store *st, long long seq)
{
    if (seq % AUDITLOG_CHECKPOINT_EVERY != 0)
        return;
    struct auditlog_keypaths kp;
    struct mm_err e;
    mm_err_clear(&e);
    if (auditlog_key_paths(st, &kp, &e) != MM_OK)
        return;
    long long signed_seq = 0;
    int already = 0;
    (void)auditlog_checkpoint(st, &kp, &signed_seq, &already, &e);
}

int auditlog_append_seq(struct store *st, const struct audit_actor *actor, const char *action,
                        const char *entity_type, const char *entity_id, json_t *before,
                        json_t *after, long long *seq_out, struct mm_err *err)
{
    int rc;
    if ((rc = check_text("actor", actor ? actor->id : NULL, 1, err)) ||
        (rc = check_text("action", action, 1, err)) ||
        (rc = check_text("entity_type", entity_type, 1, err)) ||
        (rc = check_text("entity_id", entity_id, 0, err)))
        return rc;

    char *before_txt = NULL, *after_txt = NULL;
    if ((rc = value_text(before, "before", &before_txt, err)) ||
        (rc = value_text(after, "after", &after_txt, err))) {
        free(before_txt);
        return rc;
    }

    long long head = 0;
    unsigned char prev[32], hash[32];
    char prev_hex[65], hash_hex[65], at[AUDITLOG_TIME_LEN];
    rc = read_head(st, &head, prev, prev_hex, err);
    if (rc)
        goto out;

    auditlog_now(at);
    struct auditlog_entry e = {.seq = head + 1,
                               .at = at,
                               .actor = actor->id,
                               .action = action,
                               .entity_type = entity_type,
                               .entity_id = entity_id,
                               .before = before_txt,
                               .after = after_txt};
    struct strbuf canon = STRBUF_INIT;
    chain_canonical(&e, &canon);
    chain_hash(prev, canon.buf, canon.len, hash);
    strbuf_release(&canon);
    chain_tohex(hash, 32, hash_hex);

    struct store_stmt *s;
    rc = store_prepare(st,
                       "INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id,"
                       " before_json, after_json, prev_hash, hash)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       &s, err);
    if (rc)
        goto out;
    store_bind_int(s, 1, e.seq);
    store_bind_text(s, 2, at);
    store_bind_text(s, 3, actor->id);
    store_bind_text(s, 4, action);
    store_bind_text(s, 5, entity_type);
    store_bind_text(s, 6, entity_id);
    store_bind_text(s, 7, before_txt);
    store_bind_text(s, 8, after_txt);
    store_bind_text(s, 9, prev_hex);
    store_bind_text(s, 10, hash_hex);
    rc = store_step(s, err);
    store_finalize(s);
    if (rc != STORE_DONE)
        goto out;
    rc = MM_OK;
    if (seq_out)
        *seq_out = e.seq;
    auto_checkpoint(st, e.seq);
out:
    free(before_txt);
    free(after_txt);
    return rc;
}

int auditlog_append(struct store *st, const struct audit_actor *actor, const char *action,
                    const char *entity_type, const char *entity_id, json_t *before, json_t *after,
                    struct mm_err *err)
{
    return auditlog_append_seq(st, actor, action, entity_type, entity_id, before, after, NULL, err);
}
