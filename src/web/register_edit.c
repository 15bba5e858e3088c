/*
 * register_edit.c — checking and writing register rows: every editable field is checked
 * (required, format, real calendar dates, integer ranges, codes and references that exist,
 * a unique id for a new row) with a Japanese message per field, then the row's authz target
 * must stay inside the user's WRITE reach. The write and its change-log entry share one
 * transaction.
 */
#include "web/register.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/wareki.h"
#include "web/app.h"
#include "util/strbuf.h"

#define ERR(e, i, ...) (snprintf((e)->msg[i], sizeof (e)->msg[i], __VA_ARGS__), (e)->n++)

static int editable(size_t i, const struct reg_col *c, int creating)
{
    return (c->flags & REG_EDIT) || (i == 0 && creating);
}

/* How many rows `sql` (one ? bound to v) counts; -1 on a database error. */
static long long count_of(struct store *st, const char *sql, const char *v, struct mm_err *err)
{
    struct store_stmt *s = NULL;
    if (store_prepare(st, sql, &s, err))
        return -1;
    store_bind_text(s, 1, v);
    long long n = -1;
    if (store_step(s, err) == STORE_ROW)
        n = store_col_int(s, 0);
    store_finalize(s);
    return n;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    size_t k = strspn(s, " \t\r\n");
    if (k)
        memmove(s, s + k, n - k + 1);
}

static int has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\r' && *s != '\t')
            return 1;
    return 0;
}

static int valid_id(const char *s)
{
    if (!*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
            return 0;
    return 1;
}

static int parse_int(const char *s, long long *out)
{
    char *end;
    if (!*s)
        return 0;
    long long v = strtoll(s, &end, 10);
    if (*end)
        return 0;
    *out = v;
    return 1;
}

/* Checks one non-empty value; returns -1 on a database error. */
static int check_value(struct store *st, const struct reg_col *c, size_t i, const char *v,
                       struct reg_errors *e, struct mm_err *err)
{
    char sql[256];
    long long n;
    struct mm_date dt;
    struct mm_err derr;
    switch (c->kind) {
    case REG_TEXT:
        if (has_control(v))
            ERR(e, i, "%sに使えない文字が含まれています", c->label);
        else if (strlen(v) > 1000)
            ERR(e, i, "%sが長すぎます（1000バイトまで）", c->label);
        return 0;
    case REG_INT:
        if (!parse_int(v, &n) || n < c->min || n > c->max)
            ERR(e, i, "%sは%lldから%lldまでの整数で入力してください", c->label, c->min, c->max);
        return 0;
    case REG_BOOL:
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
            ERR(e, i, "%sは「はい」か「いいえ」を選んでください", c->label);
        return 0;
    case REG_DATE:
        if (strlen(v) != 10 || date_parse(v, c->label, &dt, &derr) != MM_OK)
            ERR(e, i, "%sは実在する日付を YYYY-MM-DD の形で入力してください（例: 2026-04-01）",
                c->label);
        return 0;
    case REG_CODE:
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE code = ?", c->ref);
        break;
    case REG_REF: {
        const struct reg_ref *r = reg_ref_find(c->ref);
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE id = ?", r ? r->table : "");
        break;
    }
    }
    n = count_of(st, sql, v, err);
    if (n < 0)
        return -1;
    if (n == 0)
        ERR(e, i, c->kind == REG_CODE ? "%sの選択肢にない値です"
                                     : "%sに指定されたものは登録されていません",
            c->label);
    return 0;
}

static int col_index(const struct reg_desc *d, const char *name)
{
    for (size_t i = 0; name && i < d->ncols; i++)
        if (strcmp(d->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

static const char *merged_value(const struct reg_desc *d, const struct reg_input *m,
                                const char *name)
{
    int i = col_index(d, name);
    return i >= 0 && m->present[i] && m->val[i][0] ? m->val[i] : NULL;
}

/* The new row must lie inside the user's WRITE reach. */
static int check_scope(struct store *st, const struct authz_principal *who,
                       const struct reg_desc *d, const struct reg_input *m,
                       struct reg_errors *e, struct mm_err *err)
{
    if (!reg_scoped(d))
        return 0;
    char dept[128] = "";
    const char *dv = merged_value(d, m, d->dept_col);
    const char *via = merged_value(d, m, d->dept_via_person);
    if (dv) {
        snprintf(dept, sizeof dept, "%s", dv);
    } else if (via) {
        struct store_stmt *s = NULL;
        if (store_prepare(st, "SELECT department_id FROM person WHERE id = ?", &s, err))
            return -1;
        store_bind_text(s, 1, via);
        if (store_step(s, err) == STORE_ROW && store_col_text(s, 0))
            snprintf(dept, sizeof dept, "%s", store_col_text(s, 0));
        store_finalize(s);
    }
    struct authz_target t = {dept[0] ? dept : NULL, merged_value(d, m, d->sys_col),
                             merged_value(d, m, d->person_col)};
    if (authz_allows(who, d->code, AUTHZ_WRITE, &t))
        return 0;
    int i = col_index(d, dv || !via ? d->dept_col : d->dept_via_person);
    if (i < 0)
        i = col_index(d, d->sys_col);
    const char *msg = "この内容では、あなたが変更できる範囲（担当の課室・情報システム）の外になります";
    if (i >= 0) {
        ERR(e, i, "%s", msg);
    } else {
        snprintf(e->general, sizeof e->general, "%s", msg);
        e->n++;
    }
    return 0;
}

int reg_validate(struct store *st, const struct authz_principal *who, const struct reg_desc *d,
                 const struct reg_row *before, const struct reg_input *in,
                 struct reg_input *merged, struct reg_errors *e, struct mm_err *err)
{
    memset(e, 0, sizeof *e);
    memset(merged, 0, sizeof *merged);
    int creating = before == NULL;
    for (size_t i = 0; i < d->ncols; i++) {
        const struct reg_col *c = &d->cols[i];
        if (editable(i, c, creating) && in->present[i]) {
            snprintf(merged->val[i], sizeof merged->val[i], "%s", in->val[i]);
            trim(merged->val[i]);
        } else if (before && before->raw[i]) {
            snprintf(merged->val[i], sizeof merged->val[i], "%s", before->raw[i]);
        }
        merged->present[i] = 1;
    }
    for (size_t i = 0; i < d->ncols; i++) {
        const struct reg_col *c = &d->cols[i];
        const char *v = merged->val[i];
        if (!editable(i, c, creating))
            continue;
        if (!*v) {
            if (c->flags & REG_REQUIRED)
                ERR(e, i, (c->kind == REG_CODE || c->kind == REG_REF || c->kind == REG_BOOL)
                              ? "%sを選んでください"
                              : "%sを入力してください",
                    c->label);
            continue;
        }
        if (i == 0) {
            long long n;
            char sql[160];
            snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE id = ?", d->table);
            if (!valid_id(v))
                ERR(e, i, "%sは英数字と - _ . で64文字までで入力してください", c->label);
            else if ((n = count_of(st, sql, v, err)) < 0)
                return MM_EINTERNAL;
            else if (n > 0)
                ERR(e, i, "この%sは既に使われています", c->label);
            continue;
        }
        if (check_value(st, c, i, v, e, err) < 0)
            return MM_EINTERNAL;
    }
    if (e->n == 0 && check_scope(st, who, d, merged, e, err) < 0)
        return MM_EINTERNAL;
    return MM_OK;
}

/* ---- writing ---- */

static void bind_value(struct store_stmt *s, int idx, const struct reg_col *c, const char *v)
{
    if (!*v)
        store_bind_null(s, idx);
    else if (c->kind == REG_INT || c->kind == REG_BOOL)
        store_bind_int(s, idx, strtoll(v, NULL, 10));
    else
        store_bind_text(s, idx, v);
}

static int write_row(struct store *st, const struct reg_desc *d, const struct reg_row *before,
                     const struct reg_input *m, struct mm_err *err)
{
    int creating = before == NULL;
    struct strbuf sql = STRBUF_INIT;
    size_t cols[REG_MAXCOL], n = 0;
    for (size_t i = 0; i < d->ncols; i++)
        if (editable(i, &d->cols[i], creating))
            cols[n++] = i;
    if (creating) {
        strbuf_addf(&sql, "INSERT INTO %s (", d->table);
        for (size_t k = 0; k < n; k++)
            strbuf_addf(&sql, "%s%s", k ? ", " : "", d->cols[cols[k]].name);
        strbuf_addstr(&sql, ") VALUES (");
        for (size_t k = 0; k < n; k++)
            strbuf_addstr(&sql, k ? ", ?" : "?");
        strbuf_addstr(&sql, ")");
    } else {
        strbuf_addf(&sql, "UPDATE %s SET ", d->table);
        for (size_t k = 0; k < n; k++)
            strbuf_addf(&sql, "%s%s = ?", k ? ", " : "", d->cols[cols[k]].name);
        strbuf_addstr(&sql, " WHERE id = ?");
    }
    struct store_stmt *s = NULL;
    int rc = store_prepare(st, sql.buf, &s, err);
    strbuf_release(&sql);
    if (rc)
        return rc;
    for (size_t k = 0; k < n; k++)
        bind_value(s, (int)k + 1, &d->cols[cols[k]], m->val[cols[k]]);
    if (!creating)
        store_bind_text(s, (int)n + 1, before->raw[0]);
    rc = store_step(s, err);
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : (rc == STORE_ROW ? MM_OK : rc);
}

int reg_save(struct store *st, const struct audit_actor *actor, const struct reg_desc *d,
             const struct reg_row *before, const struct reg_input *merged, struct mm_err *err)
{
    const char *id = before ? before->raw[0] : merged->val[0];
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = write_row(st, d, before, merged, err);
    struct reg_row after;
    int found = 0;
    memset(&after, 0, sizeof after);
    if (!rc)
        rc = reg_get(st, d, id, &after, &found, err);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EINTERNAL, "保存した行を読み返せません");
    if (!rc) {
        json_t *b = before ? reg_row_json(d, before, 0) : NULL;
        json_t *a = reg_row_json(d, &after, 0);
        rc = auditlog_append(st, actor, before ? "update" : "create", d->table, id, b, a, err);
        json_decref(b);
        json_decref(a);
    }
    reg_row_free(&after);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

/* ---- display ---- */

void reg_display(const struct reg_col *c, const char *raw, const char *disp, char *buf,
                 size_t size)
{
    if (!raw) {
        snprintf(buf, size, "%s", "");
        return;
    }
    if (c->kind == REG_DATE) {
        app_wareki(raw, buf, size);
    } else if (c->kind == REG_BOOL) {
        snprintf(buf, size, "%s", strcmp(raw, "0") != 0 ? "はい" : "いいえ");
    } else {
        snprintf(buf, size, "%s", disp ? disp : raw);
    }
}
