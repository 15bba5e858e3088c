/*
 * snapshot_export.c — reads the organization and its registers, in one read transaction, into
 * the snapshot JSON of docs/snapshot.md: every field present in the documented order (null
 * where absent), top-level arrays sorted by id (byte order, whatever the backend's collation),
 * the lists nested in their elements sorted too, organization lists in their recorded order
 * (recommendations by clause). Also the serialisation `mamori export` writes.
 */
#include <stdlib.h>
#include <string.h>

#include "io/snapshot.h"
#include "io/snapshot_fields.h"

struct keyed {
    const char *key; /* points into `val` (the id) or into the pair below */
    json_t *val;
};

static int cmp_keyed(const void *a, const void *b)
{
    return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

/* The JSON value of column `col` for field `f` (new reference), or NULL with err set. */
static json_t *column_value(struct store_stmt *s, int col, const struct snap_field *f,
                            const char *noun, struct mm_err *err)
{
    if (store_col_is_null(s, col)) {
        if (f->flags & SF_DEFAULT) {
            if (f->type == SNAP_TEXT)
                return json_string(f->tdef ? f->tdef : "");
            return f->type == SNAP_BOOL ? json_boolean(f->def) : json_integer(f->def);
        }
        return json_null();
    }
    json_t *v = NULL;
    switch (f->type) {
    case SNAP_TEXT:
        v = json_string(store_col_text(s, col));
        if (!v) {
            const char *id = store_col_text(s, 0);
            char clip[80];
            mm_err_set(err, MM_EINTERNAL,
                       "データベースの %s「%s」の %s が UTF-8 として不正なため書き出せません",
                       noun, id && snap_utf8_valid(id, strlen(id)) ? snap_clip(id, clip, sizeof clip, 64) : "?",
                       f->key);
            return NULL;
        }
        return v;
    case SNAP_INT:
        v = json_integer(store_col_int(s, col));
        break;
    case SNAP_BOOL:
        v = json_boolean(store_col_int(s, col) != 0);
        break;
    }
    if (!v)
        mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    return v;
}

/*
 * Columns first_col … of the current row as an object with `fields` in order (new
 * reference), or NULL with err set.
 */
static json_t *row_object(struct store_stmt *s, const struct snap_field *fields, size_t nfields,
                          int first_col, const char *noun, struct mm_err *err)
{
    json_t *obj = json_object();
    if (!obj) {
        mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
        return NULL;
    }
    for (size_t i = 0; i < nfields; i++) {
        json_t *v = column_value(s, first_col + (int)i, &fields[i], noun, err);
        if (!v || json_object_set_new(obj, fields[i].key, v)) {
            if (v)
                mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

/* The sort key of a nested list's element: the value itself, or its first field. */
static const char *nested_key(const json_t *el, const struct snap_nested *nd)
{
    const json_t *k = nd->plain ? el : json_object_get(el, nd->fields[0].key);
    return json_is_string(k) ? json_string_value(k) : "";
}

/* Sorts a nested list by its key (byte order), unless it already is. */
static int sort_nested(json_t *arr, const struct snap_nested *nd, struct mm_err *err)
{
    size_t n = json_array_size(arr), i;
    for (i = 1; i < n; i++)
        if (strcmp(nested_key(json_array_get(arr, i - 1), nd),
                   nested_key(json_array_get(arr, i), nd)) > 0)
            break;
    if (i >= n)
        return MM_OK;
    struct keyed *k = malloc(n * sizeof *k);
    if (!k)
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    for (i = 0; i < n; i++) {
        k[i].val = json_incref(json_array_get(arr, i));
        k[i].key = nested_key(k[i].val, nd);
    }
    qsort(k, n, sizeof *k, cmp_keyed);
    json_array_clear(arr);
    for (i = 0; i < n; i++)
        json_array_append_new(arr, k[i].val);
    free(k);
    return MM_OK;
}

/*
 * Fills the nested lists (managed_areas[].permitted …) of rows[0..n) — objects of `sec`
 * already holding an empty array under each nested key — from their child tables, sorted.
 */
static int read_nested(struct store *st, const struct snap_section *sec, struct keyed *rows,
                       size_t n, struct mm_err *err)
{
    if (!sec->nnested || !n)
        return MM_OK;
    struct snap_index ix = {0};
    for (size_t i = 0; i < n; i++)
        snap_index_put(&ix, rows[i].key, i, NULL);
    int rc = MM_OK;
    for (size_t k = 0; k < sec->nnested && rc == MM_OK; k++) {
        const struct snap_nested *nd = &sec->nested[k];
        struct store_stmt *s;
        rc = store_prepare(st, nd->select_sql, &s, err);
        if (rc)
            break;
        for (;;) {
            int step = store_step(s, err);
            if (step == STORE_DONE)
                break;
            if (step != STORE_ROW) {
                rc = step;
                break;
            }
            size_t at;
            const char *parent = store_col_text(s, 0);
            if (!parent || !snap_index_get(&ix, parent, &at))
                continue; /* cannot happen: foreign keys hold at every commit */
            json_t *v = nd->plain ? column_value(s, 1, &nd->fields[0], sec->noun, err)
                                  : row_object(s, nd->fields, nd->nfields, 1, sec->noun, err);
            if (!v) {
                rc = err->code ? err->code : MM_EINTERNAL;
                break;
            }
            json_array_append_new(json_object_get(rows[at].val, nd->key), v);
        }
        store_finalize(s);
        for (size_t i = 0; i < n && rc == MM_OK; i++)
            rc = sort_nested(json_object_get(rows[i].val, nd->key), nd, err);
    }
    snap_index_free(&ix);
    return rc;
}

/*
 * Reads every row of `sec` into a new array (*out): sorted by id, or in the SQL's order for
 * positional lists, each element with its nested lists.
 */
static int read_section(struct store *st, const struct snap_section *sec,
                        const struct snapshot_progress *prog, json_t **out, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sec->select_sql, &s, err);
    if (rc)
        return rc;
    struct keyed *rows = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        rc = store_step(s, err);
        if (rc == STORE_DONE)
            break;
        if (rc != STORE_ROW)
            goto fail;
        json_t *obj = row_object(s, sec->fields, sec->nfields, 0, sec->noun, err);
        if (!obj) {
            rc = err->code ? err->code : MM_EINTERNAL;
            goto fail;
        }
        for (size_t k = 0; k < sec->nnested; k++)
            json_object_set_new(obj, sec->nested[k].key, json_array());
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            struct keyed *nr = realloc(rows, ncap * sizeof *nr);
            if (!nr) {
                json_decref(obj);
                rc = mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
                goto fail;
            }
            rows = nr;
            cap = ncap;
        }
        json_t *idv = json_object_get(obj, sec->fields[0].key);
        rows[n].key = json_is_string(idv) ? json_string_value(idv) : "";
        rows[n].val = obj;
        n++;
        if (prog && prog->fn)
            prog->fn(prog->ctx, sec->noun, n, 0);
    }
    store_finalize(s);
    s = NULL;
    if (!sec->positional && n > 1)
        qsort(rows, n, sizeof *rows, cmp_keyed);
    rc = read_nested(st, sec, rows, n, err);
    if (rc)
        goto fail;
    json_t *arr = json_array();
    if (!arr) {
        rc = mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, rows[i].val);
        rows[i].val = NULL;
    }
    free(rows);
    *out = arr;
    return MM_OK;
fail:
    if (s)
        store_finalize(s);
    for (size_t i = 0; i < n; i++)
        json_decref(rows[i].val);
    free(rows);
    return rc;
}

/* organization.parameters: key → value, keys in byte order. */
static int read_parameters(struct store *st, json_t **out, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, "SELECT key, value FROM org_parameter", &s, err);
    if (rc)
        return rc;
    json_t *pairs = json_object(); /* key → value, used only to own the strings */
    struct keyed *rows = NULL;
    size_t n = 0, cap = 0;
    json_t *obj = NULL;
    if (!pairs) {
        rc = mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
        goto done;
    }
    for (;;) {
        rc = store_step(s, err);
        if (rc == STORE_DONE)
            break;
        if (rc != STORE_ROW)
            goto done;
        const char *k = store_col_text(s, 0), *v = store_col_text(s, 1);
        json_t *jv = json_string(v ? v : "");
        if (!k || !jv || json_object_set_new(pairs, k, jv)) {
            rc = mm_err_set(err, MM_EINTERNAL,
                            "データベースのローカルパラメータが UTF-8 として不正なため書き出せません");
            goto done;
        }
    }
    const char *k;
    json_t *v;
    json_object_foreach(pairs, k, v) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct keyed *nr = realloc(rows, ncap * sizeof *nr);
            if (!nr) {
                rc = mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
                goto done;
            }
            rows = nr;
            cap = ncap;
        }
        rows[n].key = k;
        rows[n].val = v;
        n++;
    }
    if (n > 1)
        qsort(rows, n, sizeof *rows, cmp_keyed);
    obj = json_object();
    if (!obj) {
        rc = mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        json_object_set(obj, rows[i].key, rows[i].val);
    *out = obj;
    obj = NULL;
    rc = MM_OK;
done:
    store_finalize(s);
    free(rows);
    json_decref(pairs);
    json_decref(obj);
    return rc;
}

/* The organization object, or MM_EREFUSED when the database holds none. */
static int read_organization(struct store *st, const struct snapshot_progress *prog,
                             json_t **out, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, snap_org_select_sql, &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_DONE) {
        store_finalize(s);
        return mm_err_set(err, MM_EREFUSED,
                          "データベースに団体のデータがありません（mamori import でスナップショットを"
                          "読み込むか、mamori init --demo でデモ団体を作成してください）");
    }
    if (rc != STORE_ROW) {
        store_finalize(s);
        return rc;
    }
    json_t *obj = row_object(s, snap_org_fields, snap_org_nfields, 0, "組織プロファイル", err);
    store_finalize(s);
    if (!obj)
        return err->code ? err->code : MM_EINTERNAL;
    for (size_t i = 0; i < OL_COUNT; i++) {
        json_t *arr = NULL;
        rc = read_section(st, &snap_org_lists[i], prog, &arr, err);
        if (rc) {
            json_decref(obj);
            return rc;
        }
        json_object_set_new(obj, snap_org_lists[i].key, arr);
    }
    json_t *params = NULL;
    rc = read_parameters(st, &params, err);
    if (rc) {
        json_decref(obj);
        return rc;
    }
    json_object_set_new(obj, "parameters", params);
    *out = obj;
    return MM_OK;
}

int snapshot_read(struct store *st, const struct snapshot_progress *prog, int need_org,
                  json_t **out, struct mm_err *err)
{
    *out = NULL;
    json_t *root = json_object();
    if (!root)
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    json_object_set_new(root, "format", json_string(SNAPSHOT_FORMAT));
    json_object_set_new(root, "version", json_integer(SNAPSHOT_VERSION));
    json_t *org = NULL;
    int rc = read_organization(st, prog, &org, err);
    if (rc == MM_EREFUSED && !need_org)
        rc = MM_OK; /* registers left without their organization row: read them alone */
    else if (rc == MM_OK)
        json_object_set_new(root, "organization", org);
    if (rc)
        goto fail;
    for (size_t i = 0; i < SEC_COUNT; i++) {
        json_t *arr = NULL;
        rc = read_section(st, &snap_sections[i], prog, &arr, err);
        if (rc)
            goto fail;
        json_object_set_new(root, snap_sections[i].key, arr);
    }
    *out = root;
    return MM_OK;
fail:
    json_decref(root);
    return rc;
}

int snapshot_export(struct store *st, const struct snapshot_progress *prog, json_t **out,
                    struct mm_err *err)
{
    *out = NULL;
    int rc = store_begin_read(st, err);
    if (rc)
        return rc;
    rc = snapshot_read(st, prog, 1, out, err);
    store_rollback(st); /* ends the read transaction; nothing was written */
    return rc;
}

int snapshot_dump(json_t *root, char **text, struct mm_err *err)
{
    *text = NULL;
    char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!s)
        return mm_err_set(err, MM_EINTERNAL, "スナップショットを JSON に変換できません");
    size_t len = strlen(s);
    char *t = realloc(s, len + 2);
    if (!t) {
        free(s);
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    }
    t[len] = '\n';
    t[len + 1] = '\0';
    *text = t;
    return MM_OK;
}
