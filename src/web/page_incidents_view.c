/*
 * page_incidents_view.c — the report form (/incidents/new), the incident page (/incidents/{id}:
 * facts, reporting chain with due times, triage, affected systems and assets, actions, outward
 * duties, timeline, and the forms the user may use), its POST actions and the PDF.
 */
#include "web/page_incidents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident/incident.h"
#include "incident/incident_pdf.h"
#include "web/html.h"

/* ---- the report form ---- */

static void new_form(struct web_ctx *c, const char *message)
{
    struct strbuf *sb = APP_SB(c);
    char v[6][1024] = {{0}};
    static const char *const names[] = {"title",        "occurred_at",     "systems",
                                        "outside_name", "outside_contact", "assets"};
    char desc[8000] = "", ext[8] = "";
    if (message) {
        for (size_t i = 0; i < 6; i++)
            app_form(c, names[i], v[i], sizeof v[i]);
        app_form(c, "description", desc, sizeof desc);
        app_form(c, "external", ext, sizeof ext);
        html_f(sb, "<p class=\"notice error\" role=\"alert\">%s</p>\n", message);
    }
    html_raw(
        sb,
        "<p>気付いたこと・起きたことを、分かる範囲で報告してください。報告は課室の情報セキュリティ"
        "管理者と CSIRT（情報セキュリティに関する統一的な窓口）へ届きます（対策基準 "
        "5.3(1)）。</p>\n"
        "<form class=\"inc-form\" method=\"post\" action=\"/incidents/new\">");
    app_csrf_field(c);
    html_f(
        sb,
        "<div class=\"field\"><label for=\"title\">件名（必須）</label>"
        "<input id=\"title\" name=\"title\" required maxlength=\"200\" value=\"%s\"></div>"
        "<div class=\"field\"><label for=\"description\">何が起きたか（必須）</label>"
        "<textarea id=\"description\" name=\"description\" rows=\"6\" required>%s</textarea></div>"
        "<div class=\"field\"><label for=\"occurred_at\">いつ（分かれば）</label>"
        "<input id=\"occurred_at\" name=\"occurred_at\" type=\"datetime-local\" value=\"%s\"></div>"
        "<div class=\"field\"><label for=\"systems\">関係する情報システムの "
        "ID（分かれば。複数は空白か読点で区切る）</label>"
        "<input id=\"systems\" name=\"systems\" value=\"%s\" placeholder=\"例: sys30\"></div>"
        "<div class=\"field\"><label for=\"assets\">関係する情報資産の ID（分かれば）</label>"
        "<input id=\"assets\" name=\"assets\" value=\"%s\"></div>",
        v[0], desc, v[1], v[2], v[5]);
    html_f(sb,
           "<fieldset class=\"inc-outside\"><legend>住民・外部からの連絡</legend>"
           "<div><input type=\"checkbox\" id=\"external\" name=\"external\" value=\"1\"%s>"
           "<label for=\"external\">住民・外部からの連絡を受けた</label></div>"
           "<div class=\"field\"><label for=\"outside_name\">連絡してきた人・団体</label>"
           "<input id=\"outside_name\" name=\"outside_name\" value=\"%s\"></div>"
           "<div class=\"field\"><label for=\"outside_contact\">その連絡先</label>"
           "<input id=\"outside_contact\" name=\"outside_contact\" value=\"%s\"></div>"
           "</fieldset><div><button type=\"submit\">報告する</button></div></form>\n",
           ext[0] ? " checked" : "", v[3], v[4]);
}

static int may_report(const struct web_ctx *c)
{
    return authz_allows(c->who, INC_RESOURCE, AUTHZ_WRITE, NULL);
}

void inc_page_new(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!may_report(c)) {
        app_deny(c);
        return;
    }
    app_begin(c, "インシデントの報告", "/incidents");
    new_form(c, NULL);
    app_end(c);
}

void inc_post_new(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!may_report(c)) {
        app_deny(c);
        return;
    }
    struct inc_input in = {c, NULL};
    char id[64], loc[128];
    struct mm_err err;
    mm_err_clear(&err);
    int rc = inc_file(c, &in, id, &err);
    if (rc == MM_EINPUT || rc == MM_EREFUSED) {
        char msg[sizeof err.msg];
        inc_message(err.msg, msg, sizeof msg);
        app_begin(c, "インシデントの報告", "/incidents");
        c->resp->status = 422;
        new_form(c, msg);
        app_end(c);
        return;
    }
    if (rc) {
        app_internal(c, &err);
        return;
    }
    snprintf(loc, sizeof loc, "/incidents/%s?done=report", id);
    app_redirect(c, loc);
}

/* ---- the incident page ---- */

static void when(const json_t *o, const char *key, char *buf, size_t size)
{
    incident_time_display(inc_js(o, key), buf, size);
    if (!buf[0])
        snprintf(buf, size, "—");
}

static void facts(struct strbuf *sb, const json_t *inc)
{
    char occurred[64], reported[64];
    when(inc, "occurred_at", occurred, sizeof occurred);
    when(inc, "reported_at", reported, sizeof reported);
    html_f(sb,
           "<section aria-labelledby=\"inc-facts\"><h2 id=\"inc-facts\">報告の内容</h2>"
           "<dl class=\"inc-facts\"><dt>番号</dt><dd>%s</dd><dt>状態</dt><dd>"
           "<span class=\"inc-status inc-status-%s\">%s</span></dd><dt>評価</dt><dd>%s</dd>"
           "<dt>重大度</dt><dd>%s</dd><dt>報告の経路</dt><dd>%s</dd><dt>報告者</dt><dd>%s</dd>",
           inc_js(inc, "id"), inc_js(inc, "status"), inc_js(inc, "status_label"),
           inc_js(inc, "judgement_label"),
           *inc_js(inc, "severity_label") ? inc_js(inc, "severity_label") : "未評価",
           inc_js(inc, "source_label"), inc_js(inc, "reporter_name"));
    if (*inc_js(inc, "outside_name"))
        html_f(sb, "<dt>外部の連絡者</dt><dd>%s</dd><dt>その連絡先</dt><dd>%s</dd>",
               inc_js(inc, "outside_name"),
               *inc_js(inc, "outside_contact") ? inc_js(inc, "outside_contact") : "—");
    html_f(sb,
           "<dt>課室</dt><dd>%s</dd><dt>発生日時</dt><dd>%s</dd><dt>報告日時</dt><dd>%s</dd>"
           "<dt>内容</dt><dd class=\"inc-text\">%s</dd>",
           inc_js(inc, "department_name"), occurred, reported, inc_js(inc, "description"));
    if (*inc_js(inc, "outcome"))
        html_f(sb, "<dt>結果</dt><dd class=\"inc-text\">%s</dd>", inc_js(inc, "outcome"));
    html_f(sb,
           "</dl><p><a href=\"/incidents/%s/report.pdf\">インシデント報告書（PDF）</a></p>"
           "</section>\n",
           inc_js(inc, "id"));
}

static void people(struct strbuf *sb, const json_t *step)
{
    size_t k;
    json_t *p;
    json_array_foreach(json_object_get(step, "people"), k, p)
    {
        html_f(sb, "%s%s", k ? "、" : "", inc_js(p, "name"));
    }
    if (json_is_string(json_object_get(step, "gap")))
        html_f(sb, "<span class=\"inc-gap-note\">（%s）</span>",
               incident_gap_label(inc_js(step, "gap")));
}

static void ack_form(struct web_ctx *c, const json_t *inc, const json_t *step)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<form class=\"inline\" method=\"post\" action=\"/incidents/%s/ack\">",
           inc_js(inc, "id"));
    app_csrf_field(c);
    html_f(sb,
           "<input type=\"hidden\" name=\"step\" value=\"%s\">"
           "<button type=\"submit\">受領する</button></form>",
           inc_js(step, "id"));
}

static void chain(struct web_ctx *c, const json_t *inc)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb,
             "<section aria-labelledby=\"inc-chain\"><h2 id=\"inc-chain\">報告経路</h2>"
             "<div class=\"table-wrap\"><table class=\"list inc-steps\"><caption>報告経路の各段階"
             "（対策基準 5.3(1)(2)）</caption><thead><tr><th scope=\"col\">段階</th>"
             "<th scope=\"col\">報告先</th><th scope=\"col\">担い手</th><th scope=\"col\">報告</th>"
             "<th scope=\"col\">受領期限</th><th scope=\"col\">受領</th><th scope=\"col\">状態</th>"
             "</tr></thead><tbody>");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(inc, "steps"), i, s)
    {
        char handed[64], due[64], acked[64];
        when(s, "handed_over_at", handed, sizeof handed);
        when(s, "due_at", due, sizeof due);
        when(s, "acknowledged_at", acked, sizeof acked);
        const char *state = inc_js(s, "state");
        html_f(sb, "<tr class=\"inc-state-%s\"><td>第%lld段階</td><td>%s %s</td><td>", state,
               (long long)json_integer_value(json_object_get(s, "stage")), inc_js(s, "role_label"),
               inc_js(s, "scope_name"));
        people(sb, s);
        html_f(sb,
               "</td><td>%s</td><td>%s</td><td>%s</td><td><span class=\"inc-due "
               "inc-due-%s\">%s</span>",
               handed, due, acked, state, inc_js(s, "state_label"));
        if (inc_may_ack(c, inc, s))
            ack_form(c, inc, s);
        html_raw(sb, "</td></tr>");
    }
    html_raw(sb, "</tbody></table></div></section>\n");
}

static const struct {
    const char *key, *label;
} flag_labels[] = {
    {"personal_info", "個人情報"},
    {"specific_personal", "特定個人情報"},
    {"sensitive_personal", "要配慮個人情報"},
    {"ordinance_sensitive", "条例要配慮個人情報"},
    {"property_damage", "財産的被害のおそれ"},
    {"improper_purpose", "不正の目的のおそれ"},
    {"crime_suspected", "犯罪のおそれ"},
    {"press_release", "公表する"},
    {"provider_involved", "事業者・委託先が関係"},
};
#define NFLAGS (sizeof flag_labels / sizeof *flag_labels)

static void triage_view(struct strbuf *sb, const json_t *inc)
{
    char at[64];
    when(inc, "triaged_at", at, sizeof at);
    html_f(sb,
           "<section aria-labelledby=\"inc-triage\"><h2 id=\"inc-triage\">CSIRT の評価</h2>"
           "<dl class=\"inc-facts\"><dt>評価</dt><dd>%s</dd><dt>評価日時</dt><dd>%s</dd>"
           "<dt>該当</dt><dd><ul class=\"inc-flags\">",
           inc_js(inc, "judgement_label"), at);
    for (size_t i = 0; i < NFLAGS; i++)
        html_f(sb, "<li class=\"%s\">%s: %s</li>",
               json_is_true(json_object_get(inc, flag_labels[i].key)) ? "inc-yes" : "inc-no",
               flag_labels[i].label,
               json_is_true(json_object_get(inc, flag_labels[i].key)) ? "あり" : "なし");
    html_raw(sb, "</ul></dd><dt>本人の数</dt><dd>");
    const json_t *n = json_object_get(inc, "persons_affected");
    if (json_is_integer(n))
        html_f(sb, "%lld 人", (long long)json_integer_value(n));
    else
        html_raw(sb, "—");
    html_f(sb, "</dd><dt>所見</dt><dd class=\"inc-text\">%s</dd></dl></section>\n",
           inc_js(inc, "triage_note"));
}

static void affected(struct strbuf *sb, const json_t *inc)
{
    html_raw(
        sb,
        "<section aria-labelledby=\"inc-aff\"><h2 "
        "id=\"inc-aff\">影響を受けた情報システム・情報資産</h2>"
        "<div class=\"table-wrap\"><table class=\"list\"><caption>影響を受けたもの"
        "（分類は記録した時点の台帳）</caption><thead><tr><th scope=\"col\">種別</th>"
        "<th scope=\"col\">ID</th><th scope=\"col\">名称</th><th scope=\"col\">機密性</th>"
        "<th scope=\"col\">完全性</th><th scope=\"col\">可用性</th><th scope=\"col\">個人情報</th>"
        "</tr></thead><tbody>");
    size_t i, n = 0;
    json_t *o;
    json_array_foreach(json_object_get(inc, "systems"), i, o)
    {
        html_f(sb,
               "<tr><td>情報システム</td><td>%s</td><td>%s</td><td></td><td></td><td></td><td></"
               "td></tr>",
               inc_js(o, "id"), inc_js(o, "name"));
        n++;
    }
    json_array_foreach(json_object_get(inc, "assets"), i, o)
    {
        html_f(sb,
               "<tr><td>情報資産</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</"
               "td><td>%s</td></tr>",
               inc_js(o, "id"), inc_js(o, "name"), inc_js(o, "confidentiality"),
               inc_js(o, "integrity"), inc_js(o, "availability"),
               json_is_true(json_object_get(o, "personal_info")) ? "あり" : "なし");
        n++;
    }
    if (!n)
        html_raw(sb, "<tr><td colspan=\"7\">まだ記録されていません。</td></tr>");
    html_raw(sb, "</tbody></table></div></section>\n");
}

static int select_kinds(struct web_ctx *c, const char *table_sql, const char *current,
                        struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    struct store_stmt *s;
    int rc = store_prepare(c->st, table_sql, &s, err);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *code = store_col_text(s, 0);
        html_f(sb, "<option value=\"%s\"%s>%s</option>", code,
               strcmp(code, current) == 0 ? " selected" : "", store_col_text(s, 1));
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

static void action_list(struct strbuf *sb, const json_t *inc)
{
    const json_t *list = json_object_get(inc, "actions");
    if (!json_array_size(list)) {
        html_raw(sb, "<p>まだ記録されていません。</p>");
        return;
    }
    html_raw(sb, "<ol class=\"inc-actions\">");
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a)
    {
        char at[64];
        when(a, "done_at", at, sizeof at);
        html_f(sb, "<li><strong>%s</strong> %s — %s</li>", inc_js(a, "kind_label"), at,
               inc_js(a, "description"));
    }
    html_raw(sb, "</ol>");
}

static void actions(struct web_ctx *c, const json_t *inc)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<section aria-labelledby=\"inc-act\"><h2 id=\"inc-act\">対応</h2>"
                 "<p class=\"hint\">証拠保全を記録するまで、応急措置・復旧・監視は記録できません"
                 "（対策基準 7.3 解説 ③）。</p>");
    action_list(sb, inc);
    if (inc_may_act(c, inc)) {
        /* After a refused POST the typed values stay in the form. */
        char kind[32] = "", desc[4000] = "", at[64] = "";
        if (c->req->form && strstr(c->req->path, "/action")) {
            app_form(c, "kind", kind, sizeof kind);
            app_form(c, "description", desc, sizeof desc);
            app_form(c, "done_at", at, sizeof at);
        }
        html_f(sb, "<form class=\"inc-form\" method=\"post\" action=\"/incidents/%s/action\">",
               inc_js(inc, "id"));
        app_csrf_field(c);
        html_raw(sb, "<div class=\"field\"><label for=\"a_kind\">対応の種類</label><select "
                     "id=\"a_kind\" name=\"kind\">");
        struct mm_err err;
        select_kinds(c, "SELECT code, label FROM incident_action_kind ORDER BY sort", kind, &err);
        html_f(
            sb,
            "</select></div><div class=\"field\"><label for=\"a_desc\">内容</label>"
            "<textarea id=\"a_desc\" name=\"description\" rows=\"3\" required>%s</textarea></div>"
            "<div class=\"field\"><label for=\"a_at\">実施日時（空欄は現在）</label>"
            "<input id=\"a_at\" name=\"done_at\" type=\"datetime-local\" value=\"%s\"></div>"
            "<div><button type=\"submit\">対応を記録する</button></div></form>",
            desc, at);
    }
    html_raw(sb, "</section>\n");
}

static void duty_form(struct web_ctx *c, const json_t *inc, const json_t *d)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<form class=\"inline\" method=\"post\" action=\"/incidents/%s/duty\">",
           inc_js(inc, "id"));
    app_csrf_field(c);
    html_f(sb,
           "<input type=\"hidden\" name=\"kind\" value=\"%s\">"
           "<label for=\"ref_%s\">受付番号等</label><input id=\"ref_%s\" name=\"reference\">"
           "<button type=\"submit\">済みにする</button></form>",
           inc_js(d, "kind"), inc_js(d, "kind"), inc_js(d, "kind"));
}

static void duties(struct web_ctx *c, const json_t *inc)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(
        sb,
        "<section aria-labelledby=\"inc-duty\"><h2 id=\"inc-duty\">対外対応</h2>"
        "<div class=\"table-wrap\"><table class=\"list inc-duties\"><caption>報告・通知・連絡と期限"
        "</caption><thead><tr><th scope=\"col\">対応</th><th scope=\"col\">期限</th>"
        "<th scope=\"col\">根拠</th><th scope=\"col\">状態</th><th "
        "scope=\"col\">済んだ日時・番号</th>"
        "</tr></thead><tbody>");
    int may = inc_may_triage(c, inc);
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(inc, "duties"), i, d)
    {
        char due[64], done[64];
        when(d, "due_at", due, sizeof due);
        when(d, "done_at", done, sizeof done);
        const char *state = inc_js(d, "state");
        html_f(sb,
               "<tr class=\"inc-state-%s\"><td>%s</td><td>%s</td><td>%s</td>"
               "<td><span class=\"inc-due inc-due-%s\">%s</span></td><td>",
               state, inc_js(d, "kind_label"), due, inc_js(d, "basis"), state,
               inc_js(d, "state_label"));
        if (json_is_string(json_object_get(d, "done_at")))
            html_f(sb, "%s %s", done, inc_js(d, "reference"));
        else if (may)
            duty_form(c, inc, d);
        html_raw(sb, "</td></tr>");
    }
    if (!i)
        html_raw(sb,
                 "<tr><td colspan=\"5\">評価の結果、必要な対外対応はまだありません。</td></tr>");
    html_raw(sb, "</tbody></table></div></section>\n");
}

static void option_row(struct strbuf *sb, const char *code, const char *label, const char *cur)
{
    html_f(sb, "<option value=\"%s\"%s>%s</option>", code,
           strcmp(code, cur) == 0 ? " selected" : "", label);
}

static void triage_form(struct web_ctx *c, const json_t *inc)
{
    struct strbuf *sb = APP_SB(c);
    static const char *const jv[][2] = {{"undetermined", "未評価"},
                                        {"incident", "情報セキュリティインシデント"},
                                        {"not_incident", "インシデントではない"}};
    static const char *const sv[][2] = {
        {"", "（未設定）"}, {"low", "低"}, {"medium", "中"}, {"high", "高"}, {"critical", "重大"}};
    html_f(sb,
           "<section aria-labelledby=\"inc-tf\"><h2 id=\"inc-tf\">評価する（CSIRT）</h2>"
           "<form class=\"inc-form\" method=\"post\" action=\"/incidents/%s/triage\">",
           inc_js(inc, "id"));
    app_csrf_field(c);
    html_raw(sb, "<div class=\"field\"><label for=\"t_j\">インシデントか</label><select id=\"t_j\" "
                 "name=\"judgement\">");
    for (size_t i = 0; i < 3; i++)
        option_row(sb, jv[i][0], jv[i][1], inc_js(inc, "judgement"));
    html_raw(sb, "</select></div><div class=\"field\"><label for=\"t_s\">重大度</label><select "
                 "id=\"t_s\" name=\"severity\">");
    for (size_t i = 0; i < 5; i++)
        option_row(sb, sv[i][0], sv[i][1], inc_js(inc, "severity"));
    html_raw(sb, "</select></div><fieldset><legend>該当するもの</legend>");
    for (size_t i = 0; i < NFLAGS; i++)
        html_f(sb,
               "<div><input type=\"checkbox\" id=\"t_%s\" name=\"%s\" value=\"1\"%s>"
               "<label for=\"t_%s\">%s</label></div>",
               flag_labels[i].key, flag_labels[i].key,
               json_is_true(json_object_get(inc, flag_labels[i].key)) ? " checked" : "",
               flag_labels[i].key, flag_labels[i].label);
    const json_t *n = json_object_get(inc, "persons_affected");
    char num[24] = "";
    if (json_is_integer(n))
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(n));
    html_f(
        sb,
        "</fieldset><div class=\"field\"><label for=\"t_n\">本人の数</label>"
        "<input id=\"t_n\" name=\"persons_affected\" type=\"number\" min=\"0\" value=\"%s\"></div>"
        "<div class=\"field\"><label for=\"t_sys\">影響を受けた情報システムを追加（ID）</label>"
        "<input id=\"t_sys\" name=\"add_systems\"></div>"
        "<div class=\"field\"><label for=\"t_as\">影響を受けた情報資産を追加（ID）</label>"
        "<input id=\"t_as\" name=\"add_assets\"></div>"
        "<div class=\"field\"><label for=\"t_note\">所見</label>"
        "<textarea id=\"t_note\" name=\"note\" rows=\"3\">%s</textarea></div>"
        "<div><button type=\"submit\">評価を記録する</button></div></form></section>\n",
        num, inc_js(inc, "triage_note"));
}

static void close_form(struct web_ctx *c, const json_t *inc)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb,
           "<section aria-labelledby=\"inc-cl\"><h2 id=\"inc-cl\">終結する</h2>"
           "<form class=\"inc-form\" method=\"post\" action=\"/incidents/%s/close\">",
           inc_js(inc, "id"));
    app_csrf_field(c);
    html_raw(sb, "<div class=\"field\"><label "
                 "for=\"c_out\">結果（外部からの報告では報告者に伝える内容）</label>"
                 "<textarea id=\"c_out\" name=\"outcome\" rows=\"3\"></textarea></div>"
                 "<div><button type=\"submit\">終結する</button></div></form></section>\n");
}

static void timeline(struct web_ctx *c, const json_t *inc)
{
    json_t *tl = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (incident_timeline(c->st, inc_js(inc, "id"), &tl, &err))
        return;
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<section aria-labelledby=\"inc-tl\"><h2 id=\"inc-tl\">経緯</h2><ol "
                 "class=\"inc-timeline\">");
    size_t i;
    json_t *e;
    json_array_foreach(tl, i, e)
    {
        char at[64];
        when(e, "at", at, sizeof at);
        html_f(sb, "<li class=\"inc-tl-%s\"><time datetime=\"%s\">%s</time> %s</li>",
               inc_js(e, "kind"), inc_js(e, "at"), at, inc_js(e, "text"));
    }
    html_raw(sb, "</ol></section>\n");
    json_decref(tl);
}

static const struct {
    const char *code, *text;
} done_notices[] = {
    {"report", "報告を受け付けました。課室の情報セキュリティ管理者と CSIRT に届いています。"},
    {"ack", "受領を記録しました。"},
    {"triage", "評価を記録しました。対外対応の期限を計算し直しました。"},
    {"action", "対応を記録しました。"},
    {"duty", "対外対応を済みにしました。"},
    {"close", "インシデントを終結しました。"},
};

void inc_render_show(struct web_ctx *c, const json_t *inc, int status, const char *notice,
                     int is_error)
{
    char title[600];
    snprintf(title, sizeof title, "インシデント %s %s", inc_js(inc, "id"), inc_js(inc, "title"));
    app_begin(c, title, "/incidents");
    c->resp->status = status;
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<p class=\"actions\"><a href=\"/incidents\">インシデントの一覧へ</a></p>\n");
    if (notice && is_error)
        html_f(sb, "<p class=\"notice error\" role=\"alert\">%s</p>\n", notice);
    else if (notice)
        html_f(sb, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
    facts(sb, inc);
    chain(c, inc);
    triage_view(sb, inc);
    affected(sb, inc);
    actions(c, inc);
    duties(c, inc);
    if (inc_may_triage(c, inc)) {
        triage_form(c, inc);
        close_form(c, inc);
    }
    timeline(c, inc);
    app_end(c);
}

void inc_page_show(struct web_ctx *c, char *const *args)
{
    json_t *inc = inc_load_visible(c, args[0]);
    if (!inc)
        return;
    char done[16];
    app_query(c, "done", done, sizeof done);
    const char *notice = NULL;
    for (size_t i = 0; i < sizeof done_notices / sizeof *done_notices; i++)
        if (strcmp(done, done_notices[i].code) == 0)
            notice = done_notices[i].text;
    inc_render_show(c, inc, 200, notice, 0);
    json_decref(inc);
}

void inc_post_verb(struct web_ctx *c, char *const *args)
{
    int v = inc_verb_of(args[1]);
    if (v < 0) {
        app_not_found(c);
        return;
    }
    json_t *inc = inc_load_visible(c, args[0]);
    if (!inc)
        return;
    struct inc_input in = {c, NULL};
    int denied = 0;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = inc_run(c, inc, (enum inc_verb)v, &in, &denied, &err);
    if (denied) {
        app_deny(c);
    } else if (rc == MM_EINPUT || rc == MM_EREFUSED) {
        json_t *fresh = NULL;
        struct mm_err e2;
        mm_err_clear(&e2);
        char msg[sizeof err.msg];
        inc_message(err.msg, msg, sizeof msg);
        if (incident_get(c->st, args[0], NULL, &fresh, &e2) == MM_OK)
            inc_render_show(c, fresh, rc == MM_EINPUT ? 422 : 409, msg, 1);
        else
            app_bad_request(c, msg);
        json_decref(fresh);
    } else if (rc) {
        app_internal(c, &err);
    } else {
        char loc[WEB_ROUTE_ARG_MAX + 64];
        snprintf(loc, sizeof loc, "/incidents/%s?done=%s", inc_js(inc, "id"),
                 inc_verb_name((enum inc_verb)v));
        app_redirect(c, loc);
    }
    json_decref(inc);
}

void inc_get_pdf(struct web_ctx *c, char *const *args)
{
    json_t *inc = inc_load_visible(c, args[0]);
    if (!inc)
        return;
    char *data = NULL;
    size_t len = 0;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = incident_pdf_write(c->st, inc_js(inc, "id"), NULL, NULL, &data, &len, &err);
    if (rc) {
        free(data);
        json_decref(inc);
        app_internal(c, &err);
        return;
    }
    char name[160];
    snprintf(name, sizeof name, "incident-%s.pdf", inc_js(inc, "id"));
    app_download(c, "application/pdf", data, len, name);
    free(data);
    json_decref(inc);
}
