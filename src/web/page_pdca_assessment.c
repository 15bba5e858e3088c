/*
 * page_pdca_assessment.c — 自己点検 (対策基準 9.2): /assessments (the campaign of a 年度 with the
 * progress per 部局, the assessments the user may open, and for the 統括 the form that creates
 * the campaign), /assessments/{id} (questions with clause, the automated check's result and the
 * answer buttons 実施・一部実施・未実施・該当なし with a comment; save, submit with the 改善策;
 * the reviewer accepts or returns with a comment), and the JSON equivalents.
 * Who may answer, submit and review is the engine's decision (assessment.h); the pages only
 * offer the controls and check the grants of resource "assessment".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdca/assessment.h"
#include "pdca/evidence.h"
#include "web/html.h"
#include "web/multipart.h"
#include "web/page_pdca.h"

#define TEXT_MAX 4000

static const struct {
    const char *code, *label;
} answers[] = {{"done", "実施"}, {"partial", "一部実施"}, {"not_done", "未実施"}, {"na", "該当なし"}};
#define NANSWERS (sizeof answers / sizeof *answers)

#define TARGET_NAME                                                                              \
    "COALESCE((SELECT name FROM department WHERE id = a.target_id AND a.target_kind = 'bukyoku'),"   \
    " (SELECT label FROM network_domain WHERE code = a.target_id AND a.target_kind = 'network'),"  \
    " (SELECT name FROM system WHERE id = a.target_id AND a.target_kind = 'system'), a.target_id)"

/* ---- the list of a 年度 ---- */

static const struct pdca_col list_cols[] = {
    {"番号", "id", PCOL_LINK, "/assessments/", 0},
    {"区分", "target_kind_label", PCOL_TEXT, NULL, 0},
    {NULL, "target_kind", PCOL_TEXT, NULL, 0},
    {NULL, "target_id", PCOL_TEXT, NULL, 0},
    {"対象", "target_name", PCOL_LINK, "/assessments/", 0},
    {NULL, "department_id", PCOL_TEXT, NULL, 0},
    {NULL, "status", PCOL_TEXT, NULL, 0},
    {"状態", "status_label", PCOL_TEXT, NULL, 0},
    {"設問", "questions", PCOL_INT, NULL, 0},
    {"回答済み", "answered", PCOL_INT, NULL, 0},
    {"提出日", "submitted_at", PCOL_DATE, NULL, 0},
};

/* The assessments of a 年度 the user may read. */
static int list_query(struct web_ctx *c, int nendo, struct pdca_bind *b, char *sql, size_t size,
                      struct pdca_query *q)
{
    char filter[1024];
    authz_filter_sql("a.department_id", "a.system_id", NULL, filter, sizeof filter);
    snprintf(sql, size,
             "SELECT a.id, k.label, a.target_kind, a.target_id, " TARGET_NAME ", a.department_id,"
             " a.status, s.label,"
             " (SELECT COUNT(*) FROM assessment_question x WHERE x.assessment_id = a.id),"
             " (SELECT COUNT(*) FROM assessment_question x WHERE x.assessment_id = a.id"
             "  AND x.answer IS NOT NULL), a.submitted_at"
             " FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id"
             " JOIN assessment_target_kind k ON k.code = a.target_kind"
             " JOIN assessment_status s ON s.code = a.status WHERE c.fiscal_year = ?"
             " AND ((" PDCA_ISM_BUKYOKU_SQL ") OR %s) ORDER BY k.sort, a.department_id, a.id",
             filter);
    b[0] = (struct pdca_bind){'i', nendo, NULL};
    b[1] = (struct pdca_bind){'t', 0, c->person_id};
    b[2] = (struct pdca_bind){'t', 0, c->today};
    b[3] = (struct pdca_bind){'t', 0, c->today};
    *q = (struct pdca_query){sql, b, 4, list_cols, sizeof list_cols / sizeof *list_cols, c->who,
                             "assessment"};
    return 0;
}

static int progress_row(void *ctx, const struct assessment_progress_row *r)
{
    struct web_ctx *c = ctx;
    long long pct = r->questions ? r->answered * 100 / r->questions : 0;
    html_f(APP_SB(c),
           "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
           "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld / %lld"
           "</td><td class=\"num\">%lld</td><td><meter min=\"0\" max=\"100\" value=\"%lld\">"
           "%lld%%</meter> %lld%%</td></tr>\n",
           r->name ? r->name : "全庁", r->assessments, r->submitted, r->accepted, r->returned,
           r->answered, r->questions, r->confirmed, pct, pct, pct);
    return 0;
}

static int progress_html(struct web_ctx *c, int nendo, struct mm_err *err)
{
    html_raw(APP_SB(c),
             "<table class=\"pdca\"><caption>部局ごとの進捗</caption><thead><tr>"
             "<th scope=\"col\">部局</th><th scope=\"col\">点検</th><th scope=\"col\">提出済み</th>"
             "<th scope=\"col\">受理</th><th scope=\"col\">差戻し中</th><th scope=\"col\">回答</th>"
             "<th scope=\"col\">回答者が確認</th>"
             "<th scope=\"col\">回答率</th></tr></thead><tbody>\n");
    int rc = assessment_progress(c->st, nendo, progress_row, c, err);
    html_raw(APP_SB(c), "</tbody></table>\n");
    return rc;
}

static void create_form(struct web_ctx *c, int nendo)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<h2>自己点検を作成する</h2>\n<form method=\"post\" action=\"/assessments\" "
                 "class=\"pdca-form\">");
    app_csrf_field(c);
    html_f(sb, "<input type=\"hidden\" name=\"nendo\" value=\"%d\">"
               "<p>令和%d年度の自己点検を、部局・ネットワーク・情報システムごとに作ります。</p>"
               "<label for=\"due_on\">提出期限</label><input type=\"date\" id=\"due_on\" "
               "name=\"due_on\">"
               "<label><input type=\"checkbox\" name=\"carry\" value=\"1\" checked> "
               "前年度の回答を引き継ぐ</label>"
               "<button type=\"submit\">作成する</button></form>\n",
           nendo, nendo - 2018);
}

void pdca_assessments_page(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "assessment", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int nendo = pdca_web_nendo(c);
    struct strbuf *sb = APP_SB(c);
    struct mm_err err;
    mm_err_clear(&err);
    long long campaign = 0;
    int rc = assessment_campaign_of(c->st, nendo, &campaign, &err);
    app_begin(c, "自己点検", "/assessments");
    pdca_web_notice(c);
    pdca_web_nendo_form(c, "/assessments", nendo);
    if (!rc && !campaign) {
        html_f(sb, "<p class=\"empty\">令和%d年度の自己点検はまだ作られていません。</p>\n",
               nendo - 2018);
        if (authz_allows_all(c->who, "assessment", AUTHZ_WRITE))
            create_form(c, nendo);
    } else if (!rc) {
        if (authz_allows_all(c->who, "assessment", AUTHZ_READ))
            rc = progress_html(c, nendo, &err);
        struct pdca_bind b[4];
        char sql[4096];
        struct pdca_query q;
        list_query(c, nendo, b, sql, sizeof sql, &q);
        if (!rc)
            rc = pdca_table(c, "あなたが見られる自己点検", &q, &err);
    }
    if (rc) {
        strbuf_reset(sb);
        app_internal(c, &err);
        return;
    }
    app_end(c);
}

void pdca_assessments_create(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows_all(c->who, "assessment", AUTHZ_WRITE)) {
        app_deny(c);
        return;
    }
    char due[16], carry[4];
    app_form(c, "due_on", due, sizeof due);
    struct assessment_campaign_opts o = {pdca_web_nendo(c), NULL, due[0] ? due : NULL,
                                         app_form(c, "carry", carry, sizeof carry)};
    struct assessment_campaign_result res;
    struct pdca_actor a;
    pdca_web_actor(c, &a);
    struct mm_err err;
    mm_err_clear(&err);
    if (o.due_on && !pdca_date_ok(o.due_on)) {
        mm_err_set(&err, MM_EINPUT, "提出期限の日付が正しくありません。");
        pdca_web_fail(c, MM_EINPUT, &err, "自己点検", "/assessments");
        return;
    }
    int rc = assessment_campaign_create(c->st, &a, &o, &res, &err);
    if (rc) {
        pdca_web_fail(c, rc, &err, "自己点検", "/assessments");
        return;
    }
    if (c->api) {
        app_json(c, 201, json_pack("{s:I, s:I, s:I}", "id", (json_int_t)res.id, "assessments",
                                   (json_int_t)res.assessments, "questions",
                                   (json_int_t)res.questions));
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/assessments?nendo=%d&done=created", o.fiscal_year);
    app_redirect(c, loc);
}

/* ---- one assessment ---- */

struct head {
    long long id;
    int fiscal_year;
    char kind[64], target[256], status[16], status_label[64], submitted_at[32], improvement[TEXT_MAX];
};

/* Loads the assessment after checking access; answers the request and returns 0 when it may
 * not go on. */
static int load_head(struct web_ctx *c, const char *arg, enum authz_action action, struct head *h)
{
    struct mm_err err;
    mm_err_clear(&err);
    int found = 0;
    if (!app_parse_id(arg, &h->id)) {
        app_not_found(c);
        return 0;
    }
    int ok = pdca_assessment_allowed(c, h->id, action, &found, &err);
    if (ok < 0) {
        app_internal(c, &err);
        return 0;
    }
    if (!authz_allows(c->who, "assessment", action, NULL) || (found && !ok)) {
        app_deny(c);
        return 0;
    }
    if (!found) {
        app_not_found(c);
        return 0;
    }
    struct store_stmt *s;
    if (store_prepare(c->st,
                      "SELECT c.fiscal_year, k.label, " TARGET_NAME ", a.status, s.label,"
                      " a.submitted_at, a.improvement FROM assessment a"
                      " JOIN assessment_campaign c ON c.id = a.campaign_id"
                      " JOIN assessment_target_kind k ON k.code = a.target_kind"
                      " JOIN assessment_status s ON s.code = a.status WHERE a.id = ?",
                      &s, &err)) {
        app_internal(c, &err);
        return 0;
    }
    store_bind_int(s, 1, h->id);
    if (store_step(s, &err) != STORE_ROW) {
        store_finalize(s);
        app_internal(c, &err);
        return 0;
    }
    h->fiscal_year = (int)store_col_int(s, 0);
    const char *v[6];
    for (int i = 0; i < 6; i++)
        v[i] = store_col_text(s, i + 1) ? store_col_text(s, i + 1) : "";
    snprintf(h->kind, sizeof h->kind, "%s", v[0]);
    snprintf(h->target, sizeof h->target, "%s", v[1]);
    snprintf(h->status, sizeof h->status, "%s", v[2]);
    snprintf(h->status_label, sizeof h->status_label, "%s", v[3]);
    snprintf(h->submitted_at, sizeof h->submitted_at, "%s", v[4]);
    snprintf(h->improvement, sizeof h->improvement, "%s", v[5]);
    store_finalize(s);
    return 1;
}

/* Whether the user holds the role a question is asked of (the 責任者 also answers the
 * 管理者's questions of a 部局); the engine decides for the particular target. */
static int may_answer_role(struct web_ctx *c, const char *role)
{
    return authz_has_role(c->who, role) || (!strcmp(role, "ism") && authz_has_role(c->who, "isr"));
}

static int editable(const struct head *h)
{
    return !strcmp(h->status, "open") || !strcmp(h->status, "returned");
}

static const char *auto_text(struct store_stmt *s, int col, char *buf, size_t size)
{
    if (store_col_is_null(s, col))
        return "点検する規則なし";
    long long n = store_col_int(s, col);
    if (!n)
        return "指摘なし";
    snprintf(buf, size, "指摘 %lld 件", n);
    return buf;
}

#define QUESTION_SQL                                                                           \
    "SELECT q.id, q.clause_id, r.label, q.text, q.answer, ak.label, src.label, q.auto_findings," \
    " q.comment, q.answered_by, q.role FROM assessment_question q JOIN role r ON r.code = q.role" \
    " LEFT JOIN assessment_answer_kind ak ON ak.code = q.answer"                                \
    " LEFT JOIN assessment_answer_source src ON src.code = q.answer_source"                     \
    " WHERE q.assessment_id = ? ORDER BY q.sort, q.role, q.id"

/* The evidence files of question qid as links (ev: id, file name, size of the question). */
static void evidence_links(struct web_ctx *c, long long aid, long long qid, struct store_stmt *ev)
{
    store_reset(ev);
    store_bind_int(ev, 1, qid);
    struct mm_err err;
    int any = 0;
    while (store_step(ev, &err) == STORE_ROW) {
        if (!any++)
            html_raw(APP_SB(c), "<ul class=\"evidence\" aria-label=\"証跡ファイル\">");
        html_f(APP_SB(c), "<li><a href=\"/assessments/%lld/evidence/%lld\">%s</a>（%lld バイト）</li>",
               aid, store_col_int(ev, 0), store_col_text(ev, 1), store_col_int(ev, 2));
    }
    if (any)
        html_raw(APP_SB(c), "</ul>\n");
}

static void question_html(struct web_ctx *c, struct store_stmt *s, int open, long long aid,
                          struct store_stmt *ev)
{
    struct strbuf *sb = APP_SB(c);
    long long qid = store_col_int(s, 0);
    const char *answer = store_col_text(s, 4), *role = store_col_text(s, 10);
    const char *comment = store_col_text(s, 8);
    int enabled = open && may_answer_role(c, role);
    char buf[48];
    html_f(sb, "<fieldset class=\"question\" id=\"q%lld\"><legend><span class=\"clause\">%s</span> "
               "%s</legend>\n<p class=\"meta\">回答する役割: %s ／ 自動点検: %s ／ 回答の出所: %s%s</p>\n"
               "<div class=\"answers\">",
           qid, store_col_text(s, 1), store_col_text(s, 3), store_col_text(s, 2),
           auto_text(s, 7, buf, sizeof buf),
           store_col_text(s, 6) ? store_col_text(s, 6) : "未回答",
           store_col_text(s, 9) ? "（回答者が確認）" : "");
    for (size_t i = 0; i < NANSWERS; i++)
        html_f(sb, "<label><input type=\"radio\" name=\"a%lld\" value=\"%s\"%s%s> %s</label>", qid,
               answers[i].code, answer && !strcmp(answer, answers[i].code) ? " checked" : "",
               enabled ? "" : " disabled", answers[i].label);
    html_f(sb, "</div>\n<label for=\"c%lld\">コメント</label><textarea id=\"c%lld\" name=\"c%lld\" "
               "rows=\"2\"%s>%s</textarea>",
           qid, qid, qid, enabled ? "" : " disabled", comment ? comment : "");
    evidence_links(c, aid, qid, ev);
    html_raw(sb, "</fieldset>\n");
}

static int questions_html(struct web_ctx *c, const struct head *h, struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    struct store_stmt *s, *ev;
    int rc = store_prepare(c->st, QUESTION_SQL, &s, err);
    if (rc)
        return rc;
    if ((rc = store_prepare(c->st, "SELECT id, file_name, size FROM pdca_evidence WHERE"
                                   " owner_kind = 'question' AND owner_id = ? ORDER BY id",
                            &ev, err))) {
        store_finalize(s);
        return rc;
    }
    store_bind_int(s, 1, h->id);
    int open = editable(h);
    html_f(sb, "<h2>設問</h2>\n<form method=\"post\" action=\"/assessments/%lld/answers\" "
               "class=\"pdca-form questions\">", h->id);
    app_csrf_field(c);
    while ((rc = store_step(s, err)) == STORE_ROW)
        question_html(c, s, open, h->id, ev);
    store_finalize(s);
    store_finalize(ev);
    if (open)
        html_raw(sb, "<button type=\"submit\">回答を保存する</button>");
    html_raw(sb, "</form>\n");
    return rc == STORE_DONE ? 0 : rc;
}

static void action_forms(struct web_ctx *c, const struct head *h)
{
    struct strbuf *sb = APP_SB(c);
    if (editable(h)) {
        html_f(sb, "<h2>提出</h2>\n<form method=\"post\" action=\"/assessments/%lld/submit\" "
                   "class=\"pdca-form\">", h->id);
        app_csrf_field(c);
        html_f(sb, "<label for=\"improvement\">改善策（9.2(2)）</label><textarea id=\"improvement\" "
                   "name=\"improvement\" rows=\"3\">%s</textarea><button type=\"submit\">"
                   "提出する</button></form>\n", h->improvement);
    }
    static const char *const reviewers[] = {"toukatsu", "ciso", "vice_ciso"};
    int reviewer = 0;
    for (size_t i = 0; i < 3; i++)
        reviewer |= authz_has_role(c->who, reviewers[i]);
    if (!strcmp(h->status, "submitted") && reviewer) {
        html_f(sb, "<h2>確認</h2>\n<form method=\"post\" action=\"/assessments/%lld/review\" "
                   "class=\"pdca-form\">", h->id);
        app_csrf_field(c);
        html_raw(sb, "<label for=\"comment\">コメント（差し戻すときは必須）</label>"
                     "<textarea id=\"comment\" name=\"comment\" rows=\"2\"></textarea>"
                     "<button type=\"submit\" name=\"decision\" value=\"accept\">受理する</button> "
                     "<button type=\"submit\" name=\"decision\" value=\"return\">差し戻す</button>"
                     "</form>\n");
    }
}

static const struct pdca_col review_cols[] = {
    {"日付", "decided_at", PCOL_DATE, NULL, 0},
    {"確認者", "reviewer", PCOL_TEXT, NULL, 0},
    {"判断", "decision", PCOL_TEXT, NULL, 0},
    {"コメント", "comment", PCOL_TEXT, NULL, 0},
};

static struct pdca_query review_query(const struct pdca_bind *b)
{
    return (struct pdca_query){
        "SELECT v.decided_at, COALESCE(p.name, v.reviewer_id),"
        " CASE v.decision WHEN 'accept' THEN '受理' ELSE '差戻し' END, v.comment"
        " FROM assessment_review v LEFT JOIN person p ON p.id = v.reviewer_id"
        " WHERE v.assessment_id = ? ORDER BY v.id",
        b, 1, review_cols, sizeof review_cols / sizeof *review_cols, NULL, NULL};
}

void pdca_assessment_page(struct web_ctx *c, char *const *args)
{
    struct head h;
    if (!load_head(c, args[0], AUTHZ_READ, &h))
        return;
    struct strbuf *sb = APP_SB(c);
    char title[400], when[64];
    snprintf(title, sizeof title, "自己点検 %s %s", h.kind, h.target);
    app_begin(c, title, "/assessments");
    pdca_web_notice(c);
    app_wareki(h.submitted_at, when, sizeof when);
    html_f(sb, "<dl class=\"facts\"><dt>年度</dt><dd>令和%d年度</dd><dt>区分</dt><dd>%s</dd>"
               "<dt>対象</dt><dd>%s</dd><dt>状態</dt><dd class=\"status status-%s\">%s</dd>"
               "<dt>提出日</dt><dd>%s</dd><dt>改善策</dt><dd>%s</dd></dl>\n",
           h.fiscal_year - 2018, h.kind, h.target, h.status, h.status_label, when[0] ? when : "—",
           h.improvement[0] ? h.improvement : "—");
    struct mm_err err;
    mm_err_clear(&err);
    struct pdca_bind b[] = {{'i', h.id, NULL}};
    struct pdca_query rq = review_query(b);
    int rc = pdca_table(c, "確認の記録", &rq, &err);
    if (!rc)
        action_forms(c, &h);
    if (!rc)
        rc = questions_html(c, &h, &err);
    if (rc) {
        strbuf_reset(sb);
        app_internal(c, &err);
        return;
    }
    app_end(c);
}

/* Saves every answer of the form that the user changed (or confirms a prefilled one). */
static int save_answers(struct web_ctx *c, const struct head *h, int *saved, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(c->st, QUESTION_SQL, &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, h->id);
    struct q {
        long long id;
        char answer[16];
        char *comment;
        int confirmed;
    } *v = NULL;
    size_t n = 0, cap = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (n == cap && !(v = realloc(v, (cap = cap ? cap * 2 : 128) * sizeof *v)))
            abort();
        v[n].id = store_col_int(s, 0);
        snprintf(v[n].answer, sizeof v[n].answer, "%s", store_col_text(s, 4) ? store_col_text(s, 4) : "");
        v[n].comment = strdup(store_col_text(s, 8) ? store_col_text(s, 8) : "");
        v[n].confirmed = !store_col_is_null(s, 9);
        n++;
    }
    store_finalize(s);
    rc = rc == STORE_DONE ? 0 : rc;
    struct pdca_actor a;
    pdca_web_actor(c, &a);
    char comment[TEXT_MAX];
    for (size_t i = 0; !rc && i < n; i++) {
        char name[32], ans[16];
        snprintf(name, sizeof name, "a%lld", v[i].id);
        if (!app_form(c, name, ans, sizeof ans))
            continue;
        snprintf(name, sizeof name, "c%lld", v[i].id);
        app_form(c, name, comment, sizeof comment);
        if (v[i].confirmed && !strcmp(ans, v[i].answer) && !strcmp(comment, v[i].comment))
            continue;
        rc = assessment_answer(c->st, &a, v[i].id, ans, comment[0] ? comment : NULL, err);
        if (!rc)
            (*saved)++;
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].comment);
    free(v);
    return rc;
}

static void after(struct web_ctx *c, const struct head *h, const char *done)
{
    if (c->api) {
        app_json(c, 200, json_pack("{s:I, s:s}", "id", (json_int_t)h->id, "result", done));
        return;
    }
    char loc[96];
    snprintf(loc, sizeof loc, "/assessments/%lld?done=%s", h->id, done);
    app_redirect(c, loc);
}

static void fail_back(struct web_ctx *c, const struct head *h, int rc, const struct mm_err *err)
{
    char back[64];
    snprintf(back, sizeof back, "/assessments/%lld", h->id);
    pdca_web_fail(c, rc, err, "自己点検", back);
}

void pdca_assessment_answers(struct web_ctx *c, char *const *args)
{
    struct head h;
    if (!load_head(c, args[0], AUTHZ_WRITE, &h))
        return;
    struct mm_err err;
    mm_err_clear(&err);
    int saved = 0;
    int rc = save_answers(c, &h, &saved, &err);
    if (rc)
        fail_back(c, &h, rc, &err);
    else
        after(c, &h, "saved");
}

void pdca_assessment_submit(struct web_ctx *c, char *const *args)
{
    struct head h;
    if (!load_head(c, args[0], AUTHZ_WRITE, &h))
        return;
    char improvement[TEXT_MAX];
    app_form(c, "improvement", improvement, sizeof improvement);
    struct pdca_actor a;
    pdca_web_actor(c, &a);
    struct mm_err err;
    mm_err_clear(&err);
    int rc = assessment_submit(c->st, &a, h.id, improvement[0] ? improvement : NULL, &err);
    if (rc)
        fail_back(c, &h, rc, &err);
    else
        after(c, &h, "submitted");
}

void pdca_assessment_review(struct web_ctx *c, char *const *args)
{
    struct head h;
    if (!load_head(c, args[0], AUTHZ_WRITE, &h))
        return;
    char decision[16];
    char comment[TEXT_MAX];
    app_form(c, "decision", decision, sizeof decision);
    app_form(c, "comment", comment, sizeof comment);
    struct mm_err err;
    mm_err_clear(&err);
    int accept = !strcmp(decision, "accept");
    if (!accept && strcmp(decision, "return")) {
        mm_err_set(&err, MM_EINPUT, "受理（accept）か差戻し（return）を選んでください。");
        fail_back(c, &h, MM_EINPUT, &err);
        return;
    }
    struct pdca_actor a;
    pdca_web_actor(c, &a);
    int rc = assessment_review(c->st, &a, h.id, accept, comment[0] ? comment : NULL, &err);
    if (rc)
        fail_back(c, &h, rc, &err);
    else
        after(c, &h, accept ? "accepted" : "returned");
}

/* ---- evidence files ---- */

/* GET /assessments/{id}/evidence/{file}: one file of a question of this assessment. */
void pdca_assessment_evidence(struct web_ctx *c, char *const *args)
{
    struct head h;
    if (!load_head(c, args[0], AUTHZ_READ, &h))
        return;
    long long eid;
    struct mm_err err;
    mm_err_clear(&err);
    long long n = 0;
    struct store_stmt *s;
    if (!app_parse_id(args[1], &eid)) {
        app_not_found(c);
        return;
    }
    if (store_prepare(c->st, "SELECT COUNT(*) FROM pdca_evidence e JOIN assessment_question q"
                             " ON q.id = e.owner_id WHERE e.owner_kind = 'question' AND e.id = ?"
                             " AND q.assessment_id = ?", &s, &err)) {
        app_internal(c, &err);
        return;
    }
    store_bind_int(s, 1, eid);
    store_bind_int(s, 2, h.id);
    if (store_step(s, &err) == STORE_ROW)
        n = store_col_int(s, 0);
    store_finalize(s);
    char *name = NULL;
    unsigned char *data = NULL;
    size_t len = 0;
    if (!n || evidence_get(c->st, eid, &name, &data, &len, &err)) {
        free(name);
        free(data);
        app_not_found(c);
        return;
    }
    struct web_response *resp = c->resp;
    strbuf_reset(&resp->body);
    strbuf_add(&resp->body, data, len);
    resp->status = 200;
    resp->content_type = "application/octet-stream";
    resp->cache = "no-store";
    struct strbuf enc = STRBUF_INIT;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            strchr("-._~", *p))
            strbuf_addch(&enc, (char)*p);
        else
            strbuf_addf(&enc, "%%%02X", *p);
    }
    size_t cut = enc.len < 150 ? enc.len : 150; /* never inside a %XX */
    while (cut && ((enc.buf[cut - 1] == '%') || (cut >= 2 && enc.buf[cut - 2] == '%')))
        cut--;
    snprintf(resp->disposition, sizeof resp->disposition,
             "attachment; filename=\"evidence-%lld\"; filename*=UTF-8''%.*s", eid, (int)cut, enc.buf);
    strbuf_release(&enc);
    free(name);
    free(data);
}

/* POST /assessments/{id}/evidence (multipart/form-data: question, file): attaches a file to a
 * question the user answers, while the assessment is open or returned. */
void pdca_assessment_evidence_add(struct web_ctx *c, char *const *args)
{
    struct head h;
    if (!load_head(c, args[0], AUTHZ_WRITE, &h))
        return;
    struct mm_err err;
    mm_err_clear(&err);
    struct multipart_part qp, fp;
    const char *ct = c->req->content_type;
    char qs[24] = "";
    long long qid = 0;
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) ||
        multipart_find(ct, c->req->body, c->req->body_len, "file", &fp) != 1 ||
        multipart_find(ct, c->req->body, c->req->body_len, "question", &qp) != 1 ||
        qp.len >= sizeof qs || !fp.has_filename) {
        mm_err_set(&err, MM_EINPUT, "multipart/form-data で設問番号（question）とファイル（file）を送ってください。");
        fail_back(c, &h, MM_EINPUT, &err);
        return;
    }
    memcpy(qs, qp.data, qp.len);
    qs[qp.len] = 0;
    struct store_stmt *s;
    char role[32] = "";
    if (app_parse_id(qs, &qid) &&
        !store_prepare(c->st, "SELECT role FROM assessment_question WHERE id = ? AND assessment_id = ?",
                       &s, &err)) {
        store_bind_int(s, 1, qid);
        store_bind_int(s, 2, h.id);
        if (store_step(s, &err) == STORE_ROW)
            snprintf(role, sizeof role, "%s", store_col_text(s, 0));
        store_finalize(s);
    }
    if (!role[0]) {
        mm_err_set(&err, MM_EINPUT, "設問番号「%s」はこの点検にありません。", qs);
        fail_back(c, &h, MM_EINPUT, &err);
        return;
    }
    if (!editable(&h) || !may_answer_role(c, role)) {
        mm_err_set(&err, MM_EREFUSED, "この設問に証跡を添付できるのは、回答中又は差戻しの点検の回答者だけです。");
        fail_back(c, &h, MM_EREFUSED, &err);
        return;
    }
    struct pdca_actor a;
    pdca_web_actor(c, &a);
    long long eid = 0;
    int rc = evidence_add(c->st, &a, "question", qid, fp.filename, fp.data, fp.len, &eid, &err);
    if (rc)
        fail_back(c, &h, rc, &err);
    else if (c->api)
        app_json(c, 201, json_pack("{s:I, s:I, s:s, s:I}", "id", (json_int_t)eid, "question",
                                   (json_int_t)qid, "file_name", fp.filename, "size",
                                   (json_int_t)fp.len));
    else
        after(c, &h, "saved");
}

/* ---- JSON ---- */

void pdca_api_assessments(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "assessment", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int nendo = pdca_web_nendo(c);
    struct pdca_bind b[4];
    char sql[4096];
    struct pdca_query q;
    list_query(c, nendo, b, sql, sizeof sql, &q);
    pdca_api_list(c, &q, nendo);
}

static const struct pdca_col question_cols[] = {
    {NULL, "id", PCOL_INT, NULL, 0},
    {NULL, "clause_id", PCOL_TEXT, NULL, 0},
    {NULL, "role_label", PCOL_TEXT, NULL, 0},
    {NULL, "text", PCOL_TEXT, NULL, 0},
    {NULL, "answer", PCOL_TEXT, NULL, 0},
    {NULL, "answer_label", PCOL_TEXT, NULL, 0},
    {NULL, "answer_source_label", PCOL_TEXT, NULL, 0},
    {NULL, "auto_findings", PCOL_INT, NULL, 0},
    {NULL, "comment", PCOL_TEXT, NULL, 0},
    {NULL, "answered_by", PCOL_TEXT, NULL, 0},
    {NULL, "role", PCOL_TEXT, NULL, 0},
};

void pdca_api_assessment(struct web_ctx *c, char *const *args)
{
    struct head h;
    if (!load_head(c, args[0], AUTHZ_READ, &h))
        return;
    struct pdca_bind b[] = {{'i', h.id, NULL}};
    struct pdca_query q = {QUESTION_SQL, b, 1, question_cols,
                           sizeof question_cols / sizeof *question_cols, NULL, NULL};
    struct pdca_query rq = review_query(b);
    json_t *qs = NULL, *rs = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (pdca_json_rows(c->st, &q, &qs, &err) || pdca_json_rows(c->st, &rq, &rs, &err)) {
        json_decref(qs);
        app_internal(c, &err);
        return;
    }
    app_json(c, 200,
             json_pack("{s:I, s:i, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:o}", "id",
                       (json_int_t)h.id, "nendo", h.fiscal_year, "target_kind_label", h.kind,
                       "target_name", h.target, "status", h.status, "status_label",
                       h.status_label, "submitted_at", h.submitted_at[0] ? h.submitted_at : NULL,
                       "improvement", h.improvement[0] ? h.improvement : NULL, "questions", qs,
                       "reviews", rs));
}

/* The API's POST bodies are forms (application/x-www-form-urlencoded) with the same fields as
 * the pages: a<question id>=done|partial|not_done|na and c<question id>=comment. */
void pdca_api_assessment_answer(struct web_ctx *c, char *const *args)
{
    pdca_assessment_answers(c, args);
}

void pdca_api_assessment_submit(struct web_ctx *c, char *const *args)
{
    pdca_assessment_submit(c, args);
}

void pdca_api_assessment_review(struct web_ctx *c, char *const *args)
{
    pdca_assessment_review(c, args);
}
