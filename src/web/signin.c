/*
 * signin.c — the sign-in pages on top of src/auth: /login (banner, login and password),
 * /login/code (TOTP), /password (the forced or chosen change), /totp/enroll (QR code, secret,
 * recovery codes), /logout, and the gate that sends a visitor without a full session to the
 * page of their stage. The session cookie `mamori_session` is HttpOnly, SameSite=Strict, Path=/
 * and Secure over TLS; every POST but /login carries the session's CSRF token (field `csrf`).
 * Passwords and codes live only in stack buffers wiped before returning; nothing is logged.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "model/params.h"
#include "model/wareki.h"
#include "store/store.h"
#include "web/dbpool.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/web.h"

#define COOKIE_NAME "mamori_session"
#define TOTP_ISSUER "mamori"

/* Used when the profile parameter login_banner cannot be read. */
static const char BANNER[] =
    "このシステムは、許可された職員等が業務のために利用するものです。"
    "許可なく利用することを禁じます。利用の状況は記録され、監視されています。";

void web_format_time(long long t, char *buf, size_t size)
{
    time_t jst = (time_t)t + 9 * 3600;
    struct tm tm;
    gmtime_r(&jst, &tm);
    struct mm_date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    char wa[64];
    struct mm_err err;
    if (wareki_format(d, wa, sizeof wa, &err) != MM_OK)
        snprintf(wa, sizeof wa, "%04d-%02d-%02d", d.y, d.m, d.d);
    snprintf(buf, size, "%s %02d時%02d分", wa, tm.tm_hour, tm.tm_min);
}

/* ---- responses ---- */

static void set_cookie(struct web_response *resp, const struct web_request *req, const char *token)
{
    snprintf(resp->set_cookie, sizeof resp->set_cookie,
             COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
             req->secure ? "; Secure" : "");
}

static void clear_cookie(struct web_response *resp, const struct web_request *req)
{
    snprintf(resp->set_cookie, sizeof resp->set_cookie,
             COOKIE_NAME "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
             req->secure ? "; Secure" : "");
}

static void redirect(struct web_response *resp, const char *location)
{
    resp->status = 303;
    resp->location = location;
    resp->content_type = "text/html; charset=utf-8";
    resp->cache = "no-store";
    strbuf_reset(&resp->body);
    layout_begin(&resp->body, "移動します");
    html_f(&resp->body, "<p><a href=\"%s\">次のページへ進んでください。</a></p>\n", location);
    layout_end(&resp->body);
}

static const char *stage_path(enum auth_stage stage)
{
    switch (stage) {
    case AUTH_STAGE_TOTP:
        return "/login/code";
    case AUTH_STAGE_PASSWORD:
        return "/password";
    case AUTH_STAGE_ENROLL:
        return "/totp/enroll";
    case AUTH_STAGE_FULL:
        break;
    }
    return "/";
}

static void page_begin(struct web_response *resp, const char *title, int status)
{
    resp->status = status;
    resp->content_type = "text/html; charset=utf-8";
    resp->cache = "no-store";
    strbuf_reset(&resp->body);
    layout_begin(&resp->body, title);
    html_f(&resp->body, "<h1>%s</h1>\n", title);
}

static void message(struct strbuf *sb, const char *msg)
{
    if (msg && *msg)
        html_f(sb, "<p class=\"notice\" role=\"alert\">%s</p>\n", msg);
}

static void csrf_field(struct strbuf *sb, const char *csrf)
{
    html_f(sb, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", csrf);
}

/* ---- the request's session ---- */

struct ctx {
    const struct web_request *req;
    struct web_response *resp;
    struct strbuf *log;
    struct store *st;
    char token[AUTH_TOKEN_LEN]; /* from the cookie, "" when none */
    time_t now;
};

static int open_store(const char *db_path, struct ctx *c)
{
    struct mm_err err;
    mm_err_clear(&err);
    if (web_db_acquire(db_path, 1, &c->st, &err) == MM_OK)
        return 1;
    c->st = NULL;
    if (c->log)
        strbuf_addstr(c->log, err.msg);
    web_page_error(c->resp, 500);
    return 0;
}

static void internal_error(struct ctx *c, const struct mm_err *err)
{
    if (c->log)
        strbuf_addstr(c->log, err->msg);
    web_page_error(c->resp, 500);
}

/* A token has the form of one (64 lower-case hex digits) before it reaches the database. */
static int token_form_ok(const char *t)
{
    if (strlen(t) != AUTH_TOKEN_LEN - 1)
        return 0;
    for (; *t; t++)
        if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f')))
            return 0;
    return 1;
}

/*
 * The live session of the request's cookie: 1 with *s filled; 0 when there is none (a refused
 * one also clears the cookie and puts its reason in msg[size]); -1 when the database failed.
 */
static int session_of(struct ctx *c, struct auth_session *s, char *msg, size_t size)
{
    if (size)
        msg[0] = '\0';
    if (!c->token[0])
        return 0;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = auth_session_get(c->st, c->token, c->now, s, &err);
    if (rc == MM_OK)
        return 1;
    if (rc == MM_EREFUSED) {
        clear_cookie(c->resp, c->req);
        size_t n = strnlen(err.msg, size - 1);
        memcpy(msg, err.msg, n);
        msg[n] = '\0';
        return 0;
    }
    internal_error(c, &err);
    return -1;
}

/* Whether the POST carries the CSRF token of the cookie's session; answers 403 when not. */
static int csrf_ok(struct ctx *c)
{
    char presented[AUTH_TOKEN_LEN];
    if (c->token[0] && form_get(c->req->form, "csrf", presented, sizeof presented) &&
        auth_csrf_check(c->st, c->token, presented))
        return 1;
    web_page_error(c->resp, 403);
    return 0;
}

/* The Origin of a POST /login, when the browser sends one, must be this server's own. */
static int origin_ok(const struct web_request *req)
{
    if (!req->origin)
        return 1;
    if (!req->host)
        return 0;
    char want[300];
    snprintf(want, sizeof want, "%s://%s", req->secure ? "https" : "http", req->host);
    return strcmp(req->origin, want) == 0;
}

/* ---- /login ---- */

static void login_page(struct ctx *c, const char *msg, const char *login)
{
    struct strbuf *sb = &c->resp->body;
    page_begin(c->resp, "ログイン", 200);
    char *banner = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (!c->st || params_get(c->st, "login_banner", &banner, &err) != MM_OK)
        banner = NULL;
    html_f(sb, "<p class=\"banner\" role=\"note\">%s</p>\n", banner ? banner : BANNER);
    free(banner);
    message(sb, msg);
    html_f(sb,
           "<form method=\"post\" action=\"/login\" class=\"signin-form\">\n"
           "<p><label for=\"login\">ログイン名</label><br>"
           "<input id=\"login\" name=\"login\" autocomplete=\"username\" required value=\"%s\"></p>\n"
           "<p><label for=\"password\">パスワード</label><br>"
           "<input id=\"password\" name=\"password\" type=\"password\" "
           "autocomplete=\"current-password\" required></p>\n"
           "<p><button type=\"submit\">ログイン</button></p>\n"
           "</form>\n",
           login ? login : "");
    layout_end(sb);
}

static void get_login(struct ctx *c)
{
    struct auth_session s;
    char msg[256];
    int live = session_of(c, &s, msg, sizeof msg);
    if (live < 0)
        return;
    if (live) {
        redirect(c->resp, stage_path(s.stage));
        return;
    }
    login_page(c, msg, NULL);
}

/* Sets the cookie of a new session and sends the browser to the page of its stage. */
static void to_stage(struct ctx *c, const struct auth_login_result *res)
{
    set_cookie(c->resp, c->req, res->token);
    redirect(c->resp, stage_path(res->stage));
}

static void post_login(struct ctx *c)
{
    if (!origin_ok(c->req)) {
        web_page_error(c->resp, 403);
        return;
    }
    char login[AUTH_LOGIN_MAX + 1], password[AUTH_PASSWORD_MAX + 1];
    form_get(c->req->form, "login", login, sizeof login);
    form_get(c->req->form, "password", password, sizeof password);
    struct auth_login_result res;
    memset(&res, 0, sizeof res);
    struct mm_err err;
    mm_err_clear(&err);
    int rc = auth_login(c->st, login, password, NULL, c->req->ip, c->req->user_agent, c->now,
                        &res, &err);
    sodium_memzero(password, sizeof password);
    if (rc) {
        internal_error(c, &err);
        return;
    }
    switch (res.outcome) {
    case AUTH_OK:
    case AUTH_TOTP_NEEDED:
    case AUTH_CHANGE_PASSWORD:
    case AUTH_ENROLL_REQUIRED:
        to_stage(c, &res);
        break;
    default:
        login_page(c, res.message, login);
    }
    sodium_memzero(&res, sizeof res);
}

/* ---- /login/code ---- */

static void code_page(struct ctx *c, const char *msg)
{
    char csrf[AUTH_TOKEN_LEN];
    auth_csrf_token(c->token, csrf);
    struct strbuf *sb = &c->resp->body;
    page_begin(c->resp, "確認コードの入力", 200);
    message(sb, msg);
    html_raw(sb, "<p>認証アプリに表示されている 6 桁の確認コードを入力してください。"
                 "認証アプリを使えないときは、回復コードを入力できます。</p>\n"
                 "<form method=\"post\" action=\"/login/code\" class=\"signin-form\">\n");
    csrf_field(sb, csrf);
    html_raw(sb, "<p><label for=\"code\">確認コード</label><br>"
                 "<input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" "
                 "inputmode=\"numeric\" required></p>\n"
                 "<p><button type=\"submit\">確認</button></p>\n</form>\n");
    layout_end(sb);
}

/* The session of a stage-limited page: 1 when it is in one of the stages allowed. */
static int require_stage(struct ctx *c, struct auth_session *s, int allow_full,
                         enum auth_stage stage)
{
    char msg[256];
    int live = session_of(c, s, msg, sizeof msg);
    if (live < 0)
        return 0;
    if (!live) {
        redirect(c->resp, "/login");
        return 0;
    }
    if (s->stage == stage || (allow_full && s->stage == AUTH_STAGE_FULL))
        return 1;
    redirect(c->resp, stage_path(s->stage));
    return 0;
}

static void login_code(struct ctx *c, int post)
{
    struct auth_session s;
    if (post && !csrf_ok(c))
        return;
    if (!require_stage(c, &s, 0, AUTH_STAGE_TOTP))
        return;
    if (!post) {
        code_page(c, NULL);
        return;
    }
    char code[64];
    form_get(c->req->form, "code", code, sizeof code);
    struct auth_login_result res;
    memset(&res, 0, sizeof res);
    struct mm_err err;
    mm_err_clear(&err);
    int rc = auth_login_code(c->st, c->token, code, c->req->ip, c->req->user_agent, c->now, &res,
                             &err);
    sodium_memzero(code, sizeof code);
    if (rc) {
        internal_error(c, &err);
    } else if (res.token[0]) {
        to_stage(c, &res);
    } else if (res.outcome == AUTH_TOTP_INVALID) {
        code_page(c, res.message);
    } else { /* locked, or the pending session is gone */
        clear_cookie(c->resp, c->req);
        login_page(c, res.message, NULL);
    }
    sodium_memzero(&res, sizeof res);
}

/* ---- /password ---- */

static void password_page(struct ctx *c, const struct auth_session *s, const char *msg)
{
    char csrf[AUTH_TOKEN_LEN];
    auth_csrf_token(c->token, csrf);
    struct strbuf *sb = &c->resp->body;
    page_begin(c->resp, "パスワードの変更", 200);
    if (s->stage == AUTH_STAGE_PASSWORD)
        html_raw(sb, "<p>初期パスワードのままでは利用できません。新しいパスワードを設定して"
                     "ください。</p>\n");
    message(sb, msg);
    html_raw(sb, "<form method=\"post\" action=\"/password\" class=\"signin-form\">\n");
    csrf_field(sb, csrf);
    html_f(sb,
           "<input type=\"hidden\" name=\"username\" autocomplete=\"username\" value=\"%s\">\n",
           s->login);
    html_raw(sb, "<p><label for=\"current\">現在のパスワード</label><br>"
                 "<input id=\"current\" name=\"current\" type=\"password\" "
                 "autocomplete=\"current-password\" required></p>\n"
                 "<p><label for=\"new\">新しいパスワード</label><br>"
                 "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" "
                 "required></p>\n"
                 "<p><label for=\"confirm\">新しいパスワード（確認）</label><br>"
                 "<input id=\"confirm\" name=\"confirm\" type=\"password\" "
                 "autocomplete=\"new-password\" required></p>\n"
                 "<p><button type=\"submit\">変更する</button></p>\n</form>\n");
    layout_end(sb);
}

/* After a password change or an enrollment: the new session, cookie and next page. */
static int advance(struct ctx *c, struct auth_login_result *res)
{
    struct mm_err err;
    mm_err_clear(&err);
    memset(res, 0, sizeof *res);
    int rc = auth_session_advance(c->st, c->token, c->now, res, &err);
    if (rc || !res->token[0]) {
        if (rc)
            internal_error(c, &err);
        else
            redirect(c->resp, "/login");
        return 0;
    }
    set_cookie(c->resp, c->req, res->token);
    return 1;
}

static void password(struct ctx *c, int post)
{
    struct auth_session s;
    if (post && !csrf_ok(c))
        return;
    if (!require_stage(c, &s, 1, AUTH_STAGE_PASSWORD))
        return;
    if (!post) {
        password_page(c, &s, NULL);
        return;
    }
    char current[AUTH_PASSWORD_MAX + 1], fresh[AUTH_PASSWORD_MAX + 1],
        confirm[AUTH_PASSWORD_MAX + 1];
    form_get(c->req->form, "current", current, sizeof current);
    form_get(c->req->form, "new", fresh, sizeof fresh);
    form_get(c->req->form, "confirm", confirm, sizeof confirm);
    struct mm_err err;
    mm_err_clear(&err);
    int rc;
    if (strcmp(fresh, confirm) != 0)
        rc = mm_err_set(&err, MM_EINPUT, "新しいパスワードと確認用の入力が一致しません");
    else
        rc = auth_user_change_password(c->st, s.login, current, fresh, c->now, &err);
    sodium_memzero(current, sizeof current);
    sodium_memzero(fresh, sizeof fresh);
    sodium_memzero(confirm, sizeof confirm);
    if (rc == MM_EINTERNAL) {
        internal_error(c, &err);
        return;
    }
    if (rc) {
        password_page(c, &s, err.msg);
        return;
    }
    struct auth_login_result res;
    if (advance(c, &res))
        redirect(c->resp, stage_path(res.stage));
    sodium_memzero(&res, sizeof res);
}

/* ---- /totp/enroll ---- */

static void enroll_page(struct ctx *c, const struct auth_session *s, const char *msg)
{
    char actor_id[AUTH_LOGIN_MAX + 8];
    snprintf(actor_id, sizeof actor_id, "user:%s", s->login);
    struct audit_actor actor = {actor_id};
    struct auth_totp_enrollment enr;
    memset(&enr, 0, sizeof enr);
    struct mm_err err;
    mm_err_clear(&err);
    int rc = auth_totp_begin(c->st, &actor, s->login, TOTP_ISSUER, c->now, &enr, &err);
    if (rc) {
        auth_totp_enrollment_free(&enr);
        if (rc == MM_EINTERNAL) {
            internal_error(c, &err);
            return;
        }
        page_begin(c->resp, "確認コードの登録", 200);
        message(&c->resp->body, err.msg);
        html_raw(&c->resp->body, "<p><a href=\"/\">トップページへ</a></p>\n");
        layout_end(&c->resp->body);
        return;
    }
    char csrf[AUTH_TOKEN_LEN];
    auth_csrf_token(c->token, csrf);
    struct strbuf *sb = &c->resp->body;
    page_begin(c->resp, "確認コードの登録", 200);
    if (s->stage == AUTH_STAGE_ENROLL)
        html_raw(sb, "<p>この利用者は二要素認証（確認コード）が必須です。登録してから利用して"
                     "ください。</p>\n");
    message(sb, msg);
    html_raw(sb, "<p>認証アプリで次の QR コードを読み取るか、秘密鍵を手で入力してください。</p>\n");
    /* The SVG goes in an <img> as a data: URI: base64 holds only [A-Za-z0-9+/=], and an image
     * cannot run script whatever the SVG holds. */
    size_t svg_len = strlen(enr.svg);
    size_t b64_size = sodium_base64_encoded_len(svg_len, sodium_base64_VARIANT_ORIGINAL);
    struct strbuf b64 = STRBUF_INIT;
    strbuf_grow(&b64, b64_size);
    sodium_bin2base64(b64.buf, b64_size, (const unsigned char *)enr.svg, svg_len,
                      sodium_base64_VARIANT_ORIGINAL);
    html_f(sb,
           "<p><img class=\"qr\" alt=\"認証アプリに登録する QR コード\" width=\"240\" "
           "height=\"240\" src=\"data:image/svg+xml;base64,%s\"></p>\n"
           "<p>秘密鍵: <code class=\"secret\">%s</code></p>\n",
           b64.buf, enr.secret);
    strbuf_release(&b64);
    sodium_memzero(enr.secret, sizeof enr.secret);
    auth_totp_enrollment_free(&enr);
    html_raw(sb, "<form method=\"post\" action=\"/totp/enroll\" class=\"signin-form\">\n");
    csrf_field(sb, csrf);
    html_raw(sb, "<p><label for=\"code\">認証アプリに表示された 6 桁の確認コード</label><br>"
                 "<input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" "
                 "inputmode=\"numeric\" required></p>\n"
                 "<p><button type=\"submit\">登録する</button></p>\n</form>\n");
    layout_end(sb);
}

static void enroll(struct ctx *c, int post)
{
    struct auth_session s;
    if (post && !csrf_ok(c))
        return;
    if (!require_stage(c, &s, 1, AUTH_STAGE_ENROLL))
        return;
    if (!post) {
        enroll_page(c, &s, NULL);
        return;
    }
    char code[64];
    form_get(c->req->form, "code", code, sizeof code);
    char actor_id[AUTH_LOGIN_MAX + 8];
    snprintf(actor_id, sizeof actor_id, "user:%s", s.login);
    struct audit_actor actor = {actor_id};
    char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN];
    struct mm_err err;
    mm_err_clear(&err);
    int rc = auth_totp_confirm(c->st, &actor, s.login, code, c->now, codes, &err);
    sodium_memzero(code, sizeof code);
    if (rc == MM_EINTERNAL) {
        internal_error(c, &err);
        return;
    }
    if (rc) {
        struct strbuf msg = STRBUF_INIT;
        strbuf_addf(&msg, "%s。新しい QR コードで登録し直してください", err.msg);
        enroll_page(c, &s, msg.buf);
        strbuf_release(&msg);
        return;
    }
    struct auth_login_result res;
    if (advance(c, &res)) {
        struct strbuf *sb = &c->resp->body;
        page_begin(c->resp, "回復コード", 200);
        html_raw(sb, "<p>確認コードを登録しました。認証アプリを使えないときのための回復コードです。"
                     "<strong>この画面でしか表示しません。</strong>印刷するか書き写して、"
                     "安全な場所に保管してください（各コードは 1 回だけ使えます）。</p>\n"
                     "<ol class=\"recovery\">\n");
        for (int i = 0; i < AUTH_RECOVERY_CODES; i++)
            html_f(sb, "<li><code>%s</code></li>\n", codes[i]);
        html_f(sb, "</ol>\n<p><a href=\"%s\">保管したので次へ進む</a></p>\n",
               stage_path(res.stage));
        layout_end(sb);
    }
    sodium_memzero(codes, sizeof codes);
    sodium_memzero(&res, sizeof res);
}

/* ---- /logout ---- */

static void logout(struct ctx *c)
{
    if (!csrf_ok(c))
        return;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = auth_logout(c->st, c->token, c->now, &err);
    if (rc == MM_EINTERNAL) {
        internal_error(c, &err);
        return;
    }
    clear_cookie(c->resp, c->req);
    redirect(c->resp, "/login");
}

/* ---- dispatch ---- */

static const struct {
    const char *path;
    int get, post;
} routes[] = {
    {"/login", 1, 1}, {"/login/code", 1, 1}, {"/password", 1, 1}, {"/totp/enroll", 1, 1},
    {"/logout", 0, 1},
};

static void ctx_init(struct ctx *c, const struct web_request *req, struct web_response *resp,
                     struct strbuf *log)
{
    memset(c, 0, sizeof *c);
    c->req = req;
    c->resp = resp;
    c->log = log;
    c->now = time(NULL);
    if (!cookie_get(req->cookie, COOKIE_NAME, c->token, sizeof c->token) ||
        !token_form_ok(c->token))
        c->token[0] = '\0';
}

int web_signin_route(const char *db_path, const struct web_request *req,
                     struct web_response *resp, struct strbuf *log_detail)
{
    size_t i, n = sizeof routes / sizeof routes[0];
    for (i = 0; i < n; i++)
        if (strcmp(req->path, routes[i].path) == 0)
            break;
    if (i == n)
        return 0;
    int post = strcmp(req->method, "POST") == 0;
    int get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
    if (!(post && routes[i].post) && !(get && routes[i].get)) {
        web_page_error(resp, 405);
        resp->allow = routes[i].get ? "GET, HEAD, POST" : "POST";
        return 1;
    }
    struct ctx c;
    ctx_init(&c, req, resp, log_detail);
    struct mm_err err;
    if (auth_init(&err) != MM_OK) {
        internal_error(&c, &err);
        return 1;
    }
    if (!open_store(db_path, &c))
        return 1;
    if (i == 0)
        post ? post_login(&c) : get_login(&c);
    else if (i == 1)
        login_code(&c, post);
    else if (i == 2)
        password(&c, post);
    else if (i == 3)
        enroll(&c, post);
    else
        logout(&c);
    web_db_release(c.st);
    sodium_memzero(c.token, sizeof c.token);
    return 1;
}

int web_signin_gate(const char *db_path, const struct web_request *req, struct auth_session *s,
                    char *csrf, struct web_response *resp, struct strbuf *log_detail)
{
    struct ctx c;
    ctx_init(&c, req, resp, log_detail);
    if (!c.token[0]) {
        redirect(resp, "/login");
        return 0;
    }
    struct mm_err err;
    if (auth_init(&err) != MM_OK) {
        internal_error(&c, &err);
        return 0;
    }
    if (!open_store(db_path, &c))
        return 0;
    char msg[256];
    int live = session_of(&c, s, msg, sizeof msg);
    web_db_release(c.st);
    if (live < 0)
        return 0;
    if (!live) {
        redirect(resp, "/login");
        return 0;
    }
    if (s->stage != AUTH_STAGE_FULL) {
        redirect(resp, stage_path(s->stage));
        return 0;
    }
    auth_csrf_token(c.token, csrf);
    sodium_memzero(c.token, sizeof c.token);
    return 1;
}
