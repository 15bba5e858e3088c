/*
 * page_home.c — the front page: the organization, the scope of its policy (行政機関 and the
 * networks left out, 基本方針 4(1)) and the size of each register. Read-only; one database
 * connection for this request (opened by app.c).
 */
#include <jansson.h>
#include <stdlib.h>

#include "approval/approval.h"
#include "authz/authz.h"
#include "incident/incident.h"
#include "store/store.h"
#include "web/html.h"
#include "web/app.h"
#include "web/dash.h"
#include "web/dash_html.h"
#include "web/dbpool.h"
#include "web/layout.h"
#include "web/overview.h"
#include "web/web.h"

/* A card with one row per category: label and count. */
static void count_table(struct strbuf *sb, const char *caption, const struct overview_list *l,
                        const char *total_label, long long total)
{
    html_f(sb, "<table class=\"counts\">\n<caption>%s</caption>\n", caption);
    for (size_t i = 0; i < l->len; i++)
        html_f(sb, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td></tr>\n",
               l->rows[i].label, l->rows[i].n);
    if (total_label)
        html_f(sb,
               "<tr class=\"total\"><th scope=\"row\">%s</th><td class=\"num\">%lld</td></tr>\n",
               total_label, total);
    html_raw(sb, "</table>\n");
}

static void scope_section(struct strbuf *sb, const struct overview *ov)
{
    html_raw(sb, "<section class=\"scope\">\n<h2>適用範囲（基本方針 4(1)）</h2>\n"
                 "<h3>対象の行政機関</h3>\n");
    if (ov->bodies.len == 0)
        html_raw(sb, "<p class=\"empty\">登録されていません。</p>\n");
    else
        html_raw(sb, "<ul>\n");
    for (size_t i = 0; i < ov->bodies.len; i++) {
        html_f(sb, "<li>%s", ov->bodies.rows[i].label);
        if (ov->bodies.rows[i].note)
            html_f(sb, "<span class=\"note\">%s</span>", ov->bodies.rows[i].note);
        html_raw(sb, "</li>\n");
    }
    if (ov->bodies.len)
        html_raw(sb, "</ul>\n");

    html_raw(sb, "<h3>対象外のネットワーク</h3>\n");
    if (ov->excluded_networks.len == 0)
        html_raw(sb, "<p class=\"empty\">ありません。</p>\n");
    else
        html_raw(sb, "<dl class=\"excluded\">\n");
    for (size_t i = 0; i < ov->excluded_networks.len; i++) {
        html_f(sb, "<dt>%s</dt>\n<dd>%s</dd>\n", ov->excluded_networks.rows[i].label,
               ov->excluded_networks.rows[i].note ? ov->excluded_networks.rows[i].note
                                                  : "（理由の記載なし）");
    }
    if (ov->excluded_networks.len)
        html_raw(sb, "</dl>\n");

    if (ov->included_networks.len) {
        html_raw(sb, "<h3>三層の区分に含めるネットワーク</h3>\n<dl class=\"excluded\">\n");
        for (size_t i = 0; i < ov->included_networks.len; i++)
            html_f(sb, "<dt>%s</dt>\n<dd>%s</dd>\n", ov->included_networks.rows[i].label,
                   ov->included_networks.rows[i].note ? ov->included_networks.rows[i].note : "");
        html_raw(sb, "</dl>\n");
    }
    html_raw(sb, "</section>\n");
}

static void registers_section(struct strbuf *sb, const struct overview *ov)
{
    html_raw(sb, "<section class=\"registers\">\n<h2>台帳の件数</h2>\n<div class=\"cards\">\n");
    count_table(sb, "部署", &ov->departments, NULL, 0);
    count_table(sb, "職員等（在職）", &ov->people_active, "在職 計", ov->people_active_total);
    count_table(sb, "情報システム（ネットワーク別）", &ov->systems, "情報システム 計",
                ov->systems_total);
    count_table(sb, "情報資産（機密性別）", &ov->assets, "情報資産 計", ov->assets_total);
    html_f(sb,
           "<table class=\"counts\">\n<caption>アカウント</caption>\n"
           "<tr><th scope=\"row\">有効</th><td class=\"num\">%lld</td></tr>\n"
           "<tr><th scope=\"row\">有効な特権アカウント</th><td class=\"num\">%lld</td></tr>\n"
           "<tr class=\"total\"><th scope=\"row\">登録 計（停止中・削除済みを含む）</th>"
           "<td class=\"num\">%lld</td></tr>\n"
           "</table>\n",
           ov->accounts_active, ov->accounts_active_privileged, ov->accounts_total);
    html_raw(sb, "</div>\n</section>\n");
}

/* 前回のログイン (ガイドライン 6.2(4)) and the link to change the password. */
static void user_section(struct web_ctx *c)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<section class=\"signin\">\n<p>");
    if (c->previous_login_at > 0) {
        char when[96];
        web_format_time(c->previous_login_at, when, sizeof when);
        html_f(sb, "前回のログイン: %s（%s）", when,
               c->previous_login_from[0] ? c->previous_login_from : "接続元の記録なし");
    } else {
        html_raw(sb, "前回のログインの記録はありません（初めてのログインです）。");
    }
    html_raw(sb, "</p>\n<p class=\"links\"><a href=\"/password\">パスワードを変更する</a></p>\n"
                 "</section>\n");
}

/* One kind of thing awaiting the user: how to count it, where it is listed, and its wording. */
struct await_kind {
    const char *label, *href, *unit;
    int (*count)(struct web_ctx *c, long long *n, struct mm_err *err);
};

/* Findings whose responsible role the user holds (the dashboard's 「対応が必要なもの」);
 * -1 when the user may not read findings. */
static int count_findings(struct web_ctx *c, long long *n, struct mm_err *err)
{
    *n = -1;
    if (!authz_allows(c->who, "dashboard", AUTHZ_READ, NULL) ||
        !authz_allows(c->who, "finding", AUTHZ_READ, NULL))
        return MM_OK;
    json_t *j = NULL;
    if (dash_summary(c->st, c->who, c->today, &j, err))
        return err->code ? err->code : MM_EINTERNAL;
    *n = json_integer_value(json_object_get(json_object_get(j, "awaiting"), "count"));
    json_decref(j);
    return MM_OK;
}

/* Requests whose current step waits on the user's decision (or on someone who delegated it). */
static int count_requests(struct web_ctx *c, long long *n, struct mm_err *err)
{
    *n = -1;
    if (!c->person_id[0])
        return MM_OK;
    struct approval_filter f = {.awaiting = c->person_id};
    json_t *list = NULL;
    if (approval_list_json(c->st, &f, c->today, &list, err))
        return err->code ? err->code : MM_EINTERNAL;
    *n = (long long)json_array_size(list);
    json_decref(list);
    return MM_OK;
}

/* Incident reports handed over to the user and not yet acknowledged. */
static int count_incidents(struct web_ctx *c, long long *n, struct mm_err *err)
{
    *n = -1;
    if (!c->person_id[0])
        return MM_OK;
    json_t *aw = NULL;
    if (incident_awaiting(c->st, c->person_id, NULL, &aw, err))
        return err->code ? err->code : MM_EINTERNAL;
    *n = (long long)json_array_size(aw);
    json_decref(aw);
    return MM_OK;
}

static const struct await_kind await_kinds[] = {
    {"あなたが対応する点検の指摘", "/dashboard#awaiting", "件", count_findings},
    {"あなたの決裁を待っている申請", "/requests?tab=awaiting", "件", count_requests},
    {"あなたの受領を待っているインシデント報告", "/incidents", "件", count_incidents},
};
#define AWAIT_KINDS (sizeof await_kinds / sizeof await_kinds[0])

/* Counts each kind for the user (-1 for a kind the user may not see). */
static int awaiting_counts(struct web_ctx *c, long long n[AWAIT_KINDS], struct mm_err *err)
{
    for (size_t i = 0; i < AWAIT_KINDS; i++) {
        int rc = await_kinds[i].count(c, &n[i], err);
        if (rc)
            return rc;
    }
    return MM_OK;
}

/* 「対応を待っているもの」: what awaits the signed-in user, each with its count and a link;
 * kinds the user may not see, and kinds with nothing waiting, are left out. */
static void awaiting_section(struct strbuf *sb, const long long n[AWAIT_KINDS])
{
    size_t shown = 0;
    for (size_t i = 0; i < AWAIT_KINDS; i++)
        shown += n[i] > 0;
    html_raw(sb, "<section class=\"home-awaiting\" aria-labelledby=\"home-aw-h\">\n"
                 "<h2 id=\"home-aw-h\">対応を待っているもの</h2>\n");
    if (!shown) {
        html_raw(sb, "<p class=\"empty\">いま、あなたの対応を待っているものはありません。</p>\n"
                     "</section>\n");
        return;
    }
    html_raw(sb, "<ul class=\"await-list\">\n");
    for (size_t i = 0; i < AWAIT_KINDS; i++)
        if (n[i] > 0)
            html_f(sb,
                   "<li><a href=\"%s\"><span class=\"n\">%lld</span>%s"
                   "<span class=\"label\">%s</span></a></li>\n",
                   await_kinds[i].href, n[i], await_kinds[i].unit, await_kinds[i].label);
    html_raw(sb, "</ul>\n</section>\n");
}

/*
 * The organization and register counts, the same for every user: counting every register
 * took about 35 ms a page at 50× the demo, so they are kept with the thread's read connection
 * until the database changes (web_db_memo_get). *owned says whether the caller frees it.
 */
static struct overview *overview_now(struct web_ctx *c, int *owned, struct mm_err *err)
{
    *owned = 0;
    struct overview *ov = web_db_memo_get(c->st, WEB_MEMO_OVERVIEW, NULL);
    if (ov)
        return ov;
    if (!(ov = calloc(1, sizeof *ov))) {
        mm_err_set(err, MM_EINTERNAL, "メモリを確保できません");
        return NULL;
    }
    if (overview_load(c->st, ov, err)) {
        overview_destroy(ov);
        return NULL;
    }
    *owned =
        !web_db_memo_put(c->st, WEB_MEMO_OVERVIEW, NULL, ov->data_version, ov, overview_destroy);
    return ov;
}

static void home(struct web_ctx *c, char *const *args)
{
    (void)args;
    struct mm_err err;
    mm_err_clear(&err);
    int owned;
    struct overview *ov = overview_now(c, &owned, &err);
    if (!ov) {
        app_internal(c, &err);
        return;
    }
    struct strbuf *sb = APP_SB(c);
    if (!ov->has_org) {
        app_begin(c, "mamori", "/");
        user_section(c);
        html_raw(sb, "<p class=\"notice\">まだ団体が登録されていません。"
                     "mamori import または mamori init --demo を実行してください。</p>\n");
        html_f(sb,
               "<p>団体のスナップショット（JSON）を取り込むには <code>mamori --db %s import "
               "ファイル名</code>、デモ団体で試すには <code>mamori --db %s init --demo</code> "
               "を実行し、このページを再読み込みしてください。</p>\n",
               c->db_path, c->db_path);
        app_end(c);
        if (owned)
            overview_destroy(ov);
        return;
    }

    long long waiting[AWAIT_KINDS];
    if (awaiting_counts(c, waiting, &err)) {
        if (owned)
            overview_destroy(ov);
        app_internal(c, &err);
        return;
    }
    app_begin(c, ov->name, "/");
    user_section(c);
    awaiting_section(sb, waiting);
    html_raw(sb, "<p class=\"sub\">");
    html_text(sb, ov->kind);
    if (ov->prefecture)
        html_f(sb, "（%s）", ov->prefecture);
    if (ov->policy_title) {
        html_f(sb, "<br>%s", ov->policy_title);
        if (ov->policy_date) {
            char wa[64];
            app_wareki(ov->policy_date, wa, sizeof wa);
            html_f(sb, "（%s）", wa);
        }
    }
    html_raw(sb, "</p>\n");
    scope_section(sb, ov);
    registers_section(sb, ov);
    html_f(sb, "<p class=\"meta\">スキーマ版 %d</p>\n", ov->schema);
    app_end(c);
    if (owned)
        overview_destroy(ov);
}

const struct web_route web_routes_home[] = {
    {"GET", "/", home},
    {"GET", "/dashboard", dash_page_dashboard},
    {NULL, NULL, NULL},
};
