/*
 * snapshot_import.c — loads a validated snapshot: all or nothing, in one transaction, with
 * prepared INSERTs whose every value is bound. An organization already in the database is
 * refused unless the caller asked to replace it, in which case the old rows are deleted in
 * the same transaction.
 */
#include <stdio.h>
#include <string.h>

#include "io/snapshot.h"
#include "io/snapshot_fields.h"
#include "io/snapshot_validate.h"

static void progress(const struct snapshot_progress *prog, const char *stage, size_t done,
                     size_t total)
{
    if (prog && prog->fn)
        prog->fn(prog->ctx, stage, done, total);
}

/* Binds obj's fields, in table order, from placeholder *idx on. */
static int bind_fields(struct store_stmt *s, const json_t *obj, const struct snap_field *fields,
                       size_t n, int *idx)
{
    int rc = MM_OK;
    for (size_t i = 0; i < n && rc == MM_OK; i++) {
        const struct snap_field *f = &fields[i];
        const json_t *v = json_object_get(obj, f->key);
        int absent = !v || json_is_null(v);
        if (f->check == CK_SCOPE) {
            /* scope_id goes to scope_department_id or scope_system_id by scope_type. */
            const char *type = json_string_value(json_object_get(obj, "scope_type"));
            int is_system = type && strcmp(type, "system") == 0;
            const char *id = absent ? NULL : json_string_value(v);
            rc = store_bind_text(s, (*idx)++, is_system ? NULL : id);
            if (rc == MM_OK)
                rc = store_bind_text(s, (*idx)++, is_system ? id : NULL);
            continue;
        }
        int at = (*idx)++;
        if (absent)
            rc = (f->flags & SF_DEFAULT) ? store_bind_int(s, at, f->def) : store_bind_null(s, at);
        else if (f->type == SNAP_TEXT)
            rc = store_bind_text(s, at, json_string_value(v));
        else if (f->type == SNAP_INT)
            rc = store_bind_int(s, at, json_integer_value(v));
        else
            rc = store_bind_int(s, at, json_is_true(v) ? 1 : 0);
    }
    return rc;
}

/* Runs a statement bound by the caller to completion, then resets it for the next row. */
static int run(struct store_stmt *s, const char *path, struct mm_err *err)
{
    int rc = store_step(s, err);
    store_reset(s);
    if (rc == STORE_DONE)
        return MM_OK;
    if (rc == STORE_ROW)
        return mm_err_set(err, MM_EINTERNAL, "%s を書き込めません: 予期しない結果です", path);
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    return mm_err_set(err, MM_EINTERNAL, "%s を書き込めません: %s", path, msg);
}

/* Inserts every element of `arr` with sec->insert_sql (appending the position if positional). */
static int insert_list(struct store *st, const json_t *arr, const struct snap_section *sec,
                       const struct snapshot_progress *prog, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sec->insert_sql, &s, err);
    if (rc)
        return rc;
    size_t n = json_array_size(arr);
    char path[200];
    for (size_t i = 0; i < n && rc == MM_OK; i++) {
        snprintf(path, sizeof path, "%s[%zu]", sec->path, i);
        int idx = 1;
        rc = bind_fields(s, json_array_get(arr, i), sec->fields, sec->nfields, &idx);
        if (rc == MM_OK && sec->positional)
            rc = store_bind_int(s, idx, (long long)i + 1);
        if (rc != MM_OK) {
            rc = mm_err_set(err, MM_EINTERNAL, "%s の値をデータベースに渡せません", path);
            break;
        }
        rc = run(s, path, err);
        progress(prog, sec->noun, i + 1, n);
    }
    store_finalize(s);
    return rc;
}

static int insert_organization(struct store *st, const json_t *org,
                               const struct snapshot_progress *prog, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, snap_org_insert_sql, &s, err);
    if (rc)
        return rc;
    int idx = 1;
    rc = bind_fields(s, org, snap_org_fields, snap_org_nfields, &idx);
    if (rc != MM_OK)
        rc = mm_err_set(err, MM_EINTERNAL, "$.organization の値をデータベースに渡せません");
    else
        rc = run(s, "$.organization", err);
    store_finalize(s);
    for (size_t i = 0; i < OL_COUNT && rc == MM_OK; i++)
        rc = insert_list(st, json_object_get(org, snap_org_lists[i].key), &snap_org_lists[i],
                         prog, err);
    if (rc)
        return rc;

    rc = store_prepare(st, "INSERT INTO org_parameter (key, value) VALUES (?, ?)", &s, err);
    if (rc)
        return rc;
    const char *key;
    json_t *val;
    char path[200];
    json_object_foreach((json_t *)json_object_get(org, "parameters"), key, val) {
        snprintf(path, sizeof path, "$.organization.parameters.%s", key);
        if (store_bind_text(s, 1, key) || store_bind_text(s, 2, json_string_value(val))) {
            rc = mm_err_set(err, MM_EINTERNAL, "%s の値をデータベースに渡せません", path);
            break;
        }
        rc = run(s, path, err);
        if (rc)
            break;
    }
    store_finalize(s);
    return rc;
}

static int delete_all(struct store *st, struct mm_err *err)
{
    for (size_t i = 0; snap_delete_sql[i]; i++) {
        int rc = store_exec(st, snap_delete_sql[i], err);
        if (rc) {
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            return mm_err_set(err, rc,
                              "いまのデータを消せません（ほかの記録がまだ参照しています）: %s", msg);
        }
    }
    return MM_OK;
}

int snapshot_import(struct store *st, json_t *root, int replace,
                    const struct snapshot_progress *prog, struct mm_problems *problems,
                    struct mm_err *err)
{
    progress(prog, "検証", 0, 1);
    int rc = snapshot_validate(st, root, problems, err);
    if (rc)
        return rc;
    progress(prog, "検証", 1, 1);

    rc = store_begin(st, err);
    if (rc)
        return rc;
    /* Counted inside the write transaction, so no other writer can slip in between. */
    long long rows = 0;
    rc = snapshot_count_rows(st, &rows, err);
    if (rc)
        goto fail;
    if (rows && !replace) {
        rc = snapshot_refuse_nonempty(rows, err);
        goto fail;
    }
    if (rows) {
        progress(prog, "いまのデータを削除", 0, 1);
        rc = delete_all(st, err);
        if (rc)
            goto fail;
    }
    rc = insert_organization(st, json_object_get(root, "organization"), prog, err);
    for (size_t i = 0; i < SEC_COUNT && rc == MM_OK; i++)
        rc = insert_list(st, json_object_get(root, snap_sections[i].key), &snap_sections[i], prog,
                         err);
    if (rc)
        goto fail;
    progress(prog, "確定", 0, 1);
    rc = store_commit(st, err);
    if (rc)
        goto fail;
    progress(prog, "確定", 1, 1);
    return MM_OK;
fail:
    store_rollback(st);
    return rc;
}
