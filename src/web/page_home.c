/*
 * page_home.c — the front page: the organization, the scope of its policy (行政機関 and the
 * networks left out, 基本方針 4(1)) and the size of each register. Read-only; one database
 * connection for this request (opened by app.c).
 */
#include "store/store.h"
#include "web/html.h"
#include "web/app.h"
#include "web/dash_html.h"
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

static void home(struct web_ctx *c, char *const *args)
{
    (void)args;
    struct overview ov = {0};
    struct mm_err err;
    mm_err_clear(&err);
    if (overview_load(c->st, &ov, &err)) {
        overview_free(&ov);
        app_internal(c, &err);
        return;
    }
    struct strbuf *sb = APP_SB(c);
    if (!ov.has_org) {
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
        overview_free(&ov);
        return;
    }

    app_begin(c, ov.name, "/");
    user_section(c);
    html_raw(sb, "<p class=\"sub\">");
    html_text(sb, ov.kind);
    if (ov.prefecture)
        html_f(sb, "（%s）", ov.prefecture);
    if (ov.policy_title) {
        html_f(sb, "<br>%s", ov.policy_title);
        if (ov.policy_date) {
            char wa[64];
            app_wareki(ov.policy_date, wa, sizeof wa);
            html_f(sb, "（%s）", wa);
        }
    }
    html_raw(sb, "</p>\n");
    scope_section(sb, &ov);
    registers_section(sb, &ov);
    html_f(sb, "<p class=\"meta\">スキーマ版 %d</p>\n", ov.schema);
    app_end(c);
    overview_free(&ov);
}

const struct web_route web_routes_home[] = {
    {"GET", "/", home},
    {"GET", "/dashboard", dash_page_dashboard},
    {NULL, NULL, NULL},
};
