/*
 * query.c — reading the change log for `log show` and `log export`: filtered iteration in seq
 * order, JST display times, user date arguments, and the JSON / RFC 5424 syslog / CEF lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auditlog/auditlog.h"
#include "auditlog/chain.h"

#define JST_OFFSET (9 * 3600)

static const char each_all_sql[] =
    "SELECT seq, at, actor, action, entity_type, entity_id, before_json, after_json,"
    " prev_hash, hash FROM audit_log"
    " WHERE (? IS NULL OR entity_type = ?) AND (? IS NULL OR entity_id = ?)"
    " AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?)"
    " AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) ORDER BY seq";
static const char each_newest_sql[] =
    "SELECT seq, at, actor, action, entity_type, entity_id, before_json, after_json,"
    " prev_hash, hash FROM (SELECT * FROM audit_log"
    " WHERE (? IS NULL OR entity_type = ?) AND (? IS NULL OR entity_id = ?)"
    " AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?)"
    " AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) ORDER BY seq DESC LIMIT ?) newest"
    " ORDER BY seq";

int auditlog_each(struct store *st, const struct auditlog_filter *f,
                  int (*fn)(void *ctx, const struct auditlog_entry *e), void *ctx,
                  struct mm_err *err)
{
    static const struct auditlog_filter none = {0};
    if (!f)
        f = &none;
    struct store_stmt *s;
    int rc = store_prepare(st, f->limit > 0 ? each_newest_sql : each_all_sql, &s, err);
    if (rc)
        return rc;
    const char *vals[] = {f->entity_type, f->entity_id, f->actor, f->action, f->since, f->until};
    int idx = 1;
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        store_bind_text(s, idx++, vals[i]);
        store_bind_text(s, idx++, vals[i]);
    }
    if (f->limit > 0)
        store_bind_int(s, idx, f->limit);
    for (;;) {
        rc = store_step(s, err);
        if (rc == STORE_DONE) {
            rc = MM_OK;
            break;
        }
        if (rc != STORE_ROW)
            break;
        struct auditlog_entry e = {
            .seq = store_col_int(s, 0),
            .at = store_col_text(s, 1),
            .actor = store_col_text(s, 2),
            .action = store_col_text(s, 3),
            .entity_type = store_col_text(s, 4),
            .entity_id = store_col_text(s, 5),
            .before = store_col_text(s, 6),
            .after = store_col_text(s, 7),
            .prev_hash = store_col_text(s, 8),
            .hash = store_col_text(s, 9),
        };
        if (!e.at)
            e.at = "";
        if (!e.actor)
            e.actor = "";
        if (!e.action)
            e.action = "";
        if (!e.entity_type)
            e.entity_type = "";
        if (!e.prev_hash)
            e.prev_hash = "";
        if (!e.hash)
            e.hash = "";
        if ((rc = fn(ctx, &e)) != 0)
            break;
    }
    store_finalize(s);
    return rc;
}

/* ---- time ---- */

/* Parses the stored UTC format; returns 0 on success. */
static int parse_utc(const char *s, time_t *t, int *ms)
{
    struct tm tm = {0};
    int msec = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &msec, &n) != 7 ||
        s[n] != '\0')
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *t = timegm(&tm);
    *ms = msec;
    return 0;
}

static void format_utc(time_t t, int ms, char out[AUDITLOG_TIME_LEN])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, AUDITLOG_TIME_LEN, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
             (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100,
             tm.tm_min % 100, tm.tm_sec % 100, ms % 1000);
}

void auditlog_time_jst(const char *utc, char out[AUDITLOG_TIME_LEN])
{
    time_t t;
    int ms;
    if (!utc || parse_utc(utc, &t, &ms) != 0) {
        snprintf(out, AUDITLOG_TIME_LEN, "%s", utc ? utc : "");
        return;
    }
    t += JST_OFFSET;
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, AUDITLOG_TIME_LEN, "%04d-%02d-%02d %02d:%02d:%02d", (tm.tm_year + 1900) % 10000,
             (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100,
             tm.tm_sec % 100);
}

int auditlog_parse_time_arg(const char *arg, int end, char out[AUDITLOG_TIME_LEN],
                            struct mm_err *err)
{
    struct tm tm = {0};
    int n = 0, fields;
    fields = sscanf(arg, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n);
    if (fields != 3)
        goto bad;
    const char *p = arg + n;
    int date_only = 1;
    if (*p == 'T' || *p == ' ') {
        p++;
        int m = 0;
        if (sscanf(p, "%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &m) != 2)
            goto bad;
        p += m;
        if (*p == ':') {
            p++;
            m = 0;
            if (sscanf(p, "%2d%n", &tm.tm_sec, &m) != 1)
                goto bad;
            p += m;
        }
        date_only = 0;
    }
    int utc = 0;
    if (*p == 'Z') {
        utc = 1;
        p++;
    }
    if (*p)
        goto bad;
    struct tm want = tm;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm back;
    gmtime_r(&t, &back);
    if (back.tm_year + 1900 != want.tm_year || back.tm_mon + 1 != want.tm_mon ||
        back.tm_mday != want.tm_mday || back.tm_hour != want.tm_hour ||
        back.tm_min != want.tm_min || back.tm_sec != want.tm_sec)
        goto bad;
    if (!utc)
        t -= JST_OFFSET;
    /* `at < until`: a bare date includes that whole day, a time includes that second. */
    if (end)
        t += date_only ? 86400 : 1;
    format_utc(t, 0, out);
    return MM_OK;
bad:
    return mm_err_set(err, MM_EINPUT,
                      "日時「%s」を読めません（YYYY-MM-DD または YYYY-MM-DDTHH:MM[:SS]、日本時間。"
                      "末尾に Z を付けると UTC）",
                      arg);
}

/* ---- serialisations ---- */

static void json_field(struct strbuf *sb, const char *key, const char *v, int first)
{
    if (!first)
        strbuf_addch(sb, ',');
    chain_json_string(sb, key);
    strbuf_addch(sb, ':');
    if (v)
        chain_json_string(sb, v);
    else
        strbuf_addstr(sb, "null");
}

void auditlog_format_json(const struct auditlog_entry *e, struct strbuf *sb)
{
    char jst[AUDITLOG_TIME_LEN];
    auditlog_time_jst(e->at, jst);
    strbuf_addf(sb, "{\"seq\":%lld", e->seq);
    json_field(sb, "at", e->at, 0);
    strbuf_addf(sb, ",\"at_jst\":\"%s+09:00\"", jst);
    json_field(sb, "actor", e->actor, 0);
    json_field(sb, "action", e->action, 0);
    json_field(sb, "entity_type", e->entity_type, 0);
    json_field(sb, "entity_id", e->entity_id, 0);
    strbuf_addf(sb, ",\"before\":%s,\"after\":%s", e->before ? e->before : "null",
                e->after ? e->after : "null");
    json_field(sb, "prev_hash", e->prev_hash, 0);
    json_field(sb, "hash", e->hash, 0);
    strbuf_addch(sb, '}');
}

/* RFC 5424 PARAM-VALUE: escape ", \ and ]; control characters become spaces (one line). */
static void sd_value(struct strbuf *sb, const char *v)
{
    strbuf_addch(sb, '"');
    for (const char *p = v ? v : ""; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == ']')
            strbuf_addch(sb, '\\');
        strbuf_addch(sb, (unsigned char)*p < 0x20 ? ' ' : *p);
    }
    strbuf_addch(sb, '"');
}

/* RFC 5424 header fields are PRINTUSASCII (33–126), bounded in length; "-" when empty. */
static void header_token(struct strbuf *sb, const char *v, size_t max)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(v ? v : ""); *p && n < max; p++) {
        if (*p >= 33 && *p <= 126) {
            strbuf_addch(sb, (char)*p);
            n++;
        }
    }
    if (n == 0)
        strbuf_addch(sb, '-');
}

void auditlog_format_syslog(const struct auditlog_entry *e, const char *host, struct strbuf *sb)
{
    /* PRI 110 = facility 13 (log audit) * 8 + severity 6 (informational). */
    strbuf_addstr(sb, "<110>1 ");
    strbuf_addstr(sb, e->at && *e->at ? e->at : "-");
    strbuf_addch(sb, ' ');
    header_token(sb, host, 255);
    strbuf_addstr(sb, " mamori - ");
    header_token(sb, e->action, 32);
    /* 32473 is the private enterprise number RFC 5612 reserves for documentation. */
    strbuf_addf(sb, " [mamori@32473 seq=\"%lld\" actor=", e->seq);
    sd_value(sb, e->actor);
    strbuf_addstr(sb, " entity_type=");
    sd_value(sb, e->entity_type);
    if (e->entity_id) {
        strbuf_addstr(sb, " entity_id=");
        sd_value(sb, e->entity_id);
    }
    strbuf_addstr(sb, " hash=");
    sd_value(sb, e->hash);
    strbuf_addstr(sb, "] \xEF\xBB\xBF{\"before\":");
    strbuf_addstr(sb, e->before ? e->before : "null");
    strbuf_addstr(sb, ",\"after\":");
    strbuf_addstr(sb, e->after ? e->after : "null");
    strbuf_addch(sb, '}');
}

static void cef_header(struct strbuf *sb, const char *v)
{
    for (const char *p = v ? v : ""; *p; p++) {
        if (*p == '|' || *p == '\\')
            strbuf_addch(sb, '\\');
        if (*p == '\n' || *p == '\r')
            strbuf_addch(sb, ' ');
        else
            strbuf_addch(sb, *p);
    }
}

static void cef_value(struct strbuf *sb, const char *v)
{
    for (const char *p = v ? v : ""; *p; p++) {
        if (*p == '\n')
            strbuf_addstr(sb, "\\n");
        else if (*p == '\r')
            strbuf_addstr(sb, "\\r");
        else {
            if (*p == '=' || *p == '\\')
                strbuf_addch(sb, '\\');
            strbuf_addch(sb, *p);
        }
    }
}

/* CEF severity (0–10) by action: removals and failures weigh more than ordinary changes. */
static int cef_severity(const char *action)
{
    if (!action)
        return 3;
    if (strstr(action, "fail") || strstr(action, "lock"))
        return 6;
    if (strstr(action, "delete") || strstr(action, "restore"))
        return 5;
    return 3;
}

void auditlog_format_cef(const struct auditlog_entry *e, struct strbuf *sb)
{
    strbuf_addstr(sb, "CEF:0|mamori|mamori|");
    cef_header(sb, MAMORI_VERSION);
    strbuf_addch(sb, '|');
    cef_header(sb, e->action);
    strbuf_addstr(sb, "|mamori change: ");
    cef_header(sb, e->action);
    strbuf_addch(sb, ' ');
    cef_header(sb, e->entity_type);
    strbuf_addf(sb, "|%d|", cef_severity(e->action));
    time_t t;
    int ms;
    if (e->at && parse_utc(e->at, &t, &ms) == 0)
        strbuf_addf(sb, "rt=%lld ", (long long)t * 1000 + ms);
    strbuf_addstr(sb, "suser=");
    cef_value(sb, e->actor);
    strbuf_addstr(sb, " act=");
    cef_value(sb, e->action);
    strbuf_addstr(sb, " cs1Label=entity cs1=");
    cef_value(sb, e->entity_type);
    if (e->entity_id) {
        strbuf_addch(sb, ':');
        cef_value(sb, e->entity_id);
    }
    strbuf_addf(sb, " cn1Label=seq cn1=%lld cs2Label=hash cs2=", e->seq);
    cef_value(sb, e->hash);
    strbuf_addstr(sb, " msg=");
    struct strbuf m = STRBUF_INIT;
    strbuf_addf(&m, "{\"before\":%s,\"after\":%s}", e->before ? e->before : "null",
                e->after ? e->after : "null");
    cef_value(sb, m.buf);
    strbuf_release(&m);
}

/* ---- whole-database checks ---- */

int auditlog_db_integrity(struct store *st, struct mm_problems *p, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, "PRAGMA integrity_check", &s, err);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *v = store_col_text(s, 0);
        if (v && strcmp(v, "ok") != 0)
            mm_problems_add(p, "integrity_check", "%s", v);
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

int auditlog_db_foreign_keys(struct store *st, struct mm_problems *p, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, "PRAGMA foreign_key_check", &s, err);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *table = store_col_text(s, 0), *parent = store_col_text(s, 2);
        char where[256];
        snprintf(where, sizeof where, "%s 行 %lld", table ? table : "?", store_col_int(s, 1));
        mm_problems_add(p, where, "参照先の %s に対応する行がありません（外部キー違反）",
                        parent ? parent : "?");
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}
