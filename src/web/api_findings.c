/*
 * api_findings.c — findings, check runs, the dashboard and the catalog over the JSON API
 * (docs/api-findings.md), with the same authorization as the pages: the dashboard needs
 * `dashboard` read, findings `finding` read (and each row inside the user's reach), runs
 * `check_run` read (running one: write), a clause `catalog` read.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/dash_catalog.h"
#include "web/dash_html.h"

static void invalid_field(struct web_ctx *c, const char *field)
{
    json_t *j = json_pack("{s:{s:i,s:s,s:s,s:[{s:s,s:s}]}}", "error", "status", 422, "code",
                          "invalid", "message", "指定の値が正しくありません", "fields", "field",
                          field, "message", "この項目に使えない値です");
    app_json(c, 422, j);
}

static void dashboard(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "dashboard", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    json_t *j = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_summary(c->st, c->who, c->today, &j, &err)) {
        app_internal(c, &err);
        return;
    }
    app_json(c, 200, j);
}

/* The list envelope of one run's findings, with the query fields of the request. */
static void findings_of_run(struct web_ctx *c, const struct dash_run *run, json_t *extra)
{
    struct dash_list_args a;
    const char *bad = dash_list_args_read(c, &a);
    if (bad) {
        json_decref(extra);
        invalid_field(c, bad);
        return;
    }
    struct dash_query q;
    dash_list_args_query(&a, &q, run->id, run->prev_id);
    struct dash_list l;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_findings(c->st, c->who, &q, &l, &err)) {
        json_decref(extra);
        app_internal(c, &err);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < l.n; i++)
        json_array_append_new(items, dash_finding_json(&l.v[i]));
    json_t *j = json_pack("{s:o,s:I,s:i,s:i}", "items", items, "total", (json_int_t)l.total,
                          "page", a.page, "per_page", a.per);
    if (extra)
        json_object_update_missing(j, extra);
    json_decref(extra);
    dash_list_free(&l);
    app_json(c, 200, j);
}

static void findings(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "finding", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    struct dash_run run;
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_latest_run(c->st, &run, &found, &err)) {
        app_internal(c, &err);
        return;
    }
    if (!found) {
        app_json(c, 200, json_pack("{s:[],s:i,s:i,s:i,s:n}", "items", "total", 0, "page", 1,
                                   "per_page", DASH_PER_DEFAULT, "run"));
        return;
    }
    findings_of_run(c, &run, json_pack("{s:o}", "run", dash_run_json(&run)));
}

static void finding(struct web_ctx *c, char *const *args)
{
    struct dash_finding f;
    if (!dash_finding_visible(c, args[0], &f))
        return;
    struct mm_err err;
    mm_err_clear(&err);
    struct dash_history_row *h = NULL;
    size_t n = 0;
    json_t *risks = NULL;
    int rc = dash_finding_history(c->st, args[0], &h, &n, &err);
    if (!rc)
        rc = dash_risks(c->st, f.rule_id, f.entity_type, f.entity_id, &risks, &err);
    if (rc) {
        free(h);
        json_decref(risks);
        dash_finding_free(&f);
        app_internal(c, &err);
        return;
    }
    json_t *j = dash_finding_json(&f);
    json_t *hist = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(hist, json_pack("{s:I,s:s,s:s,s:b,s:b}", "run",
                                              (json_int_t)h[i].run_id, "started_at",
                                              h[i].started_at, "as_of", h[i].as_of, "seen",
                                              h[i].seen, "accepted", h[i].accepted));
    json_object_del(j, "new");
    json_object_set_new(j, "history", hist);
    json_object_set_new(j, "risk_acceptances", risks);
    free(h);
    dash_finding_free(&f);
    app_json(c, 200, j);
}

static void checks(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "check_run", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int page = dash_query_int(c, "page", 1, 1000000);
    int per = dash_query_int(c, "per", 20, 100);
    struct dash_run *v = NULL;
    size_t n = 0;
    long long total = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_runs(c->st, page, per, &v, &n, &total, &err)) {
        free(v);
        app_internal(c, &err);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, dash_run_json(&v[i]));
    free(v);
    app_json(c, 200, json_pack("{s:o,s:I,s:i,s:i}", "items", items, "total", (json_int_t)total,
                               "page", page, "per_page", per));
}

static void check_get(struct web_ctx *c, char *const *args)
{
    struct dash_run run;
    if (!dash_run_visible(c, args[0], &run))
        return;
    findings_of_run(c, &run, json_pack("{s:o}", "run", dash_run_json(&run)));
}

static void check_post(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "check_run", AUTHZ_WRITE, NULL)) {
        app_deny(c);
        return;
    }
    long long id = 0;
    size_t n = 0;
    struct dash_run run;
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_run_check(c->st, &c->actor, c->today, &id, &n, &err) ||
        dash_run_get(c->st, id, &run, &found, &err)) {
        app_internal(c, &err);
        return;
    }
    app_json(c, 201, dash_run_json(&run));
}

static void clause(struct web_ctx *c, char *const *args)
{
    if (!authz_allows(c->who, "catalog", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    json_t *o = NULL;
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_catalog_clause(c->st, c->who, args[0], &o, &found, &err)) {
        app_internal(c, &err);
        return;
    }
    if (!found) {
        app_not_found(c);
        return;
    }
    app_json(c, 200, o);
}

const struct web_route web_routes_api_findings[] = {
    {"GET", "/api/v1/dashboard", dashboard},
    {"GET", "/api/v1/findings", findings},
    {"GET", "/api/v1/findings/{}", finding},
    {"GET", "/api/v1/checks", checks},
    {"POST", "/api/v1/checks", check_post},
    {"GET", "/api/v1/checks/{}", check_get},
    {"GET", "/api/v1/catalog/{}", clause},
    {NULL, NULL, NULL},
};
