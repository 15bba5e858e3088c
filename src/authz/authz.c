/*
 * authz.c — access decisions from role assignments and the authz_grant table (see authz.h).
 *
 * Loading reads the user's assignments valid today, the grant rows of the roles held (plus the
 * 'staff' rows every user has) and, for each 部局・課室 scope, the department and every
 * department below it. A write grant implies read on the same rows.
 */
#include "authz/authz.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

#define ID_MAX 128

struct assignment {
    char role[32];
    char role_label[128];
    char scope_type[16];
    char scope_label[256];
    char scope_system[ID_MAX]; /* system scope */
    char **depts;              /* 部局・課室 scope: the department and those below it */
    size_t ndepts;
};

struct grant {
    char resource[32];
    int write;
    char reach[8];
    int assignment; /* index into assignments, -1 for the 'staff' grants */
};

struct authz_principal {
    char person_id[ID_MAX];
    struct assignment *as;
    size_t nas;
    struct grant *gs;
    size_t ngs, capgs;
};

static void copy(char *dst, size_t size, const char *s)
{
    snprintf(dst, size, "%s", s ? s : "");
}

void authz_free(struct authz_principal *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nas; i++) {
        for (size_t j = 0; j < p->as[i].ndepts; j++)
            free(p->as[i].depts[j]);
        free(p->as[i].depts);
    }
    free(p->as);
    free(p->gs);
    free(p);
}

static int oom(struct mm_err *err)
{
    return mm_err_set(err, MM_EINTERNAL, "メモリが不足しています");
}

static int load_assignments(struct store *st, struct authz_principal *p, const char *today,
                            struct mm_err *err)
{
    static const char sql[] =
        "SELECT ra.role, r.label, ra.scope_type, "
        "       COALESCE(d.name, s.name, t.label), ra.scope_system_id "
        "FROM role_assignment ra JOIN role r ON r.code = ra.role "
        "JOIN scope_type t ON t.code = ra.scope_type "
        "LEFT JOIN department d ON d.id = ra.scope_department_id "
        "LEFT JOIN system s ON s.id = ra.scope_system_id "
        "WHERE ra.person_id = ? AND ra.valid_from <= ? "
        "AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
        "ORDER BY r.sort, ra.id";
    struct store_stmt *s = NULL;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, p->person_id);
    store_bind_text(s, 2, today);
    store_bind_text(s, 3, today);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct assignment *na = realloc(p->as, (p->nas + 1) * sizeof *na);
        if (!na) {
            store_finalize(s);
            return oom(err);
        }
        p->as = na;
        struct assignment *a = &p->as[p->nas++];
        memset(a, 0, sizeof *a);
        copy(a->role, sizeof a->role, store_col_text(s, 0));
        copy(a->role_label, sizeof a->role_label, store_col_text(s, 1));
        copy(a->scope_type, sizeof a->scope_type, store_col_text(s, 2));
        copy(a->scope_label, sizeof a->scope_label, store_col_text(s, 3));
        copy(a->scope_system, sizeof a->scope_system, store_col_text(s, 4));
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

/* The department subtrees of the 部局・課室 assignments, in the order of load_assignments. */
static int load_subtrees(struct store *st, struct authz_principal *p, const char *today,
                         struct mm_err *err)
{
    /* The assignment ids, in the order of load_assignments. */
    static const char ids_sql[] =
        "SELECT ra.id FROM role_assignment ra JOIN role r ON r.code = ra.role "
        "WHERE ra.person_id = ? AND ra.valid_from <= ? "
        "AND (ra.valid_to IS NULL OR ra.valid_to >= ?) ORDER BY r.sort, ra.id";
    struct store_stmt *ids = NULL, *s = NULL;
    int rc = store_prepare(st, ids_sql, &ids, err);
    if (rc)
        return rc;
    rc = store_prepare(st,
                       "WITH RECURSIVE sub(id) AS (SELECT scope_department_id FROM "
                       "role_assignment WHERE id = ? AND scope_department_id IS NOT NULL "
                       "UNION SELECT d.id FROM department d JOIN sub ON d.parent_id = sub.id) "
                       "SELECT id FROM sub",
                       &s, err);
    if (rc) {
        store_finalize(ids);
        return rc;
    }
    store_bind_text(ids, 1, p->person_id);
    store_bind_text(ids, 2, today);
    store_bind_text(ids, 3, today);
    size_t i = 0;
    while ((rc = store_step(ids, err)) == STORE_ROW && i < p->nas) {
        struct assignment *a = &p->as[i++];
        if (strcmp(a->scope_type, "bukyoku") != 0 && strcmp(a->scope_type, "kashitsu") != 0)
            continue;
        store_reset(s);
        store_bind_text(s, 1, store_col_text(ids, 0));
        while ((rc = store_step(s, err)) == STORE_ROW) {
            char **nd = realloc(a->depts, (a->ndepts + 1) * sizeof *nd);
            char *v = strdup(store_col_text(s, 0) ? store_col_text(s, 0) : "");
            if (nd)
                a->depts = nd;
            if (!nd || !v) {
                free(v);
                store_finalize(s);
                store_finalize(ids);
                return oom(err);
            }
            a->depts = nd;
            a->depts[a->ndepts++] = v;
        }
        if (rc != STORE_DONE)
            break;
        rc = STORE_ROW;
    }
    store_finalize(s);
    store_finalize(ids);
    return (rc == STORE_DONE || rc == STORE_ROW) ? MM_OK : rc;
}

static int add_grant(struct authz_principal *p, const char *resource, const char *action,
                     const char *reach, int assignment)
{
    if (p->ngs == p->capgs) {
        size_t cap = p->capgs ? p->capgs * 2 : 32;
        struct grant *ng = realloc(p->gs, cap * sizeof *ng);
        if (!ng)
            return -1;
        p->gs = ng;
        p->capgs = cap;
    }
    struct grant *g = &p->gs[p->ngs++];
    copy(g->resource, sizeof g->resource, resource);
    g->write = strcmp(action, "write") == 0;
    copy(g->reach, sizeof g->reach, reach);
    g->assignment = assignment;
    return 0;
}

static int load_grants(struct store *st, struct authz_principal *p, struct mm_err *err)
{
    struct store_stmt *s = NULL;
    int rc = store_prepare(st, "SELECT role, resource, action, reach FROM authz_grant "
                               "ORDER BY role, resource, action, reach",
                           &s, err);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *role = store_col_text(s, 0), *res = store_col_text(s, 1);
        const char *act = store_col_text(s, 2), *reach = store_col_text(s, 3);
        if (!role || !res || !act || !reach)
            continue;
        if (strcmp(role, "staff") == 0) {
            if (add_grant(p, res, act, reach, -1)) {
                store_finalize(s);
                return oom(err);
            }
            continue;
        }
        for (size_t i = 0; i < p->nas; i++)
            if (strcmp(p->as[i].role, role) == 0 && add_grant(p, res, act, reach, (int)i)) {
                store_finalize(s);
                return oom(err);
            }
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

int authz_load(struct store *st, const char *person_id, const char *today,
               struct authz_principal **out, struct mm_err *err)
{
    *out = NULL;
    struct authz_principal *p = calloc(1, sizeof *p);
    if (!p)
        return oom(err);
    copy(p->person_id, sizeof p->person_id, person_id);
    int rc = MM_OK;
    if (p->person_id[0]) {
        rc = load_assignments(st, p, today, err);
        if (!rc)
            rc = load_subtrees(st, p, today, err);
    }
    if (!rc)
        rc = load_grants(st, p, err);
    if (rc) {
        authz_free(p);
        return rc;
    }
    *out = p;
    return MM_OK;
}

static int grant_matches(const struct grant *g, const char *resource, enum authz_action action)
{
    return strcmp(g->resource, resource) == 0 && (action == AUTHZ_READ || g->write);
}

/* Whether one grant reaches every row: reach 'all', or 'scope' on a 全庁 assignment. */
static int covers_all(const struct authz_principal *p, const struct grant *g)
{
    if (strcmp(g->reach, "all") == 0)
        return 1;
    if (strcmp(g->reach, "scope") == 0 && g->assignment >= 0 &&
        strcmp(p->as[g->assignment].scope_type, "organization") == 0)
        return 1;
    return 0;
}

static int eq(const char *a, const char *b)
{
    return a && b && *a && strcmp(a, b) == 0;
}

static int assignment_covers(const struct assignment *a, const struct authz_target *t)
{
    if (strcmp(a->scope_type, "organization") == 0)
        return 1;
    if (strcmp(a->scope_type, "system") == 0)
        return eq(t->system_id, a->scope_system);
    for (size_t i = 0; i < a->ndepts; i++)
        if (eq(t->department_id, a->depts[i]))
            return 1;
    return 0;
}

static int covers(const struct authz_principal *p, const struct grant *g,
                  const struct authz_target *t)
{
    if (covers_all(p, g))
        return 1;
    if (strcmp(g->reach, "own") == 0)
        return eq(t->person_id, p->person_id);
    if (strcmp(g->reach, "scope") != 0 || g->assignment < 0)
        return 0;
    return assignment_covers(&p->as[g->assignment], t);
}

int authz_holds_role_for(const struct authz_principal *p, const char *role,
                         const struct authz_target *t)
{
    for (size_t i = 0; p && i < p->nas; i++)
        if (strcmp(p->as[i].role, role) == 0 && assignment_covers(&p->as[i], t))
            return 1;
    return 0;
}

int authz_allows(const struct authz_principal *p, const char *resource, enum authz_action action,
                 const struct authz_target *t)
{
    if (!p)
        return 0;
    for (size_t i = 0; i < p->ngs; i++) {
        const struct grant *g = &p->gs[i];
        if (!grant_matches(g, resource, action))
            continue;
        if (!t || covers(p, g, t))
            return 1;
    }
    return 0;
}

int authz_allows_all(const struct authz_principal *p, const char *resource,
                     enum authz_action action)
{
    if (!p)
        return 0;
    for (size_t i = 0; i < p->ngs; i++)
        if (grant_matches(&p->gs[i], resource, action) && covers_all(p, &p->gs[i]))
            return 1;
    return 0;
}

void authz_filter_sql(const char *dept_col, const char *sys_col, const char *person_col,
                      char *out, size_t size)
{
    snprintf(out, size,
             "(? = 1 OR %s IN (SELECT value FROM json_each(?)) "
             "OR %s IN (SELECT value FROM json_each(?)) OR %s = ?)",
             dept_col ? dept_col : "NULL", sys_col ? sys_col : "NULL",
             person_col ? person_col : "NULL");
}

int authz_filter_bind(const struct authz_principal *p, const char *resource,
                      enum authz_action action, struct store_stmt *stmt, int first)
{
    int all = 0, own = 0;
    json_t *depts = json_array(), *systems = json_array();
    if (!depts || !systems) {
        json_decref(depts);
        json_decref(systems);
        return -1;
    }
    for (size_t i = 0; p && i < p->ngs; i++) {
        const struct grant *g = &p->gs[i];
        if (!grant_matches(g, resource, action))
            continue;
        if (covers_all(p, g)) {
            all = 1;
            continue;
        }
        if (strcmp(g->reach, "own") == 0) {
            own = p->person_id[0] != '\0';
            continue;
        }
        if (strcmp(g->reach, "scope") != 0 || g->assignment < 0)
            continue;
        const struct assignment *a = &p->as[g->assignment];
        if (strcmp(a->scope_type, "system") == 0)
            json_array_append_new(systems, json_string(a->scope_system));
        for (size_t j = 0; j < a->ndepts; j++)
            json_array_append_new(depts, json_string(a->depts[j]));
    }
    char *dj = json_dumps(depts, JSON_COMPACT), *sj = json_dumps(systems, JSON_COMPACT);
    json_decref(depts);
    json_decref(systems);
    if (!dj || !sj) {
        free(dj);
        free(sj);
        return -1;
    }
    store_bind_int(stmt, first, all);
    store_bind_text(stmt, first + 1, dj);
    store_bind_text(stmt, first + 2, sj);
    if (own)
        store_bind_text(stmt, first + 3, p->person_id);
    else
        store_bind_null(stmt, first + 3);
    free(dj);
    free(sj);
    return 0;
}

const char *authz_person(const struct authz_principal *p)
{
    return p ? p->person_id : "";
}

int authz_has_role(const struct authz_principal *p, const char *role)
{
    for (size_t i = 0; p && i < p->nas; i++)
        if (strcmp(p->as[i].role, role) == 0)
            return 1;
    return 0;
}

void authz_each_role(const struct authz_principal *p,
                     void (*fn)(void *ctx, const char *role, const char *label,
                                const char *scope_label),
                     void *ctx)
{
    for (size_t i = 0; p && i < p->nas; i++)
        fn(ctx, p->as[i].role, p->as[i].role_label, p->as[i].scope_label);
}
