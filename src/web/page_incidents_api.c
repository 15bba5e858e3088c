/*
 * page_incidents_api.c — the JSON API of インシデント (docs/api-incidents.md): list, report, one
 * incident with its timeline, and the actions (ack, triage, action, duty, close). Same access
 * decisions and the same engine calls as the pages.
 */
#include "web/page_incidents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident/incident.h"

static int query_num(struct web_ctx *c, const char *name, int def, int max)
{
    char v[16];
    if (!app_query(c, name, v, sizeof v) || !*v)
        return def;
    char *end;
    long n = strtol(v, &end, 10);
    return *end || n < 1 ? def : n > max ? max : (int)n;
}

void inc_api_list(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, INC_RESOURCE, AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    static const char *const statuses[] = {"open", "reported", "responding", "closed"};
    static const char *const severities[] = {"low", "medium", "high", "critical"};
    char sv[16], vv[16], ov[4];
    app_query(c, "status", sv, sizeof sv);
    app_query(c, "severity", vv, sizeof vv);
    app_query(c, "overdue", ov, sizeof ov);
    const char *status = NULL, *severity = NULL;
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(sv, statuses[i]) == 0)
            status = statuses[i];
        if (strcmp(vv, severities[i]) == 0)
            severity = severities[i];
    }
    int page = query_num(c, "page", 1, 100000), per = query_num(c, "per", 50, 500);
    json_t *items = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (inc_list_visible(c, status, severity, strcmp(ov, "1") == 0, &items, &err)) {
        app_internal(c, &err);
        return;
    }
    size_t total = json_array_size(items), first = (size_t)(page - 1) * (size_t)per;
    json_t *slice = json_array();
    for (size_t i = first; i < total && i < first + (size_t)per; i++)
        json_array_append(slice, json_array_get(items, i));
    json_decref(items);
    app_json(c, 200,
             json_pack("{s:o,s:I,s:i,s:i}", "items", slice, "total", (json_int_t)total, "page",
                       page, "per_page", per));
}

/* The incident with its timeline, as the API answers it. */
static json_t *with_timeline(struct web_ctx *c, json_t *inc)
{
    json_t *tl = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (incident_timeline(c->st, inc_js(inc, "id"), &tl, &err) == MM_OK)
        json_object_set_new(inc, "timeline", tl);
    return inc;
}

static json_t *body_object(struct web_ctx *c)
{
    json_error_t je;
    json_t *o = c->req->body ? json_loadb(c->req->body, c->req->body_len, 0, &je) : NULL;
    if (!json_is_object(o)) {
        json_decref(o);
        app_json_error(c, 400, "invalid", "本文は JSON のオブジェクトで送ってください");
        return NULL;
    }
    return o;
}

/* 422 for bad input, 409 for a change the rules refuse, 500 otherwise. */
static void engine_error(struct web_ctx *c, int rc, const struct mm_err *err)
{
    char msg[sizeof err->msg];
    inc_message(err->msg, msg, sizeof msg);
    if (rc == MM_EINPUT)
        app_json_error(c, 422, "invalid", msg);
    else if (rc == MM_EREFUSED)
        app_json_error(c, 409, "conflict", msg);
    else
        app_internal(c, err);
}

static void answer_incident(struct web_ctx *c, const char *id, int status)
{
    json_t *inc = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (incident_get(c->st, id, NULL, &inc, &err)) {
        app_internal(c, &err);
        return;
    }
    app_json(c, status, with_timeline(c, inc));
}

void inc_api_create(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, INC_RESOURCE, AUTHZ_WRITE, NULL)) {
        app_deny(c);
        return;
    }
    json_t *body = body_object(c);
    if (!body)
        return;
    struct inc_input in = {c, body};
    char id[64];
    struct mm_err err;
    mm_err_clear(&err);
    int rc = inc_file(c, &in, id, &err);
    json_decref(body);
    if (rc) {
        engine_error(c, rc, &err);
        return;
    }
    answer_incident(c, id, 201);
}

void inc_api_get(struct web_ctx *c, char *const *args)
{
    json_t *inc = inc_load_visible(c, args[0]);
    if (inc)
        app_json(c, 200, with_timeline(c, inc));
}

void inc_api_verb(struct web_ctx *c, char *const *args)
{
    int v = inc_verb_of(args[1]);
    if (v < 0) {
        app_not_found(c);
        return;
    }
    json_t *inc = inc_load_visible(c, args[0]);
    if (!inc)
        return;
    json_t *body = body_object(c);
    if (!body) {
        json_decref(inc);
        return;
    }
    struct inc_input in = {c, body};
    int denied = 0;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = inc_run(c, inc, (enum inc_verb)v, &in, &denied, &err);
    json_decref(body);
    if (denied)
        app_deny(c);
    else if (rc)
        engine_error(c, rc, &err);
    else
        answer_incident(c, inc_js(inc, "id"), 200);
    json_decref(inc);
}
