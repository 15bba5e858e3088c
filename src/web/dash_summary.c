/*
 * dash_summary.c — the dashboard's figures (dash.h: dash_summary): a handful of GROUP BY
 * queries over the latest full-scope run, restricted to the findings the user may read, and a
 * small cache. A stored run never changes, so the figures for one run and one reach (the
 * bound authz values and the roles held) can be kept and handed out again; a new run has a
 * new id and so a new key.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/dash.h"

#define TOP_DEPARTMENTS 10
#define TREND_RUNS 12
#define AWAITING_SHOWN 20
#define AWAITING_SCAN 20000 /* rows looked at to find the ones shown */

/* The authz condition on alias f with parameters ?first … ?first+3 (dash.c has the same). */
static void filter_sql(int first, char *out, size_t size)
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

/* Prepares sql (with "%s" where the filter goes, its parameters starting at ?first). */
static int prepare(struct store *st, const struct authz_principal *who, const char *fmt,
                   int first, struct store_stmt **s, struct mm_err *err)
{
    char filt[600], sql[2048];
    filter_sql(first, filt, sizeof filt);
    snprintf(sql, sizeof sql, fmt, filt);
    int rc = store_prepare(st, sql, s, err);
    if (rc)
        return rc;
    if (authz_filter_bind(who, "finding", AUTHZ_READ, *s, first)) {
        store_finalize(*s);
        *s = NULL;
        return mm_err_set(err, MM_EINTERNAL, "権限の条件を作れません");
    }
    return MM_OK;
}

static int finish(struct store_stmt *s, int rc)
{
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

/* ---- the cache ---- */

#define CACHE_SLOTS 64
static struct {
    char *key, *json;
} cache[CACHE_SLOTS];
static size_t cache_next;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static json_t *cache_get(const char *key)
{
    json_t *j = NULL;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        if (cache[i].key && !strcmp(cache[i].key, key)) {
            j = json_loads(cache[i].json, 0, NULL);
            break;
        }
    pthread_mutex_unlock(&cache_lock);
    return j;
}

static void cache_put(const char *key, const json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    char *k = strdup(key);
    if (!text || !k) {
        free(text);
        free(k);
        return;
    }
    pthread_mutex_lock(&cache_lock);
    size_t i = cache_next++ % CACHE_SLOTS;
    free(cache[i].key);
    free(cache[i].json);
    cache[i].key = k;
    cache[i].json = text;
    pthread_mutex_unlock(&cache_lock);
}

static void add_role_key(void *ctx, const char *role, const char *label, const char *scope)
{
    (void)label;
    strbuf_addf(ctx, "%s@%s;", role, scope);
}

static void add_role_code(void *ctx, const char *role, const char *label, const char *scope)
{
    (void)label;
    (void)scope;
    json_array_append_new(ctx, json_string(role));
}

/*
 * The key: the run (id and start time, so that a database restored or rebuilt under the running
 * server with another run of the same id is not mistaken for it), the day, the bound authz
 * values and the roles held.
 */
static int cache_key(struct store *st, const struct authz_principal *who,
                     const struct dash_run *run, const char *today, struct strbuf *key,
                     struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, "SELECT ?, ?, ?, ?", &s, err);
    if (rc)
        return rc;
    if (authz_filter_bind(who, "finding", AUTHZ_READ, s, 1)) {
        store_finalize(s);
        return mm_err_set(err, MM_EINTERNAL, "権限の条件を作れません");
    }
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        strbuf_addf(key, "%lld|%s|%s|", run->id, run->started_at, today);
        for (int i = 0; i < 4; i++) {
            const char *t = store_col_text(s, i);
            strbuf_addf(key, "%s|", t ? t : "-");
        }
        authz_each_role(who, add_role_key, key);
        rc = MM_OK;
    }
    store_finalize(s);
    return rc;
}

/* ---- the figures ---- */

/* Section titles of the current catalog revision: titles[1..9]. */
static int section_titles(struct store *st, char titles[DASH_SECTIONS + 1][160], struct mm_err *err)
{
    for (int i = 0; i <= DASH_SECTIONS; i++)
        snprintf(titles[i], 160, "%d", i);
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT id, title FROM catalog_clause WHERE revision = "
                           "(SELECT MAX(code) FROM catalog_revision) AND parent_id IS NULL",
                           &s, err);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        int n = dash_clause_section(store_col_text(s, 0));
        const char *t = store_col_text(s, 1);
        if (n && t)
            snprintf(titles[n], 160, "%s", t);
    }
    return finish(s, rc);
}

static const char *const sev_codes[] = {"critical", "high", "medium", "low"};
#define NSEV 4

static int sev_index(const char *code)
{
    for (int i = 0; i < NSEV; i++)
        if (code && !strcmp(code, sev_codes[i]))
            return i;
    return -1;
}

/* Totals, by severity and by section, from one GROUP BY rule, severity, accepted. */
static int by_rule(struct store *st, const struct authz_principal *who, long long run,
                   json_t *root, const char titles[DASH_SECTIONS + 1][160], struct mm_err *err)
{
    struct store_stmt *s;
    int rc = prepare(st, who,
                     "SELECT f.rule_id, f.severity, f.accepted, COUNT(*) FROM finding f "
                     "WHERE f.run_id = ?1 AND %s GROUP BY f.rule_id, f.severity, f.accepted",
                     2, &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, run);
    long long total = 0, accepted = 0, sev[NSEV] = {0}, sect[DASH_SECTIONS + 1][NSEV];
    memset(sect, 0, sizeof sect);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        long long n = store_col_int(s, 3);
        total += n;
        if (store_col_int(s, 2)) {
            accepted += n;
            continue;
        }
        int k = sev_index(store_col_text(s, 1));
        if (k < 0)
            continue;
        sev[k] += n;
        sect[dash_rule_section(dash_rule(store_col_text(s, 0)))][k] += n;
    }
    rc = finish(s, rc);
    if (rc)
        return rc;
    json_object_set_new(root, "total", json_integer(total));
    json_object_set_new(root, "open", json_integer(total - accepted));
    json_object_set_new(root, "accepted", json_integer(accepted));
    json_t *bs = json_object();
    for (int k = 0; k < NSEV; k++)
        json_object_set_new(bs, sev_codes[k], json_integer(sev[k]));
    json_object_set_new(root, "by_severity", bs);
    json_t *arr = json_array();
    for (int i = 1; i <= DASH_SECTIONS; i++) {
        json_t *o = json_pack("{s:i,s:s}", "section", i, "title", titles[i]);
        long long t = 0;
        for (int k = 0; k < NSEV; k++) {
            json_object_set_new(o, sev_codes[k], json_integer(sect[i][k]));
            t += sect[i][k];
        }
        json_object_set_new(o, "total", json_integer(t));
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "by_section", arr);
    return MM_OK;
}

static int count_new(struct store *st, const struct authz_principal *who, const struct dash_run *r,
                     json_t *root, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = prepare(st, who,
                     "SELECT COUNT(*) FROM finding f WHERE f.run_id = ?1 AND %s AND NOT EXISTS "
                     "(SELECT 1 FROM finding p WHERE p.run_id = ?6 AND p.fingerprint = f.fingerprint)",
                     2, &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, r->id);
    store_bind_int(s, 6, r->prev_id);
    long long n = 0;
    rc = store_step(s, err);
    if (rc == STORE_ROW)
        n = store_col_int(s, 0), rc = STORE_DONE;
    json_object_set_new(root, "new", json_integer(n));
    return finish(s, rc);
}

static int by_department(struct store *st, const struct authz_principal *who, long long run,
                         json_t *root, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = prepare(st, who,
                     "SELECT f.department_id, d.name, COUNT(*) FROM finding f LEFT JOIN department d "
                     "ON d.id = f.department_id WHERE f.run_id = ?1 AND f.accepted = 0 AND %s "
                     "GROUP BY f.department_id ORDER BY 3 DESC, 1",
                     2, &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, run);
    json_t *arr = json_array();
    long long rest = 0, rest_n = 0;
    size_t n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        long long c = store_col_int(s, 2);
        if (n++ >= TOP_DEPARTMENTS) {
            rest += c;
            rest_n++;
            continue;
        }
        const char *id = store_col_text(s, 0), *name = store_col_text(s, 1);
        json_array_append_new(arr, json_pack("{s:s?,s:s,s:I}", "id", id, "name",
                                             name ? name : id ? id : "部署の指定なし", "count",
                                             (json_int_t)c));
    }
    if (rest)
        json_array_append_new(arr, json_pack("{s:n,s:s,s:I,s:I}", "id", "name", "その他", "count",
                                             (json_int_t)rest, "departments", (json_int_t)rest_n));
    json_object_set_new(root, "by_department", arr);
    return finish(s, rc);
}

static int trend(struct store *st, const struct authz_principal *who, json_t *root,
                 struct mm_err *err)
{
    struct store_stmt *s;
    char fmt[600];
    snprintf(fmt, sizeof fmt,
             "SELECT r.id, r.as_of, r.started_at, (SELECT COUNT(*) FROM finding f WHERE "
             "f.run_id = r.id AND f.accepted = 0 AND %%s) FROM check_run r WHERE r.id IN "
             "(SELECT id FROM check_run WHERE scope = '%s' ORDER BY id DESC LIMIT %d) ORDER BY r.id",
             DASH_FULL_SCOPE, TREND_RUNS);
    int rc = prepare(st, who, fmt, 1, &s, err);
    if (rc)
        return rc;
    json_t *arr = json_array();
    while ((rc = store_step(s, err)) == STORE_ROW)
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I}", "run",
                                             (json_int_t)store_col_int(s, 0), "as_of",
                                             store_col_text(s, 1), "started_at",
                                             store_col_text(s, 2), "count",
                                             (json_int_t)store_col_int(s, 3)));
    json_object_set_new(root, "trend", arr);
    return finish(s, rc);
}

/* 対応が必要なもの: open findings whose responsible role the user holds for their scope. */
#define AWAIT_WHERE                                                                               \
    " WHERE f.run_id = ?1 AND f.accepted = 0 AND %s AND f.responsible_role IN "                  \
    "(SELECT value FROM json_each(?6))"

static int awaiting(struct store *st, const struct authz_principal *who, const struct dash_run *r,
                    json_t *root, struct mm_err *err)
{
    json_t *roles = json_array();
    authz_each_role(who, add_role_code, roles);
    char *rj = json_dumps(roles, JSON_COMPACT);
    json_decref(roles);
    if (!rj)
        abort();
    struct store_stmt *s;
    long long count = 0;
    long long *per_rule = calloc(dash_rule_count() + 1, sizeof *per_rule);
    if (!per_rule)
        abort();
    int rc = prepare(st, who,
                     "SELECT f.responsible_role, f.department_id, f.system_id, f.rule_id, COUNT(*) "
                     "FROM finding f" AWAIT_WHERE " GROUP BY 1, 2, 3, 4",
                     2, &s, err);
    if (!rc) {
        store_bind_int(s, 1, r->id);
        store_bind_text(s, 6, rj);
        while ((rc = store_step(s, err)) == STORE_ROW) {
            struct authz_target t = {store_col_text(s, 1), store_col_text(s, 2), NULL};
            if (!authz_holds_role_for(who, store_col_text(s, 0), &t))
                continue;
            count += store_col_int(s, 4);
            const struct rule *ru = dash_rule(store_col_text(s, 3));
            per_rule[ru ? (size_t)(ru - dash_rule_at(0)) : dash_rule_count()] += store_col_int(s, 4);
        }
        rc = finish(s, rc);
    }
    json_t *by_rule = json_array();
    for (int sev = SEV_CRITICAL; sev >= SEV_LOW; sev--)
        for (size_t i = 0; i < dash_rule_count(); i++)
            if (per_rule[i] && (int)dash_rule_at(i)->severity == sev)
                json_array_append_new(
                    by_rule, json_pack("{s:s,s:s,s:s,s:I}", "rule", dash_rule_at(i)->id, "title",
                                       dash_rule_at(i)->title, "severity",
                                       rule_severity_code(dash_rule_at(i)->severity), "count",
                                       (json_int_t)per_rule[i]));
    free(per_rule);
    json_t *items = json_array();
    if (!rc && count)
        rc = prepare(st, who,
                     "SELECT f.fingerprint, f.rule_id, f.severity, f.entity_type, f.entity_id, "
                     "f.entity_label, f.department_id, d.name, f.system_id, f.detail, "
                     "f.responsible_role FROM finding f LEFT JOIN department d ON "
                     "d.id = f.department_id JOIN finding_severity sv ON sv.code = f.severity"
                     AWAIT_WHERE " ORDER BY sv.rank DESC, f.rule_id, f.entity_id LIMIT 20000",
                     2, &s, err);
    if (!rc && count) {
        store_bind_int(s, 1, r->id);
        store_bind_text(s, 6, rj);
        size_t shown = 0;
        while (shown < AWAITING_SHOWN && (rc = store_step(s, err)) == STORE_ROW) {
            struct authz_target t = {store_col_text(s, 6), store_col_text(s, 8), NULL};
            if (!authz_holds_role_for(who, store_col_text(s, 10), &t))
                continue;
            shown++;
            const struct rule *ru = dash_rule(store_col_text(s, 1));
            json_array_append_new(
                items, json_pack("{s:s,s:s,s:s?,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s}", "fingerprint",
                                 store_col_text(s, 0), "rule", store_col_text(s, 1), "title",
                                 ru ? ru->title : NULL, "severity", store_col_text(s, 2),
                                 "entity_type", store_col_text(s, 3), "entity_id",
                                 store_col_text(s, 4), "entity_label", store_col_text(s, 5),
                                 "department", store_col_text(s, 6), "department_name",
                                 store_col_text(s, 7), "detail", store_col_text(s, 9)));
        }
        if (rc == STORE_ROW)
            rc = STORE_DONE;
        rc = finish(s, rc);
    }
    free(rj);
    json_object_set_new(root, "awaiting", json_pack("{s:I,s:o,s:o}", "count", (json_int_t)count,
                                                    "by_rule", by_rule, "items", items));
    return rc;
}

static json_t *empty_summary(void)
{
    return json_pack("{s:n,s:i,s:i,s:i,s:i,s:{s:i,s:i,s:i,s:i},s:[],s:[],s:[],s:{s:i,s:[],s:[]}}",
                     "run", "total", 0, "open", 0, "accepted", 0, "new", 0, "by_severity",
                     "critical", 0, "high", 0, "medium", 0, "low", 0, "by_section",
                     "by_department", "trend", "awaiting", "count", 0, "by_rule", "items");
}

int dash_summary(struct store *st, const struct authz_principal *who, const char *today,
                 json_t **out, struct mm_err *err)
{
    *out = NULL;
    struct dash_run run;
    int found = 0;
    int rc = dash_latest_run_id(st, &run, &found, err);
    if (rc)
        return rc;
    if (!found) {
        *out = empty_summary();
        return MM_OK;
    }
    struct strbuf key = STRBUF_INIT;
    rc = cache_key(st, who, &run, today, &key, err);
    if (rc) {
        strbuf_release(&key);
        return rc;
    }
    if ((*out = cache_get(key.buf))) {
        strbuf_release(&key);
        return MM_OK;
    }
    char titles[DASH_SECTIONS + 1][160];
    json_t *root = json_object();
    rc = dash_run_changes(st, &run, err);
    json_object_set_new(root, "run", dash_run_json(&run));
    if (!rc)
        rc = section_titles(st, titles, err);
    if (!rc)
        rc = by_rule(st, who, run.id, root, titles, err);
    if (!rc)
        rc = count_new(st, who, &run, root, err);
    if (!rc)
        rc = by_department(st, who, run.id, root, err);
    if (!rc)
        rc = trend(st, who, root, err);
    if (!rc)
        rc = awaiting(st, who, &run, root, err);
    if (rc) {
        json_decref(root);
        strbuf_release(&key);
        return rc;
    }
    cache_put(key.buf, root);
    strbuf_release(&key);
    *out = root;
    return MM_OK;
}
