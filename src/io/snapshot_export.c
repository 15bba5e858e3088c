/*
 * snapshot_export.c — reads the organization and its registers, in one read transaction, into
 * the snapshot JSON of docs/snapshot.md: every field present in the documented order (null
 * where absent), top-level arrays sorted by id (byte order, whatever the backend's collation),
 * organization lists in their recorded order. Also the serialisation `mamori export` writes.
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
                            const struct snap_section *sec, struct mm_err *err)
{
    if (store_col_is_null(s, col)) {
        if (f->flags & SF_DEFAULT)
            return f->type == SNAP_BOOL ? json_boolean(f->def) : json_integer(f->def);
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
                       sec->noun, id && snap_utf8_valid(id, strlen(id)) ? snap_clip(id, clip, sizeof clip, 64) : "?",
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

/* One row of `sec` as an object with its fields in order (new reference), or NULL. */
static json_t *row_object(struct store_stmt *s, const struct snap_section *sec, struct mm_err *err)
{
    json_t *obj = json_object();
    if (!obj) {
        mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
        return NULL;
    }
    for (size_t i = 0; i < sec->nfields; i++) {
        json_t *v = column_value(s, (int)i, &sec->fields[i], sec, err);
        if (!v || json_object_set_new(obj, sec->fields[i].key, v)) {
            if (v)
                mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

/*
 * Reads every row of `sec` into a new array (*out): sorted by id, or in the SQL's order for
 * positional lists.
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
        json_t *obj = row_object(s, sec, err);
        if (!obj) {
            rc = err->code ? err->code : MM_EINTERNAL;
            goto fail;
        }
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
    static const struct snap_section org = {"organization", "$.organization", "組織プロファイル",
                                            NULL, 0, 1, -1, NULL, NULL};
    struct snap_section sec = org;
    sec.fields = snap_org_fields;
    sec.nfields = snap_org_nfields;
    json_t *obj = row_object(s, &sec, err);
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

int snapshot_export(struct store *st, const struct snapshot_progress *prog, json_t **out,
                    struct mm_err *err)
{
    *out = NULL;
    int rc = store_begin_read(st, err);
    if (rc)
        return rc;
    json_t *root = json_object();
    if (!root) {
        store_rollback(st);
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    }
    json_object_set_new(root, "format", json_string(SNAPSHOT_FORMAT));
    json_object_set_new(root, "version", json_integer(SNAPSHOT_VERSION));
    json_t *org = NULL;
    rc = read_organization(st, prog, &org, err);
    if (rc)
        goto fail;
    json_object_set_new(root, "organization", org);
    for (size_t i = 0; i < SEC_COUNT; i++) {
        json_t *arr = NULL;
        rc = read_section(st, &snap_sections[i], prog, &arr, err);
        if (rc)
            goto fail;
        json_object_set_new(root, snap_sections[i].key, arr);
    }
    store_rollback(st); /* ends the read transaction; nothing was written */
    *out = root;
    return MM_OK;
fail:
    store_rollback(st);
    json_decref(root);
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
