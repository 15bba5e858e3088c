/* test_incident.c — the incident engine: the chain of 5.3(1)/(2) resolved from current role
 * assignments (holders who left and positions without holders), hand-over times and overdue
 * detection against the stage intervals, the next stage on completion, stage 3 of an outside
 * report only once judged an incident, evidence before containment, outward duties computed from
 * the configured rules (個人情報保護委員会 速報・確報 with the 不正の目的 case, the 百人 threshold,
 * a body's own parameter), closing, the 緊急連絡網 gaps, one change-log entry per change and
 * nothing left behind by a refused change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "authz/authz.h"
#include "incident/incident.h"
#include "incident/incident_pdf.h"
#include "report/pdf.h"
#include "store/store.h"

static char dbpath[256];
static struct store *st;
static struct audit_actor actor = {"test:incident"};

static int setup(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/mamori-test-incident-%d.db", (int)getpid());
    unlink(dbpath);
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(dbpath, STORE_OPEN_CREATE, &st, &err), MM_OK);
    assert_int_equal(
        store_exec(st,
                   "INSERT INTO org_body VALUES ('m', '市長部局', NULL, 1);"
                   "INSERT INTO department VALUES ('B1', NULL, '総務部', 'bukyoku', 'm', 1),"
                   " ('K1', 'B1', '情報課', 'kashitsu', 'm', 2),"
                   " ('K2', 'B1', '人事課', 'kashitsu', 'm', 3);"
                   "INSERT INTO person (id, name, department_id, employment, status, email) VALUES"
                   " ('P-st', '職員', 'K1', 'regular', 'active', 'st@example.jp'),"
                   " ('P-k2', '人事職員', 'K2', 'regular', 'active', 'k2@example.jp'),"
                   " ('P-ism', '管理者', 'K1', 'regular', 'active', 'ism@example.jp'),"
                   " ('P-isr', '責任者', 'B1', 'regular', 'active', 'isr@example.jp'),"
                   " ('P-sys', 'システム管理者', 'K1', 'regular', 'active', 'sys@example.jp'),"
                   " ('P-tk', '統括', 'K1', 'regular', 'active', 'tk@example.jp'),"
                   " ('P-ciso', 'CISO', 'B1', 'regular', 'active', 'ciso@example.jp'),"
                   " ('P-head', 'CSIRT責任者', 'K1', 'regular', 'active', 'head@example.jp'),"
                   " ('P-mem', 'CSIRT要員', 'K1', 'regular', 'active', NULL),"
                   " ('P-gone', '退職者', 'K1', 'regular', 'retired', 'gone@example.jp');"
                   "INSERT INTO system (id, name, domain, hosting, department_id, mfa) VALUES"
                   " ('S1', '住基', 'mynumber', 'onprem', 'K1', 1),"
                   " ('S2', '電子申請', 'internet', 'other_cloud', 'K1', 1);"
                   "INSERT INTO asset (id, name, department_id, medium, system_id, confidentiality,"
                   " integrity, availability, personal_info) VALUES"
                   " ('A1', '住民票データ', 'K1', 'electronic', 'S1', '3A', '2', '2', 1);"
                   "INSERT INTO role_assignment (id, role, person_id, scope_type,"
                   " scope_department_id, scope_system_id, valid_from, valid_to) VALUES"
                   " ('R1', 'ism', 'P-ism', 'kashitsu', 'K1', NULL, '2020-04-01', NULL),"
                   " ('R2', 'isr', 'P-isr', 'bukyoku', 'B1', NULL, '2020-04-01', NULL),"
                   " ('R3', 'sysm', 'P-sys', 'system', NULL, 'S1', '2020-04-01', NULL),"
                   " ('R4', 'toukatsu', 'P-tk', 'organization', NULL, NULL, '2020-04-01', NULL),"
                   " ('R5', 'ciso', 'P-ciso', 'organization', NULL, NULL, '2020-04-01', NULL),"
                   " ('R6', 'csirt_head', 'P-head', 'organization', NULL, NULL, '2020-04-01', NULL),"
                   " ('R7', 'csirt_member', 'P-mem', 'organization', NULL, NULL, '2020-04-01', NULL),"
                   " ('R8', 'csirt_member', 'P-gone', 'organization', NULL, NULL, '2020-04-01', NULL),"
                   " ('R9', 'sysm', 'P-sys', 'system', NULL, 'S2', '2020-04-01', '2025-03-31');",
                   &err),
        MM_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    unlink(dbpath);
    char side[300];
    snprintf(side, sizeof side, "%s.key", dbpath), unlink(side);
    snprintf(side, sizeof side, "%s.pub", dbpath), unlink(side);
    return 0;
}

static long long count(const char *sql)
{
    long long n = -1;
    struct mm_err err;
    assert_int_equal(store_query_int(st, sql, &n, &err), MM_OK);
    return n;
}

static json_t *get(const char *id, const char *now)
{
    json_t *o = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(incident_get(st, id, now, &o, &err), MM_OK);
    return o;
}

static json_t *step(json_t *o, size_t i)
{
    return json_array_get(json_object_get(o, "steps"), i);
}

#define S(o, k) json_string_value(json_object_get((o), (k)))
#define I(o, k) json_integer_value(json_object_get((o), (k)))

static void report(const char *reporter, const char *source, const char *system, const char *now,
                   char id[INCIDENT_ID_LEN])
{
    const char *systems[] = {system};
    struct incident_report r = {.title = "不審メール",
                                .description = "添付を開いた",
                                .reporter_id = reporter,
                                .source = source,
                                .outside_name = source ? "住民" : NULL,
                                .system_ids = systems,
                                .nsystems = system ? 1 : 0};
    struct mm_err err;
    mm_err_clear(&err);
    int rc = incident_report(st, &actor, &r, now, id, &err);
    if (rc)
        fail_msg("report: %s", err.msg);
}

static void ack(const char *step_id, const char *now)
{
    struct mm_err err;
    mm_err_clear(&err);
    int rc = incident_ack(st, &actor, step_id, NULL, now, &err);
    if (rc)
        fail_msg("ack %s: %s", step_id, err.msg);
}

/* Stage 1 reaches the 課室's ism and the CSIRT (not the member who retired); due 30 minutes
 * later; overdue after that; acknowledging both hands over stage 2 at that moment. */
static void test_chain_and_overdue(void **state)
{
    (void)state;
    char id[INCIDENT_ID_LEN];
    report("P-st", NULL, "S1", "2026-06-01T09:00", id);
    assert_string_equal(id, "INC-2026-0001");
    json_t *o = get(id, "2026-06-01T09:29");
    assert_int_equal(json_array_size(json_object_get(o, "steps")), 2);
    json_t *ism = step(o, 0), *csirt = step(o, 1);
    assert_string_equal(S(ism, "role"), "ism");
    assert_string_equal(S(ism, "scope_id"), "K1");
    assert_string_equal(S(ism, "handed_over_at"), "2026-06-01T09:00:00+09:00");
    assert_string_equal(S(ism, "due_at"), "2026-06-01T09:30:00+09:00");
    assert_string_equal(S(csirt, "role"), "csirt_head");
    json_t *people = json_object_get(csirt, "people");
    assert_int_equal(json_array_size(people), 2); /* P-head, P-mem; P-gone has left */
    assert_string_equal(S(json_array_get(people, 0), "person_id"), "P-head");
    assert_string_equal(S(json_array_get(people, 1), "person_id"), "P-mem");
    assert_int_equal(I(o, "overdue_steps"), 0);
    assert_string_equal(S(ism, "state"), "pending");
    json_decref(o);

    o = get(id, "2026-06-01T09:31");
    assert_int_equal(I(o, "overdue_steps"), 2);
    assert_string_equal(S(step(o, 0), "state"), "overdue");
    json_decref(o);

    ack("INC-2026-0001-01", "2026-06-01T09:10");
    assert_int_equal(count("SELECT COUNT(*) FROM incident_step WHERE stage = 2"), 0);
    ack("INC-2026-0001-02", "2026-06-01T09:45"); /* late */
    o = get(id, "2026-06-01T10:00");
    assert_int_equal(json_array_size(json_object_get(o, "steps")), 4);
    assert_string_equal(S(step(o, 1), "state"), "late");
    json_t *tk = step(o, 2), *sysm = step(o, 3);
    assert_string_equal(S(tk, "role"), "toukatsu");
    assert_string_equal(S(tk, "handed_over_at"), "2026-06-01T09:45:00+09:00");
    assert_string_equal(S(tk, "due_at"), "2026-06-01T10:45:00+09:00");
    assert_string_equal(S(sysm, "role"), "sysm");
    assert_string_equal(S(sysm, "scope_id"), "S1");
    assert_string_equal(S(json_array_get(json_object_get(sysm, "people"), 0), "person_id"),
                        "P-sys");
    assert_int_equal(I(o, "overdue_steps"), 0);
    json_decref(o);

    /* A second acknowledgement is refused. */
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(incident_ack(st, &actor, "INC-2026-0001-01", NULL, "2026-06-01T10:00", &err),
                     MM_EREFUSED);

    ack("INC-2026-0001-03", "2026-06-01T10:00");
    ack("INC-2026-0001-04", "2026-06-01T10:05");
    o = get(id, "2026-06-01T10:05");
    assert_int_equal(json_array_size(json_object_get(o, "steps")), 6);
    assert_string_equal(S(step(o, 4), "role"), "ciso");
    assert_string_equal(S(step(o, 5), "role"), "isr");
    assert_string_equal(S(step(o, 5), "scope_id"), "B1");
    assert_string_equal(S(step(o, 5), "due_at"), "2026-06-01T12:05:00+09:00");
    json_decref(o);

    json_t *aw = NULL;
    assert_int_equal(incident_awaiting(st, "P-ciso", "2026-06-01T12:06", &aw, &err), MM_OK);
    assert_int_equal(json_array_size(aw), 1);
    assert_string_equal(S(json_array_get(aw, 0), "step_id"), "INC-2026-0001-05");
    assert_string_equal(S(json_array_get(aw, 0), "state"), "overdue");
    json_decref(aw);
    int yes = -1;
    assert_int_equal(incident_step_reaches(st, "INC-2026-0001-05", "P-ciso", &yes, &err), MM_OK);
    assert_int_equal(yes, 1);
    assert_int_equal(incident_step_reaches(st, "INC-2026-0001-05", "P-st", &yes, &err), MM_OK);
    assert_int_equal(yes, 0);

    json_t *list = NULL;
    struct incident_filter f = {.overdue_only = 1};
    assert_int_equal(incident_list(st, &f, "2026-06-01T12:06", &list, &err), MM_OK);
    assert_int_equal(json_array_size(list), 1);
    assert_int_equal(I(json_array_get(list, 0), "overdue_steps"), 2);
    json_decref(list);
}

/* A 課室 without an ism and a system whose sysm assignment ended: steps with no one reached. */
static void test_chain_gaps(void **state)
{
    (void)state;
    char id[INCIDENT_ID_LEN];
    report("P-k2", NULL, "S2", "2026-06-02T09:00", id);
    json_t *o = get(id, "2026-06-02T09:00");
    assert_string_equal(S(step(o, 0), "gap"), "no_holder");
    assert_int_equal(json_array_size(json_object_get(step(o, 0), "people")), 0);
    assert_true(json_is_null(json_object_get(step(o, 1), "gap")));
    json_decref(o);
}

/* An outside report: stage 1 is the ism alone (5.3(2)①); stage 3 follows only once judged. */
static void test_external_report(void **state)
{
    (void)state;
    char id[INCIDENT_ID_LEN];
    report("P-st", "external", NULL, "2026-06-03T09:00", id);
    json_t *o = get(id, "2026-06-03T09:00");
    assert_int_equal(json_array_size(json_object_get(o, "steps")), 1);
    json_decref(o);
    char s1[64], s2[64];
    snprintf(s1, sizeof s1, "%s-01", id);
    ack(s1, "2026-06-03T09:05");
    snprintf(s2, sizeof s2, "%s-02", id);
    ack(s2, "2026-06-03T09:10"); /* 統括; no system, so no sysm step */
    assert_int_equal(count("SELECT COUNT(*) FROM incident_step WHERE incident_id = 'INC-2026-0003' "
                           "AND stage = 3"),
                     0);
    struct incident_triage t;
    incident_triage_init(&t);
    t.judgement = "incident";
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(incident_triage(st, &actor, id, &t, "2026-06-03T10:00", &err), MM_OK);
    assert_int_equal(count("SELECT COUNT(*) FROM incident_step WHERE incident_id = 'INC-2026-0003' "
                           "AND stage = 3"),
                     2);
    /* the reporter must be told the outcome: a duty counted from the judgement */
    assert_int_equal(count("SELECT COUNT(*) FROM incident_duty WHERE incident_id = "
                           "'INC-2026-0003' AND kind = 'reporter' "
                           "AND due_at = '2026-06-17T23:59:59+09:00'"),
                     1);
}

/* 7.3 解説 ③(キ): containment only after evidence preservation. */
static void test_evidence_before_containment(void **state)
{
    (void)state;
    struct mm_err err;
    mm_err_clear(&err);
    long long before = count("SELECT COUNT(*) FROM audit_log");
    assert_int_equal(incident_action_add(st, &actor, "INC-2026-0001", "containment", "遮断",
                                         NULL, NULL, "2026-06-01T10:30", NULL, &err),
                     MM_EREFUSED);
    assert_non_null(strstr(err.msg, "証拠保全"));
    assert_int_equal(count("SELECT COUNT(*) FROM audit_log"), before);
    assert_int_equal(count("SELECT COUNT(*) FROM incident_action"), 0);
    char aid[INCIDENT_ID_LEN];
    assert_int_equal(incident_action_add(st, &actor, "INC-2026-0001", "evidence", "ログを保全",
                                         "P-head", NULL, "2026-06-01T10:20", aid, &err),
                     MM_OK);
    assert_string_equal(aid, "INC-2026-0001-A01");
    assert_int_equal(incident_action_add(st, &actor, "INC-2026-0001", "containment", "遮断",
                                         NULL, NULL, "2026-06-01T10:30", NULL, &err),
                     MM_OK);
    assert_int_equal(count("SELECT COUNT(*) FROM audit_log"), before + 2);
}

static const char *due(const char *kind)
{
    static char buf[64];
    struct store_stmt *s;
    struct mm_err err;
    buf[0] = 0;
    assert_int_equal(store_prepare(st,
                                   "SELECT due_at FROM incident_duty WHERE incident_id = "
                                   "'INC-2026-0001' AND kind = ?",
                                   &s, &err),
                     MM_OK);
    store_bind_text(s, 1, kind);
    if (store_step(s, &err) == STORE_ROW)
        snprintf(buf, sizeof buf, "%s", store_col_text(s, 0));
    store_finalize(s);
    return buf;
}

/* Outward duties from the configured rules. */
static void test_duties(void **state)
{
    (void)state;
    struct mm_err err;
    mm_err_clear(&err);
    struct incident_triage t;
    incident_triage_init(&t);
    t.judgement = "incident", t.personal_info = 1, t.persons_affected = 100;
    assert_int_equal(incident_triage(st, &actor, "INC-2026-0001", &t, "2026-06-01T11:00", &err),
                     MM_OK);
    assert_string_equal(due("mic"), "2026-06-02T11:00:00+09:00");
    assert_string_equal(due("prefecture"), "2026-06-02T11:00:00+09:00");
    assert_string_equal(due("ppc_prompt"), ""); /* 100 persons: not more than 百人 */
    assert_string_equal(due("provider"), "");   /* S1 is on premises */

    incident_triage_init(&t);
    t.persons_affected = 101;
    assert_int_equal(incident_triage(st, &actor, "INC-2026-0001", &t, "2026-06-01T12:00", &err),
                     MM_OK);
    /* 施行規則: counted from the day the report was received (2026-06-01) */
    assert_string_equal(due("ppc_prompt"), "2026-06-04T23:59:59+09:00");
    assert_string_equal(due("ppc_final"), "2026-07-01T23:59:59+09:00");
    assert_string_equal(due("data_subject"), "2026-06-06T23:59:59+09:00");
    /* triaged_at is the first judgement's time: mic does not move */
    assert_string_equal(due("mic"), "2026-06-02T11:00:00+09:00");

    incident_triage_init(&t);
    t.improper_purpose = 1, t.crime_suspected = 1;
    assert_int_equal(incident_triage(st, &actor, "INC-2026-0001", &t, "2026-06-01T12:30", &err),
                     MM_OK);
    assert_string_equal(due("ppc_final"), "2026-07-31T23:59:59+09:00"); /* 60 days */
    assert_string_equal(due("police"), "2026-06-02T11:00:00+09:00");

    /* The body's own parameter wins over the default. */
    assert_int_equal(store_exec(st,
                                "INSERT INTO org_parameter VALUES ('incident_ppc_prompt_days', '5')",
                                &err),
                     MM_OK);
    incident_triage_init(&t);
    assert_int_equal(incident_triage(st, &actor, "INC-2026-0001", &t, "2026-06-01T13:00", &err),
                     MM_OK);
    assert_string_equal(due("ppc_prompt"), "2026-06-06T23:59:59+09:00");

    /* Done duties stay; a duty no longer required goes. */
    assert_int_equal(incident_duty_done(st, &actor, "INC-2026-0001", "police", "相談済",
                                        "P-head", NULL, "2026-06-01T14:00", &err),
                     MM_OK);
    incident_triage_init(&t);
    t.crime_suspected = 0, t.improper_purpose = 0, t.persons_affected = 3;
    assert_int_equal(incident_triage(st, &actor, "INC-2026-0001", &t, "2026-06-01T15:00", &err),
                     MM_OK);
    assert_string_equal(due("ppc_prompt"), "");
    assert_string_equal(due("police"), "2026-06-02T11:00:00+09:00");

    /* Overdue duties against `now`. */
    json_t *o = get("INC-2026-0001", "2026-06-02T11:01");
    assert_int_equal(I(o, "overdue_duties"), 2); /* mic, prefecture */
    json_decref(o);
    assert_int_equal(incident_duty_done(st, &actor, "INC-2026-0001", "nosuch", NULL, NULL, NULL,
                                        "2026-06-01T15:00", &err),
                     MM_EINPUT);
}

/* Closing is refused while something is missing, then succeeds. */
static void test_close(void **state)
{
    (void)state;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(incident_close(st, &actor, "INC-2026-0001", NULL, NULL, "2026-06-05T09:00",
                                    &err),
                     MM_EREFUSED);
    assert_non_null(strstr(err.msg, "原因の究明"));
    assert_non_null(strstr(err.msg, "報告経路"));
    assert_non_null(strstr(err.msg, "対外対応"));
    ack("INC-2026-0001-05", "2026-06-01T11:00");
    ack("INC-2026-0001-06", "2026-06-01T11:00");
    static const char *const kinds[] = {"root_cause", "prevention_plan"};
    for (int i = 0; i < 2; i++)
        assert_int_equal(incident_action_add(st, &actor, "INC-2026-0001", kinds[i], "記録", NULL,
                                             NULL, "2026-06-04T10:00", NULL, &err),
                         MM_OK);
    static const char *const duties[] = {"mic", "prefecture"};
    for (int i = 0; i < 2; i++)
        assert_int_equal(incident_duty_done(st, &actor, "INC-2026-0001", duties[i], "受付1", NULL,
                                            NULL, "2026-06-04T10:00", &err),
                         MM_OK);
    assert_int_equal(incident_close(st, &actor, "INC-2026-0001", "対応終了", "P-head",
                                    "2026-06-05T09:00", &err),
                     MM_OK);
    json_t *o = get("INC-2026-0001", "2026-06-05T09:00");
    assert_string_equal(S(o, "status"), "closed");
    json_decref(o);
    assert_int_equal(incident_action_add(st, &actor, "INC-2026-0001", "note", "追記", NULL, NULL,
                                         "2026-06-05T10:00", NULL, &err),
                     MM_EREFUSED);
    json_t *tl = NULL;
    assert_int_equal(incident_timeline(st, "INC-2026-0001", &tl, &err), MM_OK);
    assert_string_equal(S(json_array_get(tl, 0), "kind"), "reported");
    assert_string_equal(S(json_array_get(tl, json_array_size(tl) - 1), "kind"), "closed");
    json_decref(tl);
}

/* The report PDF, in memory (as the web pages serve it). */
static void test_pdf(void **state)
{
    (void)state;
    char *data = NULL;
    size_t len = 0;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = incident_pdf_write(st, "INC-2026-0001", "2026-06-05T09:00", NULL, &data, &len, &err);
    if (rc)
        fail_msg("pdf: %s", err.msg);
    assert_true(len > 1000);
    assert_memory_equal(data, "%PDF-", 5);
    free(data);
    assert_int_equal(incident_pdf_write(st, "INC-NOPE", NULL, NULL, &data, &len, &err), MM_EINPUT);
}

/* A refused report leaves neither an incident nor a change-log entry. */
static void test_rollback(void **state)
{
    (void)state;
    long long inc = count("SELECT COUNT(*) FROM incident"), log = count("SELECT COUNT(*) FROM audit_log");
    char id[INCIDENT_ID_LEN];
    const char *systems[] = {"S1", "NOPE"};
    struct incident_report r = {.title = "t", .description = "d", .reporter_id = "P-st",
                                .system_ids = systems, .nsystems = 2};
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(incident_report(st, &actor, &r, "2026-06-04T09:00", id, &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "NOPE"));
    assert_int_equal(count("SELECT COUNT(*) FROM incident"), inc);
    assert_int_equal(count("SELECT COUNT(*) FROM audit_log"), log);
    assert_int_equal(count("SELECT COUNT(*) FROM incident_step WHERE incident_id = 'INC-2026-0004'"),
                     0);
}

/* The list with an authz filter: scope by the incident's 課室, own by the reporter, through the
 * grants of resource "incident" (schema 014) and, for comparison, "finding"; an unknown
 * resource shows nothing. */
static size_t visible(const char *person, const char *resource)
{
    struct authz_principal *who = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(authz_load(st, person, "2026-06-01", &who, &err), MM_OK);
    struct incident_filter f = {.who = who, .resource = resource};
    json_t *list = NULL;
    assert_int_equal(incident_list(st, &f, "2026-06-05T09:00", &list, &err), MM_OK);
    size_t n = json_array_size(list);
    json_decref(list);
    authz_free(who);
    return n;
}

static void test_list_authz(void **state)
{
    (void)state;
    assert_int_equal(count("SELECT COUNT(*) FROM incident"), 3);
    assert_int_equal(visible("P-ism", "finding"), 2);  /* K1: INC-0001 and the outside report */
    assert_int_equal(visible("P-k2", "finding"), 1);   /* reported it: own */
    assert_int_equal(visible("P-tk", "finding"), 3);   /* 統括: all */
    assert_int_equal(visible("P-ism", "incident"), 2);  /* 014: ism reads its 課室's */
    assert_int_equal(visible("P-k2", "incident"), 1);   /* 014: staff read what they reported */
    assert_int_equal(visible("P-tk", "incident"), 3);   /* 014: 統括 reads all */
    assert_int_equal(visible("P-ism", "no_such_resource"), 0); /* no grants, nothing shown */
}

/* The 緊急連絡網: a 課室 without ism, a holder who left, a holder without e-mail. */
static void test_contacts(void **state)
{
    (void)state;
    json_t *arr = NULL;
    size_t gaps = 0;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(incident_contacts(st, "2026-06-01", &arr, &gaps, &err), MM_OK);
    int no_holder_k2 = 0, left = 0, no_contact = 0, no_holder_s2 = 0;
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        const char *gap = S(o, "gap");
        if (!gap)
            continue;
        no_holder_k2 += !strcmp(gap, "no_holder") && S(o, "scope_id") && !strcmp(S(o, "scope_id"), "K2");
        no_holder_s2 += !strcmp(gap, "no_holder") && S(o, "scope_id") && !strcmp(S(o, "scope_id"), "S2");
        left += !strcmp(gap, "holder_left") && !strcmp(S(o, "person_id"), "P-gone");
        no_contact += !strcmp(gap, "no_contact") && !strcmp(S(o, "person_id"), "P-mem");
    }
    assert_int_equal(no_holder_k2, 1);
    assert_int_equal(no_holder_s2, 1);
    assert_int_equal(left, 1);
    assert_int_equal(no_contact, 1);
    assert_int_equal(gaps, 4);
    json_decref(arr);
}

static void test_time(void **state)
{
    (void)state;
    char out[INCIDENT_TIME_LEN], buf[64];
    struct mm_err err;
    assert_int_equal(incident_time_norm("2026-06-01T00:30:00Z", out, &err), MM_OK);
    assert_string_equal(out, "2026-06-01T09:30:00+09:00");
    assert_int_equal(incident_time_norm("2026-02-30", out, &err), MM_EINPUT);
    assert_int_equal(incident_time_norm("2026-06-01 9:00", out, &err), MM_EINPUT);
    incident_time_display("2026-06-01T09:30:00+09:00", buf, sizeof buf);
    assert_string_equal(buf, "令和8年6月1日 09:30");
    incident_time_spoken("2026-11-24T09:57:00+09:00", buf, sizeof buf);
    assert_string_equal(buf, "令和8年11月24日 9時57分");
    incident_time_spoken("2026-11-24", buf, sizeof buf);
    assert_string_equal(buf, "令和8年11月24日");
    assert_string_equal(incident_due_state("2026-06-01T10:00", NULL, "2026-06-01T10:01"), "overdue");
    assert_string_equal(incident_due_state("2026-06-01T10:00", "2026-06-01T10:00", NULL), "done");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_chain_and_overdue),
        cmocka_unit_test(test_chain_gaps),
        cmocka_unit_test(test_external_report),
        cmocka_unit_test(test_evidence_before_containment),
        cmocka_unit_test(test_duties),
        cmocka_unit_test(test_close),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_rollback),
        cmocka_unit_test(test_list_authz),
        cmocka_unit_test(test_contacts),
    };
    int failed = cmocka_run_group_tests(tests, setup, teardown);
    pdf_shutdown();
    return failed;
}
