/*
 * incident_util.c — JST times, bound-parameter queries and the logged write transaction shared
 * by the incident engine.
 */
#include "incident/incident_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/wareki.h"

#define JST_OFFSET (9 * 3600)

void incident_time_format(time_t t, char out[INCIDENT_TIME_LEN])
{
    time_t j = t + JST_OFFSET;
    struct tm tm;
    gmtime_r(&j, &tm);
    strftime(out, INCIDENT_TIME_LEN, "%Y-%m-%dT%H:%M:%S+09:00", &tm);
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int incident_time_parse(const char *s, time_t *out, struct mm_err *err)
{
    size_t len = s ? strlen(s) : 0;
    int y, mo, d, h = 0, mi = 0, se = 0;
    const char *p = s;
    if (len < 10 || !digits(p, 4) || p[4] != '-' || !digits(p + 5, 2) || p[7] != '-' ||
        !digits(p + 8, 2))
        goto bad;
    y = num(p, 4), mo = num(p + 5, 2), d = num(p + 8, 2);
    p += 10;
    if (*p == 'T' || *p == ' ') {
        p++;
        if (!digits(p, 2) || p[2] != ':' || !digits(p + 3, 2))
            goto bad;
        h = num(p, 2), mi = num(p + 3, 2);
        p += 5;
        if (*p == ':') {
            if (!digits(p + 1, 2))
                goto bad;
            se = num(p + 1, 2);
            p += 3;
        }
    }
    long offset = JST_OFFSET;
    if (*p == 'Z')
        offset = 0, p++;
    else if (!strcmp(p, "+09:00"))
        p += 6;
    if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        goto bad;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                    .tm_hour = h, .tm_min = mi, .tm_sec = se};
    time_t t = timegm(&tm);
    struct tm back;
    gmtime_r(&t, &back);
    if (back.tm_mday != d) /* 2026-02-30 */
        goto bad;
    *out = t - offset;
    return MM_OK;
bad:
    return mm_err_set(err, MM_EINPUT,
                      "日時「%s」が読めません（YYYY-MM-DD または YYYY-MM-DDTHH:MM、日本時間）",
                      s ? s : "");
}

int incident_time_norm(const char *s, char out[INCIDENT_TIME_LEN], struct mm_err *err)
{
    time_t t;
    int rc = incident_time_parse(s, &t, err);
    if (!rc)
        incident_time_format(t, out);
    return rc;
}

void incident_time_display(const char *t, char *buf, size_t size)
{
    buf[0] = 0;
    if (!t)
        return;
    struct mm_date d;
    struct mm_err e;
    char day[11] = {0}, w[64];
    memcpy(day, t, strlen(t) < 10 ? strlen(t) : 10);
    if (date_parse(day, NULL, &d, &e) || wareki_format(d, w, sizeof w, &e)) {
        snprintf(buf, size, "%s", t);
        return;
    }
    if (strlen(t) >= 16 && t[10] == 'T')
        snprintf(buf, size, "%s %.5s", w, t + 11);
    else
        snprintf(buf, size, "%s", w);
}

void incident_time_spoken(const char *t, char *buf, size_t size)
{
    incident_time_display(t, buf, size);
    int h, m;
    char *sp = strrchr(buf, ' ');
    if (!t || strlen(t) < 16 || t[10] != 'T' || !sp || sscanf(t + 11, "%2d:%2d", &h, &m) != 2)
        return;
    snprintf(sp + 1, size - (size_t)(sp + 1 - buf), "%d時%02d分", h, m);
}

int incident_now(const char *now, char out[INCIDENT_TIME_LEN], struct mm_err *err)
{
    if (now && *now)
        return incident_time_norm(now, out, err);
    incident_time_format(time(NULL), out);
    return MM_OK;
}

int inc_time_add_minutes(const char *t, long long minutes, char out[INCIDENT_TIME_LEN],
                         struct mm_err *err)
{
    time_t v;
    int rc = incident_time_parse(t, &v, err);
    if (!rc)
        incident_time_format(v + (time_t)minutes * 60, out);
    return rc;
}

int inc_time_end_of_day_after(const char *t, long long days, char out[INCIDENT_TIME_LEN],
                              struct mm_err *err)
{
    time_t v;
    int rc = incident_time_parse(t, &v, err);
    if (rc)
        return rc;
    time_t j = v + JST_OFFSET; /* JST wall clock as if UTC */
    j -= j % 86400;            /* 00:00 of that JST day */
    j += (time_t)(days + 1) * 86400 - 1;
    incident_time_format(j - JST_OFFSET, out);
    return MM_OK;
}

/* ---- queries ---- */

int inc_prepare(struct store *st, const char *sql, const char *const *p, size_t n,
                struct store_stmt **out, struct mm_err *err)
{
    int rc = store_prepare(st, sql, out, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        store_bind_text(*out, (int)i + 1, p[i]);
    return MM_OK;
}

int inc_exec(struct store *st, const char *sql, const char *const *p, size_t n,
             struct mm_err *err)
{
    struct store_stmt *s;
    int rc = inc_prepare(st, sql, p, n, &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    store_finalize(s);
    return rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
}

int inc_text(struct store *st, const char *sql, const char *const *p, size_t n, char **out,
             struct mm_err *err)
{
    struct store_stmt *s;
    *out = NULL;
    int rc = inc_prepare(st, sql, p, n, &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        const char *v = store_col_text(s, 0);
        if (v && !(*out = strdup(v)))
            abort();
    }
    store_finalize(s);
    return rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
}

int inc_int(struct store *st, const char *sql, const char *const *p, size_t n, long long dflt,
            long long *out, struct mm_err *err)
{
    struct store_stmt *s;
    *out = dflt;
    int rc = inc_prepare(st, sql, p, n, &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW && !store_col_is_null(s, 0))
        *out = store_col_int(s, 0);
    store_finalize(s);
    return rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
}

int inc_require_open(struct store *st, const char *incident_id, struct mm_err *err)
{
    char *status = NULL;
    const char *p[] = {incident_id};
    int rc = inc_text(st, "SELECT status FROM incident WHERE id = ?", p, 1, &status, err);
    if (!rc && !status)
        rc = mm_err_set(err, MM_EINPUT, "インシデント「%s」は見つかりません", incident_id);
    else if (!rc && !strcmp(status, "closed"))
        rc = mm_err_set(err, MM_EREFUSED, "インシデント「%s」は終結しています", incident_id);
    free(status);
    return rc;
}

/* ---- the logged write ---- */

int inc_write(struct store *st, const struct audit_actor *actor, const char *action,
              const char *id, inc_change_fn fn, void *ctx, const char *now, struct mm_err *err)
{
    char at[INCIDENT_TIME_LEN];
    int rc = incident_now(now, at, err);
    if (rc)
        return rc;
    json_t *before = NULL, *after = NULL;
    if ((rc = store_begin(st, err)))
        return rc;
    int create = !strcmp(action, "create");
    if (!create)
        rc = incident_get(st, id, at, &before, err);
    if (!rc)
        rc = fn(st, ctx, at, err);
    if (!rc)
        rc = incident_get(st, id, at, &after, err);
    if (!rc)
        rc = auditlog_append(st, actor, action, "incident", id, before, after, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    json_decref(before);
    json_decref(after);
    return rc;
}
