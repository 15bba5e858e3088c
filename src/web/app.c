/*
 * app.c — routing, authentication and the shared frame of the signed-in application
 * (see app.h for the order of checks).
 */
#include "web/app.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/wareki.h"
#include "web/dbpool.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/multipart.h"

static const struct web_route *const route_tables[] = {
    web_routes_home,     web_routes_registers, web_routes_findings, web_routes_catalog,
    web_routes_requests, web_routes_incidents, web_routes_pdca,     web_routes_api, web_routes_api_registers, web_routes_api_findings,
};

#define API_PREFIX "/api/"

/* Percent-decodes one path segment into out; 0 when malformed, too long, or holding '/' or NUL. */
static int decode_segment(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '%') {
            if (i + 2 >= n)
                return 0;
            char hex[3] = {s[i + 1], s[i + 2], 0};
            char *end;
            long v = strtol(hex, &end, 16);
            if (*end || end != hex + 2)
                return 0;
            ch = (unsigned char)v;
            i += 2;
        }
        if (ch == 0 || ch == '/' || o + 1 >= size)
            return 0;
        out[o++] = (char)ch;
    }
    out[o] = '\0';
    return o > 0;
}

/*
 * Matches `path` against `pattern`; on success fills args (WEB_ROUTE_ARGS buffers of
 * WEB_ROUTE_ARG_MAX bytes) and returns 1. libmicrohttpd hands the path already decoded, so a
 * segment is taken as it is unless it still holds '%'.
 */
static int match(const char *pattern, const char *path, char args[][WEB_ROUTE_ARG_MAX])
{
    int n = 0;
    const char *p = pattern, *u = path;
    while (*p && *u) {
        if (p[0] == '{' && p[1] == '}') {
            size_t len = strcspn(u, "/");
            if (len == 0 || n >= WEB_ROUTE_ARGS || !decode_segment(u, len, args[n], WEB_ROUTE_ARG_MAX))
                return 0;
            n++;
            u += len;
            p += 2;
            continue;
        }
        if (*p != *u)
            return 0;
        p++;
        u++;
    }
    return *p == '\0' && *u == '\0';
}

static int is_api(const char *path)
{
    return strncmp(path, API_PREFIX, sizeof API_PREFIX - 1) == 0;
}

/* ---- answers ---- */

static void html_error(struct web_ctx *c, int status, const char *title, const char *text)
{
    struct web_response *resp = c->resp;
    strbuf_reset(&resp->body);
    if (c->user_id && c->st) {
        app_begin(c, title, NULL);
        resp->status = status;
        html_f(&resp->body, "<p class=\"notice\">%s</p>\n<p><a href=\"/\">ホームへ戻る</a></p>\n", text);
        app_end(c);
        return;
    }
    web_page_error(resp, status);
}

void app_json(struct web_ctx *c, int status, json_t *j)
{
    struct web_response *resp = c->resp;
    strbuf_reset(&resp->body);
    resp->status = status;
    resp->content_type = "application/json; charset=utf-8";
    resp->cache = "no-store";
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    if (!text) {
        resp->status = 500;
        strbuf_addstr(&resp->body,
                      "{\"error\":{\"status\":500,\"code\":\"internal\",\"message\":\"internal\"}}");
        return;
    }
    strbuf_addstr(&resp->body, text);
    strbuf_addch(&resp->body, '\n');
    free(text);
}

void app_json_error(struct web_ctx *c, int status, const char *code, const char *message)
{
    json_t *j = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", status, "code", code,
                          "message", message ? message : "");
    app_json(c, status, j);
}

void app_deny(struct web_ctx *c)
{
    if (c->api) {
        app_json_error(c, 403, "forbidden", "この操作を行う権限がありません");
        return;
    }
    html_error(c, 403, "権限がありません",
               "このページを表示または変更する権限がありません。担当の役割の範囲外です。"
               "必要な場合は情報セキュリティ管理者に相談してください。");
}

void app_not_found(struct web_ctx *c)
{
    if (c->api) {
        app_json_error(c, 404, "not_found", "指定されたものは見つかりません");
        return;
    }
    html_error(c, 404, "見つかりません", "指定されたページまたはデータはありません。");
}

void app_bad_request(struct web_ctx *c, const char *message)
{
    if (c->api) {
        app_json_error(c, 400, "invalid", message);
        return;
    }
    html_error(c, 400, "入力に誤りがあります", message);
}

void app_internal(struct web_ctx *c, const struct mm_err *err)
{
    if (c->log && err)
        strbuf_addstr(c->log, err->msg);
    if (c->api) {
        app_json_error(c, 500, "internal", "内部エラーが発生しました");
        return;
    }
    strbuf_reset(&c->resp->body);
    web_page_error(c->resp, 500);
}

int app_parse_id(const char *s, long long *id)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return 0;
    long long v = strtoll(s, &end, 10);
    if (*end || v <= 0)
        return 0;
    *id = v;
    return 1;
}

void app_download(struct web_ctx *c, const char *type, const void *data, size_t len,
                  const char *filename)
{
    struct web_response *resp = c->resp;
    strbuf_reset(&resp->body);
    strbuf_add(&resp->body, data, len);
    resp->status = 200;
    resp->content_type = type;
    resp->cache = "no-store";
    snprintf(resp->disposition, sizeof resp->disposition, "attachment; filename=\"%s\"",
             filename);
}

void app_redirect(struct web_ctx *c, const char *location)
{
    struct web_response *resp = c->resp;
    resp->status = 303;
    resp->location = NULL;
    snprintf(resp->location_buf, sizeof resp->location_buf, "%s",
             location && location[0] == '/' && location[1] != '/' ? location : "/");
    resp->content_type = "text/html; charset=utf-8";
    resp->cache = "no-store";
    strbuf_reset(&resp->body);
    layout_begin(&resp->body, "移動します");
    html_f(&resp->body, "<p><a href=\"%s\">次のページへ進んでください。</a></p>\n",
           resp->location_buf);
    layout_end(&resp->body);
}

/* ---- input ---- */

int app_query(const struct web_ctx *c, const char *name, char *out, size_t size)
{
    return form_get(c->req->query && *c->req->query ? c->req->query : NULL, name, out, size);
}

int app_form(const struct web_ctx *c, const char *name, char *out, size_t size)
{
    return form_get(c->req->form, name, out, size);
}

void app_wareki(const char *iso, char *buf, size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    if (!iso || !*iso)
        return;
    char date[11];
    snprintf(date, sizeof date, "%s", iso);
    struct mm_date d;
    struct mm_err err;
    if (strlen(iso) >= 10 && date_parse(date, "date", &d, &err) == MM_OK &&
        wareki_format(d, buf, size, &err) == MM_OK)
        return;
    snprintf(buf, size, "%s", iso);
}

void app_csrf_field(struct web_ctx *c)
{
    html_f(APP_SB(c), "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", c->csrf);
}

/* ---- the frame ---- */

static const struct {
    const char *path, *label, *resource;
} nav[] = {
    {"/", "ホーム", NULL},
    {"/dashboard", "ダッシュボード", "dashboard"},
    {"/findings", "点検結果", "finding"},
    {"/checks", "自動点検", "check_run"},
    {"/r", "台帳", NULL},
    {"/requests", "申請・承認", "request"},
    {"/incidents", "インシデント", "incident"},
    {"/training", "研修", "training"},
    {"/assessments", "自己点検", "assessment"},
    {"/audits", "監査", "audit"},
    {"/reports", "報告書", "report"},
    {"/catalog", "対策基準", "catalog"},
};

/* Registers listed under 台帳: shown when the user may read at least one. */
static const char *const register_resources[] = {
    "department", "person", "role_assignment", "system", "asset", "account",
    "network_connection", "device", "managed_area", "software", "contractor", "contract",
    "cloud_service", "training",
};

static int may_read_any_register(const struct web_ctx *c)
{
    for (size_t i = 0; i < sizeof register_resources / sizeof register_resources[0]; i++)
        if (authz_allows(c->who, register_resources[i], AUTHZ_READ, NULL))
            return 1;
    return 0;
}

static void role_item(void *ctx, const char *role, const char *label, const char *scope)
{
    (void)role;
    html_f(ctx, "<li>%s（%s）</li>", label, scope);
}

void app_begin(struct web_ctx *c, const char *title, const char *active)
{
    struct web_response *resp = c->resp;
    struct strbuf *sb = &resp->body;
    resp->status = 200;
    resp->content_type = "text/html; charset=utf-8";
    resp->cache = "no-store";
    html_f(sb,
           "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>%s - mamori</title>\n"
           "<link rel=\"stylesheet\" href=\"/static/mamori.css\">\n"
           "<link rel=\"stylesheet\" href=\"/static/registers.css\">\n"
           "<link rel=\"stylesheet\" href=\"/static/dashboard.css\">\n"
           "<link rel=\"stylesheet\" href=\"/static/workflow.css\">\n"
           "</head>\n<body>\n<a class=\"skip\" href=\"#main\">本文へ移動</a>\n"
           "<header class=\"bar\"><a class=\"brand\" href=\"/\">mamori（守り）</a>"
           "<span class=\"tagline\">情報セキュリティポリシーの運用</span>"
           "<span class=\"who\">%s さん</span>"
           "<form class=\"logout\" method=\"post\" action=\"/logout\">",
           title, c->person_name[0] ? c->person_name : c->login);
    app_csrf_field(c);
    html_raw(sb, "<button type=\"submit\">ログアウト</button></form></header>\n"
                 "<nav class=\"menu\" aria-label=\"メニュー\"><ul>");
    for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
        if (nav[i].resource && !authz_allows(c->who, nav[i].resource, AUTHZ_READ, NULL))
            continue;
        if (strcmp(nav[i].path, "/r") == 0 && !may_read_any_register(c))
            continue;
        int on = active && strcmp(active, nav[i].path) == 0;
        if (on)
            html_f(sb, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>", nav[i].path,
                   nav[i].label);
        else
            html_f(sb, "<li><a href=\"%s\">%s</a></li>", nav[i].path, nav[i].label);
    }
    html_raw(sb, "</ul><details class=\"roles\"><summary>役割</summary><ul>");
    size_t before = sb->len;
    authz_each_role(c->who, role_item, sb);
    if (sb->len == before)
        html_raw(sb, "<li>職員等（役割の任命なし）</li>");
    html_f(sb, "</ul></details></nav>\n<main id=\"main\">\n<h1>%s</h1>\n", title);
}

void app_end(struct web_ctx *c)
{
    layout_end(APP_SB(c));
}

/* ---- authentication ---- */

static int open_store(struct web_ctx *c, int write)
{
    struct mm_err err;
    mm_err_clear(&err);
    if (web_db_acquire(c->db_path, write, &c->st, &err) == MM_OK)
        return 1;
    c->st = NULL;
    app_internal(c, &err);
    return 0;
}

static void principal_free(void *p)
{
    authz_free(p);
}

/*
 * The user's roles, scopes and grants for today. Reading them (every grant row and the scoped
 * departments below each assignment) was a tenth of a register page, so a page read keeps them
 * with the thread's read connection until the database changes: a new assignment or grant row
 * counts from the next request, as before.
 */
static int load_principal(struct web_ctx *c)
{
    char key[WEB_MEMO_KEY_MAX];
    snprintf(key, sizeof key, "%s|%s", c->person_id, c->today);
    c->who = web_db_memo_get(c->st, WEB_MEMO_PRINCIPAL, key);
    if (c->who) {
        c->who_kept = 1;
        return 1;
    }
    struct mm_err err;
    mm_err_clear(&err);
    long long version = 0; /* read first: a commit during the load only makes the memo stale */
    int versioned = web_db_data_version(c->st, &version, &err) == MM_OK;
    mm_err_clear(&err);
    int rc = authz_load(c->st, c->person_id[0] ? c->person_id : NULL, c->today, &c->who, &err);
    if (rc) {
        app_internal(c, &err);
        return 0;
    }
    c->who_kept = versioned && web_db_memo_put(c->st, WEB_MEMO_PRINCIPAL, key, version, c->who,
                                               principal_free);
    return 1;
}

/* The person linked to the user, and their name, for the frame and the decisions. */
static int load_user(struct web_ctx *c)
{
    struct auth_user u;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = auth_user_get(c->st, c->login, c->now, &u, &err);
    if (rc == MM_EREFUSED) {
        c->user_id = 0;
        if (c->api)
            app_json_error(c, 401, "unauthorized", "API トークンが無効です");
        else
            app_redirect(c, "/login");
        return 0;
    }
    if (rc) {
        app_internal(c, &err);
        return 0;
    }
    if (u.disabled) {
        c->user_id = 0;
        if (c->api)
            app_json_error(c, 401, "unauthorized", "この利用者は無効にされています");
        else
            app_redirect(c, "/login");
        return 0;
    }
    snprintf(c->person_id, sizeof c->person_id, "%s", u.person_id);
    snprintf(c->person_name, sizeof c->person_name, "%s", u.person_name);
    return load_principal(c);
}

/* "Authorization: Bearer <token>" → the user; 401 JSON otherwise. */
static int api_authenticate(struct web_ctx *c)
{
    const char *h = c->req->authorization;
    static const char bearer[] = "Bearer ";
    if (!h || strncasecmp(h, bearer, sizeof bearer - 1) != 0) {
        app_json_error(c, 401, "unauthorized",
                       "Authorization: Bearer ヘッダーで API トークンを示してください");
        return 0;
    }
    const char *token = h + sizeof bearer - 1;
    while (*token == ' ')
        token++;
    struct mm_err err;
    mm_err_clear(&err);
    long long uid = 0;
    int rc = auth_api_token_check(c->st, token, c->now, &uid, c->login, &err);
    if (rc == MM_EREFUSED) {
        app_json_error(c, 401, "unauthorized", "API トークンが無効です");
        return 0;
    }
    if (rc) {
        app_internal(c, &err);
        return 0;
    }
    c->user_id = uid;
    return 1;
}

static void ctx_release(struct web_ctx *c)
{
    if (!c->who_kept)
        authz_free(c->who);
    c->who = NULL;
    c->who_kept = 0;
    web_db_release(c->st);
    c->st = NULL;
}

int web_app_dispatch(const char *db_path, const struct web_request *req,
                     struct web_response *resp, struct strbuf *log_detail)
{
    const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
    char args[WEB_ROUTE_ARGS][WEB_ROUTE_ARG_MAX];
    char *argv[WEB_ROUTE_ARGS];
    for (int i = 0; i < WEB_ROUTE_ARGS; i++) {
        args[i][0] = '\0';
        argv[i] = args[i];
    }
    const struct web_route *hit = NULL;
    int other_method = 0;
    for (size_t t = 0; t < sizeof route_tables / sizeof route_tables[0] && !hit; t++)
        for (const struct web_route *r = route_tables[t]; r->method; r++) {
            if (!match(r->pattern, req->path, args))
                continue;
            if (strcmp(r->method, method) == 0) {
                hit = r;
                break;
            }
            other_method = 1;
        }
    if (!hit && !other_method)
        return 0;

    struct web_ctx c;
    memset(&c, 0, sizeof c);
    c.db_path = db_path;
    c.req = req;
    c.resp = resp;
    c.log = log_detail;
    c.api = is_api(req->path);
    c.now = time(NULL);
    auth_date_jst(c.now, c.today);

    if (!hit) {
        if (c.api) {
            app_json_error(&c, 405, "method_not_allowed", "この操作はできません");
        } else {
            web_page_error(resp, 405);
        }
        resp->allow = strcmp(method, "POST") == 0 ? "GET, HEAD" : "POST";
        return 1;
    }
    struct mm_err err;
    if (auth_init(&err) != MM_OK) {
        app_internal(&c, &err);
        return 1;
    }
    int post = strcmp(method, "POST") == 0;
    if (c.api) {
        if (!open_store(&c, 1))
            return 1;
        if (!api_authenticate(&c) || !load_user(&c)) {
            ctx_release(&c);
            return 1;
        }
    } else {
        struct auth_session s;
        char csrf[AUTH_TOKEN_LEN];
        if (!web_signin_gate(db_path, req, &s, csrf, resp, log_detail))
            return 1;
        if (post) {
            const char *presented = NULL;
            char field[AUTH_TOKEN_LEN + 1];
            struct multipart_part part;
            if (form_get(req->form, "csrf", field, sizeof field)) {
                presented = field;
            } else if (req->csrf_header) {
                presented = req->csrf_header;
            } else if (req->body && req->content_type &&
                       multipart_find(req->content_type, req->body, req->body_len, "csrf",
                                      &part) == 1 &&
                       !part.has_filename && part.len < sizeof field) {
                /* an upload form (multipart/form-data) carries the token as a plain field */
                memcpy(field, part.data, part.len);
                field[part.len] = '\0';
                presented = field;
            }
            if (!presented || strlen(presented) != strlen(csrf) ||
                sodium_memcmp(presented, csrf, strlen(csrf)) != 0) {
                web_page_error(resp, 403);
                sodium_memzero(csrf, sizeof csrf);
                return 1;
            }
        }
        c.user_id = s.user_id;
        snprintf(c.login, sizeof c.login, "%s", s.login);
        memcpy(c.csrf, csrf, sizeof c.csrf);
        sodium_memzero(csrf, sizeof csrf);
        c.previous_login_at = s.previous_login_at;
        snprintf(c.previous_login_from, sizeof c.previous_login_from, "%s",
                 s.previous_login_from);
        if (!open_store(&c, post))
            return 1;
        if (!load_user(&c)) {
            ctx_release(&c);
            return 1;
        }
    }
    snprintf(c.actor_buf, sizeof c.actor_buf, "user:%s", c.login);
    c.actor.id = c.actor_buf;
    hit->fn(&c, argv);
    ctx_release(&c);
    sodium_memzero(c.csrf, sizeof c.csrf);
    return 1;
}
