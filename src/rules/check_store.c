/*
 * check_store.c — records a check run and its findings, and compares them with the previous
 * run of the same scope by fingerprint (rule|entity_type|entity_id): what is new, and what
 * that run reported that this one no longer does. One transaction; no per-finding reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog/auditlog.h"
#include "rules/check_impl.h"

struct prev_row {
    char *fingerprint, *rule_id, *severity, *entity_type, *entity_id, *entity_label, *detail;
};

static int cmp_prev(const void *a, const void *b)
{
    return strcmp(((const struct prev_row *)a)->fingerprint,
                  ((const struct prev_row *)b)->fingerprint);
}

static int step_done(struct store_stmt *s, struct mm_err *err)
{
    int rc = store_step(s, err);
    store_reset(s);
    return rc == STORE_DONE ? MM_OK : rc == STORE_ROW ? MM_EINTERNAL : rc;
}

/* Whether the rule of a previous finding ran in this run (rules not run now are not compared). */
static int rule_ran(const struct check_result *res, const char *rule_id)
{
    for (size_t i = 0; i < res->nran; i++)
        if (!strcmp(res->ran[i]->id, rule_id))
            return 1;
    return 0;
}

/* Loads the previous run of res->scope (if any) into *prev, sorted by fingerprint. */
static int load_previous(struct store *st, struct check_result *res, struct prev_row **prev,
                         size_t *nprev, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT id, started_at FROM check_run WHERE id = "
                           "(SELECT MAX(id) FROM check_run WHERE scope = ?)",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, res->scope);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        res->previous_id = store_col_int(s, 0);
        const char *at = store_col_text(s, 1);
        snprintf(res->previous_at, sizeof res->previous_at, "%s", at ? at : "");
    }
    store_finalize(s);
    if (rc != STORE_ROW && rc != STORE_DONE)
        return rc;
    if (!res->previous_id)
        return MM_OK;
    rc = store_prepare(st,
                       "SELECT fingerprint, rule_id, severity, entity_type, entity_id, "
                       "entity_label, detail FROM finding WHERE run_id = ?",
                       &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, res->previous_id);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        *prev = chk_grow(*prev, *nprev + 1, sizeof **prev);
        (*prev)[(*nprev)++] = (struct prev_row){
            chk_dup(store_col_text(s, 0)), chk_dup(store_col_text(s, 1)),
            chk_dup(store_col_text(s, 2)), chk_dup(store_col_text(s, 3)),
            chk_dup(store_col_text(s, 4)), chk_dup(store_col_text(s, 5)),
            chk_dup(store_col_text(s, 6))};
    }
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    if (*nprev)
        qsort(*prev, *nprev, sizeof **prev, cmp_prev);
    return MM_OK;
}

/* Marks new findings and collects resolved ones; both lists sorted by fingerprint. */
static void diff(struct check_result *res, struct prev_row *prev, size_t nprev)
{
    if (res->n)
        qsort(res->v, res->n, sizeof *res->v, chk_cmp_fingerprint);
    size_t i = 0, j = 0;
    while (i < res->n || j < nprev) {
        int c = i == res->n ? 1 : j == nprev ? -1 : strcmp(res->v[i].fingerprint,
                                                           prev[j].fingerprint);
        if (c < 0) {
            res->v[i++].is_new = 1;
        } else if (c > 0) {
            struct prev_row *p = &prev[j++];
            if (!rule_ran(res, p->rule_id))
                continue;
            res->resolved = chk_grow(res->resolved, res->nresolved + 1, sizeof *res->resolved);
            res->resolved[res->nresolved++] = (struct resolved_finding){
                p->rule_id, p->severity, p->entity_type, p->entity_id, p->entity_label,
                p->detail};
            p->rule_id = p->severity = p->entity_type = p->entity_id = p->entity_label =
                p->detail = NULL; /* moved */
        } else {
            i++, j++;
        }
    }
}

static int insert_run(struct store *st, const struct check_opts *o, struct check_result *res,
                      struct mm_err *err)
{
    long long id = 0;
    int rc = store_query_int(st, "SELECT COALESCE(MAX(id), 0) + 1 FROM check_run", &id, err);
    if (rc)
        return rc;
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    struct store_stmt *s = NULL, *r = NULL, *f = NULL;
    rc = store_prepare(st,
                       "INSERT INTO check_run (id, started_at, as_of, scope, actor, rules_run, "
                       "findings) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       &s, err);
    if (!rc) {
        store_bind_int(s, 1, id);
        store_bind_text(s, 2, now);
        store_bind_text(s, 3, res->as_of);
        store_bind_text(s, 4, res->scope);
        store_bind_text(s, 5, o->actor ? o->actor : "-");
        store_bind_int(s, 6, (long long)res->rules_run);
        store_bind_int(s, 7, (long long)res->n);
        rc = step_done(s, err);
    }
    if (!rc)
        rc = store_prepare(st, "INSERT INTO check_run_rule (run_id, rule_id) VALUES (?, ?)", &r,
                           err);
    if (!rc)
        rc = store_prepare(st,
                           "INSERT INTO finding (run_id, fingerprint, rule_id, severity, "
                           "entity_type, entity_id, entity_label, department_id, system_id, "
                           "detail, responsible_role, responsible, accepted) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           &f, err);
    for (size_t i = 0; !rc && i < res->n; i++) {
        const struct finding *x = &res->v[i];
        store_bind_int(f, 1, id);
        store_bind_text(f, 2, x->fingerprint);
        store_bind_text(f, 3, x->rule->id);
        store_bind_text(f, 4, rule_severity_code(x->rule->severity));
        store_bind_text(f, 5, x->entity_type);
        store_bind_text(f, 6, x->entity_id);
        store_bind_text(f, 7, x->entity_label);
        store_bind_text(f, 8, x->department_id);
        store_bind_text(f, 9, x->system_id);
        store_bind_text(f, 10, x->detail);
        store_bind_text(f, 11, x->rule->responsible);
        store_bind_text(f, 12, x->responsible_text);
        store_bind_int(f, 13, x->accepted);
        rc = step_done(f, err);
    }
    for (size_t i = 0; !rc && i < res->nran; i++) {
        store_bind_int(r, 1, id);
        store_bind_text(r, 2, res->ran[i]->id);
        rc = step_done(r, err);
    }
    store_finalize(s);
    store_finalize(r);
    store_finalize(f);
    if (!rc)
        res->run_id = id;
    return rc;
}

int chk_store_and_diff(struct store *st, const struct check_opts *o, struct check_result *res,
                       struct mm_err *err)
{
    int rc = o->store ? store_begin(st, err) : store_begin_read(st, err);
    if (rc)
        return rc;
    struct prev_row *prev = NULL;
    size_t nprev = 0;
    rc = load_previous(st, res, &prev, &nprev, err);
    if (!rc)
        diff(res, prev, nprev);
    if (!rc && o->store)
        rc = insert_run(st, o, res, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    for (size_t i = 0; i < nprev; i++) {
        struct prev_row *p = &prev[i];
        free(p->fingerprint), free(p->rule_id), free(p->severity), free(p->entity_type);
        free(p->entity_id), free(p->entity_label), free(p->detail);
    }
    free(prev);
    return rc;
}
