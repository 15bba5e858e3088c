/*
 * page_pdca_audit.c — 情報セキュリティ監査 (対策基準 9.1): /audits (the plans of a 年度; the
 * 監査統括責任者 drafts one), /audits/{id} (scope, team with the independence check, approval by
 * the 委員会, findings with severity and clause, 改善計画 with owner and due date, progress
 * reports, verification of closure, and 「他の部署でも同じ指摘を探す」), POST /audits/{id}/{action}
 * for each step, and the JSON lists. The engine (audit.h) decides who may take each step; the
 * pages check the grants of resource "audit" and offer the forms to the roles that take them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdca/audit.h"
#include "web/dash.h"
#include "web/html.h"
#include "web/page_pdca.h"

#define FIELD 2000

/* A plan is shown to a reader with reach 'all', to its team, to the owners of its 改善計画, to a
 * reader whose reach covers one of its 部局・課室 scopes or findings, and to the 管理者 of a 課室
 * in an audited 部局 (their reach is the 課室, the audit's unit is the 部局). */
static int plan_visible(struct web_ctx *c, const char *plan, enum authz_action action, int *found,
                        struct mm_err *err)
{
    *found = 0;
    struct store_stmt *s;
    int rc = store_prepare(
        c->st,
        "WITH k(plan, person, today) AS (SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))"
        " SELECT 0, NULL FROM audit_plan, k WHERE id = k.plan UNION ALL"
        " SELECT 1, target_id FROM audit_scope, k WHERE plan_id = k.plan AND kind = 'department'"
        " UNION ALL SELECT 1, department_id FROM audit_finding, k WHERE plan_id = k.plan"
        " UNION ALL SELECT 2, person_id FROM audit_team_member, k WHERE plan_id = k.plan"
        " UNION ALL SELECT 2, ip.owner_id FROM improvement_plan ip JOIN audit_finding f"
        "  ON f.id = ip.finding_id, k WHERE f.plan_id = k.plan"
        " UNION ALL SELECT 2, r.person_id FROM role_assignment r JOIN department d"
        "  ON d.id = r.scope_department_id, k WHERE r.person_id = k.person"
        "  AND r.role IN ('ism', 'isr') AND r.valid_from <= k.today"
        "  AND (r.valid_to IS NULL OR r.valid_to >= k.today)"
        "  AND d.parent_id IN (SELECT target_id FROM audit_scope WHERE plan_id = k.plan"
        "  AND kind = 'department' UNION SELECT department_id FROM audit_finding"
        "  WHERE plan_id = k.plan)",
        &s, err);
    if (rc)
        return -1;
    store_bind_text(s, 1, plan);
    store_bind_text(s, 2, c->person_id);
    store_bind_text(s, 3, c->today);
    int ok = authz_allows_all(c->who, "audit", action);
    int any = authz_allows(c->who, "audit", action, NULL);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        long long k = store_col_int(s, 0);
        const char *v = store_col_text(s, 1);
        struct authz_target t = {v, NULL, NULL};
        if (k == 0)
            *found = 1;
        else if (k == 1 && v && authz_allows(c->who, "audit", action, &t))
            ok = 1;
        else if (k == 2 && v && any && !strcmp(v, c->person_id))
            ok = 1;
    }
    store_finalize(s);
    return rc == STORE_DONE ? ok : -1;
}

/* ---- the list ---- */

static const struct pdca_col plan_cols[] = {
    {"計画", "id", PCOL_LINK, "/audits/", 0},
    {"名称", "title", PCOL_LINK, "/audits/", 0},
    {"種類", "kind", PCOL_TEXT, NULL, 0},
    {"開始", "starts_on", PCOL_DATE, NULL, 0},
    {"終了", "ends_on", PCOL_DATE, NULL, 0},
    {"状態", "status", PCOL_TEXT, NULL, 0},
    {"委員会承認日", "approved_on", PCOL_DATE, NULL, 0},
    {"対象", "scopes", PCOL_INT, NULL, 0},
    {"チーム", "team", PCOL_INT, NULL, 0},
    {"指摘", "findings", PCOL_INT, NULL, 0},
};

static void plans_query(struct web_ctx *c, int nendo, struct pdca_bind *b, char *sql, size_t size,
                        struct pdca_query *q)
{
    char filter[1024];
    int all = authz_allows_all(c->who, "audit", AUTHZ_READ);
    authz_filter_sql("x.department_id", NULL, NULL, filter, sizeof filter);
    snprintf(sql, size,
             "SELECT p.id, p.title, k.label, p.starts_on, p.ends_on, s.label, p.approved_on,"
             " (SELECT COUNT(*) FROM audit_scope x WHERE x.plan_id = p.id),"
             " (SELECT COUNT(*) FROM audit_team_member x WHERE x.plan_id = p.id),"
             " (SELECT COUNT(*) FROM audit_finding x WHERE x.plan_id = p.id)"
             " FROM audit_plan p JOIN audit_kind k ON k.code = p.kind"
             " JOIN audit_plan_status s ON s.code = p.status WHERE p.fiscal_year = ?"
             " AND (? = 1 OR EXISTS (SELECT 1 FROM audit_team_member m WHERE m.plan_id = p.id"
             " AND m.person_id = ?) OR EXISTS (SELECT 1 FROM (SELECT target_id AS department_id,"
             " plan_id FROM audit_scope WHERE kind = 'department' UNION ALL SELECT department_id,"
             " plan_id FROM audit_finding) x WHERE x.plan_id = p.id AND %s))"
             " ORDER BY p.starts_on, p.id",
             filter);
    b[0] = (struct pdca_bind){'i', nendo, NULL};
    b[1] = (struct pdca_bind){'i', all, NULL};
    b[2] = (struct pdca_bind){'t', 0, c->person_id};
    *q = (struct pdca_query){sql, b, 3, plan_cols, sizeof plan_cols / sizeof *plan_cols, c->who,
                             "audit"};
}

static void create_form(struct web_ctx *c)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<h2>監査実施計画を立てる</h2>\n<form method=\"post\" action=\"/audits\" "
                 "class=\"pdca-form\">");
    app_csrf_field(c);
    html_raw(sb, "<label for=\"id\">計画ID</label><input id=\"id\" name=\"id\" required>"
                 "<label for=\"title\">名称</label><input id=\"title\" name=\"title\" required>"
                 "<label for=\"kind\">種類</label><select id=\"kind\" name=\"kind\">"
                 "<option value=\"internal\">内部監査</option><option value=\"external\">外部監査"
                 "</option><option value=\"mutual\">相互監査</option><option value=\"follow_up\">"
                 "フォローアップ監査</option></select>"
                 "<label for=\"starts_on\">開始日</label><input type=\"date\" id=\"starts_on\" "
                 "name=\"starts_on\" required><label for=\"ends_on\">終了日</label>"
                 "<input type=\"date\" id=\"ends_on\" name=\"ends_on\" required>"
                 "<label for=\"items\">監査項目</label><textarea id=\"items\" name=\"items\" "
                 "rows=\"3\"></textarea><button type=\"submit\">計画を作る</button></form>\n");
}

void pdca_audits_page(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "audit", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int nendo = pdca_web_nendo(c);
    struct pdca_bind b[3];
    char sql[3072];
    struct pdca_query q;
    plans_query(c, nendo, b, sql, sizeof sql, &q);
    struct mm_err err;
    mm_err_clear(&err);
    app_begin(c, "監査", "/audits");
    pdca_web_notice(c);
    pdca_web_nendo_form(c, "/audits", nendo);
    if (pdca_table(c, "監査実施計画", &q, &err)) {
        strbuf_reset(APP_SB(c));
        app_internal(c, &err);
        return;
    }
    if (authz_has_role(c->who, "audit_chief") && authz_allows_all(c->who, "audit", AUTHZ_WRITE))
        create_form(c);
    app_end(c);
}

/* ---- one plan ---- */

static const struct pdca_col scope_cols[] = {
    {"区分", "kind", PCOL_TEXT, NULL, 0},
    {"対象ID", "target_id", PCOL_TEXT, NULL, 0},
    {"名称", "name", PCOL_TEXT, NULL, 0},
};
static const struct pdca_col team_cols[] = {
    {"職員ID", "person_id", PCOL_TEXT, NULL, 0},
    {"氏名", "name", PCOL_TEXT, NULL, 0},
    {"役割", "lead", PCOL_TEXT, NULL, 0},
    {"独立性の例外の理由", "waiver", PCOL_TEXT, NULL, 0},
};
static const struct pdca_col finding_cols[] = {
    {"番号", "id", PCOL_INT, NULL, 0},
    {"対象", "target", PCOL_TEXT, NULL, 0},
    {"重大度", "severity", PCOL_TEXT, NULL, 0},
    {"条項", "clause_id", PCOL_LINK, "/catalog/", 3},
    {"指摘", "title", PCOL_TEXT, NULL, 0},
    {"状態", "status", PCOL_TEXT, NULL, 0},
    {"改善計画", "improvement_plan_id", PCOL_INT, NULL, 0},
    {"担当", "owner", PCOL_TEXT, NULL, 0},
    {"期限", "due_on", PCOL_DATE, NULL, 0},
    {"進捗(%)", "progress", PCOL_INT, NULL, 0},
    {"横展開", NULL, PCOL_LINK, "?similar=", 0},
};
static const struct pdca_col progress_cols[] = {
    {"改善計画", "plan_id", PCOL_INT, NULL, 0},
    {"報告日", "reported_on", PCOL_DATE, NULL, 0},
    {"進捗(%)", "percent", PCOL_INT, NULL, 0},
    {"内容", "summary", PCOL_TEXT, NULL, 0},
    {"報告者", "reported_by", PCOL_TEXT, NULL, 0},
};

static const struct {
    const char *caption, *sql;
    const struct pdca_col *cols;
    size_t ncols;
} blocks[] = {
    {"監査の対象",
     "SELECT k.label, sc.target_id, COALESCE((SELECT name FROM department WHERE id = sc.target_id"
     " AND sc.kind = 'department'), (SELECT name FROM system WHERE id = sc.target_id AND sc.kind ="
     " 'system'), (SELECT name FROM contractor WHERE id = sc.target_id AND sc.kind = 'contractor'),"
     " (SELECT name FROM cloud_service WHERE id = sc.target_id AND sc.kind = 'cloud_service'))"
     " FROM audit_scope sc JOIN audit_scope_kind k ON k.code = sc.kind WHERE sc.plan_id = ?"
     " ORDER BY k.sort, sc.target_id",
     scope_cols, sizeof scope_cols / sizeof *scope_cols},
    {"監査チーム",
     "SELECT m.person_id, pe.name, CASE WHEN m.lead = 1 THEN '主任' ELSE '監査人' END, m.waiver"
     " FROM audit_team_member m JOIN person pe ON pe.id = m.person_id WHERE m.plan_id = ?"
     " ORDER BY m.lead DESC, m.person_id",
     team_cols, sizeof team_cols / sizeof *team_cols},
    {"指摘と改善計画",
     "SELECT f.id, COALESCE(d.name, f.target_id), sv.label, f.clause_id, f.title, st.label, ip.id,"
     " COALESCE(pe.name, ip.owner_id), ip.due_on, ip.progress, '他の部署でも探す' FROM audit_finding f"
     " JOIN finding_severity sv ON sv.code = f.severity"
     " JOIN audit_finding_status st ON st.code = f.status"
     " LEFT JOIN department d ON d.id = f.department_id"
     " LEFT JOIN improvement_plan ip ON ip.finding_id = f.id"
     " LEFT JOIN person pe ON pe.id = ip.owner_id WHERE f.plan_id = ? ORDER BY f.id",
     finding_cols, sizeof finding_cols / sizeof *finding_cols},
    {"進捗の報告",
     "SELECT r.plan_id, r.reported_on, r.percent, r.summary, COALESCE(pe.name, r.reported_by)"
     " FROM improvement_progress r JOIN improvement_plan ip ON ip.id = r.plan_id"
     " JOIN audit_finding f ON f.id = ip.finding_id LEFT JOIN person pe ON pe.id = r.reported_by"
     " WHERE f.plan_id = ? ORDER BY r.plan_id, r.reported_on, r.id",
     progress_cols, sizeof progress_cols / sizeof *progress_cols},
};
#define NBLOCKS (sizeof blocks / sizeof *blocks)

/* The forms of the steps: action, heading, the roles offered it, and the fields. */
struct field {
    const char *name, *label, *type; /* type: text, date, number, textarea, checkbox */
};
static const struct step {
    const char *action, *heading, *roles[3];
    int when_approved; /* offered on an approved plan (else on a draft) */
    struct field fields[8];
} steps[] = {
    {"scope", "対象を加える（承認前）", {"audit_chief"}, 0,
     {{"kind", "区分（department / system / contractor / cloud_service）", "text"},
      {"target", "対象ID", "text"}}},
    {"team", "チームに加える（独立性を確かめます）", {"audit_chief"}, 0,
     {{"person", "職員ID", "text"}, {"lead", "主任にする", "checkbox"},
      {"waiver", "独立でないのに加える理由（止むを得ない場合のみ）", "textarea"}}},
    {"approve", "委員会の承認を記録する", {"committee", "toukatsu"}, 0,
     {{"approved_on", "承認日", "date"}, {"ref", "議事録等", "text"}}},
    {"finding", "指摘を記録する", {"auditor", "audit_chief"}, 1,
     {{"scope_kind", "対象の区分", "text"}, {"target_id", "対象ID", "text"},
      {"severity", "重大度（critical / high / medium / low）", "text"},
      {"clause_id", "条項", "text"}, {"title", "指摘", "text"}, {"detail", "内容", "textarea"},
      {"cause", "原因", "textarea"}, {"cross_cutting", "横断的な指摘", "checkbox"}}},
    {"improve", "改善計画を指示する", {"ciso", "vice_ciso"}, 1,
     {{"finding", "指摘の番号", "number"}, {"owner", "担当者の職員ID", "text"},
      {"actions", "改善の内容", "textarea"}, {"due_on", "期限", "date"}}},
    {"progress", "進捗を報告する", {"ism", "isr", "toukatsu"}, 1,
     {{"plan", "改善計画の番号", "number"}, {"percent", "進捗（%）", "number"},
      {"summary", "内容", "textarea"}}},
    {"verify", "完了を確認する", {"auditor", "audit_chief"}, 1,
     {{"plan", "改善計画の番号", "number"}, {"closed", "完了を認める", "checkbox"},
      {"note", "認めないときの理由", "textarea"}}},
};
#define NSTEPS (sizeof steps / sizeof *steps)

static int offered(struct web_ctx *c, const struct step *s, int approved)
{
    if (s->when_approved != approved)
        return 0;
    for (size_t i = 0; i < 3 && s->roles[i]; i++)
        if (authz_has_role(c->who, s->roles[i]))
            return 1;
    return 0;
}

/* "/audits/<plan, escaped>" into sb. */
static void plan_path(struct strbuf *sb, const char *plan)
{
    strbuf_addstr(sb, "/audits/");
    dash_url_escape(sb, plan);
}

static void step_form(struct web_ctx *c, const char *plan, const struct step *st)
{
    struct strbuf *sb = APP_SB(c), path = STRBUF_INIT;
    plan_path(&path, plan);
    html_f(sb, "<details class=\"step\"><summary>%s</summary><form method=\"post\" "
               "action=\"%s/%s\" class=\"pdca-form\">", st->heading, path.buf, st->action);
    strbuf_release(&path);
    app_csrf_field(c);
    for (size_t i = 0; i < 8 && st->fields[i].name; i++) {
        const struct field *f = &st->fields[i];
        if (!strcmp(f->type, "checkbox"))
            html_f(sb, "<label><input type=\"checkbox\" name=\"%s\" value=\"1\"> %s</label>",
                   f->name, f->label);
        else if (!strcmp(f->type, "textarea"))
            html_f(sb, "<label for=\"%s-%s\">%s</label><textarea id=\"%s-%s\" name=\"%s\" "
                       "rows=\"2\"></textarea>", st->action, f->name, f->label, st->action,
                   f->name, f->name);
        else
            html_f(sb, "<label for=\"%s-%s\">%s</label><input type=\"%s\" id=\"%s-%s\" "
                       "name=\"%s\">", st->action, f->name, f->label, f->type, st->action,
                   f->name, f->name);
    }
    html_raw(sb, "<button type=\"submit\">記録する</button></form></details>\n");
}

/*
 * A heading and a one-field GET form back to the plan's page (`field_html` is fixed markup: the
 * label text and its input named `name`); 1 with the value asked, in out[size], when the query
 * carries a non-empty one.
 */
static int ask_form(struct web_ctx *c, const char *plan, const char *heading,
                    const char *field_html, const char *button, const char *name, char *out,
                    size_t size)
{
    struct strbuf path = STRBUF_INIT;
    plan_path(&path, plan);
    html_f(APP_SB(c), "<h2>%s</h2>\n<form method=\"get\" action=\"%s\" class=\"filters\">",
           heading, path.buf);
    html_raw(APP_SB(c), "<label>");
    html_raw(APP_SB(c), field_html);
    html_f(APP_SB(c), "</label> <button type=\"submit\">%s</button></form>\n", button);
    strbuf_release(&path);
    return app_query(c, name, out, size) && out[0];
}

static int conflict_row(void *ctx, const char *kind, const char *target, const char *reason)
{
    html_f(APP_SB((struct web_ctx *)ctx), "<li>%s %s: %s</li>\n", kind, target, reason);
    return 0;
}

/* ?candidate=PERSON: the reasons the person is not independent of the plan's scope. */
static int independence_html(struct web_ctx *c, const char *plan, struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    char person[128];
    if (!ask_form(c, plan, "独立性の確認", "職員ID <input name=\"candidate\">", "確かめる",
                  "candidate", person, sizeof person))
        return 0;
    int n = 0;
    html_f(sb, "<ul class=\"problems\" aria-label=\"%sの独立性\">\n", person);
    int rc = audit_independence(c->st, plan, person, conflict_row, c, &n, err);
    html_raw(sb, "</ul>\n");
    if (rc == MM_EREFUSED || rc == MM_EINPUT) {
        html_f(sb, "<p class=\"error\">%s</p>\n", err->msg);
        return 0;
    }
    if (!rc && !n)
        html_f(sb, "<p class=\"notice\">%s は監査の対象から独立しています。</p>\n", person);
    else if (!rc)
        html_f(sb, "<p class=\"error\">%s は独立していません（%d 件）。理由を書かなければチームに"
                   "加えられません。</p>\n", person, n);
    return rc;
}

static int similar_row(void *ctx, const struct audit_similar_row *r)
{
    html_f(APP_SB((struct web_ctx *)ctx),
           "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
           "<td class=\"num\">%lld</td></tr>\n",
           r->name ? r->name : r->department_id, r->check_findings, r->assessment_gaps,
           r->audit_findings);
    return 0;
}

/* ?similar=FINDING: 「他の部署でも同じ指摘を探す」. */
static int similar_html(struct web_ctx *c, const char *plan, struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    char v[24];
    if (!ask_form(c, plan, "他の部署でも同じ指摘を探す",
                  "指摘の番号 <input name=\"similar\" inputmode=\"numeric\">", "探す", "similar",
                  v, sizeof v))
        return 0;
    char *end;
    long long id = strtoll(v, &end, 10);
    struct store_stmt *s;
    int rc = store_prepare(c->st, "SELECT COUNT(*) FROM audit_finding WHERE id = ? AND plan_id = ?",
                           &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, *end ? 0 : id);
    store_bind_text(s, 2, plan);
    rc = store_step(s, err);
    long long n = rc == STORE_ROW ? store_col_int(s, 0) : 0;
    store_finalize(s);
    if (!n) {
        html_raw(sb, "<p class=\"error\">この計画にその番号の指摘はありません。</p>\n");
        return 0;
    }
    html_f(sb, "<table class=\"pdca\"><caption>指摘 %lld と同じ条項が見つかった部局</caption>"
               "<thead><tr><th scope=\"col\">部局</th><th scope=\"col\">自動点検の指摘</th>"
               "<th scope=\"col\">自己点検の一部実施・未実施</th><th scope=\"col\">他の監査の指摘"
               "</th></tr></thead><tbody>\n", id);
    rc = audit_search_similar(c->st, id, similar_row, c, err);
    html_raw(sb, "</tbody></table>\n");
    return rc;
}

/* Whether the plan exists and the user may read it (or, with AUTHZ_WRITE, act on it: a write
 * grant over everything, or reaching one of its units, or on its team or owning an 改善計画
 * with some write grant). Answers the request and returns 0 when not. */
static int load_plan(struct web_ctx *c, const char *plan, enum authz_action action)
{
    struct mm_err err;
    mm_err_clear(&err);
    if (!authz_allows(c->who, "audit", action, NULL)) {
        app_deny(c);
        return 0;
    }
    int found = 0, ok = plan_visible(c, plan, action, &found, &err);
    if (ok < 0) {
        app_internal(c, &err);
        return 0;
    }
    if (!found) {
        app_not_found(c);
        return 0;
    }
    if (!ok) {
        app_deny(c);
        return 0;
    }
    return 1;
}

void pdca_audit_page(struct web_ctx *c, char *const *args)
{
    const char *plan = args[0];
    if (!load_plan(c, plan, AUTHZ_READ))
        return;
    struct strbuf *sb = APP_SB(c);
    struct mm_err err;
    mm_err_clear(&err);
    struct pdca_bind b[] = {{'t', 0, plan}};
    static const struct pdca_col head_cols[] = {
        {"名称", "title", PCOL_TEXT, NULL, 0},  {"種類", "kind", PCOL_TEXT, NULL, 0},
        {"年度", "nendo", PCOL_INT, NULL, 0},   {"開始", "starts_on", PCOL_DATE, NULL, 0},
        {"終了", "ends_on", PCOL_DATE, NULL, 0}, {"状態", "status", PCOL_TEXT, NULL, 0},
        {"委員会承認日", "approved_on", PCOL_DATE, NULL, 0},
        {"議事録等", "approval_ref", PCOL_TEXT, NULL, 0},
        {"監査項目", "items", PCOL_TEXT, NULL, 0}};
    struct pdca_query hq = {
        "SELECT p.title, k.label, p.fiscal_year, p.starts_on, p.ends_on, s.label, p.approved_on,"
        " p.approval_ref, p.items FROM audit_plan p JOIN audit_kind k ON k.code = p.kind"
        " JOIN audit_plan_status s ON s.code = p.status WHERE p.id = ?",
        b, 1, head_cols, sizeof head_cols / sizeof *head_cols, NULL, NULL};
    char title[300];
    snprintf(title, sizeof title, "監査実施計画 %s", plan);
    app_begin(c, title, "/audits");
    pdca_web_notice(c);
    int rc = pdca_table(c, "計画", &hq, &err);
    for (size_t i = 0; !rc && i < NBLOCKS; i++) {
        struct pdca_query q = {blocks[i].sql, b, 1, blocks[i].cols, blocks[i].ncols, NULL, NULL};
        html_f(sb, "<h2>%s</h2>\n", blocks[i].caption);
        rc = pdca_table(c, blocks[i].caption, &q, &err);
    }
    if (!rc)
        rc = similar_html(c, plan, &err);
    if (!rc && authz_has_role(c->who, "audit_chief"))
        rc = independence_html(c, plan, &err);
    if (rc) {
        strbuf_reset(sb);
        app_internal(c, &err);
        return;
    }
    long long approved = 0;
    struct store_stmt *ps;
    if (!store_prepare(c->st, "SELECT status <> 'draft' FROM audit_plan WHERE id = ?", &ps, &err)) {
        store_bind_text(ps, 1, plan);
        if (store_step(ps, &err) == STORE_ROW)
            approved = store_col_int(ps, 0);
        store_finalize(ps);
    }
    int any = 0;
    for (size_t i = 0; i < NSTEPS; i++)
        if (offered(c, &steps[i], (int)approved)) {
            if (!any++)
                html_raw(sb, "<h2>操作</h2>\n");
            step_form(c, plan, &steps[i]);
        }
    app_end(c);
}

/* ---- the steps ---- */

struct form {
    char v[8][FIELD];
};

static const char *fv(const struct form *f, const struct step *st, const char *name)
{
    for (size_t i = 0; i < 8 && st->fields[i].name; i++)
        if (!strcmp(st->fields[i].name, name))
            return f->v[i][0] ? f->v[i] : NULL;
    return NULL;
}

static long long num(const char *s)
{
    return s ? strtoll(s, NULL, 10) : 0;
}

static int run_step(struct web_ctx *c, const char *plan, const struct step *st,
                    const struct form *f, struct mm_err *err)
{
    struct pdca_actor a;
    pdca_web_actor(c, &a);
    const char *act = st->action;
    if (!strcmp(act, "scope"))
        return audit_scope_add(c->st, &a, plan, fv(f, st, "kind") ? fv(f, st, "kind") : "",
                               fv(f, st, "target") ? fv(f, st, "target") : "", err);
    if (!strcmp(act, "team"))
        return audit_team_add(c->st, &a, plan, fv(f, st, "person") ? fv(f, st, "person") : "",
                              fv(f, st, "lead") != NULL, fv(f, st, "waiver"), err);
    if (!strcmp(act, "approve"))
        return audit_plan_approve(c->st, &a, plan,
                                  fv(f, st, "approved_on") ? fv(f, st, "approved_on") : c->today,
                                  fv(f, st, "ref"), err);
    if (!strcmp(act, "finding")) {
        struct audit_finding_new n = {plan, fv(f, st, "scope_kind"), fv(f, st, "target_id"),
                                      fv(f, st, "severity"), fv(f, st, "clause_id"),
                                      fv(f, st, "title"), fv(f, st, "detail"), fv(f, st, "cause"),
                                      fv(f, st, "cross_cutting") != NULL, c->today};
        if (!n.scope_kind || !n.target_id || !n.severity || !n.clause_id || !n.title)
            return mm_err_set(err, MM_EINPUT, "対象の区分・対象ID・重大度・条項・指摘を入力してください。");
        long long id;
        return audit_finding_add(c->st, &a, &n, &id, err);
    }
    if (!strcmp(act, "improve")) {
        long long id;
        if (!fv(f, st, "owner") || !fv(f, st, "actions") || !fv(f, st, "due_on"))
            return mm_err_set(err, MM_EINPUT, "担当者・改善の内容・期限を入力してください。");
        return audit_improvement_plan(c->st, &a, num(fv(f, st, "finding")), fv(f, st, "owner"),
                                      fv(f, st, "actions"), fv(f, st, "due_on"), &id, err);
    }
    if (!strcmp(act, "progress")) {
        if (!fv(f, st, "summary") || !fv(f, st, "percent"))
            return mm_err_set(err, MM_EINPUT, "進捗（%%）と内容を入力してください。");
        return audit_progress_report(c->st, &a, num(fv(f, st, "plan")), c->today,
                                     (int)num(fv(f, st, "percent")), fv(f, st, "summary"), err);
    }
    return audit_verify(c->st, &a, num(fv(f, st, "plan")), c->today, fv(f, st, "closed") != NULL,
                        fv(f, st, "note"), err);
}

void pdca_audit_action(struct web_ctx *c, char *const *args)
{
    const char *plan = args[0];
    const struct step *st = NULL;
    for (size_t i = 0; i < NSTEPS; i++)
        if (!strcmp(steps[i].action, args[1]))
            st = &steps[i];
    if (!st) {
        app_not_found(c);
        return;
    }
    if (!load_plan(c, plan, AUTHZ_WRITE))
        return;
    struct form *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    for (size_t i = 0; i < 8 && st->fields[i].name; i++)
        app_form(c, st->fields[i].name, f->v[i], FIELD);
    struct mm_err err;
    mm_err_clear(&err);
    int rc = run_step(c, plan, st, f, &err);
    free(f);
    struct strbuf back = STRBUF_INIT;
    plan_path(&back, plan);
    if (rc)
        pdca_web_fail(c, rc, &err, "監査", back.buf);
    else if (c->api)
        app_json(c, 200, json_pack("{s:s, s:s, s:s}", "id", plan, "step", st->action, "result",
                                   "done"));
    else {
        strbuf_addstr(&back, "?done=done");
        app_redirect(c, back.buf);
    }
    strbuf_release(&back);
}

void pdca_audits_create(struct web_ctx *c, char *const *args)
{
    (void)args;
    /* A plan is work for the whole body: 監査 write over everything (the engine further allows
     * only the 監査統括責任者). */
    if (!authz_allows_all(c->who, "audit", AUTHZ_WRITE)) {
        app_deny(c);
        return;
    }
    struct form *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    static const char *const names[] = {"id", "title", "kind", "starts_on", "ends_on", "items"};
    for (size_t i = 0; i < 6; i++)
        app_form(c, names[i], f->v[i], FIELD);
    struct audit_plan_new p = {f->v[0], f->v[1], f->v[2], 0, f->v[3], f->v[4],
                               f->v[5][0] ? f->v[5] : NULL};
    struct pdca_actor a;
    pdca_web_actor(c, &a);
    struct mm_err err;
    mm_err_clear(&err);
    size_t idlen = strlen(p.id);
    int rc = !idlen || idlen > 64 || p.id[strspn(p.id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")]
                 ? mm_err_set(&err, MM_EINPUT, "計画IDは英数字と . _ - で 64 文字までにしてください。")
             : !p.title[0] || !pdca_date_ok(p.starts_on) || !pdca_date_ok(p.ends_on)
                 ? mm_err_set(&err, MM_EINPUT, "計画ID・名称・開始日・終了日を入力してください。")
                 : audit_plan_create(c->st, &a, &p, &err);
    struct strbuf back = STRBUF_INIT;
    plan_path(&back, p.id);
    strbuf_addstr(&back, "?done=done");
    if (rc)
        pdca_web_fail(c, rc, &err, "監査", "/audits");
    else if (c->api)
        app_json(c, 201, json_pack("{s:s}", "id", p.id));
    else
        app_redirect(c, back.buf);
    strbuf_release(&back);
    free(f);
}

/* ---- JSON ---- */

void pdca_api_audits(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "audit", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int nendo = pdca_web_nendo(c);
    struct pdca_bind b[3];
    char sql[3072];
    struct pdca_query q;
    plans_query(c, nendo, b, sql, sizeof sql, &q);
    pdca_api_list(c, &q, nendo);
}

void pdca_api_audit(struct web_ctx *c, char *const *args)
{
    const char *plan = args[0];
    if (!load_plan(c, plan, AUTHZ_READ))
        return;
    static const char *const keys[] = {"scope", "team", "findings", "progress"};
    struct pdca_bind b[] = {{'t', 0, plan}};
    json_t *j = json_pack("{s:s}", "id", plan);
    struct mm_err err;
    mm_err_clear(&err);
    for (size_t i = 0; i < NBLOCKS; i++) {
        struct pdca_query q = {blocks[i].sql, b, 1, blocks[i].cols, blocks[i].ncols, NULL, NULL};
        json_t *rows = NULL;
        if (pdca_json_rows(c->st, &q, &rows, &err)) {
            json_decref(j);
            app_internal(c, &err);
            return;
        }
        json_object_set_new(j, keys[i], rows);
    }
    app_json(c, 200, j);
}
