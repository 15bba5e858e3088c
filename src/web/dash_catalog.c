/*
 * dash_catalog.c — the catalog of 対策基準 clauses for the web pages and the API: the list of
 * clauses of the current revision, and one clause with its role marks, its children, how it is
 * covered (rules, with the number of current findings the user may read) and, for a 推奨事項,
 * whether the organization adopted it. Results are JSON (dash.h style) so that the page and
 * the API share them.
 */
#include <stdio.h>
#include <string.h>

#include "web/dash.h"
#include "web/dash_catalog.h"

#define CURRENT_REV "(SELECT MAX(code) FROM catalog_revision)"

static int finish(struct store_stmt *s, int rc)
{
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

static json_t *jtext(struct store_stmt *s, int col)
{
    const char *t = store_col_text(s, col);
    return t ? json_string(t) : json_null();
}

#define CLAUSE_COLS                                                                               \
    "c.id, c.parent_id, c.section, c.title, c.recommended, c.status, st.label, "                  \
    "(SELECT group_concat(r.short_label || m.mark, ' ') FROM catalog_mark m JOIN catalog_role r " \
    "ON r.code = m.role WHERE m.revision = c.revision AND m.clause_id = c.id), "                  \
    "(SELECT COUNT(*) FROM catalog_coverage v WHERE v.revision = c.revision AND "                 \
    "v.clause_id = c.id AND v.kind = 'rule'), "                                                   \
    "(SELECT o.adopted FROM org_recommendation o WHERE o.clause_id = c.id), c.revision "

static json_t *clause_row(struct store_stmt *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", jtext(s, 0));
    json_object_set_new(o, "parent", jtext(s, 1));
    json_object_set_new(o, "section", jtext(s, 2));
    json_object_set_new(o, "title", jtext(s, 3));
    json_object_set_new(o, "recommended", json_boolean(store_col_int(s, 4)));
    json_object_set_new(o, "status", jtext(s, 5));
    json_object_set_new(o, "status_label", jtext(s, 6));
    json_object_set_new(o, "marks", jtext(s, 7));
    json_object_set_new(o, "rules", json_integer(store_col_int(s, 8)));
    json_object_set_new(o, "adopted", store_col_is_null(s, 9) ? json_null()
                                                              : json_boolean(store_col_int(s, 9)));
    json_object_set_new(o, "revision", jtext(s, 10));
    return o;
}

int dash_catalog_list(struct store *st, json_t **out, struct mm_err *err)
{
    *out = json_array();
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT " CLAUSE_COLS "FROM catalog_clause c JOIN catalog_status st ON "
                           "st.code = c.status WHERE c.revision = " CURRENT_REV " ORDER BY c.sort",
                           &s, err);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW)
        json_array_append_new(*out, clause_row(s));
    return finish(s, rc);
}

static int marks(struct store *st, const char *rev, const char *id, json_t *o, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT r.code, r.label, r.role, m.mark, k.label FROM catalog_mark m "
                           "JOIN catalog_role r ON r.code = m.role JOIN catalog_mark_kind k ON "
                           "k.code = m.mark WHERE m.revision = ? AND m.clause_id = ? ORDER BY r.sort",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, rev);
    store_bind_text(s, 2, id);
    json_t *arr = json_array();
    while ((rc = store_step(s, err)) == STORE_ROW)
        json_array_append_new(arr, json_pack("{s:o,s:o,s:o,s:o,s:o}", "column", jtext(s, 0),
                                             "label", jtext(s, 1), "role", jtext(s, 2), "mark",
                                             jtext(s, 3), "mark_label", jtext(s, 4)));
    json_object_set_new(o, "role_marks", arr);
    return finish(s, rc);
}

static int children(struct store *st, const char *rev, const char *id, json_t *o,
                    struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT " CLAUSE_COLS "FROM catalog_clause c JOIN catalog_status st ON "
                           "st.code = c.status WHERE c.revision = ? AND c.parent_id = ? ORDER BY c.sort",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, rev);
    store_bind_text(s, 2, id);
    json_t *arr = json_array();
    while ((rc = store_step(s, err)) == STORE_ROW)
        json_array_append_new(arr, clause_row(s));
    json_object_set_new(o, "children", arr);
    return finish(s, rc);
}

/* Coverage rows; for rules, the title, severity and the number of current findings. */
static int coverage(struct store *st, const struct authz_principal *who, const char *rev,
                    const char *id, json_t *o, struct mm_err *err)
{
    struct dash_run run;
    int have_run = 0;
    int rc = dash_latest_run(st, &run, &have_run, err);
    if (rc)
        return rc;
    int may_read = authz_allows(who, "finding", AUTHZ_READ, NULL);
    struct store_stmt *s;
    rc = store_prepare(st,
                       "SELECT kind, ref FROM catalog_coverage WHERE revision = ? AND clause_id = ? "
                       "ORDER BY kind, ref",
                       &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, rev);
    store_bind_text(s, 2, id);
    json_t *arr = json_array();
    json_object_set_new(o, "coverage", arr);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *kind = store_col_text(s, 0), *ref = store_col_text(s, 1);
        json_t *c = json_pack("{s:s,s:s}", "kind", kind, "ref", ref);
        json_array_append_new(arr, c);
        const struct rule *r = strcmp(kind, "rule") ? NULL : dash_rule(ref);
        if (!r)
            continue;
        json_object_set_new(c, "title", json_string(r->title));
        json_object_set_new(c, "severity", json_string(rule_severity_code(r->severity)));
        if (!have_run || !may_read) {
            json_object_set_new(c, "findings", have_run ? json_null() : json_integer(0));
            continue;
        }
        struct dash_query q = {.run_id = run.id, .prev_id = run.prev_id, .rule = ref, .per = 0,
                               .page = 1};
        struct dash_list l;
        int r2 = dash_findings(st, who, &q, &l, err);
        if (r2) {
            store_finalize(s);
            return r2;
        }
        json_object_set_new(c, "findings", json_integer(l.total));
        dash_list_free(&l);
    }
    return finish(s, rc);
}

int dash_catalog_clause(struct store *st, const struct authz_principal *who, const char *id,
                        json_t **out, int *found, struct mm_err *err)
{
    *out = NULL;
    *found = 0;
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT " CLAUSE_COLS ", p.title FROM catalog_clause c JOIN catalog_status st "
                           "ON st.code = c.status LEFT JOIN catalog_clause p ON p.revision = "
                           "c.revision AND p.id = c.parent_id WHERE c.revision = " CURRENT_REV
                           " AND c.id = ?",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, id);
    rc = store_step(s, err);
    json_t *o = NULL;
    if (rc == STORE_ROW) {
        o = clause_row(s);
        json_object_set_new(o, "parent_title", jtext(s, 11));
        rc = STORE_DONE;
    }
    rc = finish(s, rc);
    if (rc || !o) {
        json_decref(o);
        return rc;
    }
    char rev[64];
    snprintf(rev, sizeof rev, "%s", json_string_value(json_object_get(o, "revision")));
    rc = marks(st, rev, id, o, err);
    if (!rc)
        rc = children(st, rev, id, o, err);
    if (!rc)
        rc = coverage(st, who, rev, id, o, err);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *found = 1;
    *out = o;
    return MM_OK;
}
