/*
 * approval_kind.c — request kinds as data: loading a kind with its fields, checking and
 * normalising the values a requester gives, and the hard conditions that refuse a request.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approval/approval_impl.h"
#include "model/wareki.h"

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void approval_kind_free(struct approval_kind *k)
{
    if (!k)
        return;
    char **own[] = {&k->code,          &k->label, &k->clauses, &k->mark_clause, &k->grant_type,
                    &k->register_kind, &k->basis, &k->notify_roles};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        free(*own[i]);
    for (size_t i = 0; i < k->nfields; i++) {
        free(k->fields[i].code);
        free(k->fields[i].label);
        free(k->fields[i].type);
        free(k->fields[i].choices);
    }
    free(k->fields);
    memset(k, 0, sizeof *k);
}

int approval_kind_load(struct store *st, const char *code, struct approval_kind *out,
                       struct mm_err *err)
{
    memset(out, 0, sizeof *out);
    struct store_stmt *s;
    int rc = ap_prepare(st,
                        "SELECT code, label, clauses, mark_clause, grant_type, register, basis, "
                        "notify_roles, needs_until, emergency FROM request_kind WHERE code = ?",
                        &s, err, "s", code ? code : "");
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        char **dst[] = {&out->code,          &out->label, &out->clauses, &out->mark_clause,
                        &out->grant_type,    &out->register_kind, &out->basis,
                        &out->notify_roles};
        for (int i = 0; i < 8; i++)
            *dst[i] = dup_or_null(store_col_text(s, i));
        out->needs_until = (int)store_col_int(s, 8);
        out->emergency = (int)store_col_int(s, 9);
        rc = MM_OK;
    } else if (rc == STORE_DONE)
        rc = mm_err_set(err, MM_EINPUT,
                        "申請の種類「%s」はありません（mamori request kinds で一覧を表示します）",
                        code ? code : "");
    store_finalize(s);
    if (rc)
        return rc;
    rc = ap_prepare(st,
                    "SELECT code, label, type, choices, required, max_len FROM request_field "
                    "WHERE kind = ? ORDER BY sort, code",
                    &s, err, "s", code);
    if (rc) {
        approval_kind_free(out);
        return rc;
    }
    size_t cap = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (out->nfields == cap) {
            cap = cap ? cap * 2 : 16;
            out->fields = realloc(out->fields, cap * sizeof *out->fields);
        }
        struct approval_field *f = &out->fields[out->nfields++];
        f->code = strdup(store_col_text(s, 0));
        f->label = strdup(store_col_text(s, 1));
        f->type = strdup(store_col_text(s, 2));
        f->choices = dup_or_null(store_col_text(s, 3));
        f->required = (int)store_col_int(s, 4);
        f->max_len = (int)store_col_int(s, 5);
    }
    store_finalize(s);
    if (rc != STORE_DONE) {
        approval_kind_free(out);
        return rc;
    }
    return MM_OK;
}

static const struct approval_field *find_field(const struct approval_kind *k, const char *code)
{
    for (size_t i = 0; i < k->nfields; i++)
        if (strcmp(k->fields[i].code, code) == 0)
            return &k->fields[i];
    return NULL;
}

/* Characters (UTF-8 code points) in s. */
static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
            return 1;
    return 0;
}

/* The code of a choice given as its code or its label; NULL if neither. Returns a new string. */
static char *choice_code(const char *choices, const char *v)
{
    for (const char *p = choices; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (eq) {
            size_t cl = (size_t)(eq - p), ll = len - cl - 1;
            if ((strlen(v) == cl && strncmp(p, v, cl) == 0) ||
                (strlen(v) == ll && strncmp(eq + 1, v, ll) == 0))
                return strndup(p, cl);
        }
        p = bar ? bar + 1 : NULL;
    }
    return NULL;
}

static const char *bool_norm(const char *v)
{
    static const char *const yes[] = {"1", "true", "yes", "はい", "有", "済"};
    static const char *const no[] = {"0", "false", "no", "いいえ", "無", "未"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(v, yes[i]) == 0)
            return "1";
        if (strcmp(v, no[i]) == 0)
            return "0";
    }
    return NULL;
}

/* The register table holding ids of this field type, chosen by exact match. */
static const char *exists_sql(const char *type)
{
    static const char *const t[][2] = {
        {"person", "SELECT COUNT(*) FROM person WHERE id = ?"},
        {"system", "SELECT COUNT(*) FROM system WHERE id = ?"},
        {"asset", "SELECT COUNT(*) FROM asset WHERE id = ?"},
        {"department", "SELECT COUNT(*) FROM department WHERE id = ?"},
        {"class", "SELECT COUNT(*) FROM confidentiality_class WHERE code = ?"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(t[i][0], type) == 0)
            return t[i][1];
    return NULL;
}

/* Checks one value; returns a normalised copy or NULL with a problem added. */
static char *check_value(struct store *st, const struct approval_field *f, const char *v,
                         struct mm_problems *p, struct mm_err *err, int *fatal)
{
    const char *t = f->type;
    if (has_control(v) || utf8_len(v) > (size_t)f->max_len) {
        mm_problems_add(p, f->label, "%d 文字以内で、制御文字を含めずに書いてください", f->max_len);
        return NULL;
    }
    if (strcmp(t, "date") == 0) {
        struct mm_date d;
        struct mm_err e;
        if (date_parse(v, f->label, &d, &e)) {
            mm_problems_add(p, f->label, "%s", e.msg);
            return NULL;
        }
        char buf[16];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
        return strdup(buf);
    }
    if (strcmp(t, "int") == 0) {
        size_t n = strlen(v);
        int ok = n > 0 && n <= 9;
        for (size_t i = 0; ok && i < n; i++)
            ok = isdigit((unsigned char)v[i]);
        if (!ok) {
            mm_problems_add(p, f->label, "0 以上の整数で書いてください（「%s」）", v);
            return NULL;
        }
        return strdup(v);
    }
    if (strcmp(t, "bool") == 0) {
        const char *b = bool_norm(v);
        if (!b)
            mm_problems_add(p, f->label, "はい（1）かいいえ（0）で答えてください（「%s」）", v);
        return b ? strdup(b) : NULL;
    }
    if (strcmp(t, "choice") == 0) {
        char *c = choice_code(f->choices, v);
        if (!c)
            mm_problems_add(p, f->label, "「%s」は選べません（選択肢: %s）", v, f->choices);
        return c;
    }
    const char *sql = exists_sql(t);
    if (sql) {
        long long n = 0;
        if (ap_int(st, sql, &n, err, "s", v)) {
            *fatal = 1;
            return NULL;
        }
        if (!n) {
            mm_problems_add(p, f->label, "「%s」は台帳にありません", v);
            return NULL;
        }
    }
    return strdup(v);
}

void ap_values_free(struct ap_values *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->own[i]);
    free(v->own);
    free(v->v);
    memset(v, 0, sizeof *v);
}

int ap_validate(struct store *st, const struct approval_kind *k, const struct approval_value *in,
                size_t n, struct ap_values *out, struct mm_problems *problems, struct mm_err *err)
{
    struct mm_problems local = {0};
    struct mm_problems *p = problems ? problems : &local;
    size_t before = p->len + p->dropped;
    memset(out, 0, sizeof *out);
    out->v = calloc(k->nfields + 1, sizeof *out->v);
    out->own = calloc(k->nfields + 1, sizeof *out->own);
    int fatal = 0;
    for (size_t i = 0; i < n; i++)
        if (!in[i].field || !find_field(k, in[i].field))
            mm_problems_add(p, in[i].field ? in[i].field : "?",
                            "「%s」の申請にこの項目はありません", k->label);
    for (size_t i = 0; i < k->nfields && !fatal; i++) {
        const struct approval_field *f = &k->fields[i];
        const char *v = ap_value(in, n, f->code);
        if (!v) {
            if (f->required)
                mm_problems_add(p, f->label, "必須の項目です（%s）", f->code);
            continue;
        }
        char *norm = check_value(st, f, v, p, err, &fatal);
        if (!norm)
            continue;
        out->own[out->n] = norm;
        out->v[out->n].field = f->code;
        out->v[out->n].value = norm;
        out->n++;
    }
    if (fatal) {
        ap_values_free(out);
        mm_problems_free(&local);
        return err->code ? err->code : MM_EINTERNAL;
    }
    const char *from = ap_value(out->v, out->n, "from"), *until = ap_value(out->v, out->n, "until");
    if (from && until && strcmp(until, from) < 0)
        mm_problems_add(p, "until", "終了日 %s が開始日 %s より前です", until, from);
    if (k->needs_until && !until && !find_field(k, "until"))
        mm_problems_add(p, "until", "期限が必要です");
    size_t after = p->len + p->dropped;
    if (after != before) {
        const char *first = p->len > before ? p->items[before].msg : "";
        const char *where = p->len > before ? p->items[before].where : "";
        mm_err_set(err, MM_EINPUT, "申請の内容に誤りが %zu 件あります（%s: %s）", after - before,
                   where, first);
        ap_values_free(out);
        mm_problems_free(&local);
        return MM_EINPUT;
    }
    mm_problems_free(&local);
    return MM_OK;
}

int approval_check_refusals(struct store *st, const char *kind, const struct approval_value *values,
                            size_t nvalues, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = ap_prepare(st,
                        "SELECT field, test, value, field2, test2, value2, message "
                        "FROM request_refusal WHERE kind = ? ORDER BY code",
                        &s, err, "s", kind);
    if (rc)
        return rc;
    char msg[600] = "";
    while (!msg[0] && (rc = store_step(s, err)) == STORE_ROW) {
        int hit = 0;
        rc = ap_test(st, store_col_text(s, 1), ap_value(values, nvalues, store_col_text(s, 0)),
                     store_col_text(s, 2), &hit, err);
        if (!rc && hit && store_col_text(s, 3))
            rc = ap_test(st, store_col_text(s, 4),
                         ap_value(values, nvalues, store_col_text(s, 3)), store_col_text(s, 5),
                         &hit, err);
        if (rc)
            break;
        if (hit)
            snprintf(msg, sizeof msg, "%s", store_col_text(s, 6));
    }
    store_finalize(s);
    if (rc != STORE_DONE && rc != STORE_ROW && rc != MM_OK)
        return rc;
    return msg[0] ? mm_err_set(err, MM_EREFUSED, "申請できません: %s", msg) : MM_OK;
}
