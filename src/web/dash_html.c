/*
 * dash_html.c — markup shared by the dashboard, findings and check-run pages (dash_html.h).
 */
#include "web/dash_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"

void dash_finding_href(struct strbuf *sb, const char *fp)
{
    strbuf_addstr(sb, "/findings/");
    dash_url_escape(sb, fp);
}

void dash_html_entity(struct strbuf *sb, const char *type, const char *id, const char *label)
{
    const char *shown = label && *label ? label : id;
    html_f(sb, "<span class=\"kind\">%s</span> ", dash_entity_label(type));
    if (dash_entity_has_register(type)) {
        struct strbuf href = STRBUF_INIT;
        strbuf_addstr(&href, "/r/");
        dash_url_escape(&href, type);
        strbuf_addch(&href, '/');
        dash_url_escape(&href, id);
        html_f(sb, "<a href=\"%s\">%s</a>", href.buf, shown);
        strbuf_release(&href);
    } else {
        html_text(sb, shown);
    }
    if (label && *label && id && strcmp(label, id))
        html_f(sb, " <span class=\"id\">（%s）</span>", id);
}

void dash_wareki_time(const char *utc, char *buf, size_t size)
{
    char jst[AUDITLOG_TIME_LEN];
    if (!utc || !*utc) {
        snprintf(buf, size, "%s", "");
        return;
    }
    auditlog_time_jst(utc, jst);
    char date[64];
    app_wareki(jst, date, sizeof date);
    if (strlen(jst) >= 16)
        snprintf(buf, size, "%s %.5s", date, jst + 11);
    else
        snprintf(buf, size, "%s", date);
}

static const char *state_label(const struct dash_finding *f)
{
    if (f->accepted)
        return "リスク受容中";
    return f->is_new ? "新規" : "継続";
}

static void finding_row(struct strbuf *sb, const struct dash_finding *f)
{
    const struct rule *r = dash_rule(f->rule_id);
    struct strbuf href = STRBUF_INIT;
    dash_finding_href(&href, f->fingerprint);
    html_f(sb, "<tr><td><span class=\"sev sev-%s\">%s</span></td>", f->severity,
           dash_severity_label(f->severity));
    html_f(sb, "<td><a href=\"%s\">%s</a><br><span class=\"rule-title\">%s</span></td><td>",
           href.buf, f->rule_id, r ? r->title : "");
    for (size_t i = 0; r && i < r->nclauses; i++)
        html_f(sb, "%s<span class=\"clause\">%s</span>", i ? " " : "", r->clauses[i]);
    html_raw(sb, "</td><td>");
    dash_html_entity(sb, f->entity_type, f->entity_id, f->entity_label);
    html_f(sb, "</td><td>%s</td><td class=\"detail\">%s</td><td>%s<br><span class=\"people\">%s</span>"
               "</td><td><span class=\"state %s\">%s</span></td></tr>\n",
           f->department_name ? f->department_name : f->department_id ? f->department_id : "—",
           f->detail, f->role_label ? f->role_label : f->role, f->responsible,
           f->accepted ? "accepted" : f->is_new ? "new" : "cont", state_label(f));
    strbuf_release(&href);
}

void dash_html_findings(struct strbuf *sb, const char *caption, const struct dash_list *l)
{
    if (!l->n) {
        html_raw(sb, "<p class=\"empty\">条件に合う指摘はありません。</p>\n");
        return;
    }
    html_f(sb,
           "<div class=\"table-wrap\"><table class=\"findings\">\n<caption>%s</caption>\n<thead><tr>"
           "<th scope=\"col\">重大度</th><th scope=\"col\">規則</th><th scope=\"col\">条項</th>"
           "<th scope=\"col\">対象</th><th scope=\"col\">部署</th><th scope=\"col\">内容</th>"
           "<th scope=\"col\">担当（役割・担当者）</th><th scope=\"col\">状態</th></tr></thead>\n<tbody>\n",
           caption);
    for (size_t i = 0; i < l->n; i++)
        finding_row(sb, &l->v[i]);
    html_raw(sb, "</tbody></table></div>\n");
}

void dash_html_pager(struct strbuf *sb, const char *base, int page, int per, long long total)
{
    long long pages = per > 0 ? (total + per - 1) / per : 1;
    if (pages <= 1)
        return;
    html_raw(sb, "<nav class=\"pager\" aria-label=\"ページ送り\"><ul>");
    if (page > 1)
        html_f(sb, "<li><a href=\"%spage=%d\" rel=\"prev\">前へ</a></li>", base, page - 1);
    html_f(sb, "<li><span aria-current=\"page\">%d / %lld ページ</span></li>", page, pages);
    if (page < pages)
        html_f(sb, "<li><a href=\"%spage=%d\" rel=\"next\">次へ</a></li>", base, page + 1);
    html_raw(sb, "</ul></nav>\n");
}

void dash_html_run_form(struct web_ctx *c)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<form class=\"run-check\" method=\"post\" action=\"/checks\">");
    app_csrf_field(c);
    html_raw(sb, "<button type=\"submit\">今すぐ点検する</button>"
                 "<span class=\"hint\">すべての規則で台帳を点検し、結果を記録します（基準日は今日）。"
                 "</span></form>\n");
}

int dash_query_int(const struct web_ctx *c, const char *name, int def, int max)
{
    char buf[16];
    if (!app_query(c, name, buf, sizeof buf) || !*buf)
        return def;
    char *end;
    long v = strtol(buf, &end, 10);
    if (*end || v < 1)
        return def;
    return v > max ? max : (int)v;
}

/* ---- the query fields of a findings list ---- */

const struct dash_choice dash_states[] = {
    {"", "すべて"}, {"open", "未対応"}, {"new", "新規"}, {"accepted", "リスク受容中"},
};
const size_t dash_nstates = sizeof dash_states / sizeof *dash_states;

const struct dash_choice dash_sort_labels[] = {
    {"severity", "重大度"}, {"rule", "規則"}, {"department", "部署"}, {"entity", "対象"},
};
const size_t dash_nsort_labels = sizeof dash_sort_labels / sizeof *dash_sort_labels;

static int is_state(const char *s)
{
    for (size_t i = 0; i < dash_nstates; i++)
        if (!strcmp(dash_states[i].code, s))
            return 1;
    return 0;
}

/* A positive integer field; 0 when present and not one. */
static int int_field(const struct web_ctx *c, const char *name, int def, int max, int *out)
{
    char buf[16];
    *out = def;
    if (!app_query(c, name, buf, sizeof buf) || !*buf)
        return 1;
    char *end;
    long v = strtol(buf, &end, 10);
    if (*end || v < 1)
        return 0;
    *out = v > max ? max : (int)v;
    return 1;
}

const char *dash_list_args_read(const struct web_ctx *c, struct dash_list_args *a)
{
    memset(a, 0, sizeof *a);
    const char *bad = NULL;
    const struct {
        const char *name;
        char *buf;
        size_t size;
    } f[] = {{"section", a->section, sizeof a->section},   {"severity", a->severity, sizeof a->severity},
             {"department", a->department, sizeof a->department}, {"rule", a->rule, sizeof a->rule},
             {"state", a->state, sizeof a->state},         {"sort", a->sort, sizeof a->sort},
             {"order", a->order, sizeof a->order}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        app_query(c, f[i].name, f[i].buf, f[i].size);
    const struct {
        const char *name;
        char *buf;
        int ok;
    } checks[] = {
        {"section", a->section, !a->section[0] || dash_clause_section(a->section)},
        {"severity", a->severity, !a->severity[0] || dash_severity_rank(a->severity)},
        {"rule", a->rule, !a->rule[0] || dash_rule(a->rule)},
        {"state", a->state, is_state(a->state)},
        {"sort", a->sort, !a->sort[0] || dash_sort_ok(a->sort)},
        {"order", a->order, !a->order[0] || !strcmp(a->order, "asc") || !strcmp(a->order, "desc")},
    };
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++)
        if (!checks[i].ok) {
            checks[i].buf[0] = '\0';
            if (!bad)
                bad = checks[i].name;
        }
    if (!int_field(c, "page", 1, 1000000, &a->page) && !bad)
        bad = "page";
    if (!int_field(c, "per", DASH_PER_DEFAULT, DASH_PER_MAX, &a->per) && !bad)
        bad = "per";
    return bad;
}

void dash_list_args_query(const struct dash_list_args *a, struct dash_query *q, long long run,
                          long long prev)
{
    memset(q, 0, sizeof *q);
    q->run_id = run;
    q->prev_id = prev;
    q->section = a->section;
    q->severity = a->severity;
    q->department = a->department;
    q->rule = a->rule;
    q->only_new = !strcmp(a->state, "new");
    q->only_accepted = !strcmp(a->state, "accepted");
    q->only_open = !strcmp(a->state, "open");
    q->sort = a->sort[0] ? a->sort : NULL;
    q->desc = !strcmp(a->order, "desc");
    q->page = a->page;
    q->per = a->per;
}

int dash_finding_visible(struct web_ctx *c, const char *fp, struct dash_finding *f)
{
    if (!authz_allows(c->who, "finding", AUTHZ_READ, NULL)) {
        app_deny(c);
        return 0;
    }
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_finding_latest(c->st, fp, f, &found, &err)) {
        app_internal(c, &err);
        return 0;
    }
    if (!found) {
        app_not_found(c);
        return 0;
    }
    struct authz_target t = dash_finding_target(f);
    if (!authz_allows(c->who, "finding", AUTHZ_READ, &t)) {
        dash_finding_free(f);
        app_deny(c);
        return 0;
    }
    return 1;
}
