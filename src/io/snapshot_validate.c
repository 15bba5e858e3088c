/*
 * snapshot_validate.c — checks a whole snapshot before anything is written and reports every
 * problem with its JSON path, in Japanese: structure, types, unknown fields, id syntax and
 * uniqueness, references (also inside nested lists), the department tree, dates, person status
 * rules, role scopes, register rules (the CHECK constraints of the schema among them), adopted
 * 推奨事項 and local parameters. Enumerations come from the database's lookup tables.
 */
#include "io/snapshot_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "io/snapshot.h"
#include "io/snapshot_fields.h"
#include "model/params.h"
#include "util/strbuf.h"

#define PATH_MAX_LEN 320

struct lookup {
    size_t n;
    char **code;  /* owned */
    char **label; /* owned */
};

struct vctx {
    struct mm_problems *pr;
    struct lookup lk[LK_COUNT];
    struct lookup role_scope; /* code = role, label = scope_type */
    struct lookup clauses;     /* catalog clause ids (any revision), label = title */
    struct lookup recommended; /* those marked 【推奨事項】 */
    struct snap_index ix[TG_COUNT]; /* id → element index */
    json_t *arr[TG_COUNT];          /* the arrays those ids index (borrowed) */
    json_t *sec[SEC_COUNT];         /* the top-level arrays, when they are arrays (borrowed) */
};

/* ---- small helpers ---------------------------------------------------------------- */

static const char *clip(const char *s, char *buf, size_t n)
{
    return snap_clip(s, buf, n, 60);
}

/* "$.people[3]" or "$.people[3].status" into buf. */
static const char *elem_path(char *buf, size_t n, const char *base, size_t i, const char *key)
{
    char k[100];
    if (key)
        snprintf(buf, n, "%s[%zu].%s", base, i, snap_clip(key, k, sizeof k, 64));
    else
        snprintf(buf, n, "%s[%zu]", base, i);
    return buf;
}

static const char *key_path(char *buf, size_t n, const char *base, const char *key)
{
    char k[100];
    snprintf(buf, n, "%s.%s", base, snap_clip(key, k, sizeof k, 64));
    return buf;
}

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "オブジェクト";
    case JSON_ARRAY:
        return "配列";
    case JSON_STRING:
        return "文字列";
    case JSON_INTEGER:
        return "数値";
    case JSON_REAL:
        return "数値（小数）";
    case JSON_TRUE:
    case JSON_FALSE:
        return "真偽値";
    case JSON_NULL:
        return "null";
    }
    return "?";
}

static const char *type_name(enum snap_type t)
{
    switch (t) {
    case SNAP_TEXT:
        return "文字列";
    case SNAP_INT:
        return "整数";
    case SNAP_BOOL:
        return "真偽値（true / false）";
    }
    return "?";
}

static int type_ok(enum snap_type t, const json_t *v)
{
    switch (t) {
    case SNAP_TEXT:
        return json_is_string(v);
    case SNAP_INT:
        return json_is_integer(v);
    case SNAP_BOOL:
        return json_is_boolean(v);
    }
    return 0;
}

/* The string value of obj[key], or NULL when absent or not a string. */
static const char *str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static void add_type_problem(struct vctx *v, const char *path, const char *want, const json_t *got)
{
    const char *hint = "";
    if (json_is_string(got) && strcmp(want, "整数") == 0)
        hint = "。数値は \"\" で囲まずに書きます";
    else if (json_is_string(got) && strncmp(want, "真偽値", strlen("真偽値")) == 0)
        hint = "。\"\" で囲まずに true か false と書きます";
    mm_problems_add(v->pr, path, "型が違います（%sが必要ですが%sです）%s", want, json_kind(got), hint);
}

/* Edit distance between two short byte strings, capped at 9. */
static int distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 9;
    int d[41][41];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c)
                c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c)
                c = d[i][j - 1] + 1;
            d[i][j] = c;
        }
    return d[la][lb] > 9 ? 9 : d[la][lb];
}

/* ---- lookups ---------------------------------------------------------------------- */

static void lookup_free(struct lookup *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->code[i]);
        free(l->label[i]);
    }
    free(l->code);
    free(l->label);
    memset(l, 0, sizeof *l);
}

static int lookup_load(struct store *st, const char *sql, struct lookup *l, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    size_t cap = 0;
    for (;;) {
        rc = store_step(s, err);
        if (rc == STORE_DONE)
            break;
        if (rc != STORE_ROW) {
            store_finalize(s);
            return rc;
        }
        if (l->n == cap) {
            cap = cap ? cap * 2 : 8;
            char **nc = realloc(l->code, cap * sizeof *nc);
            if (nc)
                l->code = nc;
            char **nl = realloc(l->label, cap * sizeof *nl);
            if (nl)
                l->label = nl;
            if (!nc || !nl) {
                store_finalize(s);
                return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
            }
        }
        const char *c = store_col_text(s, 0), *lb = store_col_text(s, 1);
        l->code[l->n] = strdup(c ? c : "");
        l->label[l->n] = strdup(lb ? lb : "");
        if (!l->code[l->n] || !l->label[l->n]) {
            free(l->code[l->n]);
            free(l->label[l->n]);
            store_finalize(s);
            return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
        }
        l->n++;
    }
    store_finalize(s);
    return MM_OK;
}

/* Index of `code` in the lookup, or -1. */
static long lookup_find(const struct lookup *l, const char *code)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->code[i], code) == 0)
            return (long)i;
    return -1;
}

static const char *lookup_label(const struct lookup *l, const char *code)
{
    long i = lookup_find(l, code);
    return i < 0 ? "?" : l->label[i];
}

/* "3A, 3B, 3C, 2, 1" into sb. */
static void lookup_list(const struct lookup *l, struct strbuf *sb)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            strbuf_addstr(sb, ", ");
        strbuf_addstr(sb, l->code[i]);
    }
}

/* ---- generic field checks --------------------------------------------------------- */

static void check_value(struct vctx *v, const char *path, const struct snap_field *f,
                        const json_t *val)
{
    char c1[200];
    const char *s = json_string_value(val);
    switch (f->check) {
    case CK_NONE:
    case CK_REF:
    case CK_SCOPE:
        break;
    case CK_NONEMPTY:
        if (!*s)
            mm_problems_add(v->pr, path, "空にはできません");
        break;
    case CK_ID:
        if (!snap_is_id(s))
            mm_problems_add(v->pr, path,
                            "%s「%s」は使えません（1〜64 文字の英数字と - _ . で書きます）",
                            f->key, clip(s, c1, sizeof c1));
        break;
    case CK_DATE:
        if (!snap_is_date(s))
            mm_problems_add(v->pr, path,
                            "日付「%s」は正しくありません（実在する日付を YYYY-MM-DD で書きます）",
                            clip(s, c1, sizeof c1));
        break;
    case CK_DATETIME:
        if (!snap_is_datetime(s))
            mm_problems_add(v->pr, path,
                            "日時「%s」は正しくありません（2025-04-01T09:30:00+09:00 のように"
                            "時差付きで書きます。Z も可）",
                            clip(s, c1, sizeof c1));
        break;
    case CK_ENUM: {
        const struct lookup *l = &v->lk[f->arg];
        if (lookup_find(l, s) < 0) {
            struct strbuf sb = STRBUF_INIT;
            lookup_list(l, &sb);
            mm_problems_add(v->pr, path, "%s「%s」は定義されていません（%s のいずれか）",
                            snap_lookups[f->arg].noun, clip(s, c1, sizeof c1), sb.buf);
            strbuf_release(&sb);
        }
        break;
    }
    case CK_RETENTION:
        if (!snap_is_retention(s))
            mm_problems_add(v->pr, path,
                            "保存期間「%s」は正しくありません（1y〜99y の年数、permanent（永年）、"
                            "while_in_use（常用）のいずれか）",
                            clip(s, c1, sizeof c1));
        break;
    case CK_POSITIVE:
        if (json_integer_value(val) < 1)
            mm_problems_add(v->pr, path, "1 以上の整数にします（%lld は使えません）",
                            (long long)json_integer_value(val));
        break;
    case CK_EMAIL:
        if (!snap_is_email(s))
            mm_problems_add(v->pr, path, "メールアドレス「%s」の形が正しくありません",
                            clip(s, c1, sizeof c1));
        break;
    case CK_CLAUSE: {
        char norm[CATALOG_ID_MAX];
        if (catalog_id_normalise(s, norm, sizeof norm) != 0)
            mm_problems_add(v->pr, path,
                            "条項「%s」は条項番号として正しくありません（4.1(2)① のように"
                            "ガイドラインの番号で書きます）",
                            clip(s, c1, sizeof c1));
        else if (strcmp(norm, s) != 0)
            mm_problems_add(v->pr, path, "条項「%s」は「%s」と書きます", clip(s, c1, sizeof c1),
                            norm);
        else if (v->clauses.n && lookup_find(&v->clauses, s) < 0)
            mm_problems_add(v->pr, path,
                            "条項「%s」はガイドラインの目録にありません（mamori catalog list で確認できます）",
                            s);
        else if (v->clauses.n && lookup_find(&v->recommended, s) < 0)
            mm_problems_add(v->pr, path,
                            "条項 %s（%s）は推奨事項ではありません（採否を記録するのは【推奨事項】の"
                            "条項だけです）",
                            s, lookup_label(&v->clauses, s));
        break;
    }
    case CK_ORG_KIND: {
        int found = 0;
        struct strbuf sb = STRBUF_INIT;
        for (size_t i = 0; snap_org_kinds[i]; i++) {
            found |= strcmp(s, snap_org_kinds[i]) == 0;
            strbuf_addstr(&sb, i ? ", " : "");
            strbuf_addstr(&sb, snap_org_kinds[i]);
        }
        if (!found)
            mm_problems_add(v->pr, path, "団体の種類「%s」は定義されていません（%s のいずれか）",
                            clip(s, c1, sizeof c1), sb.buf);
        strbuf_release(&sb);
        break;
    }
    }
}

/*
 * Checks one object against a field table: that it is an object, that it has no unknown
 * keys (other than `extra`), and each field's presence, type and syntax. Returns 1 when
 * `obj` is an object (so later checks may look inside), 0 otherwise.
 */
static int check_object(struct vctx *v, const json_t *obj, const char *path,
                        const struct snap_field *fields, size_t n, const char *const *extra)
{
    char p[PATH_MAX_LEN];
    if (!json_is_object(obj)) {
        mm_problems_add(v->pr, path, "型が違います（オブジェクトが必要ですが%sです）", json_kind(obj));
        return 0;
    }
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)obj, key, val) {
        int known = 0;
        for (size_t i = 0; i < n && !known; i++)
            known = strcmp(key, fields[i].key) == 0;
        for (size_t i = 0; extra && extra[i] && !known; i++)
            known = strcmp(key, extra[i]) == 0;
        if (known)
            continue;
        /* Only an unknown key pays for the spelling suggestion. */
        const char *best = NULL;
        int bestd = 9;
        for (size_t i = 0; i < n; i++) {
            int d = distance(key, fields[i].key);
            if (d < bestd)
                bestd = d, best = fields[i].key;
        }
        for (size_t i = 0; extra && extra[i]; i++) {
            int d = distance(key, extra[i]);
            if (d < bestd)
                bestd = d, best = extra[i];
        }
        char k[100];
        if (best && bestd <= 2)
            mm_problems_add(v->pr, key_path(p, sizeof p, path, key),
                            "項目「%s」はこの形式にありません（「%s」の書き間違いではありませんか）",
                            snap_clip(key, k, sizeof k, 64), best);
        else
            mm_problems_add(v->pr, key_path(p, sizeof p, path, key),
                            "項目「%s」はこの形式にありません（docs/snapshot.md にある項目だけを書きます）",
                            snap_clip(key, k, sizeof k, 64));
    }
    for (size_t i = 0; i < n; i++) {
        const struct snap_field *f = &fields[i];
        json_t *fv = json_object_get(obj, f->key);
        key_path(p, sizeof p, path, f->key);
        if (!fv) {
            if (f->flags & SF_REQUIRED)
                mm_problems_add(v->pr, p, "必須の項目がありません");
            continue;
        }
        if (json_is_null(fv)) {
            if (f->flags & SF_REQUIRED)
                mm_problems_add(v->pr, p, "null にはできません（必須の項目です）");
            continue;
        }
        if (!type_ok(f->type, fv)) {
            add_type_problem(v, p, type_name(f->type), fv);
            continue;
        }
        check_value(v, p, f, fv);
    }
    return 1;
}

/* Records obj[idkey] in ix; reports a duplicate. */
static void index_id(struct vctx *v, struct snap_index *ix, const json_t *obj, const char *idkey,
                     const char *base, size_t i)
{
    const char *id = str(obj, idkey);
    if (!id || !snap_is_id(id))
        return;
    size_t first;
    if (!snap_index_put(ix, id, i, &first)) {
        char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
        mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, idkey),
                        "%s「%s」が重複しています（%s と同じ）", idkey, id,
                        elem_path(q, sizeof q, base, first, NULL));
    }
}

/* Checks a list: that it is an array, each element's fields, and (if it defines ids) them. */
static void check_list(struct vctx *v, const json_t *arr, const struct snap_section *sec,
                       struct snap_index *ix)
{
    char p[PATH_MAX_LEN];
    const char *extra[8] = {NULL}; /* the nested lists' keys */
    for (size_t k = 0; k < sec->nnested && k + 1 < sizeof extra / sizeof *extra; k++)
        extra[k] = sec->nested[k].key;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const json_t *el = json_array_get(arr, i);
        elem_path(p, sizeof p, sec->path, i, NULL);
        if (check_object(v, el, p, sec->fields, sec->nfields, extra) && ix)
            index_id(v, ix, el, sec->fields[0].key, sec->path, i);
    }
}

/* obj[key] must be an array (or, when `optional`, absent); reports otherwise. */
static const json_t *need_array(struct vctx *v, const json_t *obj, const char *key,
                                const char *path, int optional)
{
    const json_t *a = json_object_get(obj, key);
    if (!a && optional)
        return NULL;
    if (!a) {
        mm_problems_add(v->pr, path, "必須の項目がありません（空なら [] と書きます）");
        return NULL;
    }
    if (!json_is_array(a)) {
        mm_problems_add(v->pr, path, "型が違います（配列が必要ですが%sです）", json_kind(a));
        return NULL;
    }
    return a;
}

/* Reference checks for every CK_REF field of the elements of `arr`. */
static void check_refs(struct vctx *v, const json_t *arr, const struct snap_section *sec)
{
    char p[PATH_MAX_LEN], c1[200];
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const json_t *el = json_array_get(arr, i);
        if (!json_is_object(el))
            continue;
        for (size_t k = 0; k < sec->nfields; k++) {
            const struct snap_field *f = &sec->fields[k];
            if (f->check != CK_REF)
                continue;
            const char *id = str(el, f->key);
            if (!id || snap_index_get(&v->ix[f->arg], id, NULL))
                continue;
            mm_problems_add(v->pr, elem_path(p, sizeof p, sec->path, i, f->key),
                            "%s「%s」は %s にありません", snap_targets[f->arg].noun,
                            clip(id, c1, sizeof c1), snap_targets[f->arg].where);
        }
    }
}

/* The element `id` refers to in target `tg`, or NULL. */
static const json_t *target_elem(const struct vctx *v, int tg, const char *id)
{
    size_t i;
    if (!id || !snap_index_get(&v->ix[tg], id, &i))
        return NULL;
    return json_array_get(v->arr[tg], i);
}

/* ---- rules of each list ------------------------------------------------------------- */

/* Index of the department that element i names as parent, or (size_t)-1. */
static size_t parent_index(const struct vctx *v, const json_t *depts, size_t i)
{
    size_t j;
    const char *pid = str(json_array_get(depts, i), "parent");
    if (!pid || !snap_index_get(&v->ix[TG_DEPARTMENT], pid, &j))
        return (size_t)-1;
    return j;
}

static void check_departments(struct vctx *v, const json_t *depts)
{
    const char *base = snap_sections[SEC_DEPARTMENTS].path;
    char p[PATH_MAX_LEN];
    size_t n = json_array_size(depts);
    for (size_t i = 0; i < n; i++) {
        const json_t *d = json_array_get(depts, i);
        const char *level = str(d, "level");
        if (!level || lookup_find(&v->lk[LK_LEVEL], level) < 0)
            continue;
        const json_t *parent = json_object_get(d, "parent");
        int has_parent = parent && !json_is_null(parent);
        if (strcmp(level, "bukyoku") == 0 && has_parent)
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "parent"),
                            "部局（bukyoku）は最上位の部署なので上位を指定しません（null にします）");
        else if (strcmp(level, "bukyoku") != 0 && !has_parent)
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "parent"),
                            "%s（%s）には上位の部署が必須です",
                            lookup_label(&v->lk[LK_LEVEL], level), level);
    }
    /* Cycles: walk up from each department, stamping the walk; meeting our own stamp
     * again means a loop. Each loop is reported once, at the department where it closes. */
    size_t *stamp = calloc(n ? n : 1, sizeof *stamp);
    if (!stamp)
        abort();
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j != (size_t)-1 && stamp[j] == 0) {
            stamp[j] = i + 1;
            j = parent_index(v, depts, j);
        }
        if (j == (size_t)-1 || stamp[j] != i + 1)
            continue;
        struct strbuf sb = STRBUF_INIT;
        size_t k = j, steps = 0;
        do {
            if (steps == 8) {
                strbuf_addstr(&sb, " → …");
                break;
            }
            if (steps)
                strbuf_addstr(&sb, " → ");
            strbuf_addstr(&sb, str(json_array_get(depts, k), "id"));
            k = parent_index(v, depts, k);
            steps++;
        } while (k != j);
        if (k == j)
            strbuf_addf(&sb, " → %s", str(json_array_get(depts, j), "id"));
        mm_problems_add(v->pr, elem_path(p, sizeof p, base, j, "parent"),
                        "上位の部署をたどると循環しています（%s）", sb.buf);
        strbuf_release(&sb);
    }
    free(stamp);
}

static void check_people(struct vctx *v, const json_t *people)
{
    const char *base = snap_sections[SEC_PEOPLE].path;
    char p[PATH_MAX_LEN];
    for (size_t i = 0; i < json_array_size(people); i++) {
        const json_t *e = json_array_get(people, i);
        const char *status = str(e, "status");
        if (!status || lookup_find(&v->lk[LK_PERSON_STATUS], status) < 0)
            continue;
        const char *label = lookup_label(&v->lk[LK_PERSON_STATUS], status);
        const char *left = str(e, "left_on"), *since = str(e, "status_since");
        const char *hired = str(e, "hired_on");
        const json_t *leftv = json_object_get(e, "left_on");
        int retired = strcmp(status, "retired") == 0;
        if (retired && (!leftv || json_is_null(leftv)))
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "left_on"),
                            "状態が retired（%s）のときは退職日が必須です", label);
        if (!retired && leftv && !json_is_null(leftv))
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "left_on"),
                            "退職日は状態が retired のときだけ書きます（いまの状態は %s（%s）なので "
                            "null にします）",
                            status, label);
        const json_t *sincev = json_object_get(e, "status_since");
        if (strcmp(status, "active") != 0 && (!sincev || json_is_null(sincev)))
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "status_since"),
                            "状態が %s（%s）のときは、その状態になった日が必須です", status, label);
        if (left && hired && snap_is_date(left) && snap_is_date(hired) && strcmp(left, hired) < 0)
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "left_on"),
                            "退職日 %s が採用日 %s より前です", left, hired);
        if (since && hired && snap_is_date(since) && snap_is_date(hired) &&
            strcmp(since, hired) < 0)
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "status_since"),
                            "状態の開始日 %s が採用日 %s より前です", since, hired);
    }
}

/* Whether role_scope allows `role` with `scope`; the allowed scopes go to sb. */
static int role_scope_allows(const struct vctx *v, const char *role, const char *scope,
                             struct strbuf *sb)
{
    int ok = 0;
    for (size_t i = 0; i < v->role_scope.n; i++) {
        if (strcmp(v->role_scope.code[i], role) != 0)
            continue;
        if (strcmp(v->role_scope.label[i], scope) == 0)
            ok = 1;
        strbuf_addstr(sb, sb->len ? ", " : "");
        strbuf_addstr(sb, v->role_scope.label[i]);
    }
    return ok;
}

static void check_roles(struct vctx *v, const json_t *roles)
{
    const char *base = snap_sections[SEC_ROLES].path;
    char p[PATH_MAX_LEN], c1[200];
    const struct lookup *levels = &v->lk[LK_LEVEL];
    for (size_t i = 0; i < json_array_size(roles); i++) {
        const json_t *e = json_array_get(roles, i);
        if (!json_is_object(e))
            continue;
        const char *role = str(e, "role"), *scope = str(e, "scope_type");
        const json_t *sidv = json_object_get(e, "scope_id");
        const char *sid = json_string_value(sidv);
        int role_ok = role && lookup_find(&v->lk[LK_ROLE], role) >= 0;
        int scope_ok = scope && lookup_find(&v->lk[LK_SCOPE_TYPE], scope) >= 0;
        if (role_ok && scope_ok) {
            struct strbuf sb = STRBUF_INIT;
            if (!role_scope_allows(v, role, scope, &sb))
                mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "scope_type"),
                                "役割 %s（%s）の範囲に %s は使えません（使える範囲: %s）", role,
                                lookup_label(&v->lk[LK_ROLE], role), scope,
                                sb.len ? sb.buf : "なし");
            strbuf_release(&sb);
        }
        if (scope_ok) {
            elem_path(p, sizeof p, base, i, "scope_id");
            int is_org = strcmp(scope, "organization") == 0;
            if (is_org && sidv && !json_is_null(sidv))
                mm_problems_add(v->pr, p, "範囲が organization（全庁）のときは null にします");
            else if (!is_org && (!sidv || json_is_null(sidv)))
                mm_problems_add(v->pr, p, "範囲が %s のときは対象の id が必須です", scope);
            else if (!is_org && sid) {
                if (strcmp(scope, "system") == 0) {
                    if (!target_elem(v, TG_SYSTEM, sid))
                        mm_problems_add(v->pr, p, "情報システム「%s」は systems にありません",
                                        clip(sid, c1, sizeof c1));
                } else {
                    const json_t *d = target_elem(v, TG_DEPARTMENT, sid);
                    const char *lv = d ? str(d, "level") : NULL;
                    int want_buk = strcmp(scope, "bukyoku") == 0;
                    if (!d)
                        mm_problems_add(v->pr, p, "部署「%s」は departments にありません",
                                        clip(sid, c1, sizeof c1));
                    else if (lv && want_buk && strcmp(lv, "bukyoku") != 0)
                        mm_problems_add(v->pr, p,
                                        "部署「%s」は部局ではありません（%s（%s））。範囲が bukyoku "
                                        "のときは部局の id を書きます",
                                        sid, lookup_label(levels, lv), lv);
                    else if (lv && !want_buk && strcmp(lv, "kashitsu") != 0 &&
                             strcmp(lv, "desaki") != 0)
                        mm_problems_add(v->pr, p,
                                        "部署「%s」は課室・出先機関ではありません（%s（%s））。範囲が "
                                        "%s のときは課室か出先機関の id を書きます",
                                        sid, lookup_label(levels, lv), lv, scope);
                }
            }
        }
        const char *from = str(e, "valid_from"), *to = str(e, "valid_to");
        if (from && to && snap_is_date(from) && snap_is_date(to) && strcmp(to, from) < 0)
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "valid_to"),
                            "終了日 %s が開始日 %s より前です", to, from);
    }
}

static void check_assets(struct vctx *v, const json_t *assets)
{
    const char *base = snap_sections[SEC_ASSETS].path;
    char p[PATH_MAX_LEN];
    for (size_t i = 0; i < json_array_size(assets); i++) {
        const json_t *e = json_array_get(assets, i);
        const char *medium = str(e, "medium");
        const json_t *sys = json_object_get(e, "system");
        if (medium && strcmp(medium, "electronic") == 0 && (!sys || json_is_null(sys)))
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "system"),
                            "媒体が electronic（%s）のときは保存先の情報システムが必須です",
                            lookup_label(&v->lk[LK_MEDIUM], "electronic"));
    }
}

static void check_accounts(struct vctx *v, const json_t *accounts)
{
    const char *base = snap_sections[SEC_ACCOUNTS].path;
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN], c1[200], c2[200];
    struct snap_index seen = {0};
    struct strbuf key = STRBUF_INIT;
    for (size_t i = 0; i < json_array_size(accounts); i++) {
        const json_t *e = json_array_get(accounts, i);
        const char *sys = str(e, "system"), *login = str(e, "login");
        if (!sys || !login)
            continue;
        strbuf_reset(&key);
        strbuf_addstr(&key, sys);
        strbuf_addch(&key, '\x1f'); /* cannot occur in an id */
        strbuf_addstr(&key, login);
        size_t first;
        if (!snap_index_put(&seen, key.buf, i, &first))
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "login"),
                            "ログイン ID「%s」は情報システム「%s」の中で重複しています（%s と同じ）",
                            clip(login, c1, sizeof c1), clip(sys, c2, sizeof c2),
                            elem_path(q, sizeof q, base, first, NULL));
    }
    strbuf_release(&key);
    snap_index_free(&seen);
}

/* The "%s「%s」は %s にありません" problem for a dangling reference. */
static void dangling(struct vctx *v, const char *path, int tg, const char *id)
{
    char c1[200];
    mm_problems_add(v->pr, path, "%s「%s」は %s にありません", snap_targets[tg].noun,
                    clip(id, c1, sizeof c1), snap_targets[tg].where);
}

/*
 * The lists nested in each element of `arr` (managed_areas[].permitted, devices[].software …):
 * arrays, element types and syntax, codes, references, and no value twice in one list (the
 * child tables' primary keys).
 */
static void check_nested(struct vctx *v, const json_t *arr, const struct snap_section *sec)
{
    /* each path extends the one before it, so each buffer is larger */
    char base[PATH_MAX_LEN], p[PATH_MAX_LEN + 32], q[PATH_MAX_LEN + 160], kp[PATH_MAX_LEN + 160];
    char c1[200];
    for (size_t i = 0; i < json_array_size(arr) && sec->nnested; i++) {
        const json_t *el = json_array_get(arr, i);
        if (!json_is_object(el))
            continue;
        for (size_t k = 0; k < sec->nnested; k++) {
            const struct snap_nested *nd = &sec->nested[k];
            const json_t *list = json_object_get(el, nd->key);
            elem_path(base, sizeof base, sec->path, i, nd->key);
            if (!list || json_is_null(list))
                continue; /* omitted: empty */
            if (!json_is_array(list)) {
                mm_problems_add(v->pr, base, "型が違います（配列が必要ですが%sです。空なら [] と書きます）",
                                json_kind(list));
                continue;
            }
            struct snap_index seen = {0};
            for (size_t j = 0; j < json_array_size(list); j++) {
                const json_t *e = json_array_get(list, j);
                const char *key;
                elem_path(p, sizeof p, base, j, NULL);
                if (nd->plain) {
                    if (!type_ok(nd->fields[0].type, e)) {
                        add_type_problem(v, p, type_name(nd->fields[0].type), e);
                        continue;
                    }
                    check_value(v, p, &nd->fields[0], e);
                    key = json_string_value(e);
                    if (key && nd->fields[0].check == CK_REF &&
                        !snap_index_get(&v->ix[nd->fields[0].arg], key, NULL))
                        dangling(v, p, nd->fields[0].arg, key);
                    snprintf(kp, sizeof kp, "%s", p);
                } else {
                    if (!check_object(v, e, p, nd->fields, nd->nfields, NULL))
                        continue;
                    for (size_t f = 0; f < nd->nfields; f++) {
                        const char *id = str(e, nd->fields[f].key);
                        if (nd->fields[f].check == CK_REF && id &&
                            !snap_index_get(&v->ix[nd->fields[f].arg], id, NULL))
                            dangling(v, key_path(q, sizeof q, p, nd->fields[f].key),
                                     nd->fields[f].arg, id);
                    }
                    key = str(e, nd->fields[0].key);
                    key_path(kp, sizeof kp, p, nd->fields[0].key);
                }
                size_t first;
                if (key && !snap_index_put(&seen, key, j, &first))
                    mm_problems_add(v->pr, kp, "%s に「%s」が重複しています（%s と同じ）", nd->noun,
                                    clip(key, c1, sizeof c1), elem_path(q, sizeof q, base, first, NULL));
            }
            snap_index_free(&seen);
        }
    }
}

/* organization.recommendations: each clause at most once. */
static void check_recommendations(struct vctx *v, const json_t *recs)
{
    const char *base = snap_org_lists[OL_RECOMMENDATIONS].path;
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN], c1[200];
    struct snap_index seen = {0};
    for (size_t i = 0; i < json_array_size(recs); i++) {
        const char *clause = str(json_array_get(recs, i), "clause");
        size_t first;
        if (clause && !snap_index_put(&seen, clause, i, &first))
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "clause"),
                            "条項「%s」が重複しています（%s と同じ）", clip(clause, c1, sizeof c1),
                            elem_path(q, sizeof q, base, first, NULL));
    }
    snap_index_free(&seen);
}

static int present(const json_t *obj, const char *key)
{
    const json_t *x = json_object_get(obj, key);
    return x && !json_is_null(x);
}

/* A connection goes to a segment of the organization or to an outside party, never both. */
static void check_connections(struct vctx *v, const json_t *conns)
{
    const char *base = snap_sections[SEC_CONNECTIONS].path;
    char p[PATH_MAX_LEN];
    for (size_t i = 0; i < json_array_size(conns); i++) {
        const json_t *e = json_array_get(conns, i);
        if (!json_is_object(e))
            continue;
        int dom = present(e, "to_domain"), ext = present(e, "to_external");
        if (dom && ext)
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "to_external"),
                            "接続先は to_domain（庁内のネットワークの区分）か to_external（外部の"
                            "接続先）のどちらか一方だけを書きます（両方が書かれています）");
        else if (!dom && !ext)
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "to_domain"),
                            "接続先が必須です（庁内のネットワークなら to_domain、外部なら "
                            "to_external のどちらか一方を書きます）");
    }
}

static void check_contracts(struct vctx *v, const json_t *contracts)
{
    const char *base = snap_sections[SEC_CONTRACTS].path;
    char p[PATH_MAX_LEN];
    for (size_t i = 0; i < json_array_size(contracts); i++) {
        const json_t *e = json_array_get(contracts, i);
        const char *from = str(e, "start_on"), *to = str(e, "end_on");
        if (from && to && snap_is_date(from) && snap_is_date(to) && strcmp(to, from) < 0)
            mm_problems_add(v->pr, elem_path(p, sizeof p, base, i, "end_on"),
                            "契約の終了日 %s が開始日 %s より前です", to, from);
    }
}

/* organization.parameters: known keys, string values of the right form. */
static void check_parameters(struct vctx *v, const json_t *params)
{
    const char *base = "$.organization.parameters";
    char p[PATH_MAX_LEN], k[100];
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)params, key, val) {
        key_path(p, sizeof p, base, key);
        const struct param_def *d = params_find(key);
        if (!d) {
            const struct param_def *defs;
            size_t n = 0;
            struct mm_err e;
            const char *best = NULL;
            int bestd = 9;
            if (params_list(&defs, &n, &e) == MM_OK)
                for (size_t i = 0; i < n; i++) {
                    int dd = distance(key, defs[i].key);
                    if (dd < bestd)
                        bestd = dd, best = defs[i].key;
                }
            if (best && bestd <= 3)
                mm_problems_add(v->pr, p,
                                "ローカルパラメータ「%s」は定義されていません（「%s」の書き間違いでは"
                                "ありませんか）",
                                snap_clip(key, k, sizeof k, 64), best);
            else
                mm_problems_add(v->pr, p,
                                "ローカルパラメータ「%s」は定義されていません（一覧は "
                                "data/params/parameters.tsv）",
                                snap_clip(key, k, sizeof k, 64));
            continue;
        }
        if (!json_is_string(val)) {
            mm_problems_add(v->pr, p,
                            "型が違います（文字列が必要ですが%sです）。値は %s でも \"\" で囲んで書きます",
                            json_kind(val), params_type_name(d->type));
            continue;
        }
        struct mm_err e;
        mm_err_clear(&e);
        if (params_check(d, json_string_value(val), &e))
            mm_problems_add(v->pr, p, "%s（%s）の値「%s」が正しくありません: %s", d->key, d->label,
                            clip(json_string_value(val), k, sizeof k), e.msg);
    }
}

static void check_organization(struct vctx *v, const json_t *org)
{
    static const char *const lists[] = {"bodies",          "excluded_networks", "network_inclusions",
                                        "recommendations", "parameters",        NULL};
    if (!check_object(v, org, "$.organization", snap_org_fields, snap_org_nfields, lists))
        return;
    for (size_t i = 0; i < OL_COUNT; i++) {
        const struct snap_section *sec = &snap_org_lists[i];
        const json_t *arr = need_array(v, org, sec->key, sec->path, sec->optional);
        if (!arr)
            continue;
        if (sec->defines >= 0) {
            v->arr[sec->defines] = (json_t *)arr;
            check_list(v, arr, sec, &v->ix[sec->defines]);
        } else {
            check_list(v, arr, sec, NULL);
        }
    }
    const json_t *params = json_object_get(org, "parameters");
    if (!params)
        mm_problems_add(v->pr, "$.organization.parameters",
                        "必須の項目がありません（設定しないなら {} と書きます）");
    else if (!json_is_object(params))
        mm_problems_add(v->pr, "$.organization.parameters",
                        "型が違います（オブジェクトが必要ですが%sです）", json_kind(params));
    else
        check_parameters(v, params);
}

/* format and version; returns MM_OK to go on, MM_EINPUT to stop, MM_EREFUSED for newer. */
static int check_header(struct vctx *v, const json_t *root, struct mm_err *err)
{
    char c1[200];
    const json_t *fmt = json_object_get(root, "format");
    const json_t *ver = json_object_get(root, "version");
    int bad = 0;
    if (!fmt) {
        mm_problems_add(v->pr, "$.format",
                        "必須の項目がありません（\"" SNAPSHOT_FORMAT "\" と書きます）。"
                        "mamori のスナップショットではないようです");
        bad = 1;
    } else if (!json_is_string(fmt)) {
        add_type_problem(v, "$.format", "文字列", fmt);
        bad = 1;
    } else if (strcmp(json_string_value(fmt), SNAPSHOT_FORMAT) != 0) {
        mm_problems_add(v->pr, "$.format",
                        "形式「%s」は mamori のスナップショットではありません（\"" SNAPSHOT_FORMAT
                        "\" のはずです）",
                        clip(json_string_value(fmt), c1, sizeof c1));
        bad = 1;
    }
    if (!ver) {
        mm_problems_add(v->pr, "$.version", "必須の項目がありません（形式の版、現在は %d）",
                        SNAPSHOT_VERSION);
        bad = 1;
    } else if (!json_is_integer(ver)) {
        add_type_problem(v, "$.version", "整数", ver);
        bad = 1;
    } else if (json_integer_value(ver) > SNAPSHOT_VERSION && !bad) {
        return mm_err_set(err, MM_EREFUSED,
                          "このスナップショットは第 %lld 版の形式で、この mamori が読めるのは第 %d "
                          "版までです。新しい版の mamori で読み込んでください",
                          (long long)json_integer_value(ver), SNAPSHOT_VERSION);
    } else if (json_integer_value(ver) < 1) {
        mm_problems_add(v->pr, "$.version", "版「%lld」はありません（現在は %d）",
                        (long long)json_integer_value(ver), SNAPSHOT_VERSION);
        bad = 1;
    }
    return bad ? MM_EINPUT : MM_OK;
}

static void vctx_free(struct vctx *v)
{
    for (size_t i = 0; i < LK_COUNT; i++)
        lookup_free(&v->lk[i]);
    lookup_free(&v->role_scope);
    lookup_free(&v->clauses);
    lookup_free(&v->recommended);
    for (size_t i = 0; i < TG_COUNT; i++)
        snap_index_free(&v->ix[i]);
}

int snapshot_validate(struct store *st, json_t *root, struct mm_problems *problems,
                      struct mm_err *err)
{
    struct vctx v;
    memset(&v, 0, sizeof v);
    v.pr = problems;
    size_t before = problems->len + problems->dropped;
    if (!json_is_object(root)) {
        mm_problems_add(problems, "$",
                        "スナップショットは JSON のオブジェクト（{ … }）です（%sではありません）",
                        json_kind(root));
        return MM_EINPUT;
    }
    int rc = check_header(&v, root, err);
    if (rc)
        return rc;

    for (size_t i = 0; i < LK_COUNT; i++) {
        rc = lookup_load(st, snap_lookups[i].sql, &v.lk[i], err);
        if (rc)
            goto done;
    }
    rc = lookup_load(st, "SELECT role, scope_type FROM role_scope ORDER BY role, scope_type",
                     &v.role_scope, err);
    if (!rc)
        rc = lookup_load(st, "SELECT id, MIN(title) FROM catalog_clause GROUP BY id", &v.clauses,
                         err);
    if (!rc)
        rc = lookup_load(st,
                         "SELECT id, MIN(title) FROM catalog_clause WHERE recommended = 1 "
                         "GROUP BY id",
                         &v.recommended, err);
    if (rc)
        goto done;

    static const char *const top[] = {"format", "version", "organization", NULL};
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        int known = 0;
        for (size_t i = 0; top[i] && !known; i++)
            known = strcmp(key, top[i]) == 0;
        for (size_t i = 0; i < SEC_COUNT && !known; i++)
            known = strcmp(key, snap_sections[i].key) == 0;
        if (!known) {
            char p[PATH_MAX_LEN], k[100];
            mm_problems_add(problems, key_path(p, sizeof p, "$", key),
                            "項目「%s」はこの形式にありません（docs/snapshot.md にある項目だけを書きます）",
                            snap_clip(key, k, sizeof k, 64));
        }
    }

    const json_t *org = json_object_get(root, "organization");
    if (!org)
        mm_problems_add(problems, "$.organization", "必須の項目がありません");
    else
        check_organization(&v, org);

    /* Pass 1: shape of every element, and the ids each list defines. */
    for (size_t i = 0; i < SEC_COUNT; i++) {
        const struct snap_section *sec = &snap_sections[i];
        const json_t *arr = need_array(&v, root, sec->key, sec->path, sec->optional);
        if (!arr)
            continue;
        v.sec[i] = (json_t *)arr;
        struct snap_index local = {0};
        struct snap_index *ix = sec->defines >= 0 ? &v.ix[sec->defines] : &local;
        if (sec->defines >= 0)
            v.arr[sec->defines] = (json_t *)arr;
        check_list(&v, arr, sec, ix);
        snap_index_free(&local);
    }

    /* Pass 2: references and the rules that span fields or elements. */
    for (size_t i = 0; i < OL_COUNT; i++) {
        const json_t *arr = org ? json_object_get(org, snap_org_lists[i].key) : NULL;
        if (json_is_array(arr))
            check_refs(&v, arr, &snap_org_lists[i]);
    }
    for (size_t i = 0; i < SEC_COUNT; i++)
        if (v.sec[i]) {
            check_refs(&v, v.sec[i], &snap_sections[i]);
            check_nested(&v, v.sec[i], &snap_sections[i]);
        }
    const json_t *recs = org ? json_object_get(org, "recommendations") : NULL;
    if (json_is_array(recs))
        check_recommendations(&v, recs);
    if (v.sec[SEC_DEPARTMENTS])
        check_departments(&v, v.sec[SEC_DEPARTMENTS]);
    if (v.sec[SEC_PEOPLE])
        check_people(&v, v.sec[SEC_PEOPLE]);
    if (v.sec[SEC_ROLES])
        check_roles(&v, v.sec[SEC_ROLES]);
    if (v.sec[SEC_ASSETS])
        check_assets(&v, v.sec[SEC_ASSETS]);
    if (v.sec[SEC_ACCOUNTS])
        check_accounts(&v, v.sec[SEC_ACCOUNTS]);
    if (v.sec[SEC_CONNECTIONS])
        check_connections(&v, v.sec[SEC_CONNECTIONS]);
    if (v.sec[SEC_CONTRACTS])
        check_contracts(&v, v.sec[SEC_CONTRACTS]);
    rc = problems->len + problems->dropped > before ? MM_EINPUT : MM_OK;
done:
    vctx_free(&v);
    return rc;
}

int snapshot_count_rows(struct store *st, long long *rows, struct mm_err *err)
{
    return store_query_int(st, snap_count_sql, rows, err);
}

int snapshot_refuse_nonempty(long long rows, struct mm_err *err)
{
    return mm_err_set(err, MM_EREFUSED,
                      "このデータベースにはすでに団体のデータがあります（%lld 行）。"
                      "置き換えるときは --replace を付けてください（いまのデータは消えます。"
                      "先に mamori export で保存しておくことを勧めます）",
                      rows);
}

int snapshot_check(struct store *st, json_t *root, int replace, struct mm_problems *problems,
                   struct mm_err *err)
{
    int rc = snapshot_validate(st, root, problems, err);
    if (rc)
        return rc;
    if (replace)
        return MM_OK;
    long long rows = 0;
    rc = snapshot_count_rows(st, &rows, err);
    if (rc)
        return rc;
    return rows ? snapshot_refuse_nonempty(rows, err) : MM_OK;
}
