/* test_pdca.c — the training, self-assessment and audit engines on a small organization built
 * in memory: the CSV reader; the completion rate; question sets per role and carry-forward;
 * the auditor independence refusal; a finding followed to verified closure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdca/assessment.h"
#include "pdca/audit.h"
#include "pdca/csvread.h"
#include "pdca/training.h"

/* 総務部 (B1) with 総務課 (K1) and 情報課 (K2); 福祉部 (B2) with 福祉課 (K3). */
static const char *const org_sql =
    "INSERT INTO organization (id, name, kind) VALUES (1, 'テスト村', 'village');"
    "INSERT INTO org_body (code, name, position) VALUES ('mayor', '村長', 1);"
    "INSERT INTO department VALUES ('B1', NULL, '総務部', 'bukyoku', 'mayor', 1),"
    " ('K1', 'B1', '総務課', 'kashitsu', 'mayor', 2), ('K2', 'B1', '情報課', 'kashitsu', 'mayor', 3),"
    " ('B2', NULL, '福祉部', 'bukyoku', 'mayor', 4), ('K3', 'B2', '福祉課', 'kashitsu', 'mayor', 5);"
    "INSERT INTO person (id, name, department_id, employment, status) VALUES"
    " ('P1', '村長', 'K1', 'special', 'active'), ('P2', '総務部長', 'B1', 'regular', 'active'),"
    " ('P3', '総務課長', 'K1', 'regular', 'active'), ('P4', '福祉部長', 'B2', 'regular', 'active'),"
    " ('P5', '福祉課員', 'K3', 'fiscal_year', 'active'), ('P6', '情報課長', 'K2', 'regular', 'active'),"
    " ('P7', '委託先', 'K2', 'contractor', 'active'), ('P8', '監査統括', 'K3', 'regular', 'active');"
    "INSERT INTO system (id, name, domain, hosting, department_id, mfa) VALUES"
    " ('S1', '財務会計', 'lgwan', 'onprem', 'K2', 1);"
    "INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id,"
    " scope_system_id, valid_from) VALUES"
    " ('r1', 'ciso', 'P1', 'organization', NULL, NULL, '2024-04-01'),"
    " ('r2', 'toukatsu', 'P2', 'organization', NULL, NULL, '2024-04-01'),"
    " ('r3', 'isr', 'P2', 'bukyoku', 'B1', NULL, '2024-04-01'),"
    " ('r4', 'ism', 'P3', 'kashitsu', 'K1', NULL, '2024-04-01'),"
    " ('r5', 'isr', 'P4', 'bukyoku', 'B2', NULL, '2024-04-01'),"
    " ('r6', 'sysm', 'P6', 'system', NULL, 'S1', '2024-04-01'),"
    " ('r7', 'audit_chief', 'P8', 'organization', NULL, NULL, '2024-04-01'),"
    " ('r8', 'committee', 'P4', 'organization', NULL, NULL, '2024-04-01'),"
    " ('r9', 'ism', 'P6', 'kashitsu', 'K2', NULL, '2024-04-01');"
    "INSERT INTO training_course VALUES ('T1', '研修', 'general', 2026, 1, '2026-05-10', NULL);"
    "INSERT INTO training_attendance VALUES ('T1', 'P1', '2026-05-10'), ('T1', 'P2', '2026-05-10');";

static struct store *st;
static struct mm_err err;

static int setup(void **state)
{
    (void)state;
    mm_err_clear(&err);
    assert_int_equal(store_open(":memory:", STORE_OPEN_CREATE, &st, &err), MM_OK);
    assert_int_equal(store_begin(st, &err), MM_OK);
    int rc = store_exec(st, org_sql, &err);
    if (rc)
        fail_msg("%s", err.msg);
    assert_int_equal(store_commit(st, &err), MM_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return 0;
}

static struct pdca_actor as(const char *person)
{
    struct pdca_actor a = {{"test"}, person, "2026-06-01"};
    return a;
}

static long long one(const char *sql)
{
    long long v = -1;
    assert_int_equal(store_query_int(st, sql, &v, &err), MM_OK);
    return v;
}

/* ---- CSV ---- */

struct rows {
    char text[1024];
    size_t lines[8];
    int n;
};

static int collect(void *ctx, size_t line, char **f, size_t n)
{
    struct rows *r = ctx;
    r->lines[r->n++] = line;
    for (size_t i = 0; i < n; i++)
        snprintf(r->text + strlen(r->text), sizeof r->text - strlen(r->text), "%s%s", f[i],
                 i + 1 < n ? "|" : ";");
    return 0;
}

static void test_csv(void **state)
{
    (void)state;
    struct rows r = {"", {0}, 0};
    const char *in = "\xEF\xBB\xBF" "a,\"b,\"\"c\"\"\",d\r\n\r\n\"x\ny\",2\n";
    assert_int_equal(csvread("t.csv", in, strlen(in), collect, &r, &err), MM_OK);
    assert_string_equal(r.text, "a|b,\"c\"|d;x\ny|2;");
    assert_int_equal(r.n, 2);
    assert_int_equal(r.lines[1], 3);
    struct rows s = {"", {0}, 0};
    const char *sjis = "\x8C\xA4\x8F\x43,1\n"; /* 研修 in CP932 */
    assert_int_equal(csvread("s.csv", sjis, strlen(sjis), collect, &s, &err), MM_OK);
    assert_string_equal(s.text, "研修|1;");
    struct rows u = {"", {0}, 0};
    const char *open = "a\n\"b,c\n";
    assert_int_equal(csvread("o.csv", open, strlen(open), collect, &u, &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "o.csv:2:"));
    assert_int_equal(pdca_fiscal_year("2027-03-31"), 2026);
    assert_int_equal(pdca_fiscal_year("2027-04-01"), 2027);
    assert_int_equal(pdca_fiscal_year("2027-02-30"), 0);
}

/* ---- training ---- */

struct rate {
    long long staff[8], done[8];
    char id[8][16];
    int n;
};

static int rate_row(void *ctx, const struct training_rate_row *r)
{
    struct rate *x = ctx;
    snprintf(x->id[x->n], 16, "%s", r->department_id ? r->department_id : "ALL");
    x->staff[x->n] = r->staff;
    x->done[x->n++] = r->completed;
    return 0;
}

static void test_training_rate(void **state)
{
    (void)state;
    struct rate r = {{0}, {0}, {{0}}, 0};
    assert_int_equal(training_rate(st, 2026, rate_row, &r, &err), MM_OK);
    /* B1 (P1, P2, P3, P6), K1 (P1, P3), K2 (P6; the contractor P7 is not counted), B2 (P4, P5,
     * P8: the 会計年度任用職員 counts), K3 (P5, P8), then the whole body. */
    const char *ids[] = {"B1", "K1", "K2", "B2", "K3", "ALL"};
    const long long staff[] = {4, 2, 1, 3, 2, 7}, done[] = {2, 1, 0, 0, 0, 2};
    assert_int_equal(r.n, 6);
    for (int i = 0; i < 6; i++) {
        assert_string_equal(r.id[i], ids[i]);
        assert_int_equal(r.staff[i], staff[i]);
        assert_int_equal(r.done[i], done[i]);
    }
    struct pdca_actor a = as("P3");
    const char *csv = "職員ID,研修ID,修了日\nP5,T1,2026-05-12\nP9,T1,2026-05-12\n";
    struct mm_problems p = {0};
    struct training_import_result res;
    assert_int_equal(training_import_csv(st, &a, "in.csv", csv, strlen(csv), &p, &res, &err),
                     MM_EINPUT);
    assert_int_equal(p.len, 1);
    assert_string_equal(p.items[0].where, "in.csv:3");
    mm_problems_free(&p);
    assert_int_equal(one("SELECT COUNT(*) FROM training_attendance"), 2);
    const char *good = "職員ID,研修ID,修了日\nP5,T1,2026-05-12\nP1,T1,2026-05-10\n";
    struct mm_problems q = {0};
    assert_int_equal(training_import_csv(st, &a, "ok.csv", good, strlen(good), &q, &res, &err),
                     MM_OK);
    assert_int_equal(res.added, 1);
    assert_int_equal(res.skipped, 1);
    mm_problems_free(&q);
    assert_int_equal(one("SELECT COUNT(*) FROM training_attendance_detail "
                         "WHERE source = 'import:ok.csv'"), 1);
}

/* ---- self-assessment ---- */

static void test_campaign_and_carry(void **state)
{
    (void)state;
    struct pdca_actor a = as("P2");
    struct assessment_campaign_opts o = {2026, NULL, NULL, 1};
    struct assessment_campaign_result r;
    assert_int_equal(assessment_campaign_create(st, &a, &o, &r, &err), MM_OK);
    assert_int_equal(r.assessments, 2 + 3 + 1); /* 部局 B1, B2; three networks; system S1 */
    /* Per kind, the questions are the ○ clauses of its roles. */
    assert_int_equal(one("SELECT COUNT(*) FROM assessment_question q JOIN assessment a "
                         "ON a.id = q.assessment_id WHERE a.target_id = 'B1'"),
                     one("SELECT COUNT(*) FROM assessment_question_template "
                         "WHERE target_kind = 'bukyoku'"));
    assert_int_equal(one("SELECT COUNT(DISTINCT q.role) FROM assessment_question q JOIN assessment a "
                         "ON a.id = q.assessment_id WHERE a.target_id = 'B1'"), 2);
    assert_int_equal(one("SELECT COUNT(*) FROM assessment_question q JOIN assessment a "
                         "ON a.id = q.assessment_id WHERE a.target_id = 'S1' AND q.role <> 'sysm'"), 0);
    assert_int_equal(one("SELECT COUNT(*) FROM assessment_question q JOIN assessment a "
                         "ON a.id = q.assessment_id WHERE a.target_id = 'S1' "
                         "AND q.clause_id = '9.2(1)①'"), 1);
    long long qid = one("SELECT MIN(q.id) FROM assessment_question q JOIN assessment a "
                        "ON a.id = q.assessment_id WHERE a.target_id = 'B2' AND q.role = 'isr'");
    struct pdca_actor wrong = as("P2"), right = as("P4");
    assert_int_equal(assessment_answer(st, &wrong, qid, "done", NULL, &err), MM_EREFUSED);
    assert_int_equal(assessment_answer(st, &right, qid, "na", "対象業務なし", &err), MM_OK);
    assert_int_equal(assessment_campaign_create(st, &a, &o, &r, &err), MM_EREFUSED);
    struct assessment_campaign_opts next = {2027, NULL, NULL, 1};
    assert_int_equal(assessment_campaign_create(st, &a, &next, &r, &err), MM_OK);
    assert_int_equal(r.carried, 1);
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM assessment_question q JOIN assessment a ON a.id = q.assessment_id "
             "WHERE a.campaign_id = %lld AND a.target_id = 'B2' AND q.answer = 'na' "
             "AND q.answer_source = 'carried' AND q.comment = '対象業務なし'", r.id);
    assert_int_equal(one(sql), 1);
}

/* ---- audit ---- */

static void test_audit_cycle(void **state)
{
    (void)state;
    struct pdca_actor chief = as("P8"), ciso = as("P1"), committee = as("P4");
    struct audit_plan_new p = {"AP1", "内部監査", NULL, 0, "2026-06-01", "2026-12-31", NULL};
    assert_int_equal(audit_plan_create(st, &chief, &p, &err), MM_OK);
    assert_int_equal(audit_scope_add(st, &chief, "AP1", "department", "K1", &err), MM_OK);
    /* P6 belongs to 総務部 (情報課): not independent of 総務課. */
    assert_int_equal(audit_team_add(st, &chief, "AP1", "P6", 1, NULL, &err), MM_EREFUSED);
    assert_non_null(strstr(err.msg, "総務部（B1）"));
    int n = 0;
    assert_int_equal(audit_independence(st, "AP1", "P5", NULL, NULL, &n, &err), MM_OK);
    assert_int_equal(n, 0);
    assert_int_equal(audit_team_add(st, &chief, "AP1", "P5", 1, NULL, &err), MM_OK);
    assert_int_equal(audit_plan_approve(st, &committee, "AP1", "2026-06-01", NULL, &err), MM_OK);
    assert_int_equal(one("SELECT COUNT(*) FROM role_assignment WHERE role = 'auditor' "
                         "AND person_id = 'P5' AND scope_department_id = 'K1'"), 1);
    struct pdca_actor auditor = as("P5"), owner = as("P3");
    struct audit_finding_new f = {"AP1", "department", "K1", "medium", "5.2(2)⑤", "記録なし",
                                  NULL, NULL, 0, "2026-06-01"};
    long long fid = 0, pid = 0;
    assert_int_equal(audit_finding_add(st, &auditor, &f, &fid, &err), MM_OK);
    /* The 管理者 of another 課室 does not own it; only the CISO instructs. */
    assert_int_equal(audit_improvement_plan(st, &ciso, fid, "P6", "様式", "2026-09-30", &pid, &err),
                     MM_EREFUSED);
    assert_int_equal(audit_improvement_plan(st, &owner, fid, "P3", "様式", "2026-09-30", &pid, &err),
                     MM_EREFUSED);
    assert_int_equal(audit_improvement_plan(st, &ciso, fid, "P3", "様式を定める", "2026-09-30", &pid,
                                            &err), MM_OK);
    assert_int_equal(audit_progress_report(st, &auditor, pid, "2026-07-01", 50, "案", &err),
                     MM_EREFUSED);
    assert_int_equal(audit_progress_report(st, &owner, pid, "2026-07-01", 100, "制定", &err), MM_OK);
    assert_int_equal(audit_verify(st, &owner, pid, "2026-07-05", 1, NULL, &err), MM_EREFUSED);
    assert_int_equal(audit_verify(st, &auditor, pid, "2026-07-05", 1, NULL, &err), MM_OK);
    assert_int_equal(one("SELECT COUNT(*) FROM audit_finding WHERE status = 'verified'"), 1);
    assert_int_equal(audit_progress_report(st, &owner, pid, "2026-07-06", 100, "再", &err),
                     MM_EREFUSED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test_setup_teardown(test_training_rate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_campaign_and_carry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_cycle, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
