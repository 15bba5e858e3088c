/*
 * approval_coverage.c — the catalog's coverage by workflow: each request kind covers the
 * clauses it names (request_kind.clauses) that are in the current catalog revision, recorded in
 * catalog_coverage with kind 'workflow' and ref = the kind's code. Written only when it changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approval/approval_impl.h"
#include "catalog/catalog.h"

struct pairs {
    char **v;
    size_t n, cap;
};

static void add(struct pairs *p, const char *clause, const char *kind)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
    }
    size_t len = strlen(clause) + strlen(kind) + 2;
    p->v[p->n] = malloc(len);
    snprintf(p->v[p->n++], len, "%s\t%s", clause, kind);
}

static void release(struct pairs *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int wanted(struct store *st, const char *rev, struct pairs *want, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = ap_prepare(st, "SELECT code, clauses FROM request_kind ORDER BY code", &s, err, "");
    if (rc)
        return rc;
    char kinds[64][40], clauses[64][200];
    size_t n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW && n < 64) {
        snprintf(kinds[n], sizeof kinds[n], "%s", store_col_text(s, 0));
        snprintf(clauses[n], sizeof clauses[n], "%s", store_col_text(s, 1));
        n++;
    }
    store_finalize(s);
    if (rc != STORE_DONE && rc != STORE_ROW)
        return rc;
    for (size_t i = 0; i < n; i++)
        for (char *save = NULL, *c = strtok_r(clauses[i], " ", &save); c;
             c = strtok_r(NULL, " ", &save)) {
            long long known = 0;
            rc = ap_int(st, "SELECT COUNT(*) FROM catalog_clause WHERE revision = ? AND id = ?",
                        &known, err, "ss", rev, c);
            if (rc)
                return rc;
            if (known)
                add(want, c, kinds[i]);
        }
    return MM_OK;
}

int approval_sync_coverage(struct store *st, struct mm_err *err)
{
    char rev[64];
    int rc = catalog_current_revision(st, rev, sizeof rev, err);
    if (rc || !*rev)
        return rc;
    struct pairs want = {0}, have = {0};
    rc = wanted(st, rev, &want, err);
    struct store_stmt *s;
    if (!rc)
        rc = ap_prepare(st,
                        "SELECT clause_id, ref FROM catalog_coverage WHERE revision = ? "
                        "AND kind = 'workflow'",
                        &s, err, "s", rev);
    if (!rc) {
        while ((rc = store_step(s, err)) == STORE_ROW)
            add(&have, store_col_text(s, 0), store_col_text(s, 1));
        store_finalize(s);
        rc = rc == STORE_DONE ? MM_OK : rc;
    }
    if (want.n)
        qsort(want.v, want.n, sizeof *want.v, cmp);
    if (have.n)
        qsort(have.v, have.n, sizeof *have.v, cmp);
    int same = !rc && want.n == have.n;
    for (size_t i = 0; same && i < want.n; i++)
        same = strcmp(want.v[i], have.v[i]) == 0;
    if (!rc && !same) {
        rc = store_begin(st, err);
        if (!rc)
            rc = ap_exec(st,
                         "DELETE FROM catalog_coverage WHERE revision = ? AND kind = 'workflow'",
                         err, "s", rev);
        for (size_t i = 0; !rc && i < want.n; i++) {
            char *tab = strchr(want.v[i], '\t');
            *tab = '\0';
            if (i && strcmp(want.v[i - 1], want.v[i]) == 0 &&
                strcmp(want.v[i - 1] + strlen(want.v[i - 1]) + 1, tab + 1) == 0)
                continue; /* the same clause twice in one kind */
            rc = ap_exec(st,
                         "INSERT INTO catalog_coverage (revision, clause_id, kind, ref) "
                         "VALUES (?, ?, 'workflow', ?)",
                         err, "sss", rev, want.v[i], tab + 1);
        }
        if (!rc)
            rc = store_commit(st, err);
        if (rc)
            store_rollback(st);
    }
    release(&want);
    release(&have);
    return rc;
}
