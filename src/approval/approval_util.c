/*
 * approval_util.c — query helpers with typed binding, tests of field values, the inbox writer
 * and the JSON picture of a request that the change log records.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "approval/approval_impl.h"
#include "auditlog/auditlog.h"
#include "model/params.h"

static void bind_va(struct store_stmt *s, const char *fmt, va_list ap)
{
    for (int i = 0; fmt && fmt[i]; i++) {
        if (fmt[i] == 'i')
            store_bind_int(s, i + 1, va_arg(ap, long long));
        else
            store_bind_text(s, i + 1, va_arg(ap, const char *));
    }
}

int ap_prepare(struct store *st, const char *sql, struct store_stmt **s, struct mm_err *err,
               const char *fmt, ...)
{
    int rc = store_prepare(st, sql, s, err);
    if (rc)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    bind_va(*s, fmt, ap);
    va_end(ap);
    return MM_OK;
}

int ap_exec(struct store *st, const char *sql, struct mm_err *err, const char *fmt, ...)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    bind_va(s, fmt, ap);
    va_end(ap);
    rc = store_step(s, err);
    store_finalize(s);
    return rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
}

int ap_text(struct store *st, const char *sql, char *out, size_t size, int *found,
            struct mm_err *err, const char *fmt, ...)
{
    struct store_stmt *s;
    out[0] = '\0';
    if (found)
        *found = 0;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    bind_va(s, fmt, ap);
    va_end(ap);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        const char *t = store_col_text(s, 0);
        if (t) {
            snprintf(out, size, "%s", t);
            if (found)
                *found = 1;
        }
        rc = MM_OK;
    } else if (rc == STORE_DONE)
        rc = MM_OK;
    store_finalize(s);
    return rc;
}

int ap_int(struct store *st, const char *sql, long long *out, struct mm_err *err,
           const char *fmt, ...)
{
    struct store_stmt *s;
    *out = 0;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    bind_va(s, fmt, ap);
    va_end(ap);
    rc = store_step(s, err);
    if (rc == STORE_ROW)
        *out = store_col_int(s, 0);
    store_finalize(s);
    return rc == STORE_ROW || rc == STORE_DONE ? MM_OK : rc;
}

int ap_next_id(struct store *st, const char *table, long long *out, struct mm_err *err)
{
    /* Only the engine's own table names reach here, chosen by exact match. */
    static const char *const tables[] = {"request",         "request_delegation",
                                         "request_absence", "request_attachment",
                                         "request_notice",  "remote_login"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if (strcmp(tables[i], table) != 0)
            continue;
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(id), 0) + 1 FROM %s", tables[i]);
        return ap_int(st, sql, out, err, "");
    }
    return mm_err_set(err, MM_EINTERNAL, "表「%s」の番号は振れません", table);
}

const char *ap_value(const struct approval_value *v, size_t n, const char *field)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].field && strcmp(v[i].field, field) == 0)
            return v[i].value && *v[i].value ? v[i].value : NULL;
    return NULL;
}

int ap_need_person(struct store *st, const char *id, const char *what, struct mm_err *err)
{
    if (!id || !*id)
        return mm_err_set(err, MM_EINPUT, "%sを指定してください", what);
    long long n = 0;
    int rc = ap_int(st, "SELECT COUNT(*) FROM person WHERE id = ?", &n, err, "s", id);
    if (rc)
        return rc;
    return n ? MM_OK : mm_err_set(err, MM_EINPUT, "%s「%s」は職員等の台帳にいません", what, id);
}

int ap_notify(struct store *st, const char *person_id, long long request_id, const char *message,
              struct mm_err *err)
{
    long long id;
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    int rc = ap_next_id(st, "request_notice", &id, err);
    if (rc)
        return rc;
    return ap_exec(st,
                   "INSERT INTO request_notice (id, person_id, request_id, message, created_at) "
                   "VALUES (?, ?, NULLIF(?, 0), ?, ?)",
                   err, "isiss", id, person_id, request_id, message, now);
}

long long ap_last_notice(struct store *st)
{
    struct mm_err e;
    long long v = 0;
    ap_int(st, "SELECT COALESCE(MAX(id), 0) FROM request_notice", &v, &e, "");
    return v;
}

void ap_mail_after(struct store *st, long long after_id)
{
    struct mm_err e;
    int sent = 0;
    mm_err_clear(&e);
    approval_mail_since(st, after_id, &sent, &e);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *ap_request_json(struct store *st, long long id)
{
    struct mm_err e;
    struct store_stmt *s;
    json_t *o = json_object();
    if (ap_prepare(st,
                   "SELECT kind, title, requester_id, state, round, valid_from, valid_until, "
                   "decided_on, conditions, emergency FROM request WHERE id = ?",
                   &s, &e, "i", id) == MM_OK) {
        if (store_step(s, &e) == STORE_ROW) {
            static const char *const keys[] = {"kind",       "title",       "requester_id",
                                               "state",      "round",       "valid_from",
                                               "valid_until", "decided_on", "conditions"};
            for (int i = 0; i < 9; i++)
                json_object_set_new(o, keys[i],
                                    i == 4 ? json_integer(store_col_int(s, i))
                                           : str_or_null(store_col_text(s, i)));
            json_object_set_new(o, "emergency", json_boolean(store_col_int(s, 9)));
        }
        store_finalize(s);
    }
    json_t *vals = json_object();
    if (ap_prepare(st, "SELECT field, value FROM request_value WHERE request_id = ? ORDER BY field",
                   &s, &e, "i", id) == MM_OK) {
        while (store_step(s, &e) == STORE_ROW)
            json_object_set_new(vals, store_col_text(s, 0), json_string(store_col_text(s, 1)));
        store_finalize(s);
    }
    json_object_set_new(o, "values", vals);
    json_t *appr = json_array();
    if (ap_prepare(st,
                   "SELECT round, step, role, person_id, decision, decided_by, comment, escalation "
                   "FROM request_approval WHERE request_id = ? ORDER BY round, step, role",
                   &s, &e, "i", id) == MM_OK) {
        while (store_step(s, &e) == STORE_ROW) {
            json_t *a = json_object();
            json_object_set_new(a, "round", json_integer(store_col_int(s, 0)));
            json_object_set_new(a, "step", json_integer(store_col_int(s, 1)));
            static const char *const keys[] = {"role",       "person_id", "decision",
                                               "decided_by", "comment",   "escalation"};
            for (int i = 0; i < 6; i++)
                json_object_set_new(a, keys[i], str_or_null(store_col_text(s, i + 2)));
            json_array_append_new(appr, a);
        }
        store_finalize(s);
    }
    json_object_set_new(o, "approvals", appr);
    return o;
}

static int class_rank(struct store *st, const char *code, long long *rank, struct mm_err *err)
{
    return ap_int(st, "SELECT COALESCE(MAX(rank), 0) FROM confidentiality_class WHERE code = ?",
                  rank, err, "s", code);
}

/* Whether `value` is one of the |-separated items of `list`. */
static int in_list(const char *value, const char *list)
{
    size_t n = strlen(value);
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, value, n) == 0)
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

int ap_test(struct store *st, const char *test, const char *value, const char *ref, int *out,
            struct mm_err *err)
{
    *out = 0;
    if (strcmp(test, "param_false") == 0) {
        int on = 1;
        int rc = params_get_bool(st, ref, &on, err);
        *out = rc == MM_OK && !on;
        return rc;
    }
    if (!value)
        return MM_OK;
    if (strcmp(test, "eq") == 0)
        *out = strcmp(value, ref) == 0;
    else if (strcmp(test, "ne") == 0)
        *out = strcmp(value, ref) != 0;
    else if (strcmp(test, "in") == 0)
        *out = in_list(value, ref);
    else if (strcmp(test, "not_in") == 0)
        *out = !in_list(value, ref);
    else if (strcmp(test, "class_ge") == 0 || strcmp(test, "class_lt") == 0) {
        long long a = 0, b = 0;
        int rc = class_rank(st, value, &a, err);
        if (!rc)
            rc = class_rank(st, ref, &b, err);
        if (rc)
            return rc;
        *out = test[6] == 'g' ? a >= b : a < b;
    } else if (strcmp(test, "system_domain") == 0) {
        char dom[32];
        int rc = ap_text(st, "SELECT domain FROM system WHERE id = ?", dom, sizeof dom, NULL, err,
                         "s", value);
        if (rc)
            return rc;
        *out = strcmp(dom, ref) == 0;
    } else
        return mm_err_set(err, MM_EINTERNAL, "判定「%s」はありません", test);
    return MM_OK;
}

void approval_today_jst(char out[11])
{
    time_t now = time(NULL) + 9 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    if (strftime(out, 11, "%Y-%m-%d", &tm) != 10)
        snprintf(out, 11, "1970-01-01");
}

static const char *label_of(const char *const (*pairs)[2], size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(pairs[i][0], code) == 0)
            return pairs[i][1];
    return code ? code : "";
}

const char *approval_state_label(const char *state)
{
    static const char *const p[][2] = {{"pending", "審査中"},   {"returned", "差戻し"},
                                       {"approved", "許可"},    {"conditional", "条件付き許可"},
                                       {"rejected", "却下"},    {"withdrawn", "取下げ"},
                                       {"closed", "終了"}};
    return label_of(p, sizeof p / sizeof p[0], state);
}

const char *approval_decision_label(const char *decision)
{
    static const char *const p[][2] = {{"approve", "許可"},
                                       {"conditional", "条件付き許可"},
                                       {"reject", "却下"},
                                       {"return", "差戻し"}};
    return label_of(p, sizeof p / sizeof p[0], decision);
}
