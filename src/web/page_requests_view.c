/*
 * page_requests_view.c — one request in the browser: what was asked, its state and period,
 * the route of every round with each grantor's role, name, decision, comment and time (和暦),
 * escalations, 代決 and absences; the decision form for the grantor whose turn it is, withdrawal
 * and re-filing after 差戻し for the requester, the attachments, and the printable
 * 申請書・決裁記録 (PDF).
 */
#include "web/page_requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report.h"
#include "web/html.h"
#include "web/multipart.h"

static const struct {
    const char *code, *text;
} done_notes[] = {
    {"filed", "申請しました。決定する人の受信箱に知らせました。"},
    {"decided", "決定を記録しました。"},
    {"withdrawn", "申請を取り下げました。"},
    {"amended", "内容を直して、改めて審査に回しました。"},
    {"attached", "文書を添付しました。"},
    {"closed", "利用の終了を報告しました。"},
};

/* The decisions a grantor may record, in the order of the form. */
static const struct {
    const char *code, *label;
} decisions[] = {
    {APPROVAL_APPROVE, "許可"},
    {APPROVAL_CONDITIONAL, "条件付き許可"},
    {APPROVAL_REJECT, "却下"},
    {APPROVAL_RETURN, "差戻し"},
};

static int undecided(const json_t *r)
{
    const char *s = rq_js(r, "state");
    return strcmp(s, "pending") == 0 || strcmp(s, "returned") == 0;
}

static void dd_row(struct strbuf *sb, const char *label, const char *value)
{
    html_f(sb, "<dt>%s</dt><dd>%s</dd>", label, value && *value ? value : "—");
}

/* A value shown as people read it: an ISO date as 和暦 (in buf), any other text as it is. */
static const char *value_text(const char *v, char *buf, size_t size)
{
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
        return v;
    app_wareki(v, buf, size);
    return buf;
}

static void summary(struct web_ctx *c, const json_t *r)
{
    struct strbuf *sb = APP_SB(c);
    char filed[64], decided[64], from[64], until[64], period[160], round[32];
    rq_wareki(rq_js(r, "filed_on"), filed, sizeof filed);
    rq_wareki(rq_js(r, "decided_on"), decided, sizeof decided);
    rq_wareki(rq_js(r, "valid_from"), from, sizeof from);
    rq_wareki(rq_js(r, "valid_until"), until, sizeof until);
    snprintf(period, sizeof period, "%s から %s まで%s", from, until,
             json_is_true(json_object_get(r, "expired")) ? "（期限切れ）" : "");
    snprintf(round, sizeof round, "第%lld回", (long long)json_integer_value(json_object_get(r, "round")));
    html_f(sb, "<p class=\"rq-status\">状態: <span class=\"rq-state rq-state-%s\">%s</span></p>\n",
           rq_js(r, "state"), rq_js(r, "state_label"));
    html_raw(sb, "<dl class=\"detail rq-summary\">");
    html_f(sb, "<dt>申請番号</dt><dd>%lld</dd>", (long long)json_integer_value(json_object_get(r, "id")));
    dd_row(sb, "種類", rq_js(r, "kind_label"));
    dd_row(sb, "対策基準の条項", rq_js(r, "clauses"));
    dd_row(sb, "申請者", rq_js(r, "requester_name"));
    dd_row(sb, "申請日", filed);
    dd_row(sb, "申請の回", round);
    dd_row(sb, "決定日", *rq_js(r, "decided_on") ? decided : "");
    dd_row(sb, "有効期間", *rq_js(r, "valid_from") || *rq_js(r, "valid_until") ? period : "");
    dd_row(sb, "許可の条件", rq_js(r, "conditions"));
    if (json_is_true(json_object_get(r, "emergency")))
        dd_row(sb, "緊急時の例外措置", "実施済みのものを事後に決定（7.4(2)）");
    html_raw(sb, "</dl>\n<h2>申請の内容</h2>\n<dl class=\"detail rq-values\">");
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(r, "values"), i, v)
    {
        char buf[64];
        dd_row(sb, rq_js(v, "label"), value_text(rq_js(v, "display"), buf, sizeof buf));
    }
    html_raw(sb, "</dl>\n");
}

/* 備考 of one grantor: escalation, 代決, absence, delegates. */
static void step_notes(struct strbuf *sb, const json_t *a)
{
    const char *by = rq_js(a, "decided_by");
    if (*rq_js(a, "escalation"))
        html_f(sb, "<p>%s</p>", rq_js(a, "escalation"));
    if (*by && strcmp(by, rq_js(a, "person_id")) != 0)
        html_f(sb, "<p class=\"rq-proxy\">代決: %s（%s）</p>", rq_js(a, "decided_by_name"),
               *rq_js(a, "instrument") ? rq_js(a, "instrument") : "根拠の記録なし");
    if (*rq_js(a, "absent"))
        html_f(sb, "<p>不在 %s</p>", rq_js(a, "absent"));
    if (*rq_js(a, "delegates") && !*rq_js(a, "decision"))
        html_f(sb, "<p>代決者: %s</p>", rq_js(a, "delegates"));
}

static void route_section(struct web_ctx *c, const json_t *r)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<h2>決裁の経路</h2>\n<div class=\"table-wrap\"><table class=\"list rq-route\">"
                 "<caption>決裁の経路と決定の記録</caption><thead><tr><th scope=\"col\">回</th>"
                 "<th scope=\"col\">段階</th><th scope=\"col\">役割</th><th scope=\"col\">決定する人</th>"
                 "<th scope=\"col\">決定</th><th scope=\"col\">コメント・条件</th>"
                 "<th scope=\"col\">日時</th><th scope=\"col\">備考</th></tr></thead><tbody>");
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(r, "approvals"), i, a)
    {
        const char *d = rq_js(a, "decision");
        char when[64];
        rq_wareki(rq_js(a, "decided_at"), when, sizeof when);
        html_f(sb, "<tr><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td>%s</td>"
                   "<td>%s</td><td><span class=\"rq-decision rq-decision-%s\">%s</span></td>"
                   "<td>%s</td><td>%s</td><td>",
               (long long)json_integer_value(json_object_get(a, "round")),
               (long long)json_integer_value(json_object_get(a, "step")), rq_js(a, "role_label"),
               rq_js(a, "name"), *d ? d : "open", *d ? approval_decision_label(d) : "未決",
               rq_js(a, "comment"), *d ? when : "");
        step_notes(sb, a);
        html_raw(sb, "</td></tr>");
    }
    html_raw(sb, "</tbody></table></div>\n");
}

static void attachments(struct web_ctx *c, const json_t *r, long long id)
{
    json_t *list = json_object_get(r, "attachments");
    if (!json_array_size(list))
        return;
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<h2>添付</h2>\n<ul class=\"rq-attachments\">");
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a)
    {
        html_f(sb, "<li><a href=\"/requests/%lld/attachments/%s\">%s</a>（%s バイト、SHA-256 %s）</li>",
               id, rq_js(a, "id"), rq_js(a, "name"), rq_js(a, "size"), rq_js(a, "sha256"));
    }
    html_raw(sb, "</ul>\n");
}

static void decide_form(struct web_ctx *c, const json_t *r, long long id)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<section class=\"rq-decide\" aria-labelledby=\"h_decide\"><h2 id=\"h_decide\">決定</h2>"
               "<form class=\"edit\" method=\"post\" action=\"/requests/%lld/decide\">",
           id);
    app_csrf_field(c);
    html_raw(sb, "<fieldset><legend>決定の内容</legend>");
    for (size_t i = 0; i < sizeof decisions / sizeof decisions[0]; i++)
        html_f(sb, "<label class=\"rq-choice\"><input type=\"radio\" name=\"decision\" value=\"%s\"%s> %s</label>",
               decisions[i].code, i == 0 ? " checked" : "", decisions[i].label);
    html_raw(sb, "</fieldset><div class=\"field\"><label for=\"comment\">コメント（条件付き許可では条件を、"
                 "却下・差戻しでは理由を必ず書いてください）</label>"
                 "<textarea id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"1000\"></textarea></div>");
    if (strcmp(rq_js(r, "kind"), "cloud") == 0)
        html_raw(sb, "<div class=\"field\"><label for=\"manager\">クラウドサービス管理者（職員の ID。"
                     "許可するときに指名します）</label><input type=\"text\" id=\"manager\" "
                     "name=\"manager\" maxlength=\"64\"></div>");
    html_raw(sb, "<div class=\"actions\"><button type=\"submit\">決定する</button></div></form></section>\n");
}

/* A text document attached from the page (a form can send no file without a multipart body). */
static void attach_form(struct web_ctx *c, long long id)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<details class=\"rq-attach\"><summary>文書を添付する（テキスト）</summary>"
               "<form class=\"edit\" method=\"post\" action=\"/requests/%lld/attach\">",
           id);
    app_csrf_field(c);
    html_raw(sb, "<div class=\"field\"><label for=\"att_name\">ファイル名（例: 持出物一覧.txt）</label>"
                 "<input type=\"text\" id=\"att_name\" name=\"name\" maxlength=\"200\" required></div>"
                 "<div class=\"field\"><label for=\"att_text\">内容（60 KB まで。ファイルは API "
                 "でも添付できます）</label><textarea id=\"att_text\" name=\"text\" rows=\"6\" "
                 "required></textarea></div><div class=\"actions\"><button type=\"submit\">添付する"
                 "</button></div></form></details>\n");
}

/* For a permitted request: report its end, or file its renewal with a new period. */
static void permitted_actions(struct web_ctx *c, const json_t *r, long long id)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<div class=\"rq-permitted\"><form class=\"actions\" method=\"post\" "
               "action=\"/requests/%lld/close\">",
           id);
    app_csrf_field(c);
    html_raw(sb, "<button type=\"submit\">利用の終了を報告する</button></form>");
    if (*rq_js(r, "valid_until")) {
        html_f(sb, "<form class=\"edit\" method=\"post\" action=\"/requests/%lld/renew\">", id);
        app_csrf_field(c);
        html_raw(sb, "<div class=\"field\"><label for=\"until\">新しい期限（更新の申請。経路を通り直します）"
                     "</label><input type=\"date\" id=\"until\" name=\"until\" required></div>"
                     "<div class=\"actions\"><button type=\"submit\">更新を申請する</button></div></form>");
    }
    html_raw(sb, "</div>\n");
}

static void requester_actions(struct web_ctx *c, const json_t *r, long long id)
{
    struct strbuf *sb = APP_SB(c);
    const char *state = rq_js(r, "state");
    if (strcmp(state, "approved") == 0 || strcmp(state, "conditional") == 0)
        permitted_actions(c, r, id);
    if (!undecided(r))
        return;
    attach_form(c, id);
    if (strcmp(rq_js(r, "state"), "returned") == 0)
        html_f(sb, "<p class=\"actions\"><a class=\"button\" href=\"/requests/%lld/amend\">"
                   "内容を直して再申請する</a></p>\n",
               id);
    html_f(sb, "<details class=\"rq-withdraw\"><summary>この申請を取り下げる</summary>"
               "<form class=\"edit\" method=\"post\" action=\"/requests/%lld/withdraw\">",
           id);
    app_csrf_field(c);
    html_raw(sb, "<div class=\"field\"><label for=\"reason\">取り下げの理由</label>"
                 "<input type=\"text\" id=\"reason\" name=\"reason\" maxlength=\"400\"></div>"
                 "<div class=\"actions\"><button type=\"submit\">取り下げる</button></div></form></details>\n");
}

/* The whole request page; `alert` (may be NULL) is a refused action's message. */
static void render_show(struct web_ctx *c, const json_t *r, long long id, const char *alert,
                        int status)
{
    struct mm_err err;
    mm_err_clear(&err);
    int may_decide = 0;
    if (rq_may_decide(c, id, &may_decide, &err)) {
        app_internal(c, &err);
        return;
    }
    char title[1024];
    snprintf(title, sizeof title, "申請 %lld: %s", id, rq_js(r, "title"));
    app_begin(c, title, "/requests");
    c->resp->status = status;
    struct strbuf *sb = APP_SB(c);
    char done[16];
    app_query(c, "done", done, sizeof done);
    for (size_t i = 0; i < sizeof done_notes / sizeof done_notes[0]; i++)
        if (strcmp(done, done_notes[i].code) == 0)
            html_f(sb, "<p class=\"ok\" role=\"status\">%s</p>\n", done_notes[i].text);
    if (alert)
        html_f(sb, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>\n", alert);
    summary(c, r);
    route_section(c, r);
    attachments(c, r, id);
    if (may_decide)
        decide_form(c, r, id);
    if (rq_is_requester(c, r))
        requester_actions(c, r, id);
    html_f(sb, "<p class=\"actions\"><a class=\"button\" href=\"/requests/%lld/print\">"
               "申請書・決裁記録（PDF）</a><a href=\"/requests\">申請・承認へ戻る</a></p>\n",
           id);
    app_end(c);
}

void rq_page_show(struct web_ctx *c, char *const *args)
{
    long long id = rq_id(args[0]);
    json_t *r = rq_load_visible(c, id);
    if (!r)
        return;
    render_show(c, r, id, NULL, 200);
    json_decref(r);
}

/* After a POST: back to the page, or the page again with the engine's reason. */
static void after_change(struct web_ctx *c, long long id, int rc, const struct mm_err *err,
                         const char *done)
{
    if (rc == MM_OK) {
        char loc[80];
        snprintf(loc, sizeof loc, "/requests/%lld?done=%s", id, done);
        app_redirect(c, loc);
        return;
    }
    if (rc != MM_EINPUT && rc != MM_EREFUSED) {
        app_internal(c, err);
        return;
    }
    json_t *r = rq_load_visible(c, id);
    if (!r)
        return;
    render_show(c, r, id, err->msg, rc == MM_EINPUT ? 422 : 409);
    json_decref(r);
}

static int known_decision(const char *d)
{
    for (size_t i = 0; i < sizeof decisions / sizeof decisions[0]; i++)
        if (strcmp(d, decisions[i].code) == 0)
            return 1;
    return 0;
}

void rq_post_decide(struct web_ctx *c, char *const *args)
{
    long long id = rq_participant_id(c, args[0]);
    if (!id)
        return;
    char decision[16], comment[4000], manager[APPROVAL_ID_MAX];
    app_form(c, "decision", decision, sizeof decision);
    app_form(c, "comment", comment, sizeof comment);
    app_form(c, "manager", manager, sizeof manager);
    if (!known_decision(decision)) {
        app_bad_request(c, "決定（許可・条件付き許可・却下・差戻し）を選んでください。");
        return;
    }
    struct approval_decision d = {.request_id = id, .person_id = c->person_id,
                                  .decision = decision, .comment = comment[0] ? comment : NULL,
                                  .manager_id = manager[0] ? manager : NULL, .today = c->today};
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_decide(c->st, &c->actor, &d, &err);
    after_change(c, id, rc, &err, "decided");
}

void rq_post_withdraw(struct web_ctx *c, char *const *args)
{
    long long id = rq_requester_id(c, args[0]);
    if (!id)
        return;
    char reason[1600];
    app_form(c, "reason", reason, sizeof reason);
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_withdraw(c->st, &c->actor, id, c->person_id, reason[0] ? reason : NULL,
                               c->today, &err);
    after_change(c, id, rc, &err, "withdrawn");
}

void rq_post_close(struct web_ctx *c, char *const *args)
{
    long long id = rq_requester_id(c, args[0]);
    if (!id)
        return;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_close(c->st, &c->actor, id, c->person_id, c->today, &err);
    after_change(c, id, rc, &err, "closed");
}

void rq_post_renew(struct web_ctx *c, char *const *args)
{
    long long id = rq_requester_id(c, args[0]);
    if (!id)
        return;
    char until[16];
    app_form(c, "until", until, sizeof until);
    struct mm_problems problems = {0};
    struct mm_err err;
    mm_err_clear(&err);
    long long new_id = 0;
    int rc = approval_renew(c->st, &c->actor, id, c->person_id, until, c->today, &new_id,
                            &problems, &err);
    mm_problems_free(&problems);
    if (rc == MM_OK)
        id = new_id;
    after_change(c, id, rc, &err, "filed");
}

/* A file sent as multipart/form-data (part "file"; the token then in X-CSRF-Token): 1 attached
 * or refused (answered), 0 when the body is not multipart. */
static int attach_multipart(struct web_ctx *c, long long id)
{
    const char *ct = c->req->content_type;
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0)
        return 0;
    struct multipart_part part;
    if (!c->req->body || multipart_find(ct, c->req->body, c->req->body_len, "file", &part) != 1 ||
        !part.has_filename) {
        app_bad_request(c, "multipart/form-data のフィールド file でファイルを送ってください。");
        return 1;
    }
    struct mm_err err;
    mm_err_clear(&err);
    long long att = 0;
    int rc = approval_attach(c->st, &c->actor, id, c->person_id, part.filename,
                             (const unsigned char *)part.data, part.len, &att, &err);
    after_change(c, id, rc, &err, "attached");
    return 1;
}

void rq_post_attach(struct web_ctx *c, char *const *args)
{
    long long id = rq_requester_id(c, args[0]);
    if (!id || attach_multipart(c, id))
        return;
    char name[256];
    char *text = malloc(64 * 1024);
    app_form(c, "name", name, sizeof name);
    if (!text || !app_form(c, "text", text, 64 * 1024) || !text[0]) {
        free(text);
        app_bad_request(c, "添付する内容を書いてください。");
        return;
    }
    struct mm_err err;
    mm_err_clear(&err);
    long long att = 0;
    int rc = approval_attach(c->st, &c->actor, id, c->person_id, name, (const unsigned char *)text,
                             strlen(text), &att, &err);
    free(text);
    after_change(c, id, rc, &err, "attached");
}

/* ---- downloads ---- */

void rq_get_print(struct web_ctx *c, char *const *args)
{
    long long id = rq_id(args[0]);
    json_t *r = rq_load_visible(c, id);
    if (!r)
        return;
    json_decref(r);
    char *data = NULL;
    size_t len = 0;
    struct report_out out = {.path = NULL, .data = &data, .len = &len};
    struct mm_err err;
    mm_err_clear(&err);
    if (report_request_pdf(c->st, id, &out, &err)) {
        free(data);
        app_internal(c, &err);
        return;
    }
    char name[64];
    snprintf(name, sizeof name, "request-%lld.pdf", id);
    app_download(c, "application/pdf", data, len, name);
    free(data);
}

void rq_get_attachment(struct web_ctx *c, char *const *args)
{
    long long id = rq_id(args[0]), aid = rq_id(args[1]);
    json_t *r = rq_load_visible(c, id);
    if (!r)
        return;
    int found = 0;
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(r, "attachments"), i, a)
    {
        if (rq_id(rq_js(a, "id")) == aid && aid)
            found = 1;
    }
    json_decref(r);
    if (!found) {
        app_not_found(c);
        return;
    }
    unsigned char *data = NULL;
    size_t size = 0;
    char name[256];
    struct mm_err err;
    mm_err_clear(&err);
    if (approval_attachment_get(c->st, aid, &data, &size, name, sizeof name, &err)) {
        app_internal(c, &err);
        return;
    }
    /* the stored name is the uploader's text: the download is named by the ids instead */
    char file[80];
    snprintf(file, sizeof file, "request-%lld-attachment-%lld", id, aid);
    app_download(c, "application/octet-stream", data, size, file);
    free(data);
}
