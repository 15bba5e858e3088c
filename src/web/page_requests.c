/*
 * page_requests.c — 申請・承認 in the browser: the route table, who may see a request, the
 * list with its tabs (自分の申請, 決裁待ち, 決裁済み, and すべて for the 'all' readers) and the
 * inbox. The form, the request page and the API are in page_requests_*.c. Access: the grants
 * on resource `request` (schema 013) cover the requester's own requests and the 'all' readers;
 * whether a user is on a request's route is asked of the approval engine.
 */
#include "web/page_requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "web/html.h"

const struct web_route web_routes_requests[] = {
    {"GET", "/requests", rq_page_list},
    {"GET", "/requests/new", rq_page_kinds},
    {"GET", "/requests/new/{}", rq_page_new},
    {"POST", "/requests/new/{}", rq_post_new},
    {"GET", "/requests/{}", rq_page_show},
    {"POST", "/requests/{}/decide", rq_post_decide},
    {"POST", "/requests/{}/withdraw", rq_post_withdraw},
    {"GET", "/requests/{}/amend", rq_page_amend},
    {"POST", "/requests/{}/amend", rq_post_amend},
    {"GET", "/requests/{}/print", rq_get_print},
    {"GET", "/requests/{}/attachments/{}", rq_get_attachment},
    {"POST", "/requests/{}/attach", rq_post_attach},
    {"POST", "/requests/{}/close", rq_post_close},
    {"POST", "/requests/{}/renew", rq_post_renew},
    {"GET", "/inbox", rq_page_inbox},
    {"POST", "/inbox/read", rq_post_inbox_read},
    {"GET", "/api/v1/request-kinds", rq_api_kinds},
    {"GET", "/api/v1/requests", rq_api_list},
    {"POST", "/api/v1/requests", rq_api_create},
    {"GET", "/api/v1/requests/{}", rq_api_get},
    {"POST", "/api/v1/requests/{}/decide", rq_api_decide},
    {"POST", "/api/v1/requests/{}/withdraw", rq_api_withdraw},
    {"POST", "/api/v1/requests/{}/attachments", rq_api_attach},
    {"GET", "/api/v1/requests/{}/attachments/{}", rq_get_attachment},
    {"GET", "/api/v1/inbox", rq_api_inbox},
    {NULL, NULL, NULL},
};

/* ---- shared helpers ---- */

const char *rq_js(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

long long rq_id(const char *s)
{
    if (!s || !*s || strlen(s) > 15)
        return 0;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return strtoll(s, NULL, 10);
}

void rq_wareki(const char *iso, char *buf, size_t size)
{
    report_wareki(iso, buf, size);
}

int rq_is_requester(const struct web_ctx *c, const json_t *r)
{
    return c->person_id[0] && strcmp(rq_js(r, "requester_id"), c->person_id) == 0;
}

/* On the route: the grantor of a step, or the one who decided it. */
static int on_route(const struct web_ctx *c, const json_t *r)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(r, "approvals"), i, a)
    {
        if (strcmp(rq_js(a, "person_id"), c->person_id) == 0 ||
            strcmp(rq_js(a, "decided_by"), c->person_id) == 0)
            return 1;
    }
    return 0;
}

/* A delegate (代決), valid today, of a grantor on the route for the role of that step. */
static int delegate_on_route(struct web_ctx *c, long long id, int *out, struct mm_err *err)
{
    struct store_stmt *s;
    *out = 0;
    int rc = store_prepare(c->st,
                           "SELECT COUNT(*) FROM request_approval a JOIN request_delegation g "
                           "ON g.delegator_id = a.person_id AND g.role = a.role "
                           "WHERE a.request_id = ? AND g.delegate_id = ? "
                           "AND g.valid_from <= ? AND g.valid_to >= ?",
                           &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, id);
    store_bind_text(s, 2, c->person_id);
    store_bind_text(s, 3, c->today);
    store_bind_text(s, 4, c->today);
    rc = store_step(s, err);
    if (rc == STORE_ROW)
        *out = store_col_int(s, 0) > 0;
    store_finalize(s);
    return rc == STORE_ROW || rc == STORE_DONE ? MM_OK : rc;
}

int rq_participant(struct web_ctx *c, const json_t *r, long long id, int *out, struct mm_err *err)
{
    *out = 0;
    if (!c->person_id[0])
        return MM_OK;
    *out = rq_is_requester(c, r) || on_route(c, r);
    return *out ? MM_OK : delegate_on_route(c, id, out, err);
}

static int may_see(struct web_ctx *c, const json_t *r, long long id, int *out, struct mm_err *err)
{
    struct authz_target t = {.department_id = rq_js(r, "department_id"),
                             .system_id = NULL,
                             .person_id = rq_js(r, "requester_id")};
    *out = authz_allows(c->who, "request", AUTHZ_READ, &t);
    if (*out || !c->person_id[0])
        return MM_OK;
    *out = on_route(c, r);
    return *out ? MM_OK : delegate_on_route(c, id, out, err);
}

json_t *rq_load_visible(struct web_ctx *c, long long id)
{
    if (!authz_allows(c->who, "request", AUTHZ_READ, NULL)) {
        app_deny(c);
        return NULL;
    }
    if (id <= 0) {
        app_not_found(c);
        return NULL;
    }
    json_t *r = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_get_json(c->st, id, c->today, &r, &err);
    if (rc == MM_EINPUT) {
        app_not_found(c);
        return NULL;
    }
    int ok = 0;
    if (!rc)
        rc = may_see(c, r, id, &ok, &err);
    if (rc) {
        json_decref(r);
        app_internal(c, &err);
        return NULL;
    }
    if (!ok) {
        json_decref(r);
        app_deny(c);
        return NULL;
    }
    return r;
}

long long rq_requester_id(struct web_ctx *c, const char *arg)
{
    long long id = rq_id(arg);
    json_t *r = rq_load_visible(c, id);
    if (!r)
        return 0;
    int mine = rq_is_requester(c, r);
    json_decref(r);
    if (!mine || !authz_allows(c->who, "request", AUTHZ_WRITE, NULL)) {
        app_deny(c);
        return 0;
    }
    return id;
}

long long rq_participant_id(struct web_ctx *c, const char *arg)
{
    long long id = rq_id(arg);
    json_t *r = rq_load_visible(c, id);
    if (!r)
        return 0;
    int part = 0;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = rq_participant(c, r, id, &part, &err);
    json_decref(r);
    if (rc) {
        app_internal(c, &err);
        return 0;
    }
    if (!part) {
        app_deny(c);
        return 0;
    }
    return id;
}

/* Whether `id` is among the list's items. */
static int list_has(const json_t *list, long long id)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        if (json_integer_value(json_object_get(v, "id")) == id)
            return 1;
    }
    return 0;
}

int rq_may_decide(struct web_ctx *c, long long id, int *out, struct mm_err *err)
{
    *out = 0;
    if (!c->person_id[0])
        return MM_OK;
    struct approval_filter f = {.awaiting = c->person_id};
    json_t *list = NULL;
    int rc = approval_list_json(c->st, &f, c->today, &list, err);
    if (rc)
        return rc;
    *out = list_has(list, id);
    json_decref(list);
    return MM_OK;
}

int rq_title_ok(const char *t)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)(t ? t : ""); *p; p++)
        chars += (*p & 0xC0) != 0x80;
    return chars <= RQ_TITLE_MAX;
}

void rq_values_add(struct rq_values *vs, const char *field, const char *value)
{
    if (vs->n >= RQ_MAX_VALUES)
        return;
    vs->own[vs->n] = strdup(value ? value : "");
    vs->v[vs->n].field = field;
    vs->v[vs->n].value = vs->own[vs->n];
    vs->n++;
}

void rq_values_free(struct rq_values *vs)
{
    for (size_t i = 0; i < vs->n; i++)
        free(vs->own[i]);
    vs->n = 0;
}

const char *rq_values_get(const struct rq_values *vs, const char *field)
{
    for (size_t i = 0; i < vs->n; i++)
        if (strcmp(vs->v[i].field, field) == 0)
            return vs->v[i].value;
    return NULL;
}

void rq_json_error(struct web_ctx *c, int status, const char *code, const char *message,
                   const struct mm_problems *p)
{
    json_t *e = json_pack("{s:i,s:s,s:s}", "status", status, "code", code, "message",
                          message ? message : "");
    if (p && p->len) {
        json_t *fields = json_array();
        for (size_t i = 0; i < p->len; i++)
            json_array_append_new(fields, json_pack("{s:s,s:s}", "field",
                                                    p->items[i].where ? p->items[i].where : "",
                                                    "message", p->items[i].msg ? p->items[i].msg : ""));
        json_object_set_new(e, "fields", fields);
    }
    app_json(c, status, json_pack("{s:o}", "error", e));
}

/* ---- the list ---- */

#define RQ_PER_PAGE 20

enum rq_tab { TAB_MINE, TAB_AWAITING, TAB_DECIDED, TAB_ALL, TAB_N };

static const struct {
    const char *code, *label, *empty;
} tabs[TAB_N] = {
    {"mine", "自分の申請", "自分の申請はありません。"},
    {"awaiting", "決裁待ち", "決裁を待っている申請はありません。"},
    {"decided", "決裁済み", "決裁した申請はありません。"},
    {"all", "すべての申請", "申請はありません。"},
};

static enum rq_tab tab_of(struct web_ctx *c, int may_all)
{
    char v[16];
    app_query(c, "tab", v, sizeof v);
    for (int i = 0; i < TAB_N; i++)
        if (strcmp(v, tabs[i].code) == 0 && (i != TAB_ALL || may_all))
            return (enum rq_tab)i;
    return TAB_MINE;
}

/* Ids of the requests the user decided (by themselves or by 代決), as a JSON object of keys. */
static int decided_ids(struct web_ctx *c, json_t *set, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(c->st,
                           "SELECT DISTINCT request_id FROM request_approval WHERE decided_by = ?",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, c->person_id);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        char key[32];
        snprintf(key, sizeof key, "%lld", store_col_int(s, 0));
        json_object_set_new(set, key, json_true());
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

/* Keeps the rows of `list` that belong to the tab. */
static int tab_keep(struct web_ctx *c, enum rq_tab tab, json_t *row, const json_t *decided)
{
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(row, "id")));
    if (tab == TAB_MINE)
        return strcmp(rq_js(row, "requester_id"), c->person_id) == 0;
    if (tab == TAB_DECIDED)
        return json_object_get(decided, key) != NULL;
    return 1;
}

/* The rows of a tab (newest first); the filter values are the engine's bound parameters. */
int rq_list_items(struct web_ctx *c, const char *tab_code, const char *state, const char *kind,
                  json_t **out, struct mm_err *err)
{
    enum rq_tab tab = TAB_MINE;
    for (int i = 0; i < TAB_N; i++)
        if (strcmp(tab_code, tabs[i].code) == 0)
            tab = (enum rq_tab)i;
    struct approval_filter f = {.state = state && *state ? state : NULL,
                                .kind = kind && *kind ? kind : NULL};
    *out = NULL;
    if (tab != TAB_ALL && !c->person_id[0]) {
        *out = json_array();
        return MM_OK;
    }
    if (tab == TAB_AWAITING)
        f.awaiting = c->person_id;
    else if (tab != TAB_ALL)
        f.person_id = c->person_id;
    json_t *list = NULL, *decided = json_object();
    int rc = approval_list_json(c->st, &f, c->today, &list, err);
    if (!rc && tab == TAB_DECIDED)
        rc = decided_ids(c, decided, err);
    if (rc) {
        json_decref(decided);
        return rc;
    }
    json_t *kept = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(list, i, row)
    {
        if (tab_keep(c, tab, row, decided))
            json_array_append(kept, row);
    }
    json_decref(list);
    json_decref(decided);
    *out = kept;
    return MM_OK;
}

/* A <select> of the (code, label) rows of a fixed query, with 「すべて」 first. */
static int select_rows(struct web_ctx *c, const char *name, const char *label, const char *sql,
                       const char *current, struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    struct store_stmt *s;
    int rc = store_prepare(c->st, sql, &s, err);
    if (rc)
        return rc;
    html_f(sb, "<div><label for=\"f_%s\">%s</label><select id=\"f_%s\" name=\"%s\">"
               "<option value=\"\">すべて</option>",
           name, label, name, name);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *code = store_col_text(s, 0);
        html_f(sb, "<option value=\"%s\"%s>%s</option>", code,
               strcmp(code, current) == 0 ? " selected" : "", store_col_text(s, 1));
    }
    store_finalize(s);
    html_raw(sb, "</select></div>");
    return rc == STORE_DONE ? MM_OK : rc;
}

static void tab_nav(struct web_ctx *c, enum rq_tab cur, int may_all)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<nav class=\"rq-tabs\" aria-label=\"申請の一覧\"><ul>");
    for (int i = 0; i < TAB_N; i++) {
        if (i == TAB_ALL && !may_all)
            continue;
        if (i == (int)cur)
            html_f(sb, "<li><a href=\"/requests?tab=%s\" aria-current=\"page\">%s</a></li>",
                   tabs[i].code, tabs[i].label);
        else
            html_f(sb, "<li><a href=\"/requests?tab=%s\">%s</a></li>", tabs[i].code,
                   tabs[i].label);
    }
    html_raw(sb, "</ul></nav>\n");
}

static void list_table(struct web_ctx *c, enum rq_tab tab, const json_t *items, size_t first,
                       size_t last)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<div class=\"table-wrap\"><table class=\"list rq-list\"><caption>%s</caption>"
               "<thead><tr><th scope=\"col\">番号</th><th scope=\"col\">件名</th>"
               "<th scope=\"col\">種類</th><th scope=\"col\">申請者</th><th scope=\"col\">状態</th>"
               "<th scope=\"col\">申請日</th><th scope=\"col\">期限</th></tr></thead><tbody>",
           tabs[tab].label);
    for (size_t i = first; i < last; i++) {
        const json_t *r = json_array_get(items, i);
        long long id = json_integer_value(json_object_get(r, "id"));
        char filed[64], until[64];
        rq_wareki(rq_js(r, "filed_on"), filed, sizeof filed);
        rq_wareki(rq_js(r, "valid_until"), until, sizeof until);
        html_f(sb, "<tr><td class=\"num\">%lld</td><td><a href=\"/requests/%lld\">%s</a></td>"
                   "<td>%s</td><td>%s</td><td><span class=\"rq-state rq-state-%s\">%s</span>%s</td>"
                   "<td>%s</td><td>%s</td></tr>",
               id, id, rq_js(r, "title"), rq_js(r, "kind_label"), rq_js(r, "requester_name"),
               rq_js(r, "state"), rq_js(r, "state_label"),
               json_is_true(json_object_get(r, "expired")) ? "（期限切れ）" : "", filed, until);
    }
    html_raw(sb, "</tbody></table></div>\n");
}

static int query_int(struct web_ctx *c, const char *name, int def, int max)
{
    char v[16];
    if (!app_query(c, name, v, sizeof v) || !*v)
        return def;
    long long n = rq_id(v);
    return n < 1 ? def : n > max ? max : (int)n;
}

/* Percent-encodes a query value (anything but unreserved characters). */
static void url_value(const char *in, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 4 < size; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.') {
            out[o++] = (char)*p;
        } else {
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        }
    }
    out[o] = '\0';
}

static void pager(struct web_ctx *c, enum rq_tab tab, const char *state_in, const char *kind_in,
                  int page, size_t total)
{
    struct strbuf *sb = APP_SB(c);
    char state[100], kind[200];
    url_value(state_in, state, sizeof state);
    url_value(kind_in, kind, sizeof kind);
    size_t pages = (total + RQ_PER_PAGE - 1) / RQ_PER_PAGE;
    if (pages <= 1)
        return;
    html_f(sb, "<nav class=\"pager\" aria-label=\"ページ\"><span>%d / %zu ページ（%zu 件）</span>",
           page, pages, total);
    if (page > 1)
        html_f(sb, "<a href=\"/requests?tab=%s&amp;state=%s&amp;kind=%s&amp;page=%d\">前へ</a>",
               tabs[tab].code, state, kind, page - 1);
    if ((size_t)page < pages)
        html_f(sb, "<a href=\"/requests?tab=%s&amp;state=%s&amp;kind=%s&amp;page=%d\">次へ</a>",
               tabs[tab].code, state, kind, page + 1);
    html_raw(sb, "</nav>\n");
}

static int count_notice(void *ctx, const struct approval_notice *n)
{
    (void)n;
    (*(long long *)ctx)++;
    return 0;
}

/* How many notices of the user's inbox are unread. */
static int unread_count(struct web_ctx *c, long long *n, struct mm_err *err)
{
    *n = 0;
    return c->person_id[0] ? approval_inbox_each(c->st, c->person_id, 1, count_notice, n, err)
                           : MM_OK;
}

void rq_page_list(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "request", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int may_all = authz_allows_all(c->who, "request", AUTHZ_READ);
    enum rq_tab tab = tab_of(c, may_all);
    char state[32], kind[64];
    app_query(c, "state", state, sizeof state);
    app_query(c, "kind", kind, sizeof kind);
    int page = query_int(c, "page", 1, 100000);
    json_t *items = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (rq_list_items(c, tabs[tab].code, state, kind, &items, &err)) {
        app_internal(c, &err);
        return;
    }
    long long unread = 0;
    if (unread_count(c, &unread, &err)) {
        json_decref(items);
        app_internal(c, &err);
        return;
    }
    app_begin(c, "申請・承認", "/requests");
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<p class=\"actions\">");
    if (authz_allows(c->who, "request", AUTHZ_WRITE, NULL) && c->person_id[0])
        html_raw(sb, "<a class=\"button\" href=\"/requests/new\">新しい申請</a>");
    if (unread)
        html_f(sb, "<a href=\"/inbox\">お知らせ（未読 %lld 件）</a></p>\n", unread);
    else
        html_raw(sb, "<a href=\"/inbox\">お知らせ（受信箱）</a></p>\n");
    tab_nav(c, tab, may_all);
    html_f(sb, "<form class=\"filters\" method=\"get\" action=\"/requests\">"
               "<input type=\"hidden\" name=\"tab\" value=\"%s\">",
           tabs[tab].code);
    int rc = select_rows(c, "kind", "種類", "SELECT code, label FROM request_kind ORDER BY sort",
                         kind, &err);
    if (!rc)
        rc = select_rows(c, "state", "状態",
                         "SELECT code, label FROM request_state ORDER BY sort", state, &err);
    if (rc) {
        json_decref(items);
        strbuf_reset(sb);
        app_internal(c, &err);
        return;
    }
    html_raw(sb, "<div><button type=\"submit\">絞り込む</button></div></form>\n");
    size_t total = json_array_size(items);
    size_t first = (size_t)(page - 1) * RQ_PER_PAGE;
    if (first >= total && total) {
        page = 1;
        first = 0;
    }
    size_t last = first + RQ_PER_PAGE < total ? first + RQ_PER_PAGE : total;
    if (!total)
        html_f(sb, "<p class=\"notice\">%s</p>\n", tabs[tab].empty);
    else
        list_table(c, tab, items, first, last);
    pager(c, tab, state, kind, page, total);
    json_decref(items);
    app_end(c);
}

/* ---- the inbox ---- */

struct inbox_ctx {
    struct web_ctx *c;
    size_t n;
};

static int inbox_row(void *ctx, const struct approval_notice *n)
{
    struct inbox_ctx *x = ctx;
    struct strbuf *sb = APP_SB(x->c);
    char when[64];
    rq_wareki(n->created_at, when, sizeof when);
    int unread = !n->read_at || !*n->read_at;
    html_raw(sb, unread ? "<tr class=\"rq-unread\">" : "<tr>");
    html_f(sb, "<td>%s</td><td>%s</td><td>", when, n->message);
    if (n->request_id)
        html_f(sb, "<a href=\"/requests/%lld\">申請 %lld</a>", n->request_id, n->request_id);
    html_raw(sb, "</td><td>");
    if (unread) {
        html_raw(sb, "<form method=\"post\" action=\"/inbox/read\">");
        app_csrf_field(x->c);
        html_f(sb, "<input type=\"hidden\" name=\"id\" value=\"%lld\">"
                   "<button type=\"submit\">既読にする</button></form>",
               n->id);
    } else {
        html_raw(sb, "既読");
    }
    html_raw(sb, "</td></tr>");
    x->n++;
    return 0;
}

void rq_page_inbox(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "request", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    app_begin(c, "お知らせ（受信箱）", "/requests");
    struct strbuf *sb = APP_SB(c);
    if (!c->person_id[0]) {
        html_raw(sb, "<p class=\"notice\">この利用者は職員の台帳と結び付いていないため、"
                     "お知らせはありません。</p>\n");
        app_end(c);
        return;
    }
    html_raw(sb, "<form class=\"actions\" method=\"post\" action=\"/inbox/read\">");
    app_csrf_field(c);
    html_raw(sb, "<input type=\"hidden\" name=\"id\" value=\"0\">"
                 "<button type=\"submit\">すべて既読にする</button>"
                 "<a href=\"/requests\">申請・承認へ</a></form>\n"
                 "<div class=\"table-wrap\"><table class=\"list rq-inbox\"><caption>お知らせ</caption>"
                 "<thead><tr><th scope=\"col\">日時</th><th scope=\"col\">内容</th>"
                 "<th scope=\"col\">申請</th><th scope=\"col\">既読</th></tr></thead><tbody>");
    struct inbox_ctx x = {c, 0};
    struct mm_err err;
    mm_err_clear(&err);
    if (approval_inbox_each(c->st, c->person_id, 0, inbox_row, &x, &err)) {
        strbuf_reset(sb);
        app_internal(c, &err);
        return;
    }
    if (!x.n)
        html_raw(sb, "<tr><td colspan=\"4\">お知らせはありません。</td></tr>");
    html_raw(sb, "</tbody></table></div>\n");
    app_end(c);
}

void rq_post_inbox_read(struct web_ctx *c, char *const *args)
{
    (void)args;
    char v[24];
    app_form(c, "id", v, sizeof v);
    long long id = strcmp(v, "0") == 0 ? 0 : rq_id(v);
    if (!authz_allows(c->who, "request", AUTHZ_READ, NULL) || !c->person_id[0]) {
        app_deny(c);
        return;
    }
    if (id == 0 && strcmp(v, "0") != 0) {
        app_bad_request(c, "お知らせの番号が正しくありません。");
        return;
    }
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_inbox_read(c->st, &c->actor, c->person_id, id, &err);
    if (rc == MM_EINPUT || rc == MM_EREFUSED) {
        app_bad_request(c, err.msg);
        return;
    }
    if (rc) {
        app_internal(c, &err);
        return;
    }
    app_redirect(c, "/inbox");
}
