/*
 * api_registers.c — the registers over the JSON API (/api/v1/registers/…): list (same query
 * fields as the HTML list; envelope {"items","total","page","per_page"}), one row, create and
 * update with the same checks as the forms (422 with a `fields` array naming each wrong field).
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "web/app.h"
#include "web/form.h"
#include "web/register.h"

static int query_get(const void *ctx, const char *name, char *out, size_t size)
{
    return app_query(ctx, name, out, size);
}

static const struct reg_desc *api_register(struct web_ctx *c, const char *code,
                                           enum authz_action action)
{
    const struct reg_desc *d = reg_find(code);
    if (!d) {
        app_not_found(c);
        return NULL;
    }
    if (!reg_allows(c->who, d, action, NULL)) {
        app_deny(c);
        return NULL;
    }
    return d;
}

static int add_item(void *ctx, const struct reg_row *r)
{
    json_t **pair = ctx;
    json_array_append_new(pair[1], reg_row_json((const struct reg_desc *)pair[0], r, 1));
    return 0;
}

static void api_list(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = api_register(c, args[0], AUTHZ_READ);
    if (!d)
        return;
    struct reg_query q;
    reg_query_parse(d, query_get, c, &q);
    json_t *items = json_array();
    void *pair[2] = {(void *)d, items};
    long long total = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (reg_list(c->st, c->who, d, &q, &total, add_item, pair, &err)) {
        json_decref(items);
        app_internal(c, &err);
        return;
    }
    app_json(c, 200, json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total,
                               "page", (json_int_t)q.page, "per_page", (json_int_t)q.per));
}

/* The row of args[1] after the READ (and `action`) check; 0 when answered. */
static int api_row(struct web_ctx *c, const struct reg_desc *d, const char *id,
                   enum authz_action action, struct reg_row *r)
{
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (reg_get(c->st, d, id, r, &found, &err)) {
        app_internal(c, &err);
        return 0;
    }
    if (!found) {
        app_not_found(c);
        return 0;
    }
    if (!reg_allows(c->who, d, AUTHZ_READ, r) || !reg_allows(c->who, d, action, r)) {
        reg_row_free(r);
        app_deny(c);
        return 0;
    }
    return 1;
}

static void api_get(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = api_register(c, args[0], AUTHZ_READ);
    struct reg_row r;
    if (!d || !api_row(c, d, args[1], AUTHZ_READ, &r))
        return;
    app_json(c, 200, reg_row_json(d, &r, 1));
    reg_row_free(&r);
}

/* The JSON body's fields as input: strings, integers, booleans (1/0) and null (empty). */
static int body_input(struct web_ctx *c, const struct reg_desc *d, struct reg_input *in)
{
    json_error_t je;
    json_t *o = c->req->body ? json_loadb(c->req->body, c->req->body_len, 0, &je) : NULL;
    if (!json_is_object(o)) {
        json_decref(o);
        app_json_error(c, 400, "invalid", "本文は JSON のオブジェクトで送ってください");
        return 0;
    }
    memset(in, 0, sizeof *in);
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        const struct reg_col *col = reg_col_find(d, key);
        if (!col) {
            json_t *f = json_pack("[{s:s,s:s}]", "field", key, "message", "この台帳にない項目です");
            app_json(c, 422, json_pack("{s:{s:i,s:s,s:s,s:o}}", "error", "status", 422, "code",
                                       "invalid", "message", "入力に誤りがあります", "fields", f));
            json_decref(o);
            return 0;
        }
        size_t i = (size_t)(col - d->cols);
        in->present[i] = 1;
        if (json_is_string(v))
            snprintf(in->val[i], sizeof in->val[i], "%s", json_string_value(v));
        else if (json_is_integer(v))
            snprintf(in->val[i], sizeof in->val[i], "%lld", (long long)json_integer_value(v));
        else if (json_is_boolean(v))
            snprintf(in->val[i], sizeof in->val[i], "%d", json_is_true(v) ? 1 : 0);
        else if (!json_is_null(v))
            snprintf(in->val[i], sizeof in->val[i], "%s", "\x01"); /* refused by the checks */
    }
    json_decref(o);
    return 1;
}

static void invalid(struct web_ctx *c, const struct reg_desc *d, const struct reg_errors *e)
{
    json_t *fields = json_array();
    for (size_t i = 0; i < d->ncols; i++)
        if (e->msg[i][0])
            json_array_append_new(fields, json_pack("{s:s,s:s}", "field", d->cols[i].name,
                                                    "message", e->msg[i]));
    const char *msg = e->general[0] ? e->general : "入力に誤りがあります";
    app_json(c, 422, json_pack("{s:{s:i,s:s,s:s,s:o}}", "error", "status", 422, "code", "invalid",
                               "message", msg, "fields", fields));
}

static void api_save(struct web_ctx *c, const struct reg_desc *d, const struct reg_row *before)
{
    struct reg_input *in = calloc(2, sizeof *in);
    if (!in) {
        app_internal(c, NULL);
        return;
    }
    struct reg_errors e;
    struct mm_err err;
    mm_err_clear(&err);
    if (!body_input(c, d, in))
        goto out;
    if (reg_validate(c->st, c->who, d, before, in, in + 1, &e, &err)) {
        app_internal(c, &err);
        goto out;
    }
    if (e.n) {
        invalid(c, d, &e);
        goto out;
    }
    if (reg_save(c->st, &c->actor, d, before, in + 1, &err)) {
        if (c->log)
            strbuf_addstr(c->log, err.msg);
        app_json_error(c, 409, "conflict",
                       "保存できませんでした。ほかの項目との組合せが台帳の決まりに合いません");
        goto out;
    }
    struct reg_row r;
    int found = 0;
    if (reg_get(c->st, d, in[1].val[0], &r, &found, &err) || !found) {
        app_internal(c, &err);
        goto out;
    }
    app_json(c, before ? 200 : 201, reg_row_json(d, &r, 1));
    reg_row_free(&r);
out:
    free(in);
}

static void api_create(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = api_register(c, args[0], AUTHZ_WRITE);
    if (d)
        api_save(c, d, NULL);
}

static void api_update(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = api_register(c, args[0], AUTHZ_WRITE);
    struct reg_row r;
    if (!d || !api_row(c, d, args[1], AUTHZ_WRITE, &r))
        return;
    api_save(c, d, &r);
    reg_row_free(&r);
}

const struct web_route web_routes_api_registers[] = {
    {"GET", "/api/v1/registers/{}", api_list},
    {"POST", "/api/v1/registers/{}", api_create},
    {"GET", "/api/v1/registers/{}/{}", api_get},
    {"POST", "/api/v1/registers/{}/{}", api_update},
    {NULL, NULL, NULL},
};
