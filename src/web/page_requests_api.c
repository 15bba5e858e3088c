/*
 * page_requests_api.c — the JSON API of 申請・承認 (docs/api.md, 申請・承認): the kinds, the
 * lists by tab, filing, one request, decisions, withdrawal and the inbox, with the same access
 * as the pages (page_requests.c). Lists use the envelope {"items","total","page","per_page"};
 * errors {"error":{"status","code","message","fields"}}: 422 for field problems and refused
 * filings, 409 `conflict` for a refused change of state, 403 `forbidden`.
 */
#include "web/page_requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define API_PER_DEFAULT 50
#define API_PER_MAX 200

static int api_query_int(struct web_ctx *c, const char *name, int def, int max)
{
    char v[16];
    if (!app_query(c, name, v, sizeof v) || !*v)
        return def;
    long long n = rq_id(v);
    return n < 1 ? def : n > max ? max : (int)n;
}

/* Sends items[first…] of `all` (stolen) in the list envelope. */
static void envelope(struct web_ctx *c, json_t *all, int page, int per)
{
    size_t total = json_array_size(all), first = (size_t)(page - 1) * (size_t)per;
    json_t *items = json_array();
    for (size_t i = first; i < total && i < first + (size_t)per; i++)
        json_array_append(items, json_array_get(all, i));
    json_decref(all);
    app_json(c, 200, json_pack("{s:o,s:I,s:i,s:i}", "items", items, "total", (json_int_t)total,
                               "page", page, "per_page", per));
}

static int may_read(struct web_ctx *c)
{
    if (authz_allows(c->who, "request", AUTHZ_READ, NULL))
        return 1;
    app_deny(c);
    return 0;
}

void rq_api_kinds(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!may_read(c))
        return;
    json_t *kinds = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (approval_kinds_json(c->st, &kinds, &err)) {
        app_internal(c, &err);
        return;
    }
    int n = (int)json_array_size(kinds);
    envelope(c, kinds, 1, n > 0 ? n : 1);
}

void rq_api_list(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!may_read(c))
        return;
    char tab[16] = "mine", state[32], kind[64];
    if (!app_query(c, "tab", tab, sizeof tab) || !*tab)
        snprintf(tab, sizeof tab, "mine");
    app_query(c, "state", state, sizeof state);
    app_query(c, "kind", kind, sizeof kind);
    static const char *const tabs[] = {"mine", "awaiting", "decided", "all"};
    int known = 0;
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
        known |= strcmp(tab, tabs[i]) == 0;
    if (!known) {
        app_json_error(c, 400, "invalid", "tab は mine, awaiting, decided, all のいずれかです");
        return;
    }
    if (strcmp(tab, "all") == 0 && !authz_allows_all(c->who, "request", AUTHZ_READ)) {
        app_deny(c);
        return;
    }
    json_t *items = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (rq_list_items(c, tab, state, kind, &items, &err)) {
        app_internal(c, &err);
        return;
    }
    envelope(c, items, api_query_int(c, "page", 1, 1000000),
             api_query_int(c, "per_page", API_PER_DEFAULT, API_PER_MAX));
}

/* The JSON body as an object; answers 400 and returns NULL when it is not one. */
static json_t *body_object(struct web_ctx *c)
{
    json_error_t je;
    json_t *j = c->req->body ? json_loadb(c->req->body, c->req->body_len, 0, &je) : NULL;
    if (!json_is_object(j)) {
        json_decref(j);
        app_json_error(c, 400, "invalid", "本文は JSON のオブジェクトで送ってください");
        return NULL;
    }
    return j;
}

/* "values": {"field": "text" | number | true/false} into vs (null is left out). */
static void body_values(const json_t *obj, struct rq_values *vs)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        char buf[32];
        if (json_is_string(v))
            rq_values_add(vs, key, json_string_value(v));
        else if (json_is_integer(v)) {
            snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
            rq_values_add(vs, key, buf);
        } else if (json_is_boolean(v))
            rq_values_add(vs, key, json_is_true(v) ? "1" : "0");
    }
}

/* The request as stored, with whether the user may decide it now. */
static void send_request(struct web_ctx *c, long long id, int status)
{
    json_t *r = rq_load_visible(c, id);
    if (!r)
        return;
    int may = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (rq_may_decide(c, id, &may, &err)) {
        json_decref(r);
        app_internal(c, &err);
        return;
    }
    json_object_set_new(r, "may_decide", json_boolean(may));
    app_json(c, status, r);
}

/* An engine failure as the API's answer; `refused_status` for MM_EREFUSED. */
static void engine_error(struct web_ctx *c, int rc, const struct mm_err *err,
                         const struct mm_problems *p, int refused_status)
{
    if (rc == MM_EINPUT)
        rq_json_error(c, 422, "invalid", err->msg, p);
    else if (rc == MM_EREFUSED)
        rq_json_error(c, refused_status, refused_status == 409 ? "conflict" : "refused", err->msg,
                      NULL);
    else
        app_internal(c, err);
}

void rq_api_create(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "request", AUTHZ_WRITE, NULL) || !c->person_id[0]) {
        app_deny(c);
        return;
    }
    json_t *b = body_object(c);
    if (!b)
        return;
    struct rq_values vs = {0};
    body_values(json_object_get(b, "values"), &vs);
    const char *kind = json_string_value(json_object_get(b, "kind"));
    struct approval_new q = {.kind = kind ? kind : "",
                             .title = json_string_value(json_object_get(b, "title")),
                             .requester_id = c->person_id, .values = vs.v, .nvalues = vs.n,
                             .emergency = json_is_true(json_object_get(b, "emergency")),
                             .today = c->today};
    struct mm_problems problems = {0};
    struct mm_err err;
    mm_err_clear(&err);
    long long id = 0;
    int rc = MM_EINPUT;
    if (rq_title_ok(q.title))
        rc = approval_create(c->st, &c->actor, &q, &id, &problems, &err);
    else {
        mm_problems_add(&problems, "title", "件名は %d 文字以内で書いてください", RQ_TITLE_MAX);
        mm_err_set(&err, MM_EINPUT, "申請の内容に誤りがあります（件名が長すぎます）");
    }
    if (rc)
        engine_error(c, rc, &err, &problems, 422);
    else
        send_request(c, id, 201);
    mm_problems_free(&problems);
    rq_values_free(&vs);
    json_decref(b);
}

void rq_api_get(struct web_ctx *c, char *const *args)
{
    send_request(c, rq_id(args[0]), 200);
}

void rq_api_decide(struct web_ctx *c, char *const *args)
{
    long long id = rq_participant_id(c, args[0]);
    if (!id)
        return;
    json_t *b = body_object(c);
    if (!b)
        return;
    const char *decision = json_string_value(json_object_get(b, "decision"));
    struct approval_decision d = {
        .request_id = id, .person_id = c->person_id, .decision = decision ? decision : "",
        .comment = json_string_value(json_object_get(b, "comment")),
        .manager_id = json_string_value(json_object_get(b, "manager_id")), .today = c->today};
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_decide(c->st, &c->actor, &d, &err);
    if (rc)
        engine_error(c, rc, &err, NULL, 409);
    else
        send_request(c, id, 200);
    json_decref(b);
}

void rq_api_withdraw(struct web_ctx *c, char *const *args)
{
    long long id = rq_requester_id(c, args[0]);
    if (!id)
        return;
    json_t *b = c->req->body && c->req->body_len ? body_object(c) : json_object();
    if (!b)
        return;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_withdraw(c->st, &c->actor, id, c->person_id,
                               json_string_value(json_object_get(b, "reason")), c->today, &err);
    if (rc)
        engine_error(c, rc, &err, NULL, 409);
    else
        send_request(c, id, 200);
    json_decref(b);
}

/* {"name": "…", "content_base64": "…"}: the requester attaches a file to an undecided request. */
void rq_api_attach(struct web_ctx *c, char *const *args)
{
    long long id = rq_requester_id(c, args[0]);
    if (!id)
        return;
    json_t *b = body_object(c);
    if (!b)
        return;
    const char *name = json_string_value(json_object_get(b, "name"));
    const char *b64 = json_string_value(json_object_get(b, "content_base64"));
    size_t cap = b64 ? strlen(b64) / 4 * 3 + 3 : 0, len = 0;
    unsigned char *data = cap ? malloc(cap) : NULL;
    if (!data || sodium_base642bin(data, cap, b64, strlen(b64), NULL, &len, NULL,
                                   sodium_base64_VARIANT_ORIGINAL) != 0) {
        free(data);
        json_decref(b);
        app_json_error(c, 422, "invalid", "content_base64 に内容を base64 で入れてください");
        return;
    }
    struct mm_err err;
    mm_err_clear(&err);
    long long att = 0;
    int rc = approval_attach(c->st, &c->actor, id, c->person_id, name ? name : "", data, len, &att,
                             &err);
    free(data);
    json_decref(b);
    if (rc)
        engine_error(c, rc, &err, NULL, 409);
    else
        send_request(c, id, 201);
}

static int notice_json(void *ctx, const struct approval_notice *n)
{
    json_t *o = json_pack("{s:I,s:s?,s:s?,s:s?}", "id", (json_int_t)n->id, "message", n->message,
                          "created_at", n->created_at, "read_at", n->read_at);
    json_object_set_new(o, "request_id", n->request_id ? json_integer(n->request_id) : json_null());
    json_array_append_new(ctx, o);
    return 0;
}

void rq_api_inbox(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!may_read(c))
        return;
    json_t *all = json_array();
    char unread[8];
    app_query(c, "unread", unread, sizeof unread);
    struct mm_err err;
    mm_err_clear(&err);
    if (c->person_id[0] &&
        approval_inbox_each(c->st, c->person_id, strcmp(unread, "1") == 0, notice_json, all, &err)) {
        json_decref(all);
        app_internal(c, &err);
        return;
    }
    envelope(c, all, api_query_int(c, "page", 1, 1000000),
             api_query_int(c, "per_page", API_PER_DEFAULT, API_PER_MAX));
}
