/*
 * page_incidents.c — インシデント in the browser: the route table, who may see and change an
 * incident (page_incidents.h), the list (/incidents) with what awaits the user, and the
 * 緊急連絡網 (/contacts). The report form, the incident page, its actions and the PDF are in
 * page_incidents_view.c; the JSON API in page_incidents_api.c; the actions shared by both in
 * page_incidents_run.c. The engine is src/incident (docs/incidents.md).
 */
#include "web/page_incidents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident/incident.h"
#include "web/html.h"

const struct web_route web_routes_incidents[] = {
    {"GET", "/incidents", inc_page_list},
    {"GET", "/incidents/new", inc_page_new},
    {"POST", "/incidents/new", inc_post_new},
    {"GET", "/incidents/{}", inc_page_show},
    {"GET", "/incidents/{}/report.pdf", inc_get_pdf},
    {"POST", "/incidents/{}/{}", inc_post_verb},
    {"GET", "/contacts", inc_page_contacts},
    {"GET", "/api/v1/incidents", inc_api_list},
    {"POST", "/api/v1/incidents", inc_api_create},
    {"GET", "/api/v1/incidents/{}", inc_api_get},
    {"POST", "/api/v1/incidents/{}/{}", inc_api_verb},
    {"GET", "/api/v1/contacts", inc_api_contacts},
    {NULL, NULL, NULL},
};

const char *inc_js(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* ---- access ---- */

/* Whether a grant for `action` reaches the incident's 課室 (and its reporter when `own`) or
 * one of its affected systems. */
static int grant_reaches(const struct web_ctx *c, const json_t *inc, enum authz_action action,
                         int own)
{
    struct authz_target t = {.department_id = inc_js(inc, "department_id"),
                             .system_id = NULL,
                             .person_id = own ? inc_js(inc, "reporter_id") : NULL};
    if (t.person_id && !*t.person_id)
        t.person_id = NULL;
    if (authz_allows(c->who, INC_RESOURCE, action, &t))
        return 1;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(inc, "systems"), i, s)
    {
        struct authz_target st = {.system_id = inc_js(s, "id")};
        if (*st.system_id && authz_allows(c->who, INC_RESOURCE, action, &st))
            return 1;
    }
    return 0;
}

/* Whether a step of the incident's chain reached the signed-in person. */
static int reached(const struct web_ctx *c, const json_t *inc)
{
    if (!c->person_id[0])
        return 0;
    size_t i, k;
    json_t *step, *p;
    json_array_foreach(json_object_get(inc, "steps"), i, step)
    {
        json_array_foreach(json_object_get(step, "people"), k, p)
        {
            if (strcmp(inc_js(p, "person_id"), c->person_id) == 0)
                return 1;
        }
    }
    return 0;
}

static int may_read(const struct web_ctx *c, const json_t *inc)
{
    return grant_reaches(c, inc, AUTHZ_READ, 1) || reached(c, inc);
}

static int is_open(const json_t *inc)
{
    return strcmp(inc_js(inc, "status"), "closed") != 0;
}

int inc_can_act(const struct web_ctx *c, const json_t *inc)
{
    return grant_reaches(c, inc, AUTHZ_WRITE, 0);
}

int inc_may_act(const struct web_ctx *c, const json_t *inc)
{
    return is_open(inc) && inc_can_act(c, inc);
}

/* CSIRT (the 統一的な窓口 of 1(9)) and the 統括情報セキュリティ責任者 evaluate and respond. */
static const char *const responder_roles[] = {"csirt_head", "csirt_member", "toukatsu"};

static int is_responder(const struct web_ctx *c)
{
    for (size_t i = 0; i < sizeof responder_roles / sizeof *responder_roles; i++)
        if (authz_has_role(c->who, responder_roles[i]))
            return 1;
    return 0;
}

int inc_can_triage(const struct web_ctx *c, const json_t *inc)
{
    return inc_can_act(c, inc) && is_responder(c);
}

int inc_may_triage(const struct web_ctx *c, const json_t *inc)
{
    return is_open(inc) && inc_can_triage(c, inc);
}

int inc_step_is_mine(const struct web_ctx *c, const json_t *inc, const json_t *step)
{
    if (c->person_id[0]) {
        size_t k;
        json_t *p;
        json_array_foreach(json_object_get(step, "people"), k, p)
        {
            if (strcmp(inc_js(p, "person_id"), c->person_id) == 0)
                return 1;
        }
    }
    /* A step nobody could receive (gap) is acknowledged on its behalf by CSIRT or 統括. */
    return json_is_string(json_object_get(step, "gap")) && inc_can_triage(c, inc);
}

int inc_may_ack(const struct web_ctx *c, const json_t *inc, const json_t *step)
{
    return is_open(inc) && !json_is_string(json_object_get(step, "acknowledged_at")) &&
           inc_step_is_mine(c, inc, step);
}

int inc_may_see_contacts(struct web_ctx *c, int *out, struct mm_err *err)
{
    *out = 0;
    struct store_stmt *s;
    int rc = store_prepare(c->st,
                           "SELECT DISTINCT role FROM authz_grant WHERE resource = ? "
                           "AND action = 'read' AND reach <> 'own'",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, INC_RESOURCE);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *role = store_col_text(s, 0);
        if (strcmp(role, "staff") == 0 || authz_has_role(c->who, role))
            *out = 1;
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

json_t *inc_load_visible(struct web_ctx *c, const char *id)
{
    if (!authz_allows(c->who, INC_RESOURCE, AUTHZ_READ, NULL) && !c->person_id[0]) {
        app_deny(c);
        return NULL;
    }
    json_t *inc = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = incident_get(c->st, id, NULL, &inc, &err);
    if (rc == MM_EINPUT) {
        app_not_found(c);
        return NULL;
    }
    if (rc) {
        app_internal(c, &err);
        return NULL;
    }
    if (!may_read(c, inc)) {
        json_decref(inc);
        app_deny(c);
        return NULL;
    }
    return inc;
}

/* ---- the visible list ---- */

int inc_visible_ids(struct web_ctx *c, json_t **out, struct mm_err *err)
{
    char f1[400], f2[400], sql[1400];
    authz_filter_sql("i.department_id", NULL, "i.reporter_id", f1, sizeof f1);
    authz_filter_sql(NULL, "s.system_id", NULL, f2, sizeof f2);
    snprintf(sql, sizeof sql,
             "SELECT i.id FROM incident i WHERE %s OR EXISTS (SELECT 1 FROM incident_system s "
             "WHERE s.incident_id = i.id AND %s) OR EXISTS (SELECT 1 FROM incident_step t "
             "JOIN incident_step_person p ON p.step_id = t.id WHERE t.incident_id = i.id "
             "AND p.person_id = ?)",
             f1, f2);
    struct store_stmt *s;
    *out = NULL;
    int rc = store_prepare(c->st, sql, &s, err);
    if (rc)
        return rc;
    if (authz_filter_bind(c->who, INC_RESOURCE, AUTHZ_READ, s, 1) ||
        authz_filter_bind(c->who, INC_RESOURCE, AUTHZ_READ, s, 5)) {
        store_finalize(s);
        return mm_err_set(err, MM_EINTERNAL, "権限の条件を設定できません");
    }
    store_bind_text(s, 9, c->person_id);
    json_t *set = json_object();
    while ((rc = store_step(s, err)) == STORE_ROW)
        json_object_set_new(set, store_col_text(s, 0), json_true());
    store_finalize(s);
    if (rc != STORE_DONE) {
        json_decref(set);
        return rc;
    }
    *out = set;
    return MM_OK;
}

int inc_list_visible(struct web_ctx *c, const char *status, const char *severity, int overdue,
                     json_t **out, struct mm_err *err)
{
    struct incident_filter f = {.status = status && *status ? status : NULL,
                                .overdue_only = overdue};
    json_t *all = NULL, *ids = NULL;
    *out = NULL;
    int rc = incident_list(c->st, &f, NULL, &all, err);
    if (!rc)
        rc = inc_visible_ids(c, &ids, err);
    if (rc) {
        json_decref(all);
        return rc;
    }
    json_t *kept = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(all, i, row)
    {
        if (!json_object_get(ids, inc_js(row, "id")))
            continue;
        if (severity && *severity && strcmp(inc_js(row, "severity"), severity) != 0)
            continue;
        json_array_append(kept, row);
    }
    json_decref(all);
    json_decref(ids);
    *out = kept;
    return MM_OK;
}

/* ---- the list page ---- */

#define INC_PER_PAGE 20

static const struct {
    const char *code, *label;
} statuses[] = {{"", "すべて"},
                {"open", "未終結"},
                {"reported", "報告受付"},
                {"responding", "対応中"},
                {"closed", "終結"}},
  severities[] = {
      {"", "すべて"}, {"critical", "重大"}, {"high", "高"}, {"medium", "中"}, {"low", "低"}};

static const char *pick(const char *v, const char *def, size_t n, const char *const *codes)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v, codes[i]) == 0)
            return codes[i];
    return def;
}

static void select_of(struct strbuf *sb, const char *name, const char *label, size_t n,
                      const char *const *codes, const char *const *labels, const char *cur)
{
    html_f(sb, "<div><label for=\"f_%s\">%s</label><select id=\"f_%s\" name=\"%s\">", name, label,
           name, name);
    for (size_t i = 0; i < n; i++)
        html_f(sb, "<option value=\"%s\"%s>%s</option>", codes[i],
               strcmp(codes[i], cur) == 0 ? " selected" : "", labels[i]);
    html_raw(sb, "</select></div>");
}

static void awaiting_box(struct web_ctx *c)
{
    if (!c->person_id[0])
        return;
    json_t *aw = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (incident_awaiting(c->st, c->person_id, NULL, &aw, &err) || !json_array_size(aw)) {
        json_decref(aw);
        return;
    }
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<section class=\"inc-awaiting\" aria-labelledby=\"inc-aw-h\">"
                 "<h2 id=\"inc-aw-h\">受領を待っている報告</h2><ul>");
    size_t i;
    json_t *a;
    json_array_foreach(aw, i, a)
    {
        char due[64];
        incident_time_display(inc_js(a, "due_at"), due, sizeof due);
        int late = strcmp(inc_js(a, "state"), "overdue") == 0;
        html_f(sb, "<li class=\"%s\"><a href=\"/incidents/%s\">%s %s</a>（%s、受領期限 %s%s）</li>",
               late ? "inc-overdue" : "inc-pending", inc_js(a, "incident_id"),
               inc_js(a, "incident_id"), inc_js(a, "title"), inc_js(a, "role_label"), due,
               late ? "・期限超過" : "");
    }
    html_raw(sb, "</ul></section>\n");
    json_decref(aw);
}

static void list_row(struct strbuf *sb, const json_t *r)
{
    long long os = json_integer_value(json_object_get(r, "overdue_steps"));
    long long od = json_integer_value(json_object_get(r, "overdue_duties"));
    char reported[64], next[64];
    incident_time_display(inc_js(r, "reported_at"), reported, sizeof reported);
    incident_time_display(inc_js(r, "next_due"), next, sizeof next);
    html_f(sb,
           "<tr class=\"%s\"><td><a href=\"/incidents/%s\">%s</a></td><td>%s</td>"
           "<td><span class=\"inc-status inc-status-%s\">%s</span></td><td>%s</td>"
           "<td>%s</td><td>%s</td><td>%s</td><td>",
           os + od ? "inc-overdue" : "inc-ontime", inc_js(r, "id"), inc_js(r, "id"),
           inc_js(r, "title"), inc_js(r, "status"), inc_js(r, "status_label"),
           inc_js(r, "judgement_label"),
           *inc_js(r, "severity_label") ? inc_js(r, "severity_label") : "—",
           inc_js(r, "department_name"), reported);
    if (os + od)
        html_f(sb, "<strong>期限超過</strong> 報告経路 %lld 件・対外対応 %lld 件", os, od);
    else
        html_f(sb, "%s", next[0] ? next : "—");
    html_raw(sb, "</td></tr>");
}

static void pager(struct web_ctx *c, const char *status, const char *severity, int overdue,
                  int page, size_t total)
{
    size_t pages = (total + INC_PER_PAGE - 1) / INC_PER_PAGE;
    if (pages <= 1)
        return;
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<nav class=\"pager\" aria-label=\"ページ\"><span>%d / %zu ページ（%zu 件）</span>",
           page, pages, total);
    if (page > 1)
        html_f(
            sb,
            "<a href=\"/incidents?status=%s&amp;severity=%s&amp;overdue=%d&amp;page=%d\">前へ</a>",
            status, severity, overdue, page - 1);
    if ((size_t)page < pages)
        html_f(
            sb,
            "<a href=\"/incidents?status=%s&amp;severity=%s&amp;overdue=%d&amp;page=%d\">次へ</a>",
            status, severity, overdue, page + 1);
    html_raw(sb, "</nav>\n");
}

static int query_page(struct web_ctx *c)
{
    char v[16];
    app_query(c, "page", v, sizeof v);
    long n = strtol(v, NULL, 10);
    return n < 1 ? 1 : n > 100000 ? 100000 : (int)n;
}

void inc_page_list(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, INC_RESOURCE, AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    const char *scodes[5], *slabels[5], *vcodes[5], *vlabels[5];
    for (size_t i = 0; i < 5; i++) {
        scodes[i] = statuses[i].code;
        slabels[i] = statuses[i].label;
        vcodes[i] = severities[i].code;
        vlabels[i] = severities[i].label;
    }
    char sv[16], vv[16], ov[4];
    app_query(c, "status", sv, sizeof sv);
    app_query(c, "severity", vv, sizeof vv);
    app_query(c, "overdue", ov, sizeof ov);
    const char *status = pick(sv, "", 5, scodes), *severity = pick(vv, "", 5, vcodes);
    int overdue = strcmp(ov, "1") == 0;
    int page = query_page(c);
    json_t *items = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (inc_list_visible(c, status, severity, overdue, &items, &err)) {
        app_internal(c, &err);
        return;
    }
    app_begin(c, "インシデント", "/incidents");
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<p class=\"actions\"><a class=\"button\" "
                 "href=\"/incidents/new\">インシデントを報告する</a>");
    int contacts = 0;
    if (!inc_may_see_contacts(c, &contacts, &err) && contacts)
        html_raw(sb, "<a href=\"/contacts\">緊急連絡網</a>");
    html_raw(sb, "</p>\n");
    awaiting_box(c);
    html_raw(sb, "<form class=\"filters\" method=\"get\" action=\"/incidents\">");
    select_of(sb, "status", "状態", 5, scodes, slabels, status);
    select_of(sb, "severity", "重大度", 5, vcodes, vlabels, severity);
    html_f(sb,
           "<div><input type=\"checkbox\" id=\"f_overdue\" name=\"overdue\" value=\"1\"%s>"
           "<label for=\"f_overdue\">期限超過のものだけ</label></div>"
           "<div><button type=\"submit\">絞り込む</button></div></form>\n",
           overdue ? " checked" : "");
    size_t total = json_array_size(items);
    size_t first = (size_t)(page - 1) * INC_PER_PAGE;
    if (first >= total)
        page = 1, first = 0;
    size_t last = first + INC_PER_PAGE < total ? first + INC_PER_PAGE : total;
    if (!total) {
        html_raw(sb, "<p class=\"notice\">該当するインシデントはありません。</p>\n");
    } else {
        html_f(sb,
               "<div class=\"table-wrap\"><table class=\"list inc-list\">"
               "<caption>インシデント（%zu 件、新しい順）</caption><thead><tr>"
               "<th scope=\"col\">番号</th><th scope=\"col\">件名</th><th scope=\"col\">状態</th>"
               "<th scope=\"col\">評価</th><th scope=\"col\">重大度</th><th scope=\"col\">課室</th>"
               "<th scope=\"col\">報告日時</th><th scope=\"col\">次の期限</th></tr></thead><tbody>",
               total);
        for (size_t i = first; i < last; i++)
            list_row(sb, json_array_get(items, i));
        html_raw(sb, "</tbody></table></div>\n");
    }
    pager(c, status, severity, overdue, page, total);
    json_decref(items);
    app_end(c);
}

/* ---- 緊急連絡網 ---- */

/* Loads the contacts for a user allowed to see them; NULL after answering. */
static json_t *contacts_load(struct web_ctx *c, size_t *gaps)
{
    int ok = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (inc_may_see_contacts(c, &ok, &err)) {
        app_internal(c, &err);
        return NULL;
    }
    if (!ok) {
        app_deny(c);
        return NULL;
    }
    json_t *list = NULL;
    if (incident_contacts(c->st, c->today, &list, gaps, &err)) {
        app_internal(c, &err);
        return NULL;
    }
    return list;
}

void inc_page_contacts(struct web_ctx *c, char *const *args)
{
    (void)args;
    size_t gaps = 0;
    json_t *list = contacts_load(c, &gaps);
    if (!list)
        return;
    char gv[4];
    app_query(c, "gaps", gv, sizeof gv);
    int only_gaps = strcmp(gv, "1") == 0;
    char today[64];
    app_wareki(c->today, today, sizeof today);
    app_begin(c, "緊急連絡網", "/incidents");
    struct strbuf *sb = APP_SB(c);
    html_f(
        sb,
        "<p>%s 現在の役割の割当てから作成しています（対策基準 7.3(2)①）。"
        "不備: <strong>%zu 件</strong>。</p>\n"
        "<form class=\"filters\" method=\"get\" action=\"/contacts\"><div>"
        "<input type=\"checkbox\" id=\"f_gaps\" name=\"gaps\" value=\"1\"%s>"
        "<label for=\"f_gaps\">不備のあるものだけ</label></div>"
        "<div><button type=\"submit\">表示</button></div></form>\n"
        "<div class=\"table-wrap\"><table class=\"list inc-contacts\"><caption>緊急連絡網</caption>"
        "<thead><tr><th scope=\"col\">役割</th><th scope=\"col\">範囲</th>"
        "<th scope=\"col\">担い手</th><th scope=\"col\">連絡先</th><th scope=\"col\">不備</th>"
        "</tr></thead><tbody>",
        today, gaps, only_gaps ? " checked" : "");
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
    {
        const char *gap = inc_js(e, "gap");
        if (only_gaps && !*gap)
            continue;
        html_f(sb, "<tr class=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
               *gap ? "inc-gap" : "inc-nogap", inc_js(e, "role_label"),
               *inc_js(e, "scope_name") ? inc_js(e, "scope_name") : "全庁",
               *inc_js(e, "person_name") ? inc_js(e, "person_name") : "—", inc_js(e, "email"),
               *gap ? incident_gap_label(gap) : "");
    }
    html_raw(sb, "</tbody></table></div>\n");
    json_decref(list);
    app_end(c);
}

void inc_api_contacts(struct web_ctx *c, char *const *args)
{
    (void)args;
    size_t gaps = 0;
    json_t *list = contacts_load(c, &gaps);
    if (!list)
        return;
    size_t n = json_array_size(list);
    app_json(c, 200,
             json_pack("{s:o,s:I,s:i,s:I,s:I}", "items", list, "total", (json_int_t)n, "page", 1,
                       "per_page", (json_int_t)n, "gaps", (json_int_t)gaps));
}
