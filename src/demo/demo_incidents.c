/*
 * demo_incidents.c — the demo municipality's incidents, written through the incident engine
 * (so the change log has them too) at times counted from the reference date.
 */
#include "demo/demo_incidents.h"

#include <stdio.h>
#include <string.h>

#include "incident/incident.h"

/* "YYYY-MM-DDTHH:MM" JST, `days` after the reference date (negative: before). */
static int at(const char *ref, int days, const char *hhmm, char out[INCIDENT_TIME_LEN],
              struct mm_err *err)
{
    time_t t;
    int rc = incident_time_parse(ref, &t, err);
    if (rc)
        return rc;
    int h = 0, m = 0;
    sscanf(hhmm, "%d:%d", &h, &m);
    incident_time_format(t + (time_t)days * 86400 + h * 3600 + m * 60, out);
    return MM_OK;
}

/* One step of a demo script: what to do to the current incident, and when. */
enum op { OP_ACK_STAGE, OP_TRIAGE, OP_ACTION, OP_DUTY, OP_CLOSE };
struct demo_op {
    enum op op;
    int day;
    const char *hhmm;
    const char *kind; /* action or duty kind; OP_ACK_STAGE: the stage as "1".."3" */
    const char *text; /* description, reference or outcome */
    const char *by;
};

static int ack_stage(struct store *st, const struct audit_actor *a, const char *id, int stage,
                     const char *by, const char *now, struct mm_err *err)
{
    json_t *o = NULL;
    int rc = incident_get(st, id, now, &o, err);
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(o, "steps"), i, s)
    {
        if (rc)
            break;
        if (json_integer_value(json_object_get(s, "stage")) != stage ||
            json_is_string(json_object_get(s, "acknowledged_at")))
            continue;
        json_t *p = json_array_get(json_object_get(s, "people"), 0);
        const char *who = p ? json_string_value(json_object_get(p, "person_id")) : by;
        rc = incident_ack(st, a, json_string_value(json_object_get(s, "id")), who, now, err);
    }
    json_decref(o);
    return rc;
}

static int run_ops(struct store *st, const struct audit_actor *a, const char *ref, const char *id,
                   const struct demo_op *ops, size_t n, const struct incident_triage *tri,
                   struct mm_err *err)
{
    int rc = MM_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        const struct demo_op *o = &ops[i];
        char now[INCIDENT_TIME_LEN];
        if ((rc = at(ref, o->day, o->hhmm, now, err)))
            break;
        switch (o->op) {
        case OP_ACK_STAGE: rc = ack_stage(st, a, id, o->kind[0] - '0', o->by, now, err); break;
        case OP_TRIAGE: rc = incident_triage(st, a, id, tri, now, err); break;
        case OP_ACTION:
            rc = incident_action_add(st, a, id, o->kind, o->text, o->by, NULL, now, NULL, err);
            break;
        case OP_DUTY: rc = incident_duty_done(st, a, id, o->kind, o->text, o->by, NULL, now, err); break;
        case OP_CLOSE: rc = incident_close(st, a, id, o->text, o->by, now, err); break;
        }
    }
    return rc;
}

/* A: a misdirected e-mail, handled and closed 40 days before the reference date. */
static int incident_a(struct store *st, const struct audit_actor *a, const char *ref,
                      struct mm_err *err)
{
    char now[INCIDENT_TIME_LEN], id[INCIDENT_ID_LEN];
    struct incident_report r = {
        .id = "INC-DEMO-0001",
        .title = "給与明細を別の職員へ誤送信",
        .description = "人事課の職員が、職員1名分の給与明細を添付したメールを同姓の別の職員へ"
                       "誤って送信した。受信者から申出があり判明した。",
        .reporter_id = "E00100"};
    int rc = at(ref, -40, "09:30", now, err);
    if (!rc)
        rc = incident_report(st, a, &r, now, id, err);
    struct incident_triage t;
    incident_triage_init(&t);
    t.judgement = "incident", t.severity = "low", t.personal_info = 1, t.persons_affected = 1;
    t.triaged_by = "E00004";
    t.note = "庁内の職員間の誤送信。受信者は開封前に申し出ており、削除を確認した。";
    static const struct demo_op ops[] = {
        {OP_ACK_STAGE, -40, "09:40", "1", NULL, NULL},
        {OP_TRIAGE, -40, "10:30", NULL, NULL, NULL},
        {OP_ACK_STAGE, -40, "10:45", "2", NULL, NULL},
        {OP_ACTION, -40, "10:50", "evidence", "送信記録とメールサーバのログを保存した", "E00004"},
        {OP_ACTION, -40, "11:00", "containment", "受信者のメールボックスから削除したことを確認した",
         "E00004"},
        {OP_ACK_STAGE, -40, "13:00", "3", NULL, NULL},
        {OP_DUTY, -39, "09:00", "mic", "総務省 事務連絡様式で報告", "E00004"},
        {OP_DUTY, -39, "09:10", "prefecture", "県 情報政策課へ報告", "E00004"},
        {OP_ACTION, -38, "15:00", "root_cause", "宛先の自動補完で同姓の職員を選んだまま送信した",
         "E00004"},
        {OP_ACTION, -33, "16:00", "prevention_plan",
         "個人情報を含む添付は送信前に宛先を確認する画面を有効にする。情報セキュリティ委員会で"
         "承認され、全職員へ周知した",
         "E00004"},
        {OP_CLOSE, -32, "10:00", NULL, "再発防止策を実施し終結", "E00004"},
    };
    if (!rc)
        rc = run_ops(st, a, ref, id, ops, sizeof ops / sizeof ops[0], &t, err);
    return rc;
}

/* B: unauthorized access to the file server, under response; the report to the prefecture is
 * overdue (planted gap, INC-004). */
static int incident_b(struct store *st, const struct audit_actor *a, const char *ref,
                      struct mm_err *err)
{
    char now[INCIDENT_TIME_LEN], id[INCIDENT_ID_LEN];
    static const char *const systems[] = {"sys35"};
    struct incident_report r = {
        .id = "INC-DEMO-0002",
        .title = "ファイルサーバへの不正アクセスの疑い",
        .description = "障害者福祉課の共有フォルダで、深夜に見慣れない端末からの大量の読み出しが"
                       "記録されていた。相談記録（障害の状況を含む）が保存されている。",
        .reporter_id = "E00300",
        .occurred_at = NULL,
        .system_ids = systems,
        .nsystems = 1};
    int rc = at(ref, -3, "10:15", now, err);
    if (!rc)
        rc = incident_report(st, a, &r, now, id, err);
    struct incident_triage t;
    incident_triage_init(&t);
    t.judgement = "incident", t.severity = "high", t.personal_info = 1;
    t.sensitive_personal = 1, t.improper_purpose = 1, t.crime_suspected = 1;
    t.persons_affected = 320, t.triaged_by = "E00004";
    t.note = "外部からの不正アクセスの可能性が高い。要配慮個人情報を含むため個人情報保護委員会へ"
             "報告する。";
    static const struct demo_op ops[] = {
        {OP_ACK_STAGE, -3, "10:25", "1", NULL, NULL},
        {OP_ACK_STAGE, -3, "10:50", "2", NULL, NULL},
        {OP_ACTION, -3, "11:00", "evidence", "ファイルサーバのアクセスログとメモリイメージを取得し、"
                                             "解析用とは別に保管した", "E00034"},
        {OP_TRIAGE, -3, "11:30", NULL, NULL, NULL},
        {OP_ACTION, -3, "11:40", "containment", "ファイルサーバをネットワークから切り離した（統括の許可）",
         "E00034"},
        {OP_ACK_STAGE, -3, "12:30", "3", NULL, NULL},
        {OP_DUTY, -3, "15:00", "mic", "総務省へ第一報", "E00004"},
        {OP_DUTY, -3, "16:00", "police", "県警サイバー犯罪対策課へ相談", "E00004"},
        {OP_DUTY, -1, "17:00", "ppc_prompt", "個人情報保護委員会 漏えい等報告（速報）受付済み",
         "E00004"},
    };
    if (!rc)
        rc = run_ops(st, a, ref, id, ops, sizeof ops / sizeof ops[0], &t, err);
    return rc;
}

/* C: a resident reports a suspicious link on the city's web site that morning. */
static int incident_c(struct store *st, const struct audit_actor *a, const char *ref,
                      struct mm_err *err)
{
    char now[INCIDENT_TIME_LEN], id[INCIDENT_ID_LEN];
    static const char *const systems[] = {"sys44"};
    struct incident_report r = {
        .id = "INC-DEMO-0003",
        .title = "電子申請のお知らせから見知らぬサイトへ誘導される",
        .description = "住民から電話で、電子申請のお知らせ欄のリンクを押すと見知らぬサイトに"
                       "移動するとの連絡があった。",
        .source = "external",
        .reporter_id = "E00034",
        .outside_name = "市民（匿名希望）",
        .outside_contact = "折り返し不要",
        .system_ids = systems,
        .nsystems = 1};
    int rc = at(ref, 0, "08:30", now, err);
    if (!rc)
        rc = incident_report(st, a, &r, now, id, err);
    return rc;
}

int demo_incidents(struct store *st, const char *reference_date, struct mm_err *err)
{
    long long have = 0;
    int rc = store_query_int(st, "SELECT COUNT(*) FROM incident", &have, err);
    if (rc || have)
        return rc;
    struct audit_actor a = {"system:demo"};
    rc = incident_a(st, &a, reference_date, err);
    if (!rc)
        rc = incident_b(st, &a, reference_date, err);
    if (!rc)
        rc = incident_c(st, &a, reference_date, err);
    return rc;
}
