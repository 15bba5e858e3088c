/*
 * rule_load.c — loads the rule files compiled into the binary, checks each against the
 * database (role codes, catalog clauses, parameters), and mirrors their clauses into
 * catalog_coverage so `mamori catalog coverage` shows what the rules check.
 */
#include "rules/rules.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "util/embedded.h"

void rule_set_free(struct rule_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        rule_free(&set->v[i]);
    free(set->v);
    set->v = NULL;
    set->n = 0;
}

static int cmp_rule(const void *a, const void *b)
{
    return strcmp(((const struct rule *)a)->id, ((const struct rule *)b)->id);
}

const struct rule *rule_set_find(const struct rule_set *set, const char *id)
{
    struct rule key = {.id = (char *)id};
    return set->n ? bsearch(&key, set->v, set->n, sizeof *set->v, cmp_rule) : NULL;
}

static int is_rule_file(const char *name)
{
    size_t pl = strlen(RULES_PREFIX), n = strlen(name);
    return strncmp(name, RULES_PREFIX, pl) == 0 && n > pl + 4 && !strchr(name + pl, '/') &&
           strcmp(name + n - 4, ".sql") == 0;
}

/* Runs a one-integer query with one or two text parameters. */
static int query_int2(struct store *st, const char *sql, const char *a, const char *b,
                      long long *out, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, a);
    if (b)
        store_bind_text(s, 2, b);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *out = store_col_is_null(s, 0) ? -1 : store_col_int(s, 0);
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        *out = -1;
        rc = MM_OK;
    }
    store_finalize(s);
    return rc;
}

int rule_validate(struct store *st, const struct rule *r, struct mm_err *err)
{
    long long n = 0;
    int rc = query_int2(st, "SELECT COUNT(*) FROM role WHERE code = ?", r->responsible, NULL, &n,
                        err);
    if (rc)
        return rc;
    if (n <= 0)
        return mm_err_set(err, MM_EINPUT, "%s:%d: 役割コード「%s」は role 表にありません",
                          r->file, r->responsible_line, r->responsible);
    char rev[64];
    rc = catalog_current_revision(st, rev, sizeof rev, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < r->nclauses; i++) {
        rc = query_int2(st, "SELECT recommended FROM catalog_clause WHERE revision = ? AND id = ?",
                        rev, r->clauses[i], &n, err);
        if (rc)
            return rc;
        if (n < 0)
            return mm_err_set(err, MM_EINPUT, "%s:%d: 条項「%s」は条項集 %s にありません",
                              r->file, r->clauses_line, r->clauses[i], rev);
    }
    if (r->requires) {
        rc = query_int2(st, "SELECT recommended FROM catalog_clause WHERE revision = ? AND id = ?",
                        rev, r->requires, &n, err);
        if (rc)
            return rc;
        if (n < 0)
            return mm_err_set(err, MM_EINPUT, "%s:%d: requires の条項「%s」は条項集 %s にありません",
                              r->file, r->requires_line, r->requires, rev);
        if (n == 0)
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: requires の条項「%s」は【推奨事項】ではありません", r->file,
                              r->requires_line, r->requires);
    }
    for (size_t i = 0; i < r->nparams; i++)
        if (!rule_params_known(r->params[i]))
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: 規則 %s のパラメータ :%s は定義されていません"
                              "（data/params/parameters.tsv のキー、today, fiscal_year, "
                              "fiscal_year_start, <キー>_cutoff）",
                              r->file, r->param_lines[i], r->id, r->params[i]);
    return MM_OK;
}

/* Parses (and, with st, validates) every embedded rule. `lenient` skips bad files. */
static int load_all(struct store *st, int lenient, struct rule_set *set, struct mm_err *err)
{
    struct rule_set s = {0};
    int rc = MM_OK;
    for (const struct embedded_file *f = embedded_files; f->name && rc == MM_OK; f++) {
        if (!is_rule_file(f->name))
            continue;
        struct rule r;
        struct mm_err e;
        mm_err_clear(&e);
        int prc = rule_parse(f->name, f->data, &r, &e);
        if (prc == MM_OK) {
            prc = rule_validate(st, &r, &e);
            if (prc)
                rule_free(&r);
        }
        if (prc) {
            if (lenient && prc == MM_EINPUT)
                continue;
            *err = e;
            rc = prc;
            break;
        }
        struct rule *nv = realloc(s.v, (s.n + 1) * sizeof *nv);
        if (!nv)
            abort();
        s.v = nv;
        s.v[s.n++] = r;
    }
    if (rc == MM_OK && s.n) {
        if (s.n)
            qsort(s.v, s.n, sizeof *s.v, cmp_rule);
        for (size_t i = 1; i < s.n; i++)
            if (strcmp(s.v[i - 1].id, s.v[i].id) == 0) {
                rc = mm_err_set(err, MM_EINPUT, "規則 %s が二つあります: %s と %s", s.v[i].id,
                                s.v[i - 1].file, s.v[i].file);
                break;
            }
    }
    if (rc) {
        rule_set_free(&s);
        return rc;
    }
    *set = s;
    return MM_OK;
}

int rules_load(struct store *st, struct rule_set *set, struct mm_err *err)
{
    return load_all(st, 0, set, err);
}

/* "clause\x1frule" keys, sorted, for comparing the wanted coverage with the stored one. */
struct keys {
    char **v;
    size_t n;
};

static void keys_add(struct keys *k, const char *clause, const char *ref)
{
    char **nv = realloc(k->v, (k->n + 1) * sizeof *nv);
    if (!nv)
        abort();
    k->v = nv;
    size_t a = strlen(clause), b = strlen(ref);
    char *s = malloc(a + b + 2);
    if (!s)
        abort();
    memcpy(s, clause, a);
    s[a] = '\x1f';
    memcpy(s + a + 1, ref, b + 1);
    k->v[k->n++] = s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void keys_free(struct keys *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->v[i]);
    free(k->v);
}

int rules_sync_coverage(struct store *st, struct mm_err *err)
{
    char rev[64];
    int rc = catalog_current_revision(st, rev, sizeof rev, err);
    if (rc)
        return rc;
    if (!*rev)
        return MM_OK;
    struct rule_set set = {0};
    rc = load_all(st, 1, &set, err);
    if (rc)
        return rc;
    struct keys want = {0}, have = {0};
    for (size_t i = 0; i < set.n; i++)
        for (size_t j = 0; j < set.v[i].nclauses; j++)
            keys_add(&want, set.v[i].clauses[j], set.v[i].id);
    if (want.n)
        qsort(want.v, want.n, sizeof *want.v, cmp_str);
    size_t w = 0; /* a rule may name a clause twice */
    for (size_t i = 0; i < want.n; i++) {
        if (w && strcmp(want.v[w - 1], want.v[i]) == 0) {
            free(want.v[i]);
            continue;
        }
        want.v[w++] = want.v[i];
    }
    want.n = w;

    struct store_stmt *s;
    rc = store_prepare(st,
                       "SELECT clause_id, ref FROM catalog_coverage WHERE revision = ? AND "
                       "kind = 'rule'",
                       &s, err);
    if (rc == MM_OK) {
        store_bind_text(s, 1, rev);
        while ((rc = store_step(s, err)) == STORE_ROW)
            keys_add(&have, store_col_text(s, 0), store_col_text(s, 1));
        store_finalize(s);
        rc = rc == STORE_DONE ? MM_OK : rc;
    }
    if (rc == MM_OK)
        if (have.n)
            qsort(have.v, have.n, sizeof *have.v, cmp_str);
    int same = rc == MM_OK && have.n == want.n;
    for (size_t i = 0; same && i < want.n; i++)
        same = strcmp(have.v[i], want.v[i]) == 0;
    if (rc == MM_OK && !same) {
        rc = store_begin(st, err);
        struct store_stmt *del = NULL, *ins = NULL;
        if (rc == MM_OK)
            rc = store_prepare(st,
                               "DELETE FROM catalog_coverage WHERE revision = ? AND kind = 'rule'",
                               &del, err);
        if (rc == MM_OK)
            rc = store_prepare(st,
                               "INSERT INTO catalog_coverage (revision, clause_id, kind, ref) "
                               "VALUES (?, ?, 'rule', ?)",
                               &ins, err);
        if (rc == MM_OK) {
            store_bind_text(del, 1, rev);
            rc = store_step(del, err) == STORE_DONE ? MM_OK : err->code;
        }
        for (size_t i = 0; rc == MM_OK && i < want.n; i++) {
            char *sep = strchr(want.v[i], '\x1f');
            *sep = '\0';
            store_bind_text(ins, 1, rev);
            store_bind_text(ins, 2, want.v[i]);
            store_bind_text(ins, 3, sep + 1);
            rc = store_step(ins, err) == STORE_DONE ? MM_OK : err->code;
            store_reset(ins);
            *sep = '\x1f';
        }
        store_finalize(del);
        store_finalize(ins);
        if (rc == MM_OK)
            rc = store_commit(st, err);
        if (rc)
            store_rollback(st);
    }
    keys_free(&want);
    keys_free(&have);
    rule_set_free(&set);
    return rc;
}
