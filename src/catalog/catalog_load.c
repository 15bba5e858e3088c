/*
 * catalog_load.c — puts the catalog revisions compiled into the binary (data/catalog/<rev>/)
 * into the database: each revision once, in one transaction, with prepared statements.
 */
#include "catalog/catalog.h"

#include <stdio.h>
#include <string.h>

#include "util/embedded.h"

#define CATALOG_PREFIX "data/catalog/"
#define CLAUSES_NAME "/clauses.tsv"

/* Runs a prepared statement to completion; returns MM_OK or the error. */
static int step_done(struct store_stmt *s, struct mm_err *err)
{
    int rc = store_step(s, err);
    store_reset(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

int catalog_store(struct store *st, const struct catalog_data *cat, struct mm_err *err)
{
    struct store_stmt *rev = NULL, *role = NULL, *cl = NULL, *mk = NULL;
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_prepare(st, "INSERT INTO catalog_revision (code, title, published) VALUES (?, ?, ?)",
                       &rev, err);
    if (!rc)
        rc = store_prepare(st,
                           "INSERT INTO catalog_role (code, label, short_label, role, sort) "
                           "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS "
                           "(SELECT 1 FROM catalog_role WHERE code = ?)",
                           &role, err);
    if (!rc)
        rc = store_prepare(st,
                           "INSERT INTO catalog_clause (revision, id, parent_id, section, title, "
                           "recommended, status, source_line, sort) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           &cl, err);
    if (!rc)
        rc = store_prepare(st,
                           "INSERT INTO catalog_mark (revision, clause_id, role, mark) "
                           "VALUES (?, ?, ?, ?)",
                           &mk, err);
    if (!rc) {
        store_bind_text(rev, 1, cat->code);
        store_bind_text(rev, 2, cat->title);
        store_bind_text(rev, 3, cat->published);
        rc = step_done(rev, err);
    }
    for (size_t i = 0; !rc && i < cat->nroles; i++) {
        const struct catalog_role_row *r = &cat->roles[i];
        store_bind_text(role, 1, r->code);
        store_bind_text(role, 2, r->label);
        store_bind_text(role, 3, r->short_label);
        store_bind_text(role, 4, r->role);
        store_bind_int(role, 5, (long long)i + 1);
        store_bind_text(role, 6, r->code);
        rc = step_done(role, err);
    }
    for (size_t i = 0; !rc && i < cat->nclauses; i++) {
        const struct catalog_clause_row *c = &cat->clauses[i];
        store_bind_text(cl, 1, cat->code);
        store_bind_text(cl, 2, c->id);
        store_bind_text(cl, 3, *c->parent ? c->parent : NULL);
        store_bind_text(cl, 4, c->section);
        store_bind_text(cl, 5, c->title);
        store_bind_int(cl, 6, c->recommended);
        store_bind_text(cl, 7, c->status);
        store_bind_int(cl, 8, c->source_line);
        store_bind_int(cl, 9, (long long)i + 1);
        rc = step_done(cl, err);
        for (size_t j = 0; !rc && j < cat->nroles; j++) {
            if (!*c->marks[j])
                continue;
            store_bind_text(mk, 1, cat->code);
            store_bind_text(mk, 2, c->id);
            store_bind_text(mk, 3, cat->roles[j].code);
            store_bind_text(mk, 4, c->marks[j]);
            rc = step_done(mk, err);
        }
    }
    store_finalize(rev);
    store_finalize(role);
    store_finalize(cl);
    store_finalize(mk);
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        char prev[sizeof err->msg];
        memcpy(prev, err->msg, sizeof prev);
        return mm_err_set(err, rc == MM_EINPUT ? MM_EINPUT : MM_EINTERNAL,
                          "条項集 %s を読み込めません: %s", cat->code, prev);
    }
    return MM_OK;
}

/* Reads one embedded file of a revision directory, or fails naming it. */
static int embedded_text(const char *dir, const char *leaf, const char **text, char *name,
                         size_t namesz, struct mm_err *err)
{
    int n = snprintf(name, namesz, "%s/%s", dir, leaf);
    if (n < 0 || (size_t)n >= namesz)
        return mm_err_set(err, MM_EINTERNAL, "条項集のファイル名が長すぎます: %s", dir);
    const struct embedded_file *f = embedded_find(name);
    if (!f)
        return mm_err_set(err, MM_EINTERNAL, "%s がこの mamori に含まれていません", name);
    *text = f->data;
    return MM_OK;
}

/* Parses and stores the revision in directory `dir` (e.g. "data/catalog/r7-03"). */
static int load_dir(struct store *st, const char *dir, const char *code, struct mm_err *err)
{
    long long have = 0;
    struct store_stmt *s;
    int rc = store_prepare(st, "SELECT COUNT(*) FROM catalog_revision WHERE code = ?", &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        have = store_col_int(s, 0);
        rc = MM_OK;
    }
    store_finalize(s);
    if (rc || have)
        return rc;

    struct catalog_data cat = {0};
    char name[256];
    const char *text = NULL;
    rc = embedded_text(dir, "revision.tsv", &text, name, sizeof name, err);
    if (!rc)
        rc = catalog_parse_revision(&cat, name, text, err);
    if (!rc && strcmp(cat.code, code))
        rc = mm_err_set(err, MM_EINPUT, "%s: 版の code「%s」がディレクトリ名「%s」と違います",
                        name, cat.code, code);
    if (!rc)
        rc = embedded_text(dir, "roles.tsv", &text, name, sizeof name, err);
    if (!rc)
        rc = catalog_parse_roles(&cat, name, text, err);
    if (!rc)
        rc = embedded_text(dir, "clauses.tsv", &text, name, sizeof name, err);
    if (!rc)
        rc = catalog_parse_clauses(&cat, name, text, err);
    if (!rc)
        rc = catalog_store(st, &cat, err);
    catalog_data_free(&cat);
    return rc;
}

int catalog_load_embedded(struct store *st, struct mm_err *err)
{
    size_t pl = strlen(CATALOG_PREFIX), sl = strlen(CLAUSES_NAME);
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        size_t n = strlen(f->name);
        if (strncmp(f->name, CATALOG_PREFIX, pl) || n <= pl + sl ||
            strcmp(f->name + n - sl, CLAUSES_NAME))
            continue;
        char dir[256], code[64];
        size_t dl = n - sl, cl = dl - pl;
        if (dl >= sizeof dir || cl >= sizeof code || memchr(f->name + pl, '/', cl))
            continue;
        memcpy(dir, f->name, dl);
        dir[dl] = '\0';
        memcpy(code, f->name + pl, cl);
        code[cl] = '\0';
        int rc = load_dir(st, dir, code, err);
        if (rc)
            return rc;
    }
    return MM_OK;
}

int catalog_current_revision(struct store *st, char *out, size_t outsz, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, "SELECT MAX(code) FROM catalog_revision", &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    const char *v = rc == STORE_ROW ? store_col_text(s, 0) : NULL;
    if (rc == STORE_ROW && v) {
        snprintf(out, outsz, "%s", v);
        rc = MM_OK;
    } else if (rc == STORE_ROW || rc == STORE_DONE) {
        rc = mm_err_set(err, MM_EREFUSED, "データベースに条項集がありません");
    }
    store_finalize(s);
    return rc;
}
