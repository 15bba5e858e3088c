/*
 * check.c — runs the selected rules in one read transaction and turns their rows into
 * findings: department names, the people responsible for each finding's scope (from the
 * current role holders, loaded once), accepted risks, and the order reports use. Storing the
 * run and the comparison with the previous run are in check_store.c.
 */
#include "rules/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/check_impl.h"
#include "util/strbuf.h"

char *chk_dup(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

void *chk_grow(void *p, size_t n, size_t size)
{
    void *q = realloc(p, (n ? n : 1) * size);
    if (!q)
        abort();
    return q;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- reference data loaded once per run ---------------------------------------------------- */

struct dept {
    char *id, *parent, *level, *name;
};
struct sys {
    char *id, *department;
};
struct holder {
    char *key; /* role \x1f scope_type \x1f scope id */
    char *person, *name;
};
struct role_info {
    char *code, *label;
    int scopes; /* bit set of SCOPE_* */
};
struct accept {
    char *fingerprint, *by, *by_name, *until, *reason;
};

enum { SCOPE_ORG = 1, SCOPE_BUKYOKU = 2, SCOPE_KASHITSU = 4, SCOPE_SYSTEM = 8 };

struct refdata {
    struct dept *depts;
    size_t ndepts;
    struct sys *systems;
    size_t nsystems;
    struct holder *holders;
    size_t nholders;
    struct role_info *roles;
    size_t nroles;
    struct accept *accepts;
    size_t naccepts;
    char **adopted; /* 推奨事項 clause ids adopted */
    size_t nadopted;
};

static void refdata_free(struct refdata *d)
{
    for (size_t i = 0; i < d->ndepts; i++)
        free(d->depts[i].id), free(d->depts[i].parent), free(d->depts[i].level),
            free(d->depts[i].name);
    for (size_t i = 0; i < d->nsystems; i++)
        free(d->systems[i].id), free(d->systems[i].department);
    for (size_t i = 0; i < d->nholders; i++)
        free(d->holders[i].key), free(d->holders[i].person), free(d->holders[i].name);
    for (size_t i = 0; i < d->nroles; i++)
        free(d->roles[i].code), free(d->roles[i].label);
    for (size_t i = 0; i < d->naccepts; i++)
        free(d->accepts[i].fingerprint), free(d->accepts[i].by), free(d->accepts[i].by_name),
            free(d->accepts[i].until), free(d->accepts[i].reason);
    for (size_t i = 0; i < d->nadopted; i++)
        free(d->adopted[i]);
    free(d->depts), free(d->systems), free(d->holders), free(d->roles), free(d->accepts);
    free(d->adopted);
}

static int cmp_first_str(const void *a, const void *b)
{
    /* every reference struct starts with its key string */
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs `sql` (binding `today` to every `?`) and calls row() for each row. */
static int each_row(struct store *st, const char *sql, const char *today,
                    void (*row)(struct store_stmt *s, struct refdata *d), struct refdata *d,
                    struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    int nq = 0;
    for (const char *q = sql; *q; q++)
        nq += *q == '?';
    for (int i = 1; i <= nq; i++)
        store_bind_text(s, i, today);
    while ((rc = store_step(s, err)) == STORE_ROW)
        row(s, d);
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

static void row_dept(struct store_stmt *s, struct refdata *d)
{
    d->depts = chk_grow(d->depts, d->ndepts + 1, sizeof *d->depts);
    d->depts[d->ndepts++] = (struct dept){chk_dup(store_col_text(s, 0)),
                                          chk_dup(store_col_text(s, 1)),
                                          chk_dup(store_col_text(s, 2)),
                                          chk_dup(store_col_text(s, 3))};
}

static void row_sys(struct store_stmt *s, struct refdata *d)
{
    d->systems = chk_grow(d->systems, d->nsystems + 1, sizeof *d->systems);
    d->systems[d->nsystems++] =
        (struct sys){chk_dup(store_col_text(s, 0)), chk_dup(store_col_text(s, 1))};
}

static void row_holder(struct store_stmt *s, struct refdata *d)
{
    struct strbuf k = STRBUF_INIT;
    const char *scope = store_col_text(s, 2);
    strbuf_addf(&k, "%s\x1f%s\x1f%s", store_col_text(s, 0), store_col_text(s, 1),
                scope ? scope : "");
    d->holders = chk_grow(d->holders, d->nholders + 1, sizeof *d->holders);
    d->holders[d->nholders++] = (struct holder){strbuf_detach(&k), chk_dup(store_col_text(s, 3)),
                                                chk_dup(store_col_text(s, 4))};
}

static void row_role(struct store_stmt *s, struct refdata *d)
{
    const char *code = store_col_text(s, 0), *scope = store_col_text(s, 2);
    int bit = !scope                          ? 0
              : !strcmp(scope, "organization") ? SCOPE_ORG
              : !strcmp(scope, "bukyoku")      ? SCOPE_BUKYOKU
              : !strcmp(scope, "kashitsu")     ? SCOPE_KASHITSU
              : !strcmp(scope, "system")       ? SCOPE_SYSTEM
                                               : 0;
    if (d->nroles && !strcmp(d->roles[d->nroles - 1].code, code)) {
        d->roles[d->nroles - 1].scopes |= bit;
        return;
    }
    d->roles = chk_grow(d->roles, d->nroles + 1, sizeof *d->roles);
    d->roles[d->nroles++] =
        (struct role_info){chk_dup(code), chk_dup(store_col_text(s, 1)), bit};
}

static void row_accept(struct store_stmt *s, struct refdata *d)
{
    struct strbuf fp = STRBUF_INIT;
    strbuf_addf(&fp, "%s|%s|%s", store_col_text(s, 0), store_col_text(s, 1),
                store_col_text(s, 2));
    d->accepts = chk_grow(d->accepts, d->naccepts + 1, sizeof *d->accepts);
    d->accepts[d->naccepts++] =
        (struct accept){strbuf_detach(&fp), chk_dup(store_col_text(s, 3)),
                        chk_dup(store_col_text(s, 4)), chk_dup(store_col_text(s, 5)),
                        chk_dup(store_col_text(s, 6))};
}

static void row_adopted(struct store_stmt *s, struct refdata *d)
{
    d->adopted = chk_grow(d->adopted, d->nadopted + 1, sizeof *d->adopted);
    d->adopted[d->nadopted++] = chk_dup(store_col_text(s, 0));
}

/* Sorts by key; for accepts, keeps per fingerprint the decision that runs longest. */
static int cmp_accept(const void *a, const void *b)
{
    const struct accept *x = a, *y = b;
    int c = strcmp(x->fingerprint, y->fingerprint);
    return c ? c : strcmp(y->until, x->until);
}

static int refdata_load(struct store *st, const char *today, struct refdata *d,
                        struct mm_err *err)
{
    int rc = each_row(st, "SELECT id, parent_id, level, name FROM department", NULL, row_dept,
                      d, err);
    if (!rc)
        rc = each_row(st, "SELECT id, department_id FROM system", NULL, row_sys, d, err);
    if (!rc)
        rc = each_row(st,
                      "SELECT ra.role, ra.scope_type, "
                      "COALESCE(ra.scope_department_id, ra.scope_system_id), p.id, p.name "
                      "FROM role_assignment ra JOIN person p ON p.id = ra.person_id "
                      "WHERE ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
                      "AND p.status <> 'retired'",
                      today, row_holder, d, err);
    if (!rc)
        rc = each_row(st,
                      "SELECT r.code, r.label, rs.scope_type FROM role r "
                      "LEFT JOIN role_scope rs ON rs.role = r.code ORDER BY r.code",
                      NULL, row_role, d, err);
    if (!rc)
        rc = each_row(st,
                      "SELECT a.rule_id, a.entity_type, a.entity_id, a.accepted_by, p.name, "
                      "a.expires_on, a.reason FROM risk_acceptance a "
                      "LEFT JOIN person p ON p.id = a.accepted_by "
                      "WHERE a.decided_on <= ? AND a.expires_on >= ?",
                      today, row_accept, d, err);
    if (!rc)
        rc = each_row(st, "SELECT clause_id FROM org_recommendation WHERE adopted = 1", NULL,
                      row_adopted, d, err);
    if (rc)
        return rc;
    if (d->ndepts)
        qsort(d->depts, d->ndepts, sizeof *d->depts, cmp_first_str);
    if (d->nsystems)
        qsort(d->systems, d->nsystems, sizeof *d->systems, cmp_first_str);
    if (d->nholders)
        qsort(d->holders, d->nholders, sizeof *d->holders, cmp_first_str);
    if (d->nroles)
        qsort(d->roles, d->nroles, sizeof *d->roles, cmp_first_str);
    if (d->naccepts)
        qsort(d->accepts, d->naccepts, sizeof *d->accepts, cmp_accept);
    if (d->nadopted)
        qsort(d->adopted, d->nadopted, sizeof *d->adopted, cmp_str);
    return MM_OK;
}

static const struct dept *find_dept(const struct refdata *d, const char *id)
{
    if (!id || !d->ndepts)
        return NULL;
    const char *key = id;
    return bsearch(&key, d->depts, d->ndepts, sizeof *d->depts, cmp_first_str);
}

static const struct sys *find_sys(const struct refdata *d, const char *id)
{
    if (!id || !d->nsystems)
        return NULL;
    const char *key = id;
    return bsearch(&key, d->systems, d->nsystems, sizeof *d->systems, cmp_first_str);
}

static const struct role_info *find_role(const struct refdata *d, const char *code)
{
    const char *key = code;
    return d->nroles ? bsearch(&key, d->roles, d->nroles, sizeof *d->roles, cmp_first_str) : NULL;
}

static const struct accept *find_accept(const struct refdata *d, const char *fp)
{
    /* lower bound: the first entry of that fingerprint runs longest */
    size_t lo = 0, hi = d->naccepts;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(d->accepts[mid].fingerprint, fp) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->naccepts && !strcmp(d->accepts[lo].fingerprint, fp) ? &d->accepts[lo] : NULL;
}

/* Holders of `key`: index of the first and the count. */
static size_t find_holders(const struct refdata *d, const char *key, size_t *first)
{
    size_t lo = 0, hi = d->nholders;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(d->holders[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = 0;
    while (lo + n < d->nholders && !strcmp(d->holders[lo + n].key, key))
        n++;
    *first = lo;
    return n;
}

/* The department a finding belongs to: its own, else its system's. */
static const char *finding_dept(const struct refdata *d, const struct finding *f)
{
    if (f->department_id)
        return f->department_id;
    const struct sys *s = find_sys(d, f->system_id);
    return s ? s->department : NULL;
}

/* Nearest ancestor-or-self of `id` whose level is one of `levels` (NULL if none). */
static const struct dept *dept_up(const struct refdata *d, const char *id, const char *l1,
                                  const char *l2)
{
    const struct dept *x = find_dept(d, id);
    for (size_t depth = 0; x && depth < 64; depth++) {
        if (!strcmp(x->level, l1) || (l2 && !strcmp(x->level, l2)))
            return x;
        x = find_dept(d, x->parent);
    }
    return NULL;
}

/* Whether department `id` is `top` or below it. */
static int dept_within(const struct refdata *d, const char *id, const char *top)
{
    const struct dept *x = find_dept(d, id);
    for (size_t depth = 0; x && depth < 64; depth++) {
        if (!strcmp(x->id, top))
            return 1;
        x = find_dept(d, x->parent);
    }
    return 0;
}

static void add_people(struct finding *f, const struct refdata *d, size_t first, size_t n)
{
    f->people = chk_grow(f->people, f->npeople + n, sizeof *f->people);
    for (size_t i = 0; i < n; i++) {
        const struct holder *h = &d->holders[first + i];
        int dup = 0;
        for (size_t j = 0; j < f->npeople; j++)
            dup |= !strcmp(f->people[j].id, h->person);
        if (!dup)
            f->people[f->npeople++] =
                (struct check_person){chk_dup(h->person), chk_dup(h->name)};
    }
}

/* Resolves the responsible role of f to the people holding it for f's scope. */
static void resolve(struct finding *f, const struct refdata *d)
{
    const struct role_info *ri = find_role(d, f->rule->responsible);
    f->role_label = ri ? ri->label : f->rule->responsible;
    int scopes = ri ? ri->scopes : 0;
    const char *dept = finding_dept(d, f);
    char key[512];
    size_t first = 0, n = 0;
    if (!n && (scopes & SCOPE_SYSTEM) && f->system_id) {
        snprintf(key, sizeof key, "%s\x1fsystem\x1f%s", f->rule->responsible, f->system_id);
        n = find_holders(d, key, &first);
    }
    if (!n && (scopes & SCOPE_KASHITSU)) {
        const struct dept *k = dept_up(d, dept, "kashitsu", "desaki");
        if (k) {
            snprintf(key, sizeof key, "%s\x1fkashitsu\x1f%s", f->rule->responsible, k->id);
            n = find_holders(d, key, &first);
        }
    }
    if (!n && (scopes & SCOPE_BUKYOKU)) {
        const struct dept *b = dept_up(d, dept, "bukyoku", NULL);
        if (b) {
            snprintf(key, sizeof key, "%s\x1f" "bukyoku\x1f%s", f->rule->responsible, b->id);
            n = find_holders(d, key, &first);
        }
    }
    if (!n && (scopes & SCOPE_ORG)) {
        snprintf(key, sizeof key, "%s\x1forganization\x1f", f->rule->responsible);
        n = find_holders(d, key, &first);
    }
    struct strbuf sb = STRBUF_INIT;
    if (n) {
        add_people(f, d, first, n);
    } else {
        f->absent = 1;
        n = find_holders(d, "toukatsu\x1forganization\x1f", &first);
        add_people(f, d, first, n);
        strbuf_addstr(&sb, "担当者不在（");
        if (!n)
            strbuf_addstr(&sb, "統括情報セキュリティ責任者も不在）");
        else
            strbuf_addstr(&sb, "統括情報セキュリティ責任者: ");
    }
    for (size_t i = 0; i < f->npeople; i++)
        strbuf_addf(&sb, "%s%s（%s）", i ? "、" : "", f->people[i].name ? f->people[i].name : "",
                    f->people[i].id);
    if (f->absent && f->npeople)
        strbuf_addstr(&sb, "）");
    f->responsible_text = strbuf_detach(&sb);
}

/* ---- running the rules ------------------------------------------------------------------- */

static int rule_selected(const struct rule *r, const struct check_opts *o)
{
    if (o->nrule_ids) {
        int hit = 0;
        for (size_t i = 0; i < o->nrule_ids; i++)
            hit |= !strcmp(o->rule_ids[i], r->id);
        if (!hit)
            return 0;
    }
    if (o->section) {
        size_t n = strlen(o->section);
        int hit = 0;
        for (size_t i = 0; i < r->nclauses; i++) {
            const char *c = r->clauses[i];
            /* "6" matches 6, 6.2(1)…, 6(1)…; "6.2" matches 6.2 and 6.2(1)… */
            hit |= !strncmp(c, o->section, n) &&
                   (c[n] == '\0' || c[n] == '(' || (c[n] == '.' && !strchr(o->section, '.')));
        }
        if (!hit)
            return 0;
    }
    return 1;
}

static void result_warn(struct check_result *res, const char *fmt, const char *a, const char *b)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, fmt, a, b);
    res->warnings = chk_grow(res->warnings, res->nwarnings + 1, sizeof *res->warnings);
    res->warnings[res->nwarnings++] = strbuf_detach(&sb);
}

/* Runs one rule and appends its rows to res. */
static int run_rule(struct store *st, const struct rule *r, const struct rule_params *params,
                    struct check_result *res, struct mm_err *err)
{
    struct store_stmt *s;
    struct mm_err e;
    mm_err_clear(&e);
    if (store_prepare(st, r->sql, &s, &e))
        return mm_err_set(err, MM_EINPUT, "%s: 規則 %s の SQL を準備できません: %s", r->file,
                          r->id, e.msg);
    if (store_col_count(s) != 6) {
        int n = store_col_count(s);
        store_finalize(s);
        return mm_err_set(err, MM_EINPUT,
                          "%s:%d: 規則 %s の結果は 6 列（entity_type, entity_id, entity_label, "
                          "department_id, system_id, detail）のはずが %d 列です",
                          r->file, r->sql_line, r->id, n);
    }
    for (size_t i = 0; i < r->nparams; i++) {
        const struct rule_param *p = rule_params_find(params, r->params[i]);
        if (!p) {
            store_finalize(s);
            return mm_err_set(err, MM_EINPUT, "%s:%d: 規則 %s のパラメータ :%s は定義されていません",
                              r->file, r->param_lines[i], r->id, r->params[i]);
        }
        if (p->kind == RP_INT)
            store_bind_int(s, (int)i + 1, p->iv);
        else
            store_bind_text(s, (int)i + 1, p->text);
    }
    size_t start = res->n;
    int rc;
    while ((rc = store_step(s, &e)) == STORE_ROW) {
        const char *etype = store_col_text(s, 0), *eid = store_col_text(s, 1);
        const char *detail = store_col_text(s, 5);
        if (!etype || !*etype || !eid || !*eid || !detail || !*detail) {
            store_finalize(s);
            return mm_err_set(err, MM_EINPUT,
                              "%s: 規則 %s が entity_type・entity_id・detail の空な行を返しました",
                              r->file, r->id);
        }
        res->v = chk_grow(res->v, res->n + 1, sizeof *res->v);
        struct finding *f = &res->v[res->n++];
        memset(f, 0, sizeof *f);
        f->rule = r;
        f->entity_type = chk_dup(etype);
        f->entity_id = chk_dup(eid);
        f->entity_label = chk_dup(store_col_text(s, 2));
        f->department_id = chk_dup(store_col_text(s, 3));
        f->system_id = chk_dup(store_col_text(s, 4));
        f->detail = chk_dup(detail);
        struct strbuf fp = STRBUF_INIT;
        strbuf_addf(&fp, "%s|%s|%s", r->id, etype, eid);
        f->fingerprint = strbuf_detach(&fp);
    }
    store_finalize(s);
    if (rc != STORE_DONE)
        return mm_err_set(err, MM_EINPUT, "%s: 規則 %s の実行に失敗しました: %s", r->file, r->id,
                          e.msg);
    /* One row per entity: a rule that repeats one is reported, and the repeat dropped. */
    size_t n = res->n - start;
    if (n > 1) {
        struct finding *base = res->v + start;
        if (n)
            qsort(base, n, sizeof *base, chk_cmp_fingerprint);
        size_t w = 1;
        for (size_t i = 1; i < n; i++) {
            if (!strcmp(base[i].fingerprint, base[w - 1].fingerprint)) {
                result_warn(res, "規則 %s が同じ対象 %s を二度以上返しました（一件として扱います）",
                            r->id, base[i].entity_id);
                chk_finding_free(&base[i]);
                continue;
            }
            base[w++] = base[i];
        }
        res->n = start + w;
    }
    return MM_OK;
}

int chk_cmp_fingerprint(const void *a, const void *b)
{
    return strcmp(((const struct finding *)a)->fingerprint,
                  ((const struct finding *)b)->fingerprint);
}

static int cmp_report(const void *a, const void *b)
{
    const struct finding *x = a, *y = b;
    if (x->rule->severity != y->rule->severity)
        return x->rule->severity > y->rule->severity ? -1 : 1;
    int c = strcmp(x->rule->id, y->rule->id);
    if (!c)
        c = strcmp(x->entity_type, y->entity_type);
    return c ? c : strcmp(x->entity_id, y->entity_id);
}

void chk_finding_free(struct finding *f)
{
    free(f->fingerprint), free(f->entity_type), free(f->entity_id), free(f->entity_label);
    free(f->department_id), free(f->system_id), free(f->detail), free(f->department_name);
    for (size_t i = 0; i < f->npeople; i++)
        free(f->people[i].id), free(f->people[i].name);
    free(f->people), free(f->responsible_text);
    free(f->accepted_by), free(f->accepted_by_name), free(f->accepted_until);
    free(f->accepted_reason);
    memset(f, 0, sizeof *f);
}

void check_result_free(struct check_result *res)
{
    for (size_t i = 0; i < res->n; i++)
        chk_finding_free(&res->v[i]);
    free(res->v);
    for (size_t i = 0; i < res->nresolved; i++) {
        struct resolved_finding *r = &res->resolved[i];
        free(r->rule_id), free(r->severity), free(r->entity_type), free(r->entity_id);
        free(r->entity_label), free(r->detail);
    }
    free(res->resolved);
    free(res->skipped);
    free(res->ran);
    for (size_t i = 0; i < res->nwarnings; i++)
        free(res->warnings[i]);
    free(res->warnings);
    for (size_t i = 0; i < res->nlabels; i++)
        free(res->labels[i]);
    free(res->labels);
    memset(res, 0, sizeof *res);
}

size_t check_count_failing(const struct check_result *res, enum rule_severity min)
{
    size_t n = 0;
    for (size_t i = 0; i < res->n; i++)
        n += !res->v[i].accepted && res->v[i].rule->severity >= min;
    return n;
}

/* "all", or "rule=A,B;section=6;department=D" with the parts that filter. */
static void make_scope(const struct check_opts *o, char *out, size_t size)
{
    struct strbuf sb = STRBUF_INIT;
    if (o->nrule_ids) {
        char **ids = chk_grow(NULL, o->nrule_ids, sizeof *ids);
        for (size_t i = 0; i < o->nrule_ids; i++)
            ids[i] = (char *)o->rule_ids[i];
        if (o->nrule_ids)
            qsort(ids, o->nrule_ids, sizeof *ids, cmp_str);
        strbuf_addstr(&sb, "rule=");
        for (size_t i = 0; i < o->nrule_ids; i++)
            if (!i || strcmp(ids[i], ids[i - 1]))
                strbuf_addf(&sb, "%s%s", i ? "," : "", ids[i]);
        free(ids);
    }
    if (o->section)
        strbuf_addf(&sb, "%ssection=%s", sb.len ? ";" : "", o->section);
    if (o->department)
        strbuf_addf(&sb, "%sdepartment=%s", sb.len ? ";" : "", o->department);
    snprintf(out, size, "%s", sb.len ? sb.buf : "all");
    strbuf_release(&sb);
}

int check_run(struct store *st, const struct rule_set *set, const struct check_opts *o,
              struct check_result *res, struct mm_err *err)
{
    memset(res, 0, sizeof *res);
    for (size_t i = 0; i < o->nrule_ids; i++)
        if (!rule_set_find(set, o->rule_ids[i]))
            return mm_err_set(err, MM_EINPUT, "規則「%s」はありません（mamori check rules で一覧）",
                              o->rule_ids[i]);
    make_scope(o, res->scope, sizeof res->scope);

    struct rule_params params = {0};
    struct refdata d = {0};
    int rc = store_begin_read(st, err);
    if (rc)
        return rc;
    rc = rule_params_build(st, o->as_of, &params, err);
    if (!rc) {
        memcpy(res->as_of, params.today, sizeof res->as_of);
        rc = refdata_load(st, params.today, &d, err);
    }
    if (!rc && o->department && !find_dept(&d, o->department))
        rc = mm_err_set(err, MM_EINPUT, "部署「%s」はありません", o->department);
    size_t total = 0, done = 0;
    for (size_t i = 0; !rc && i < set->n; i++)
        total += rule_selected(&set->v[i], o);
    for (size_t i = 0; !rc && i < set->n; i++) {
        const struct rule *r = &set->v[i];
        if (!rule_selected(r, o))
            continue;
        const char *key = r->requires;
        if (r->requires && !(d.nadopted && bsearch(&key, d.adopted, d.nadopted,
                                                   sizeof *d.adopted, cmp_str))) {
            res->skipped = chk_grow(res->skipped, res->nskipped + 1, sizeof *res->skipped);
            res->skipped[res->nskipped++] = r;
        } else {
            rc = run_rule(st, r, &params, res, err);
            res->ran = chk_grow(res->ran, res->nran + 1, sizeof *res->ran);
            res->ran[res->nran++] = r;
            res->rules_run++;
        }
        if (o->progress)
            o->progress(o->progress_ctx, ++done, total);
    }
    if (rc) {
        store_rollback(st);
    } else {
        rc = store_commit(st, err); /* ends the read snapshot */
    }

    /* Everything below works in memory on what the snapshot returned. */
    size_t w = 0;
    for (size_t i = 0; !rc && i < res->n; i++) {
        struct finding *f = &res->v[i];
        if (o->department) {
            const char *fd = finding_dept(&d, f);
            if (!fd || !dept_within(&d, fd, o->department)) {
                chk_finding_free(f);
                continue;
            }
        }
        const struct dept *dep = find_dept(&d, f->department_id);
        f->department_name = dep ? chk_dup(dep->name) : NULL;
        resolve(f, &d);
        const struct accept *a = find_accept(&d, f->fingerprint);
        if (a) {
            f->accepted = 1;
            f->accepted_by = chk_dup(a->by);
            f->accepted_by_name = chk_dup(a->by_name);
            f->accepted_until = chk_dup(a->until);
            f->accepted_reason = chk_dup(a->reason);
        }
        res->v[w++] = *f;
    }
    if (!rc)
        res->n = w;
    /* role labels point into refdata: keep copies owned by the result */
    for (size_t i = 0; !rc && i < res->n; i++) {
        const char *l = res->v[i].role_label;
        size_t j = 0;
        while (j < res->nlabels && strcmp(res->labels[j], l))
            j++;
        if (j == res->nlabels) {
            res->labels = chk_grow(res->labels, res->nlabels + 1, sizeof *res->labels);
            res->labels[res->nlabels++] = chk_dup(l);
        }
        res->v[i].role_label = res->labels[j];
    }
    refdata_free(&d);
    rule_params_free(&params);
    if (!rc)
        rc = chk_store_and_diff(st, o, res, err);
    if (!rc)
        if (res->n)
            qsort(res->v, res->n, sizeof *res->v, cmp_report);
    if (rc)
        check_result_free(res);
    return rc;
}
