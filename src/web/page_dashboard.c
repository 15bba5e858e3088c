/*
 * page_dashboard.c — /dashboard: the latest full-scope check run as charts (open findings by
 * 対策基準 section and severity, by department, by severity, and the trend over runs) and the
 * findings that await the user. Every figure counts only the findings the user may read
 * (dash_summary).
 */
#include <stdio.h>
#include <string.h>

#include "web/dash_html.h"
#include "web/html.h"
#include "web/svg.h"

static long long jint(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static const struct {
    const char *code, *label, *cls;
} sev[] = {
    {"critical", "重大", "sev-critical"},
    {"high", "高", "sev-high"},
    {"medium", "中", "sev-medium"},
    {"low", "低", "sev-low"},
};
#define NSEV (sizeof sev / sizeof *sev)

static void no_run(struct web_ctx *c)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<section class=\"empty-state\"><h2>まだ点検の記録がありません</h2>\n"
                 "<p>ダッシュボードは、すべての規則で台帳を点検した最新の結果（自動点検）から作られます。"
                 "点検はこの画面の「今すぐ点検する」か、サーバーで <code>mamori check</code> "
                 "を実行すると記録されます。</p>\n");
    if (authz_allows(c->who, "check_run", AUTHZ_WRITE, NULL))
        dash_html_run_form(c);
    else
        html_raw(sb, "<p>点検の実行は統括情報セキュリティ責任者などに依頼してください。</p>\n");
    html_raw(sb, "</section>\n");
}

static void summary_cards(struct strbuf *sb, const json_t *j)
{
    const json_t *run = json_object_get(j, "run");
    char as_of[64], at[96];
    app_wareki(jstr(run, "as_of"), as_of, sizeof as_of);
    dash_wareki_time(jstr(run, "started_at"), at, sizeof at);
    html_f(sb,
           "<p class=\"sub\">最新の点検: <a href=\"/checks/%lld\">第 %lld 回</a>（基準日 %s、実行 %s）。"
           "数字はあなたが閲覧できる指摘だけを数えています。</p>\n",
           jint(run, "id"), jint(run, "id"), as_of, at);
    html_f(sb,
           "<ul class=\"kpis\"><li><a href=\"/findings?state=open\"><span class=\"n\">%lld</span>"
           "未対応の指摘</a></li><li><a href=\"/findings?state=new\"><span class=\"n\">%lld</span>"
           "前回からの新規</a></li><li><a href=\"/findings?state=accepted\"><span class=\"n\">%lld"
           "</span>リスク受容中</a></li><li><a href=\"#awaiting\"><span class=\"n\">%lld</span>"
           "あなたの対応待ち</a></li></ul>\n",
           jint(j, "open"), jint(j, "new"), jint(j, "accepted"),
           jint(json_object_get(j, "awaiting"), "count"));
}

/* 対応が必要なもの: a table by rule (the full count), then the most severe findings by name. */
static void awaiting(struct strbuf *sb, const json_t *j)
{
    const json_t *aw = json_object_get(j, "awaiting");
    const json_t *rules = json_object_get(aw, "by_rule");
    const json_t *items = json_object_get(aw, "items");
    html_raw(sb, "<section id=\"awaiting\" class=\"awaiting\"><h2>対応が必要なもの</h2>\n");
    if (!json_array_size(rules)) {
        html_raw(sb, "<p class=\"empty\">あなたが担う役割の範囲で、対応を待っている指摘はありません。"
                     "</p></section>\n");
        return;
    }
    html_f(sb, "<p>あなたが担う役割の範囲の未対応の指摘が %lld 件あります。</p>\n"
               "<div class=\"table-wrap\"><table class=\"runs await-rules\"><caption>規則ごとの件数"
               "</caption><thead><tr><th scope=\"col\">重大度</th><th scope=\"col\">規則</th>"
               "<th scope=\"col\">件数</th></tr></thead><tbody>\n",
           jint(aw, "count"));
    size_t i;
    json_t *it;
    json_array_foreach(rules, i, it) {
        struct strbuf href = STRBUF_INIT;
        strbuf_addstr(&href, "/findings?state=open&rule=");
        dash_url_escape(&href, jstr(it, "rule"));
        html_f(sb, "<tr><td><span class=\"sev sev-%s\">%s</span></td><td><a href=\"%s\">%s %s</a>"
                   "</td><td class=\"num\">%lld</td></tr>\n",
               jstr(it, "severity"), dash_severity_label(jstr(it, "severity")), href.buf,
               jstr(it, "rule"), jstr(it, "title"), jint(it, "count"));
        strbuf_release(&href);
    }
    html_raw(sb, "</tbody></table></div>\n<details class=\"await-items\"><summary>重大度の高いものから"
                 "個別に見る</summary>\n<ul class=\"await-list\">\n");
    json_array_foreach(items, i, it) {
        struct strbuf href = STRBUF_INIT;
        dash_finding_href(&href, jstr(it, "fingerprint"));
        const char *label = jstr(it, "entity_label");
        html_f(sb,
               "<li><span class=\"sev sev-%s\">%s</span> <a href=\"%s\">%s %s</a>"
               "<span class=\"note\">%s「%s」— %s</span></li>\n",
               jstr(it, "severity"), dash_severity_label(jstr(it, "severity")), href.buf,
               jstr(it, "rule"), jstr(it, "title") ? jstr(it, "title") : "",
               dash_entity_label(jstr(it, "entity_type")), label ? label : jstr(it, "entity_id"),
               jstr(it, "detail"));
        strbuf_release(&href);
    }
    html_raw(sb, "</ul></details></section>\n");
}

static void section_chart(struct strbuf *sb, const json_t *j)
{
    const json_t *secs = json_object_get(j, "by_section");
    size_t n = json_array_size(secs);
    char labels[DASH_SECTIONS][8];
    const char *cats[DASH_SECTIONS];
    long long values[DASH_SECTIONS * NSEV];
    struct svg_series series[NSEV];
    for (size_t k = 0; k < NSEV; k++)
        series[k] = (struct svg_series){sev[k].label, sev[k].cls};
    for (size_t i = 0; i < n && i < DASH_SECTIONS; i++) {
        const json_t *s = json_array_get(secs, i);
        snprintf(labels[i], sizeof labels[i], "%lld", jint(s, "section"));
        cats[i] = labels[i];
        for (size_t k = 0; k < NSEV; k++)
            values[i * NSEV + k] = jint(s, sev[k].code);
    }
    html_raw(sb, "<section class=\"chart-card wide sections\"><h2>対策基準の節別（重大度の内訳）</h2>\n"
                 "<div class=\"chart-pair\">");
    svg_stacked_chart(sb, "対策基準の節別の未対応の指摘", cats, n, series, NSEV, values);
    html_raw(sb, "<div class=\"table-wrap\"><table class=\"counts\"><caption>節別の件数</caption><thead><tr>"
                 "<th scope=\"col\">節</th>");
    for (size_t k = 0; k < NSEV; k++)
        html_f(sb, "<th scope=\"col\">%s</th>", sev[k].label);
    html_raw(sb, "<th scope=\"col\">計</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const json_t *s = json_array_get(secs, i);
        html_f(sb, "<tr><th scope=\"row\"><a href=\"/findings?section=%lld\">%lld %s</a></th>",
               jint(s, "section"), jint(s, "section"), jstr(s, "title"));
        for (size_t k = 0; k < NSEV; k++)
            html_f(sb, "<td class=\"num\">%lld</td>", jint(s, sev[k].code));
        html_f(sb, "<td class=\"num\" data-section-total=\"%lld\">%lld</td></tr>\n",
               jint(s, "section"), jint(s, "total"));
    }
    html_raw(sb, "</tbody></table></div></div></section>\n");
}

/* The top departments as bars; the rest (その他) as a line under the chart, so that their sum
 * does not flatten the bars of the departments named. */
static void department_chart(struct strbuf *sb, const json_t *j)
{
    const json_t *deps = json_object_get(j, "by_department");
    struct svg_item items[16];
    struct strbuf hrefs[16];
    size_t n = 0;
    const json_t *rest = NULL;
    size_t i;
    json_t *d;
    json_array_foreach(deps, i, d) {
        const char *id = jstr(d, "id");
        if (!id && json_object_get(d, "departments")) {
            rest = d;
            continue;
        }
        if (n >= 16)
            continue;
        strbuf_init(&hrefs[n]);
        if (id) {
            strbuf_addstr(&hrefs[n], "/findings?department=");
            dash_url_escape(&hrefs[n], id);
        }
        items[n] = (struct svg_item){jstr(d, "name"), jint(d, "count"), id ? hrefs[n].buf : NULL};
        n++;
    }
    html_raw(sb, "<section class=\"chart-card wide\"><h2>部署別（上位10部署）</h2>\n");
    svg_hbar_chart(sb, "部署別の未対応の指摘（上位10部署）", items, n);
    if (rest)
        html_f(sb, "<p class=\"hint\">その他 %lld 部署: 計 %lld 件</p>\n", jint(rest, "departments"),
               jint(rest, "count"));
    html_raw(sb, "</section>\n");
    for (i = 0; i < n; i++)
        strbuf_release(&hrefs[i]);
}

/* n of total in tenths of a percent, rounded. */
static long long permille(long long n, long long total)
{
    return total > 0 ? (n * 1000 + total / 2) / total : 0;
}

static void severity_chart(struct strbuf *sb, const json_t *j)
{
    const json_t *bs = json_object_get(j, "by_severity");
    struct svg_item items[NSEV];
    char hrefs[NSEV][48];
    for (size_t k = 0; k < NSEV; k++) {
        snprintf(hrefs[k], sizeof hrefs[k], "/findings?severity=%s", sev[k].code);
        items[k] = (struct svg_item){sev[k].label, jint(bs, sev[k].code), hrefs[k]};
    }
    long long total = 0;
    for (size_t k = 0; k < NSEV; k++)
        total += items[k].value;
    html_raw(sb, "<section class=\"chart-card\"><h2>重大度別</h2>\n");
    svg_bar_chart(sb, "重大度別の未対応の指摘", items, NSEV);
    html_raw(sb, "<table class=\"counts\"><caption>重大度別の件数</caption><thead><tr>"
                 "<th scope=\"col\">重大度</th><th scope=\"col\">件数</th>"
                 "<th scope=\"col\">割合</th></tr></thead><tbody>\n");
    for (size_t k = 0; k < NSEV; k++)
        html_f(sb,
               "<tr><th scope=\"row\"><a href=\"%s\">%s</a></th><td class=\"num\">%lld</td>"
               "<td class=\"num\">%lld.%lld%%</td></tr>\n",
               items[k].href, sev[k].label, items[k].value, permille(items[k].value, total) / 10,
               permille(items[k].value, total) % 10);
    html_raw(sb, "</tbody></table></section>\n");
}

static void trend_chart(struct strbuf *sb, const json_t *j)
{
    const json_t *tr = json_object_get(j, "trend");
    size_t n = json_array_size(tr);
    struct svg_item items[16];
    char labels[16][64], hrefs[16][32];
    if (n > 16)
        n = 16;
    for (size_t i = 0; i < n; i++) {
        const json_t *t = json_array_get(tr, i);
        const char *d = jstr(t, "as_of");
        snprintf(labels[i], sizeof labels[i], "#%lld %s", jint(t, "run"), d && strlen(d) >= 10 ? d + 5 : "");
        snprintf(hrefs[i], sizeof hrefs[i], "/checks/%lld", jint(t, "run"));
        items[i] = (struct svg_item){labels[i], jint(t, "count"), hrefs[i]};
    }
    html_raw(sb, "<section class=\"chart-card\"><h2>推移（全規則の点検ごと）</h2>\n");
    if (n < 2)
        html_f(sb,
               "<p class=\"hint trend-note\">点検が2回以上記録されると、未対応の指摘の件数の"
               "推移をここにグラフで示します（いまの記録は%zu回）。</p>\n",
               n);
    else
        svg_line_chart(sb, "点検ごとの未対応の指摘の件数", items, n);
    html_raw(sb, "</section>\n");
}

void dash_page_dashboard(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "dashboard", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    struct mm_err err;
    mm_err_clear(&err);
    json_t *j = NULL;
    if (dash_summary(c->st, c->who, c->today, &j, &err)) {
        app_internal(c, &err);
        return;
    }
    struct strbuf *sb = APP_SB(c);
    app_begin(c, "ダッシュボード", "/dashboard");
    if (json_is_null(json_object_get(j, "run"))) {
        no_run(c);
    } else {
        if (!authz_allows(c->who, "finding", AUTHZ_READ, NULL))
            html_raw(sb, "<p class=\"notice\">あなたの役割では点検結果（指摘）を閲覧できないため、"
                         "件数はすべて 0 と表示されます。</p>\n");
        summary_cards(sb, j);
        awaiting(sb, j);
        html_raw(sb, "<div class=\"charts\">\n");
        section_chart(sb, j);
        severity_chart(sb, j);
        trend_chart(sb, j);
        department_chart(sb, j);
        html_raw(sb, "</div>\n");
    }
    app_end(c);
    json_decref(j);
}
