/*
 * incident_pdf.c — インシデント報告書 (PDF) from incident_get and incident_timeline.
 */
#include "incident/incident_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident/incident_impl.h"
#include "report/pdf.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))
#define OR(s) ((s) ? (s) : "")

static const char *when(const char *t, char *buf, size_t size)
{
    incident_time_display(t, buf, size);
    return buf[0] ? buf : "—";
}

static void facts(struct pdf_doc *d, json_t *o)
{
    char b1[64], b2[64], b3[64], judged[160], persons[32] = "";
    snprintf(judged, sizeof judged, "%s%s%s", S(o, "judgement_label"),
             S(o, "severity_label") ? "／重大度 " : "", OR(S(o, "severity_label")));
    if (json_is_integer(json_object_get(o, "persons_affected")))
        snprintf(persons, sizeof persons, "%lld 人",
                 (long long)json_integer_value(json_object_get(o, "persons_affected")));
    static const char *const flags[][2] = {
        {"personal_info", "個人情報"},         {"specific_personal", "特定個人情報"},
        {"sensitive_personal", "要配慮個人情報"}, {"ordinance_sensitive", "条例要配慮個人情報"},
        {"property_damage", "財産的被害のおそれ"}, {"improper_purpose", "不正の目的のおそれ"},
        {"crime_suspected", "犯罪のおそれ"},     {"press_release", "公表"},
        {"provider_involved", "事業者・委託先が関係"}};
    char fl[512] = "";
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (json_is_true(json_object_get(o, flags[i][0])))
            snprintf(fl + strlen(fl), sizeof fl - strlen(fl), "%s%s", fl[0] ? "・" : "",
                     flags[i][1]);
    char reporter[256];
    snprintf(reporter, sizeof reporter, "%s%s%s", OR(S(o, "reporter_name")),
             S(o, "outside_name") ? "（外部の報告者 " : "",
             S(o, "outside_name") ? S(o, "outside_name") : "");
    if (S(o, "outside_name"))
        snprintf(reporter + strlen(reporter), sizeof reporter - strlen(reporter), "）");
    const struct pdf_kv kv[] = {
        {"インシデント番号", S(o, "id")},
        {"件名", S(o, "title")},
        {"状態", S(o, "status_label")},
        {"報告の種別", S(o, "source_label")},
        {"報告者", reporter},
        {"課室", S(o, "department_name")},
        {"発生日時", when(S(o, "occurred_at"), b1, sizeof b1)},
        {"報告日時", when(S(o, "reported_at"), b2, sizeof b2)},
        {"CSIRT の評価", judged},
        {"評価日時", when(S(o, "triaged_at"), b3, sizeof b3)},
        {"個人情報等", fl[0] ? fl : "該当なし"},
        {"本人の数", persons[0] ? persons : "—"},
    };
    pdf_kv_block(d, kv, sizeof kv / sizeof kv[0]);
    pdf_heading(d, 2, "事案の状況");
    pdf_paragraph(d, OR(S(o, "description")));
    if (S(o, "triage_note")) {
        pdf_heading(d, 3, "CSIRT の所見");
        pdf_paragraph(d, S(o, "triage_note"));
    }
}

static void affected(struct pdf_doc *d, json_t *o)
{
    static const struct pdf_column cols[] = {
        {"種別", 1, PDF_LEFT}, {"ID", 1.2, PDF_LEFT}, {"名称", 3, PDF_LEFT}, {"分類", 2.5, PDF_LEFT}};
    if (!json_array_size(json_object_get(o, "systems")) &&
        !json_array_size(json_object_get(o, "assets"))) {
        pdf_heading(d, 3, "影響を受けた情報システム・情報資産");
        pdf_note(d, "登録されていません");
        return;
    }
    pdf_table_begin(d, "影響を受けた情報システム・情報資産", cols, 4);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(o, "systems"), i, x)
    {
        const char *cells[] = {"情報システム", S(x, "id"), S(x, "name"), NULL};
        pdf_table_row(d, cells);
    }
    json_array_foreach(json_object_get(o, "assets"), i, x)
    {
        char cls[128];
        snprintf(cls, sizeof cls, "機密性%s・完全性%s・可用性%s%s", OR(S(x, "confidentiality")),
                 OR(S(x, "integrity")), OR(S(x, "availability")),
                 json_is_true(json_object_get(x, "personal_info")) ? "・個人情報" : "");
        const char *cells[] = {"情報資産", S(x, "id"), S(x, "name"), cls};
        pdf_table_row(d, cells);
    }
    pdf_table_end(d);
}

static void steps(struct pdf_doc *d, json_t *o)
{
    static const struct pdf_column cols[] = {{"段階", 0.6, PDF_CENTER}, {"報告先", 3, PDF_LEFT},
                                             {"担い手", 2.4, PDF_LEFT}, {"報告", 1.8, PDF_LEFT},
                                             {"受領期限", 1.8, PDF_LEFT}, {"受領", 1.8, PDF_LEFT},
                                             {"状況", 1.2, PDF_LEFT}};
    pdf_table_begin(d, "報告経路（対策基準 5.3）", cols, 7);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(o, "steps"), i, x)
    {
        char stage[8], to[256], people[512] = "", b1[64], b2[64], b3[64], state[96];
        snprintf(stage, sizeof stage, "%lld",
                 (long long)json_integer_value(json_object_get(x, "stage")));
        snprintf(to, sizeof to, "%s%s%s", OR(S(x, "role_label")), S(x, "scope_name") ? " " : "",
                 OR(S(x, "scope_name")));
        size_t k;
        json_t *p;
        json_array_foreach(json_object_get(x, "people"), k, p)
            snprintf(people + strlen(people), sizeof people - strlen(people), "%s%s",
                     k ? "、" : "", OR(S(p, "name")));
        snprintf(state, sizeof state, "%s%s%s", OR(S(x, "state_label")), S(x, "gap") ? "・" : "",
                 S(x, "gap") ? incident_gap_label(S(x, "gap")) : "");
        const char *cells[] = {stage,
                               to,
                               people[0] ? people : "（担い手なし）",
                               when(S(x, "handed_over_at"), b1, sizeof b1),
                               when(S(x, "due_at"), b2, sizeof b2),
                               when(S(x, "acknowledged_at"), b3, sizeof b3),
                               state};
        pdf_table_row(d, cells);
    }
    pdf_table_end(d);
}

static void actions_and_duties(struct pdf_doc *d, json_t *o)
{
    static const struct pdf_column acols[] = {
        {"日時", 1.6, PDF_LEFT}, {"種類", 2, PDF_LEFT}, {"内容", 5, PDF_LEFT}};
    pdf_table_begin(d, "対応（対策基準 7.3・5.3(3)）", acols, 3);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(o, "actions"), i, x)
    {
        char b[64];
        const char *cells[] = {when(S(x, "done_at"), b, sizeof b), S(x, "kind_label"),
                               S(x, "description")};
        pdf_table_row(d, cells);
    }
    pdf_table_end(d);
    if (!json_array_size(json_object_get(o, "actions")))
        pdf_note(d, "記録された対応はありません");
    static const struct pdf_column dcols[] = {{"対外対応", 2.4, PDF_LEFT}, {"期限", 1.7, PDF_LEFT},
                                              {"実施", 1.7, PDF_LEFT},     {"状況", 1.1, PDF_LEFT},
                                              {"番号", 1.2, PDF_LEFT},     {"根拠", 3.5, PDF_LEFT}};
    pdf_table_begin(d, "対外対応（報告・通知・連絡）", dcols, 6);
    json_array_foreach(json_object_get(o, "duties"), i, x)
    {
        char b1[64], b2[64];
        const char *cells[] = {S(x, "kind_label"),  when(S(x, "due_at"), b1, sizeof b1),
                               when(S(x, "done_at"), b2, sizeof b2), S(x, "state_label"),
                               S(x, "reference"),   S(x, "basis")};
        pdf_table_row(d, cells);
    }
    pdf_table_end(d);
    if (!json_array_size(json_object_get(o, "duties")))
        pdf_note(d, "必要な対外対応はありません（評価の内容とローカルパラメータから計算）");
}

static void timeline(struct pdf_doc *d, json_t *tl)
{
    static const struct pdf_column cols[] = {{"日時", 1.6, PDF_LEFT}, {"経過", 7, PDF_LEFT}};
    pdf_table_begin(d, "経過", cols, 2);
    size_t i;
    json_t *x;
    json_array_foreach(tl, i, x)
    {
        char b[64];
        const char *cells[] = {when(S(x, "at"), b, sizeof b), S(x, "text")};
        pdf_table_row(d, cells);
    }
    pdf_table_end(d);
}

int incident_pdf_write(struct store *st, const char *incident_id, const char *now,
                       const char *path, char **data, size_t *len, struct mm_err *err)
{
    json_t *o = NULL, *tl = NULL;
    char *org = NULL;
    int rc = incident_get(st, incident_id, now, &o, err);
    if (!rc)
        rc = incident_timeline(st, incident_id, &tl, err);
    if (!rc)
        rc = inc_text(st, "SELECT name FROM organization WHERE id = 1", NULL, 0, &org, err);
    struct pdf_doc *d = NULL;
    char title[128];
    snprintf(title, sizeof title, "情報セキュリティインシデント報告書 %s", incident_id);
    struct pdf_meta meta = {.title = title, .organization = org, .subject = "対策基準 5.3・7.3"};
    if (!rc)
        rc = path ? pdf_open_file(path, &meta, &d, err) : pdf_open_mem(&meta, &d, err);
    if (!rc) {
        pdf_heading(d, 1, "情報セキュリティインシデント報告書");
        facts(d, o);
        affected(d, o);
        steps(d, o);
        actions_and_duties(d, o);
        timeline(d, tl);
        if (S(o, "closed_at")) {
            char b[64];
            pdf_heading(d, 2, "終結");
            char line[1024];
            snprintf(line, sizeof line, "%s 終結。%s", when(S(o, "closed_at"), b, sizeof b),
                     OR(S(o, "outcome")));
            pdf_paragraph(d, line);
        }
        const struct pdf_signer signers[] = {
            {"CSIRT責任者", NULL, NULL}, {"統括情報セキュリティ責任者", NULL, NULL}, {"CISO", NULL, NULL}};
        pdf_signature_row(d, signers, 3);
        rc = path ? pdf_close(d, err) : pdf_close_mem(d, data, len, err);
    }
    json_decref(o), json_decref(tl);
    free(org);
    return rc;
}
