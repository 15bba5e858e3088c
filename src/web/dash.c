/*
 * dash.c — queries for the dashboard, findings, check runs and their API (see dash.h).
 */
#include "web/dash.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embedded.h"

/* ---- rules, parsed once ---- */

static struct rule *g_rules;
static size_t g_nrules;
static pthread_once_t g_rules_once = PTHREAD_ONCE_INIT;

static int cmp_rule(const void *a, const void *b)
{
    return strcmp(((const struct rule *)a)->id, ((const struct rule *)b)->id);
}

static void load_rules(void)
{
    size_t plen = strlen(RULES_PREFIX);
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        size_t n = strlen(f->name);
        if (strncmp(f->name, RULES_PREFIX, plen) != 0 || n < 4 || strcmp(f->name + n - 4, ".sql"))
            continue;
        struct rule r;
        struct mm_err err;
        memset(&r, 0, sizeof r);
        if (rule_parse(f->name, f->data, &r, &err) != MM_OK)
            continue; /* `mamori check` reports broken rule files */
        struct rule *nv = realloc(g_rules, (g_nrules + 1) * sizeof *nv);
        if (!nv)
            abort();
        g_rules = nv;
        g_rules[g_nrules++] = r;
    }
    if (g_nrules)
        qsort(g_rules, g_nrules, sizeof *g_rules, cmp_rule);
}

size_t dash_rule_count(void)
{
    pthread_once(&g_rules_once, load_rules);
    return g_nrules;
}

const struct rule *dash_rule_at(size_t i)
{
    pthread_once(&g_rules_once, load_rules);
    return i < g_nrules ? &g_rules[i] : NULL;
}

const struct rule *dash_rule(const char *id)
{
    pthread_once(&g_rules_once, load_rules);
    if (!id || !g_nrules)
        return NULL;
    struct rule key = {.id = (char *)id};
    return bsearch(&key, g_rules, g_nrules, sizeof *g_rules, cmp_rule);
}

int dash_clause_section(const char *clause)
{
    int n = 0;
    const char *p = clause;
    while (p && *p >= '0' && *p <= '9' && n < 100)
        n = n * 10 + (*p++ - '0');
    return p && p != clause && n >= 1 && n <= DASH_SECTIONS ? n : 0;
}

int dash_rule_section(const struct rule *r)
{
    return r && r->nclauses ? dash_clause_section(r->clauses[0]) : 0;
}

/* ---- labels ---- */

static const struct {
    const char *code, *label;
    int rank;
} severities[] = {
    {"critical", "重大", 4},
    {"high", "高", 3},
    {"medium", "中", 2},
    {"low", "低", 1},
};

const char *dash_severity_label(const char *code)
{
    for (size_t i = 0; code && i < sizeof severities / sizeof *severities; i++)
        if (!strcmp(severities[i].code, code))
            return severities[i].label;
    return code ? code : "";
}

int dash_severity_rank(const char *code)
{
    for (size_t i = 0; code && i < sizeof severities / sizeof *severities; i++)
        if (!strcmp(severities[i].code, code))
            return severities[i].rank;
    return 0;
}

static const struct {
    const char *type, *label;
    int reg; /* has a register page /r/{type} */
} entities[] = {
    {"account", "アカウント", 1},
    {"asset", "情報資産", 1},
    {"system", "情報システム", 1},
    {"department", "部署", 1},
    {"person", "職員等", 1},
    {"role_assignment", "役割の割当て", 1},
    {"organization", "団体", 0},
    {"network_connection", "通信経路", 1},
    {"device", "機器・媒体", 1},
    {"device_software", "導入ソフトウェア", 0},
    {"managed_area", "管理区域", 1},
    {"managed_area_permit", "管理区域の入室許可", 0},
    {"software", "ソフトウェア", 1},
    {"contractor", "委託事業者", 1},
    {"contract", "契約", 1},
    {"cloud_service", "クラウドサービス", 1},
    {"training_course", "研修", 0},
};

const char *dash_entity_label(const char *type)
{
    for (size_t i = 0; type && i < sizeof entities / sizeof *entities; i++)
        if (!strcmp(entities[i].type, type))
            return entities[i].label;
    return type ? type : "";
}

int dash_entity_has_register(const char *type)
{
    for (size_t i = 0; type && i < sizeof entities / sizeof *entities; i++)
        if (!strcmp(entities[i].type, type))
            return entities[i].reg;
    return 0;
}

void dash_url_escape(struct strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            strbuf_addch(sb, (char)*p);
        } else {
            strbuf_addch(sb, '%');
            strbuf_addch(sb, hex[*p >> 4]);
            strbuf_addch(sb, hex[*p & 15]);
        }
    }
}

/* ---- small helpers ---- */

static char *dup_col(struct store_stmt *s, int col)
{
    const char *t = store_col_text(s, col);
    char *d = t ? strdup(t) : NULL;
    if (t && !d)
        abort();
    return d;
}

static void copy_col(struct store_stmt *s, int col, char *out, size_t size)
{
    const char *t = store_col_text(s, col);
    snprintf(out, size, "%s", t ? t : "");
}

/*
 * The authz condition for finding rows of alias f with its four parameters numbered
 * ?first … ?first+3, so that it can sit among numbered parameters.
 */
static void finding_filter(int first, char *out, size_t size)
{
    char plain[512];
    authz_filter_sql("f.department_id", "f.system_id",
                     "(CASE WHEN f.entity_type = 'person' THEN f.entity_id END)", plain,
                     sizeof plain);
    size_t o = 0;
    int k = first;
    for (const char *p = plain; *p && o + 8 < size; p++) {
        if (*p == '?')
            o += (size_t)snprintf(out + o, size - o, "?%d", k++);
        else
            out[o++] = *p;
    }
    out[o] = '\0';
}

static int bind_filter(const struct authz_principal *who, struct store_stmt *s, int first,
                       struct mm_err *err)
{
    if (authz_filter_bind(who, "finding", AUTHZ_READ, s, first))
        return mm_err_set(err, MM_EINTERNAL, "権限の条件を作れません");
    return MM_OK;
}

/* ---- runs ---- */

#define RUN_COLS                                                                                  \
    "r.id, r.started_at, r.as_of, r.scope, r.actor, r.rules_run, r.findings, "                    \
    "COALESCE((SELECT MAX(p.id) FROM check_run p WHERE p.scope = r.scope AND p.id < r.id), 0)"

static void read_run(struct store_stmt *s, struct dash_run *r)
{
    memset(r, 0, sizeof *r);
    r->id = store_col_int(s, 0);
    copy_col(s, 1, r->started_at, sizeof r->started_at);
    copy_col(s, 2, r->as_of, sizeof r->as_of);
    copy_col(s, 3, r->scope, sizeof r->scope);
    copy_col(s, 4, r->actor, sizeof r->actor);
    r->rules_run = store_col_int(s, 5);
    r->findings = store_col_int(s, 6);
    r->prev_id = store_col_int(s, 7);
}

/* New and resolved against the previous run of the same scope (primary-key lookups). */
static int run_changes(struct store *st, struct dash_run *r, struct mm_err *err)
{
    if (!r->prev_id) {
        r->news = r->findings;
        r->resolved = 0;
        return MM_OK;
    }
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT COUNT(*) FROM finding f JOIN finding p ON p.run_id = ?2 AND "
                           "p.fingerprint = f.fingerprint WHERE f.run_id = ?1",
                           &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, r->id);
    store_bind_int(s, 2, r->prev_id);
    long long common = 0;
    rc = store_step(s, err);
    if (rc == STORE_ROW)
        common = store_col_int(s, 0), rc = MM_OK;
    store_finalize(s);
    if (rc)
        return rc;
    long long prev_n = 0;
    rc = store_prepare(st, "SELECT findings FROM check_run WHERE id = ?", &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, r->prev_id);
    rc = store_step(s, err);
    if (rc == STORE_ROW)
        prev_n = store_col_int(s, 0), rc = MM_OK;
    store_finalize(s);
    r->news = r->findings - common;
    r->resolved = prev_n - common;
    return rc == STORE_DONE ? MM_OK : rc;
}

static int one_run(struct store *st, const char *sql, const char *text, long long id,
                   int changes, struct dash_run *out, int *found, struct mm_err *err)
{
    struct store_stmt *s;
    *found = 0;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    if (text)
        store_bind_text(s, 1, text);
    else
        store_bind_int(s, 1, id);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        read_run(s, out);
        *found = 1;
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = MM_OK;
    }
    store_finalize(s);
    if (!rc && *found && changes)
        rc = run_changes(st, out, err);
    return rc;
}

int dash_latest_run(struct store *st, struct dash_run *out, int *found, struct mm_err *err)
{
    return one_run(st,
                   "SELECT " RUN_COLS " FROM check_run r WHERE r.scope = ? ORDER BY r.id DESC "
                   "LIMIT 1",
                   DASH_FULL_SCOPE, 0, 1, out, found, err);
}

int dash_latest_run_id(struct store *st, struct dash_run *out, int *found, struct mm_err *err)
{
    return one_run(st,
                   "SELECT " RUN_COLS " FROM check_run r WHERE r.scope = ? ORDER BY r.id DESC "
                   "LIMIT 1",
                   DASH_FULL_SCOPE, 0, 0, out, found, err);
}

int dash_run_changes(struct store *st, struct dash_run *r, struct mm_err *err)
{
    return run_changes(st, r, err);
}

int dash_run_get(struct store *st, long long id, struct dash_run *out, int *found,
                 struct mm_err *err)
{
    return one_run(st, "SELECT " RUN_COLS " FROM check_run r WHERE r.id = ?", NULL, id, 1, out,
                   found, err);
}

int dash_runs(struct store *st, int page, int per, struct dash_run **out, size_t *n,
              long long *total, struct mm_err *err)
{
    *out = NULL;
    *n = 0;
    int rc = store_query_int(st, "SELECT COUNT(*) FROM check_run", total, err);
    if (rc)
        return rc;
    struct store_stmt *s;
    rc = store_prepare(st, "SELECT " RUN_COLS " FROM check_run r ORDER BY r.id DESC LIMIT ? OFFSET ?",
                       &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, per);
    store_bind_int(s, 2, (long long)(page - 1) * per);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct dash_run *nv = realloc(*out, (*n + 1) * sizeof *nv);
        if (!nv)
            abort();
        *out = nv;
        read_run(s, &nv[(*n)++]);
    }
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    for (size_t i = 0; i < *n; i++)
        if ((rc = run_changes(st, &(*out)[i], err)))
            return rc;
    return MM_OK;
}

/* ---- findings ---- */

const char *const dash_sort_keys[] = {"severity", "rule", "department", "entity", NULL};

/* ORDER BY text per sort key; %s is ASC or DESC. Program text only. */
static const char *const sort_sql[] = {
    "sv.rank %s, f.rule_id, f.entity_type, f.entity_id",
    "f.rule_id %s, f.entity_type, f.entity_id",
    "d.name %s, f.rule_id, f.entity_id",
    "f.entity_type %s, f.entity_id, f.rule_id",
};

int dash_sort_ok(const char *s)
{
    for (size_t i = 0; s && dash_sort_keys[i]; i++)
        if (!strcmp(dash_sort_keys[i], s))
            return 1;
    return 0;
}

#define FINDING_COLS                                                                              \
    "f.fingerprint, f.rule_id, f.severity, f.entity_type, f.entity_id, f.entity_label, "          \
    "f.department_id, d.name, f.system_id, sy.name, f.detail, f.responsible_role, ro.label, "     \
    "f.responsible, f.accepted, f.run_id"
#define FINDING_JOINS                                                                             \
    " FROM finding f LEFT JOIN department d ON d.id = f.department_id "                           \
    "LEFT JOIN system sy ON sy.id = f.system_id LEFT JOIN role ro ON ro.code = f.responsible_role " \
    "JOIN finding_severity sv ON sv.code = f.severity "

static void read_finding(struct store_stmt *s, struct dash_finding *f)
{
    memset(f, 0, sizeof *f);
    char **cols[] = {&f->fingerprint,   &f->rule_id,   &f->severity,     &f->entity_type,
                     &f->entity_id,     &f->entity_label, &f->department_id, &f->department_name,
                     &f->system_id,     &f->system_name, &f->detail,     &f->role,
                     &f->role_label,    &f->responsible};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
        *cols[i] = dup_col(s, (int)i);
    f->accepted = (int)store_col_int(s, 14);
    f->run_id = store_col_int(s, 15);
}

void dash_finding_free(struct dash_finding *f)
{
    char *v[] = {f->fingerprint, f->rule_id,   f->severity,   f->entity_type, f->entity_id,
                 f->entity_label, f->department_id, f->department_name, f->system_id,
                 f->system_name, f->detail,    f->role,       f->role_label,  f->responsible};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        free(v[i]);
    memset(f, 0, sizeof *f);
}

void dash_list_free(struct dash_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        dash_finding_free(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

struct authz_target dash_finding_target(const struct dash_finding *f)
{
    struct authz_target t = {f->department_id, f->system_id,
                             f->entity_type && !strcmp(f->entity_type, "person") ? f->entity_id
                                                                                 : NULL};
    return t;
}

/* The rule ids of one section as a JSON array text (caller frees), or NULL for no filter. */
static char *section_rules(const char *section)
{
    if (!section || !*section)
        return NULL;
    int want = dash_clause_section(section);
    json_t *a = json_array();
    for (size_t i = 0; i < dash_rule_count(); i++)
        if (dash_rule_section(dash_rule_at(i)) == want)
            json_array_append_new(a, json_string(dash_rule_at(i)->id));
    char *t = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    if (!t)
        abort();
    return t;
}

static const char *nz(const char *s)
{
    return s && *s ? s : NULL;
}

/* WHERE text of a findings query: ?1 run, ?2…?5 authz, ?6… the filters (see bind_query). */
static void query_where(char *out, size_t size)
{
    char filt[600];
    finding_filter(2, filt, sizeof filt);
    snprintf(out, size,
             " WHERE f.run_id = ?1 AND %s AND (?6 IS NULL OR f.severity = ?6) "
             "AND (?7 IS NULL OR f.department_id = ?7) AND (?8 IS NULL OR f.rule_id = ?8) "
             "AND (?9 IS NULL OR f.rule_id IN (SELECT value FROM json_each(?9))) "
             "AND (?10 = 0 OR f.accepted = 1) AND (?11 = 0 OR f.accepted = 0) "
             "AND (?12 = 0 OR NOT EXISTS (SELECT 1 FROM finding p WHERE p.run_id = ?13 "
             "AND p.fingerprint = f.fingerprint))",
             filt);
}

static int bind_query(const struct authz_principal *who, const struct dash_query *q,
                      const char *sect, struct store_stmt *s, struct mm_err *err)
{
    store_bind_int(s, 1, q->run_id);
    int rc = bind_filter(who, s, 2, err);
    store_bind_text(s, 6, nz(q->severity));
    store_bind_text(s, 7, nz(q->department));
    store_bind_text(s, 8, nz(q->rule));
    store_bind_text(s, 9, sect);
    store_bind_int(s, 10, q->only_accepted);
    store_bind_int(s, 11, q->only_open);
    store_bind_int(s, 12, q->only_new);
    store_bind_int(s, 13, q->prev_id);
    return rc;
}

static const char *order_sql(const char *sort)
{
    for (size_t i = 0; dash_sort_keys[i]; i++)
        if (sort && !strcmp(dash_sort_keys[i], sort))
            return sort_sql[i];
    return sort_sql[0];
}

int dash_findings(struct store *st, const struct authz_principal *who, const struct dash_query *q,
                  struct dash_list *out, struct mm_err *err)
{
    memset(out, 0, sizeof *out);
    char where[2048], sql[4096], order[160];
    query_where(where, sizeof where);
    char *sect = section_rules(q->section);
    struct store_stmt *s = NULL;
    snprintf(sql, sizeof sql, "SELECT COUNT(*)" FINDING_JOINS "%s", where);
    int rc = store_prepare(st, sql, &s, err);
    if (!rc && !(rc = bind_query(who, q, sect, s, err))) {
        rc = store_step(s, err);
        if (rc == STORE_ROW)
            out->total = store_col_int(s, 0), rc = MM_OK;
    }
    if (s)
        store_finalize(s);
    s = NULL;
    if (rc) {
        free(sect);
        return rc;
    }
    int sorted_desc = q->sort ? q->desc : 1;
    snprintf(order, sizeof order, order_sql(q->sort), sorted_desc ? "DESC" : "ASC");
    snprintf(sql, sizeof sql,
             "SELECT " FINDING_COLS ", NOT EXISTS (SELECT 1 FROM finding p WHERE p.run_id = ?13 "
             "AND p.fingerprint = f.fingerprint)" FINDING_JOINS "%s ORDER BY %s LIMIT ?14 OFFSET ?15",
             where, order);
    rc = store_prepare(st, sql, &s, err);
    if (!rc)
        rc = bind_query(who, q, sect, s, err);
    free(sect);
    if (rc) {
        if (s)
            store_finalize(s);
        return rc;
    }
    store_bind_int(s, 14, q->per);
    store_bind_int(s, 15, (long long)(q->page > 0 ? q->page - 1 : 0) * q->per);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct dash_finding *nv = realloc(out->v, (out->n + 1) * sizeof *nv);
        if (!nv)
            abort();
        out->v = nv;
        read_finding(s, &nv[out->n]);
        nv[out->n++].is_new = (int)store_col_int(s, 16);
    }
    store_finalize(s);
    if (rc != STORE_DONE) {
        dash_list_free(out);
        return rc;
    }
    return MM_OK;
}

/* The rule part of a fingerprint (before the first '|') into out. */
static void fp_rule(const char *fp, char *out, size_t size)
{
    size_t n = strcspn(fp, "|");
    snprintf(out, size, "%.*s", (int)n, fp);
}

int dash_finding_latest(struct store *st, const char *fp, struct dash_finding *out, int *found,
                        struct mm_err *err)
{
    char rule[128];
    fp_rule(fp, rule, sizeof rule);
    *found = 0;
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT " FINDING_COLS FINDING_JOINS
                           "WHERE f.rule_id = ? AND f.fingerprint = ? ORDER BY f.run_id DESC LIMIT 1",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, rule);
    store_bind_text(s, 2, fp);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        read_finding(s, out);
        *found = 1;
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = MM_OK;
    }
    store_finalize(s);
    return rc;
}

int dash_finding_history(struct store *st, const char *fp, struct dash_history_row **out,
                         size_t *n, struct mm_err *err)
{
    char rule[128];
    fp_rule(fp, rule, sizeof rule);
    *out = NULL;
    *n = 0;
    struct store_stmt *s;
    /* runs of the full scope from the first sighting on, and any other run that saw it */
    int rc = store_prepare(
        st,
        "SELECT r.id, r.started_at, r.as_of, f.run_id IS NOT NULL, COALESCE(f.accepted, 0) "
        "FROM check_run r LEFT JOIN finding f ON f.run_id = r.id AND f.fingerprint = ?2 "
        "WHERE r.id >= (SELECT MIN(run_id) FROM finding WHERE rule_id = ?1 AND fingerprint = ?2) "
        "AND (f.run_id IS NOT NULL OR r.scope = 'all') ORDER BY r.id",
        &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, rule);
    store_bind_text(s, 2, fp);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct dash_history_row *nv = realloc(*out, (*n + 1) * sizeof *nv);
        if (!nv)
            abort();
        *out = nv;
        struct dash_history_row *h = &nv[(*n)++];
        memset(h, 0, sizeof *h);
        h->run_id = store_col_int(s, 0);
        copy_col(s, 1, h->started_at, sizeof h->started_at);
        copy_col(s, 2, h->as_of, sizeof h->as_of);
        h->seen = (int)store_col_int(s, 3);
        h->accepted = (int)store_col_int(s, 4);
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

int dash_risks(struct store *st, const char *rule, const char *etype, const char *eid,
               json_t **out, struct mm_err *err)
{
    *out = json_array();
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT ra.id, ra.accepted_by, p.name, ra.reason, ra.decided_on, "
                           "ra.expires_on FROM risk_acceptance ra LEFT JOIN person p ON "
                           "p.id = ra.accepted_by WHERE ra.rule_id = ? AND ra.entity_type = ? AND "
                           "ra.entity_id = ? ORDER BY ra.id DESC",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, rule);
    store_bind_text(s, 2, etype);
    store_bind_text(s, 3, eid);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *name = store_col_text(s, 2);
        json_array_append_new(
            *out, json_pack("{s:I,s:s,s:s?,s:s,s:s,s:s}", "id", (json_int_t)store_col_int(s, 0),
                            "by", store_col_text(s, 1), "by_name", name, "reason",
                            store_col_text(s, 3), "decided_on", store_col_text(s, 4),
                            "expires_on", store_col_text(s, 5)));
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

int dash_finding_departments(struct store *st, const struct authz_principal *who, long long run,
                             json_t **out, struct mm_err *err)
{
    char filt[600], sql[1200];
    finding_filter(2, filt, sizeof filt);
    snprintf(sql, sizeof sql,
             "SELECT f.department_id, COALESCE(d.name, f.department_id), COUNT(*) FROM finding f "
             "LEFT JOIN department d ON d.id = f.department_id WHERE f.run_id = ?1 AND "
             "f.department_id IS NOT NULL AND %s GROUP BY f.department_id ORDER BY d.sort, 2",
             filt);
    *out = json_array();
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, run);
    if ((rc = bind_filter(who, s, 2, err))) {
        store_finalize(s);
        return rc;
    }
    while ((rc = store_step(s, err)) == STORE_ROW)
        json_array_append_new(*out, json_pack("{s:s,s:s,s:I}", "id", store_col_text(s, 0), "name",
                                              store_col_text(s, 1), "count",
                                              (json_int_t)store_col_int(s, 2)));
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

/* ---- JSON ---- */

json_t *dash_finding_json(const struct dash_finding *f)
{
    const struct rule *r = dash_rule(f->rule_id);
    json_t *cl = json_array();
    for (size_t i = 0; r && i < r->nclauses; i++)
        json_array_append_new(cl, json_string(r->clauses[i]));
    json_t *o = json_object();
    json_object_set_new(o, "fingerprint", json_string(f->fingerprint));
    json_object_set_new(o, "rule", json_string(f->rule_id));
    json_object_set_new(o, "title", r ? json_string(r->title) : json_null());
    json_object_set_new(o, "severity", json_string(f->severity));
    json_object_set_new(o, "severity_label", json_string(dash_severity_label(f->severity)));
    json_object_set_new(o, "section", json_integer(dash_rule_section(r)));
    json_object_set_new(o, "clauses", cl);
    json_object_set_new(o, "entity_type", json_string(f->entity_type));
    json_object_set_new(o, "entity_id", json_string(f->entity_id));
    json_object_set_new(o, "entity_label", f->entity_label ? json_string(f->entity_label) : json_null());
    json_object_set_new(o, "department", f->department_id ? json_string(f->department_id) : json_null());
    json_object_set_new(o, "department_name", f->department_name ? json_string(f->department_name) : json_null());
    json_object_set_new(o, "system", f->system_id ? json_string(f->system_id) : json_null());
    json_object_set_new(o, "detail", json_string(f->detail ? f->detail : ""));
    json_object_set_new(o, "action", r ? json_string(r->action) : json_null());
    json_object_set_new(o, "responsible_role", json_string(f->role ? f->role : ""));
    json_object_set_new(o, "responsible_role_label", f->role_label ? json_string(f->role_label) : json_null());
    json_object_set_new(o, "responsible", json_string(f->responsible ? f->responsible : ""));
    json_object_set_new(o, "accepted", json_boolean(f->accepted));
    json_object_set_new(o, "new", json_boolean(f->is_new));
    json_object_set_new(o, "run", json_integer(f->run_id));
    return o;
}

json_t *dash_run_json(const struct dash_run *r)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:o,s:I,s:I}", "id", (json_int_t)r->id,
                     "started_at", r->started_at, "as_of", r->as_of, "scope", r->scope, "actor",
                     r->actor, "rules_run", (json_int_t)r->rules_run, "findings",
                     (json_int_t)r->findings, "previous_run",
                     r->prev_id ? json_integer(r->prev_id) : json_null(), "new",
                     (json_int_t)r->news, "resolved", (json_int_t)r->resolved);
}
