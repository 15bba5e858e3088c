/*
 * snapshot_import.c — loads a validated snapshot: all or nothing, in one transaction, with
 * prepared INSERTs whose every value is bound. An organization already in the database is
 * refused unless the caller asked to replace it, in which case the old rows are deleted in
 * the same transaction. The change log records the import in that transaction too: one
 * `import` entry (`replace` when it removed data, with the counts removed) and a `create` per
 * loaded entity.
 */
#include <stdio.h>
#include <string.h>

#include "auditlog/auditlog.h"
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
        if (absent && (f->flags & SF_DEFAULT) && f->type == SNAP_TEXT)
            rc = store_bind_text(s, at, f->tdef);
        else if (absent)
            rc = (f->flags & SF_DEFAULT) ? store_bind_int(s, at, f->def) : store_bind_null(s, at);
        else if (f->type == SNAP_TEXT && !absent)
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

/* Inserts the nested lists of element `el` (path `path`) with the prepared statements `ns`. */
static int insert_nested(struct store_stmt **ns, const json_t *el, const struct snap_section *sec,
                         const char *path, struct mm_err *err)
{
    const char *id = json_string_value(json_object_get(el, sec->fields[0].key));
    char p[300];
    int rc = MM_OK;
    for (size_t k = 0; k < sec->nnested && rc == MM_OK; k++) {
        const struct snap_nested *nd = &sec->nested[k];
        const json_t *list = json_object_get(el, nd->key);
        for (size_t j = 0; j < json_array_size(list) && rc == MM_OK; j++) {
            const json_t *e = json_array_get(list, j);
            snprintf(p, sizeof p, "%s.%s[%zu]", path, nd->key, j);
            int idx = 2;
            rc = store_bind_text(ns[k], 1, id);
            if (rc == MM_OK && nd->plain)
                rc = store_bind_text(ns[k], 2, json_string_value(e));
            else if (rc == MM_OK)
                rc = bind_fields(ns[k], e, nd->fields, nd->nfields, &idx);
            if (rc != MM_OK)
                return mm_err_set(err, MM_EINTERNAL, "%s の値をデータベースに渡せません", p);
            rc = run(ns[k], p, err);
        }
    }
    return rc;
}

/*
 * Inserts every element of `arr` with sec->insert_sql (appending the position if positional),
 * and the lists nested in each.
 */
static int insert_list(struct store *st, const json_t *arr, const struct snap_section *sec,
                       const struct snapshot_progress *prog, struct mm_err *err)
{
    struct store_stmt *s, *ns[8] = {NULL};
    size_t nn = sec->nnested < 8 ? sec->nnested : 8;
    int rc = store_prepare(st, sec->insert_sql, &s, err);
    if (rc)
        return rc;
    for (size_t k = 0; k < nn && rc == MM_OK; k++)
        rc = store_prepare(st, sec->nested[k].insert_sql, &ns[k], err);
    size_t n = json_array_size(arr);
    char path[200];
    for (size_t i = 0; i < n && rc == MM_OK; i++) {
        snprintf(path, sizeof path, "%s[%zu]", sec->path, i);
        const json_t *el = json_array_get(arr, i);
        int idx = 1;
        rc = bind_fields(s, el, sec->fields, sec->nfields, &idx);
        if (rc == MM_OK && sec->positional)
            rc = store_bind_int(s, idx, (long long)i + 1);
        if (rc != MM_OK) {
            rc = mm_err_set(err, MM_EINTERNAL, "%s の値をデータベースに渡せません", path);
            break;
        }
        rc = run(s, path, err);
        if (rc == MM_OK)
            rc = insert_nested(ns, el, sec, path, err);
        progress(prog, sec->noun, i + 1, n);
    }
    for (size_t k = 0; k < nn; k++)
        if (ns[k])
            store_finalize(ns[k]);
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

/* ---- the change log ---------------------------------------------------------------- */

/* Appends one entry; on failure err names the entity. */
static int log_entry(struct store *st, const struct audit_actor *actor, const char *action,
                     const char *type, const char *id, json_t *before, json_t *after,
                     struct mm_err *err)
{
    int rc = auditlog_append(st, actor, action, type, id, before, after, err);
    if (rc) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        return mm_err_set(err, MM_EINTERNAL, "変更ログに %s %s%s%s を記録できません: %s", action,
                          type, id ? " " : "", id ? id : "", msg);
    }
    return MM_OK;
}

/*
 * One `create` entry per entity of `snap` (as snapshot_read returns it), with the entity as
 * `after`, in document order: the organization, then each array by id.
 */
static int log_creates(struct store *st, const struct audit_actor *actor, json_t *snap,
                       const struct snapshot_progress *prog, struct mm_err *err)
{
    int rc = log_entry(st, actor, "create", "organization", NULL, NULL,
                       json_object_get(snap, "organization"), err);
    for (size_t k = 0; k < SEC_COUNT && rc == MM_OK; k++) {
        const struct snap_section *sec = &snap_sections[k];
        json_t *arr = json_object_get(snap, sec->key);
        for (size_t i = 0; i < json_array_size(arr) && rc == MM_OK; i++) {
            json_t *el = json_array_get(arr, i);
            const char *id = json_string_value(json_object_get(el, sec->fields[0].key));
            rc = log_entry(st, actor, "create", sec->entity, id, NULL, el, err);
        }
        progress(prog, "変更ログ", k + 1, SEC_COUNT);
    }
    return rc;
}

/* {"organization": 1, "departments": n, …} for a snapshot as snapshot_read returns it. */
static json_t *entity_counts(json_t *snap)
{
    json_t *c = json_object();
    json_object_set_new(c, "organization", json_integer(json_object_get(snap, "organization") ? 1 : 0));
    for (size_t k = 0; k < SEC_COUNT; k++)
        json_object_set_new(c, snap_sections[k].key,
                            json_integer((json_int_t)json_array_size(
                                json_object_get(snap, snap_sections[k].key))));
    return c;
}

/* ---- import ----------------------------------------------------------------------- */

/*
 * Refuses (MM_EREFUSED, one problem per user) when a mamori user is linked to a person the
 * new data no longer has: the user would lose who they are. Runs inside the write transaction
 * after the load, before the commit.
 */
static int check_users_keep_people(struct store *st, struct mm_problems *problems,
                                   struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT u.login, u.person_id FROM app_user u WHERE NOT EXISTS "
                           "(SELECT 1 FROM person p WHERE p.id = u.person_id) ORDER BY u.login",
                           &s, err);
    if (rc)
        return rc;
    size_t n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        n++;
        mm_problems_add(problems, "$.people",
                        "mamori の利用者「%s」は職員等「%s」に結び付いていますが、"
                        "読み込むデータにその職員等がいません",
                        store_col_text(s, 0), store_col_text(s, 1));
    }
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    if (n)
        return mm_err_set(err, MM_EREFUSED,
                          "利用者が結び付いている職員等を消すことになるため、読み込みを取りやめました"
                          "（%zu 人）。その職員等はデータに残してください"
                          "（退職した人は status を retired にして残せます）",
                          n);
    return MM_OK;
}

int snapshot_import_by(struct store *st, const struct audit_actor *actor, json_t *root,
                       int replace, const struct snapshot_progress *prog,
                       struct mm_problems *problems, struct mm_err *err)
{
    progress(prog, "検証", 0, 1);
    int rc = snapshot_validate(st, root, problems, err);
    if (rc)
        return rc;
    progress(prog, "検証", 1, 1);

    json_t *old = NULL, *now = NULL;
    json_t *removed = NULL;
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
        /* What is about to go, counted as export shows it, for the `replace` entry. The
         * entities' values are in the log already, in the entries that created and changed
         * them (docs/changelog-format.md explains this choice). */
        rc = snapshot_read(st, NULL, 0, &old, err);
        if (rc)
            goto fail;
        removed = entity_counts(old);
        json_t *org = json_object_get(old, "organization");
        json_object_set(removed, "name", org ? json_object_get(org, "name") : json_null());
        json_decref(old);
        old = NULL;
        progress(prog, "いまのデータを削除", 0, 1);
        rc = delete_all(st, err);
        if (rc)
            goto fail;
    }
    json_t *created = entity_counts(root);
    json_t *org = json_object_get(root, "organization");
    json_object_set(created, "name", org ? json_object_get(org, "name") : json_null());
    rc = log_entry(st, actor, rows ? "replace" : "import", "snapshot", NULL, removed, created,
                   err);
    json_decref(created);
    if (rc)
        goto fail;
    rc = insert_organization(st, json_object_get(root, "organization"), prog, err);
    for (size_t i = 0; i < SEC_COUNT && rc == MM_OK; i++)
        rc = insert_list(st, json_object_get(root, snap_sections[i].key), &snap_sections[i], prog,
                         err);
    if (rc)
        goto fail;
    /* The create entries carry what was stored, read back as export would write it. */
    rc = snapshot_read(st, NULL, 1, &now, err);
    if (rc == MM_OK)
        rc = log_creates(st, actor, now, prog, err);
    if (rc)
        goto fail;
    /* Sign-in users belong to people; a replacement must keep every such person. */
    rc = check_users_keep_people(st, problems, err);
    if (rc)
        goto fail;
    progress(prog, "確定", 0, 1);
    rc = store_commit(st, err);
    if (rc)
        goto fail;
    progress(prog, "確定", 1, 1);
    /* Fresh statistics let the planner pick the right index for the compliance rules; the
     * import has already committed, so a failure here only costs speed. */
    struct mm_err ignored;
    store_exec(st, "ANALYZE", &ignored);
    json_decref(removed);
    json_decref(now);
    return MM_OK;
fail:
    store_rollback(st);
    json_decref(old);
    json_decref(removed);
    json_decref(now);
    return rc;
}

int snapshot_import(struct store *st, json_t *root, int replace,
                    const struct snapshot_progress *prog, struct mm_problems *problems,
                    struct mm_err *err)
{
    struct audit_actor actor;
    char buf[128];
    audit_actor_cli(&actor, buf, sizeof buf);
    return snapshot_import_by(st, &actor, root, replace, prog, problems, err);
}
