/*
 * page_findings.c — findings and check runs: /findings (the latest full-scope run, filtered,
 * sorted, paged), /findings/{fp} (one finding: rule, entity, people, history across runs),
 * /checks (stored runs and the 「今すぐ点検する」 form), POST /checks (runs every rule as
 * `mamori check` does and records it) and /checks/{id} (one run and its findings).
 * Only the findings the user may read are listed (dash.h).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/dash_html.h"
#include "web/html.h"

#define RUNS_PER_PAGE 20

/* path?field=value&… with the filters kept (not page), ending in '?' or '&', for the pager. */
static void base_url(struct strbuf *sb, const char *path, const struct dash_list_args *a)
{
    const struct {
        const char *name, *value;
    } f[] = {{"section", a->section}, {"severity", a->severity}, {"department", a->department},
             {"rule", a->rule},       {"state", a->state},       {"sort", a->sort},
             {"order", a->order}};
    strbuf_addstr(sb, path);
    strbuf_addch(sb, '?');
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        if (!f[i].value[0])
            continue;
        strbuf_addf(sb, "%s=", f[i].name);
        dash_url_escape(sb, f[i].value);
        strbuf_addch(sb, '&');
    }
    if (a->per != DASH_PER_DEFAULT)
        strbuf_addf(sb, "per=%d&", a->per);
}

static void option(struct strbuf *sb, const char *value, const char *label, const char *current)
{
    if (!strcmp(value, current))
        html_f(sb, "<option value=\"%s\" selected>%s</option>", value, label);
    else
        html_f(sb, "<option value=\"%s\">%s</option>", value, label);
}

static void filter_form(struct strbuf *sb, const char *action, const struct dash_list_args *a,
                        const json_t *depts)
{
    html_f(sb, "<form class=\"filters\" method=\"get\" action=\"%s\">\n", action);
    html_raw(sb, "<label>節 <select name=\"section\">");
    option(sb, "", "すべて", a->section);
    for (int i = 1; i <= DASH_SECTIONS; i++) {
        char v[12];
        snprintf(v, sizeof v, "%d", i);
        option(sb, v, v, a->section);
    }
    html_raw(sb, "</select></label>\n<label>重大度 <select name=\"severity\">");
    option(sb, "", "すべて", a->severity);
    static const char *const sev[] = {"critical", "high", "medium", "low"};
    for (size_t i = 0; i < 4; i++)
        option(sb, sev[i], dash_severity_label(sev[i]), a->severity);
    html_raw(sb, "</select></label>\n<label>規則 <select name=\"rule\">");
    option(sb, "", "すべて", a->rule);
    for (size_t i = 0; i < dash_rule_count(); i++)
        option(sb, dash_rule_at(i)->id, dash_rule_at(i)->id, a->rule);
    html_raw(sb, "</select></label>\n<label>部署 <select name=\"department\">");
    option(sb, "", "すべて", a->department);
    size_t k;
    json_t *d;
    int listed = !a->department[0];
    json_array_foreach(depts, k, d) {
        char label[400];
        snprintf(label, sizeof label, "%s（%lld）", json_string_value(json_object_get(d, "name")),
                 (long long)json_integer_value(json_object_get(d, "count")));
        const char *id = json_string_value(json_object_get(d, "id"));
        option(sb, id, label, a->department);
        listed |= !strcmp(id, a->department);
    }
    if (!listed) /* a department given in the link that has no finding now */
        option(sb, a->department, a->department, a->department);
    html_raw(sb, "</select></label>\n<label>状態 <select name=\"state\">");
    for (size_t i = 0; i < dash_nstates; i++)
        option(sb, dash_states[i].code, dash_states[i].label, a->state);
    html_raw(sb, "</select></label>\n<label>並べ替え <select name=\"sort\">");
    for (size_t i = 0; i < dash_nsort_labels; i++)
        option(sb, dash_sort_labels[i].code, dash_sort_labels[i].label, a->sort[0] ? a->sort : "severity");
    html_raw(sb, "</select></label>\n<label>順序 <select name=\"order\">");
    option(sb, "", "既定", a->order);
    option(sb, "asc", "昇順", a->order);
    option(sb, "desc", "降順", a->order);
    html_raw(sb, "</select></label>\n<button type=\"submit\">絞り込む</button></form>\n");
}

/* The filtered list of one run into the page. */
static void list_of_run(struct web_ctx *c, const char *path, const struct dash_run *run,
                        const struct dash_list_args *a)
{
    struct strbuf *sb = APP_SB(c);
    struct dash_query q;
    dash_list_args_query(a, &q, run->id, run->prev_id);
    struct dash_list l;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_findings(c->st, c->who, &q, &l, &err)) {
        app_internal(c, &err);
        return;
    }
    json_t *depts = NULL;
    if (dash_finding_departments(c->st, c->who, run->id, &depts, &err)) {
        json_decref(depts);
        dash_list_free(&l);
        app_internal(c, &err);
        return;
    }
    filter_form(sb, path, a, depts);
    json_decref(depts);
    html_f(sb, "<p class=\"count\">該当 %lld 件", l.total);
    if (l.total > (long long)l.n)
        html_f(sb, "（%lld〜%lld 件目を表示）", (long long)(a->page - 1) * a->per + (l.n ? 1 : 0),
               (long long)(a->page - 1) * a->per + (long long)l.n);
    html_raw(sb, "</p>\n");
    dash_html_findings(sb, "指摘の一覧", &l);
    struct strbuf base = STRBUF_INIT;
    base_url(&base, path, a);
    dash_html_pager(sb, base.buf, a->page, a->per, l.total);
    strbuf_release(&base);
    dash_list_free(&l);
}

static void findings_page(struct web_ctx *c, char *const *args)
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
    struct dash_list_args a;
    dash_list_args_read(c, &a);
    struct strbuf *sb = APP_SB(c);
    app_begin(c, "点検結果", "/findings");
    if (!found) {
        html_raw(sb, "<p class=\"notice\">まだすべての規則での点検が記録されていません。"
                     "<a href=\"/checks\">自動点検</a>のページから実行するか、"
                     "<code>mamori check</code> を実行してください。</p>\n");
        app_end(c);
        return;
    }
    char as_of[64];
    app_wareki(run.as_of, as_of, sizeof as_of);
    html_f(sb, "<p class=\"sub\">最新の点検（<a href=\"/checks/%lld\">第 %lld 回</a>、基準日 %s）"
               "の指摘のうち、あなたが閲覧できるものです。</p>\n",
           run.id, run.id, as_of);
    list_of_run(c, "/findings", &run, &a);
    app_end(c);
}

/* ---- one finding ---- */

static void rule_block(struct strbuf *sb, const struct dash_finding *f)
{
    const struct rule *r = dash_rule(f->rule_id);
    html_f(sb, "<dl class=\"facts\">\n<dt>規則</dt><dd>%s %s</dd>\n", f->rule_id, r ? r->title : "");
    html_f(sb, "<dt>重大度</dt><dd><span class=\"sev sev-%s\">%s</span></dd>\n<dt>条項</dt><dd>",
           f->severity, dash_severity_label(f->severity));
    for (size_t i = 0; r && i < r->nclauses; i++) {
        struct strbuf href = STRBUF_INIT;
        strbuf_addstr(&href, "/catalog/");
        dash_url_escape(&href, r->clauses[i]);
        html_f(sb, "%s<a href=\"%s\">%s</a>", i ? "、" : "", href.buf, r->clauses[i]);
        strbuf_release(&href);
    }
    html_f(sb, "</dd>\n<dt>対処</dt><dd>%s</dd>\n<dt>内容</dt><dd>%s</dd>\n<dt>対象</dt><dd>",
           r ? r->action : "", f->detail);
    dash_html_entity(sb, f->entity_type, f->entity_id, f->entity_label);
    html_f(sb, "</dd>\n<dt>部署</dt><dd>%s</dd>\n",
           f->department_name ? f->department_name : f->department_id ? f->department_id : "—");
    if (f->system_id)
        html_f(sb, "<dt>情報システム</dt><dd>%s</dd>\n", f->system_name ? f->system_name : f->system_id);
    html_f(sb, "<dt>担当の役割</dt><dd>%s</dd>\n<dt>担当者</dt><dd>%s</dd>\n</dl>\n",
           f->role_label ? f->role_label : f->role, f->responsible);
}

static void history_block(struct web_ctx *c, const char *fp, const struct dash_finding *f)
{
    struct strbuf *sb = APP_SB(c);
    struct dash_history_row *h = NULL;
    size_t n = 0;
    json_t *risks = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_finding_history(c->st, fp, &h, &n, &err) ||
        dash_risks(c->st, f->rule_id, f->entity_type, f->entity_id, &risks, &err)) {
        free(h);
        json_decref(risks);
        html_raw(sb, "<p class=\"notice\">履歴を読み込めませんでした。</p>\n");
        if (c->log)
            strbuf_addstr(c->log, err.msg);
        return;
    }
    html_raw(sb, "<h2>点検ごとの履歴</h2>\n<table class=\"counts history\"><caption>この指摘が"
                 "見つかった点検と解消</caption><thead><tr><th scope=\"col\">点検</th>"
                 "<th scope=\"col\">実行日時</th><th scope=\"col\">基準日</th>"
                 "<th scope=\"col\">状態</th></tr></thead><tbody>\n");
    int seen_before = 0;
    for (size_t i = 0; i < n; i++) {
        char at[96], as_of[64];
        dash_wareki_time(h[i].started_at, at, sizeof at);
        app_wareki(h[i].as_of, as_of, sizeof as_of);
        const char *state = !h[i].seen      ? (seen_before ? "解消" : "—")
                            : h[i].accepted ? "リスク受容中"
                            : !seen_before  ? "初めて検出"
                                            : "検出（継続）";
        html_f(sb, "<tr><th scope=\"row\"><a href=\"/checks/%lld\">第 %lld 回</a></th><td>%s</td>"
                   "<td>%s</td><td>%s</td></tr>\n",
               h[i].run_id, h[i].run_id, at, as_of, state);
        seen_before = h[i].seen;
    }
    html_raw(sb, "</tbody></table>\n<h2>リスク受容</h2>\n");
    if (!json_array_size(risks))
        html_raw(sb, "<p class=\"empty\">この指摘のリスク受容の記録はありません。</p>\n");
    size_t i;
    json_t *r;
    json_array_foreach(risks, i, r) {
        char decided[64], until[64];
        app_wareki(json_string_value(json_object_get(r, "decided_on")), decided, sizeof decided);
        app_wareki(json_string_value(json_object_get(r, "expires_on")), until, sizeof until);
        const char *exp = json_string_value(json_object_get(r, "expires_on"));
        const char *by = json_string_value(json_object_get(r, "by_name"));
        html_f(sb, "<p class=\"risk\">%s に %s が %s まで受容（%s）。理由: %s</p>\n", decided,
               by ? by : json_string_value(json_object_get(r, "by")), until,
               exp && strcmp(exp, c->today) >= 0 ? "有効" : "期限切れ",
               json_string_value(json_object_get(r, "reason")));
    }
    json_decref(risks);
    free(h);
}

static void finding_page(struct web_ctx *c, char *const *args)
{
    struct dash_finding f;
    if (!dash_finding_visible(c, args[0], &f))
        return;
    const struct rule *r = dash_rule(f.rule_id);
    app_begin(c, r ? r->title : f.rule_id, "/findings");
    rule_block(APP_SB(c), &f);
    history_block(c, args[0], &f);
    html_raw(APP_SB(c), "<p><a href=\"/findings\">点検結果の一覧へ戻る</a></p>\n");
    app_end(c);
    dash_finding_free(&f);
}

/* ---- check runs ---- */

static void runs_table(struct strbuf *sb, const struct dash_run *v, size_t n)
{
    html_raw(sb, "<div class=\"table-wrap\"><table class=\"runs\"><caption>記録された点検</caption>"
                 "<thead><tr><th scope=\"col\">回</th><th scope=\"col\">実行日時</th>"
                 "<th scope=\"col\">基準日</th><th scope=\"col\">範囲</th>"
                 "<th scope=\"col\">実行者</th><th scope=\"col\">規則</th>"
                 "<th scope=\"col\">指摘</th><th scope=\"col\">新規</th>"
                 "<th scope=\"col\">解消</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        char at[96], as_of[64];
        dash_wareki_time(v[i].started_at, at, sizeof at);
        app_wareki(v[i].as_of, as_of, sizeof as_of);
        html_f(sb,
               "<tr><th scope=\"row\"><a href=\"/checks/%lld\">第 %lld 回</a></th><td>%s</td>"
               "<td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%lld</td>"
               "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>\n",
               v[i].id, v[i].id, at, as_of,
               strcmp(v[i].scope, DASH_FULL_SCOPE) ? v[i].scope : "すべての規則", v[i].actor,
               v[i].rules_run, v[i].findings, v[i].news, v[i].resolved);
    }
    html_raw(sb, "</tbody></table></div>\n");
}

static void checks_page(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "check_run", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int page = dash_query_int(c, "page", 1, 1000000);
    struct dash_run *v = NULL;
    size_t n = 0;
    long long total = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_runs(c->st, page, RUNS_PER_PAGE, &v, &n, &total, &err)) {
        free(v);
        app_internal(c, &err);
        return;
    }
    struct strbuf *sb = APP_SB(c);
    app_begin(c, "自動点検", "/checks");
    html_raw(sb, "<p class=\"sub\">規則（対策基準の条項ごとの点検項目）で台帳を点検した記録です。"
                 "同じ範囲の前回と比べた新規・解消の件数を示します。</p>\n");
    if (authz_allows(c->who, "check_run", AUTHZ_WRITE, NULL))
        dash_html_run_form(c);
    if (!n)
        html_raw(sb, "<p class=\"empty\">まだ点検の記録がありません。</p>\n");
    else
        runs_table(sb, v, n);
    dash_html_pager(sb, "/checks?", page, RUNS_PER_PAGE, total);
    app_end(c);
    free(v);
}

static void checks_post(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "check_run", AUTHZ_WRITE, NULL)) {
        app_deny(c);
        return;
    }
    long long id = 0;
    size_t n = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_run_check(c->st, &c->actor, c->today, &id, &n, &err)) {
        app_internal(c, &err);
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/checks/%lld", id);
    app_redirect(c, loc);
}

static void check_page(struct web_ctx *c, char *const *args)
{
    struct dash_run run;
    if (!dash_run_visible(c, args[0], &run))
        return;
    struct mm_err err;
    mm_err_clear(&err);
    char title[64], path[48];
    snprintf(title, sizeof title, "点検 第 %lld 回", run.id);
    snprintf(path, sizeof path, "/checks/%lld", run.id);
    app_begin(c, title, "/checks");
    struct strbuf *sb = APP_SB(c);
    char at[96], as_of[64];
    dash_wareki_time(run.started_at, at, sizeof at);
    app_wareki(run.as_of, as_of, sizeof as_of);
    html_f(sb,
           "<dl class=\"facts run-summary\"><dt>実行日時</dt><dd>%s</dd><dt>基準日</dt><dd>%s</dd>"
           "<dt>範囲</dt><dd>%s</dd><dt>実行者</dt><dd>%s</dd><dt>実行した規則</dt>"
           "<dd>%lld 件</dd><dt>指摘</dt><dd><span class=\"n\" id=\"run-findings\">%lld</span> 件"
           "</dd><dt>前回からの変化</dt><dd>新規 %lld 件、解消 %lld 件%s</dd></dl>\n",
           at, as_of, strcmp(run.scope, DASH_FULL_SCOPE) ? run.scope : "すべての規則", run.actor,
           run.rules_run, run.findings, run.news, run.resolved,
           run.prev_id ? "" : "（前回の記録なし）");
    struct dash_list_args a;
    dash_list_args_read(c, &a);
    html_raw(sb, "<h2>この点検の指摘（閲覧できるもの）</h2>\n");
    list_of_run(c, path, &run, &a);
    app_end(c);
}

const struct web_route web_routes_findings[] = {
    {"GET", "/findings", findings_page},
    {"GET", "/findings/{}", finding_page},
    {"GET", "/checks", checks_page},
    {"POST", "/checks", checks_post},
    {"GET", "/checks/{}", check_page},
    {NULL, NULL, NULL},
};
