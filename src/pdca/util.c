/*
 * util.c — helpers shared by the training, self-assessment and audit engines.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/wareki.h"
#include "pdca/pdca_impl.h"

int pdca_date_ok(const char *s)
{
    struct mm_date d;
    struct mm_err e;
    return s && date_parse(s, NULL, &d, &e) == MM_OK;
}

int pdca_fiscal_year(const char *iso)
{
    struct mm_date d;
    struct mm_err e;
    if (!iso || date_parse(iso, NULL, &d, &e) != MM_OK)
        return 0;
    return d.m >= 4 ? d.y : d.y - 1;
}

void pdca_now(char out[32])
{
    auditlog_now(out);
}

json_t *pdca_js(const char *s)
{
    return s ? json_string(s) : json_null();
}

static int bind_all(struct store_stmt *s, const char *types, va_list ap)
{
    for (int i = 0; types && types[i]; i++) {
        if (types[i] == 'i')
            store_bind_int(s, i + 1, va_arg(ap, long long));
        else
            store_bind_text(s, i + 1, va_arg(ap, const char *));
    }
    return MM_OK;
}

static int vprep(struct store *st, const char *sql, const char *types, struct store_stmt **out,
                 struct mm_err *err, va_list ap)
{
    int rc = store_prepare(st, sql, out, err);
    if (rc)
        return rc;
    return bind_all(*out, types, ap);
}

int pdca_prepare(struct store *st, const char *sql, const char *types, struct store_stmt **out,
                 struct mm_err *err, ...)
{
    va_list ap;
    va_start(ap, err);
    int rc = vprep(st, sql, types, out, err, ap);
    va_end(ap);
    return rc;
}

int pdca_exec(struct store *st, struct mm_err *err, const char *sql, const char *types, ...)
{
    struct store_stmt *s;
    va_list ap;
    va_start(ap, types);
    int rc = vprep(st, sql, types, &s, err, ap);
    va_end(ap);
    if (rc)
        return rc;
    rc = store_step(s, err);
    store_finalize(s);
    return rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
}

int pdca_text(struct store *st, struct mm_err *err, char *buf, size_t size, int *found,
              const char *sql, const char *types, ...)
{
    struct store_stmt *s;
    va_list ap;
    va_start(ap, types);
    int rc = vprep(st, sql, types, &s, err, ap);
    va_end(ap);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (found)
        *found = rc == STORE_ROW;
    if (size)
        buf[0] = 0;
    if (rc == STORE_ROW) {
        const char *v = store_col_text(s, 0);
        snprintf(buf, size, "%s", v ? v : "");
    }
    store_finalize(s);
    return rc == STORE_ROW || rc == STORE_DONE ? MM_OK : rc;
}

int pdca_int(struct store *st, struct mm_err *err, long long *out, const char *sql,
             const char *types, ...)
{
    struct store_stmt *s;
    va_list ap;
    va_start(ap, types);
    int rc = vprep(st, sql, types, &s, err, ap);
    va_end(ap);
    if (rc)
        return rc;
    rc = store_step(s, err);
    *out = rc == STORE_ROW ? store_col_int(s, 0) : 0;
    store_finalize(s);
    return rc == STORE_ROW || rc == STORE_DONE ? MM_OK : rc;
}

int pdca_finish(struct store *st, int rc, const struct pdca_actor *a, const char *action,
                const char *entity_type, const char *entity_id, json_t *before, json_t *after,
                struct mm_err *err)
{
    if (!rc)
        rc = auditlog_append(st, &a->log, action, entity_type, entity_id, before, after, err);
    json_decref(before);
    json_decref(after);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int pdca_bukyoku_of(struct store *st, const char *dept, char out[128], struct mm_err *err)
{
    char cur[128];
    snprintf(cur, sizeof cur, "%s", dept ? dept : "");
    out[0] = 0;
    for (int depth = 0; cur[0] && depth < 16; depth++) {
        struct store_stmt *s;
        int rc = pdca_prepare(st, "SELECT level, parent_id FROM department WHERE id = ?", "t", &s,
                              err, cur);
        if (rc)
            return rc;
        rc = store_step(s, err);
        if (rc != STORE_ROW) {
            store_finalize(s);
            return rc == STORE_DONE ? MM_OK : rc;
        }
        const char *level = store_col_text(s, 0), *parent = store_col_text(s, 1);
        int top = (level && strcmp(level, "bukyoku") == 0) || !parent;
        if (top)
            snprintf(out, 128, "%s", cur);
        else
            snprintf(cur, sizeof cur, "%s", parent);
        store_finalize(s);
        if (top)
            return MM_OK;
    }
    return MM_OK;
}

int pdca_holds_role(struct store *st, const char *person, const char *role, const char *today,
                    const char *bukyoku, const char *system, int *yes, struct mm_err *err)
{
    *yes = 0;
    if (!person)
        return MM_OK;
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT scope_type, scope_department_id, scope_system_id "
                          "FROM role_assignment WHERE person_id = ? AND role = ? "
                          "AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
                          "tttt", &s, err, person, role, today, today);
    if (rc)
        return rc;
    /* Collect first: pdca_bukyoku_of prepares statements of its own. */
    char depts[16][128];
    int nd = 0;
    while ((rc = store_step(s, err)) == STORE_ROW && !*yes) {
        const char *type = store_col_text(s, 0);
        const char *d = store_col_text(s, 1), *sys = store_col_text(s, 2);
        if (type && strcmp(type, "organization") == 0)
            *yes = 1;
        else if (sys && system && strcmp(sys, system) == 0)
            *yes = 1;
        else if (d && bukyoku && nd < 16)
            snprintf(depts[nd++], 128, "%s", d);
    }
    store_finalize(s);
    if (rc != STORE_DONE && rc != STORE_ROW)
        return rc;
    for (int i = 0; i < nd && !*yes; i++) {
        char b[128];
        if ((rc = pdca_bukyoku_of(st, depts[i], b, err)))
            return rc;
        *yes = strcmp(b, bukyoku) == 0;
    }
    return MM_OK;
}

int pdca_person_exists(struct store *st, const char *person, int *yes, struct mm_err *err)
{
    char b[8];
    return pdca_text(st, err, b, sizeof b, yes, "SELECT 1 FROM person WHERE id = ?", "t",
                     person ? person : "");
}
