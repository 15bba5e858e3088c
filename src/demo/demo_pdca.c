/*
 * demo_pdca.c — self-assessment and audit data for the demo municipality (demo_pdca.h).
 */
#include "demo/demo_pdca.h"

#include <stdio.h>
#include <string.h>

#include "pdca/assessment.h"
#include "pdca/audit.h"
#include "pdca/pdca_impl.h"
#include "rules/rules.h"

/* The demo has 60 systems; a scaled demo has that many times the multiplier. */
#define DEMO_PDCA_MAX_SYSTEMS 200

/* The first person holding `role` for the whole body on that day ("" when none). */
static int holder(struct store *st, const char *role, const char *day, const char *not_person,
                  char out[128], struct mm_err *err)
{
    return pdca_text(st, err, out, 128, NULL,
                     "SELECT person_id FROM role_assignment WHERE role = ? "
                     "AND scope_type = 'organization' AND valid_from <= ? "
                     "AND (valid_to IS NULL OR valid_to >= ?) AND person_id <> ? "
                     "ORDER BY person_id LIMIT 1",
                     "tttt", role, day, day, not_person ? not_person : "");
}

/* The first 課室 (by sort) with a 管理者 that day, and that 管理者. */
static int target_unit(struct store *st, const char *day, char dept[128], char ism[128],
                       struct mm_err *err)
{
    int rc = pdca_text(st, err, dept, 128, NULL,
                       "SELECT d.id FROM department d JOIN role_assignment ra "
                       "ON ra.scope_department_id = d.id AND ra.role = 'ism' "
                       "AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
                       "JOIN person p ON p.id = ra.person_id AND p.status = 'active' "
                       "WHERE d.level = 'kashitsu' ORDER BY d.sort, d.id LIMIT 1",
                       "tt", day, day);
    if (!rc)
        rc = pdca_text(st, err, ism, 128, NULL,
                       "SELECT ra.person_id FROM role_assignment ra JOIN person p "
                       "ON p.id = ra.person_id AND p.status = 'active' WHERE ra.role = 'ism' "
                       "AND ra.scope_department_id = ? AND ra.valid_from <= ? "
                       "AND (ra.valid_to IS NULL OR ra.valid_to >= ?) ORDER BY ra.person_id LIMIT 1",
                       "ttt", dept, day, day);
    return rc;
}

/* An active member of staff with no role, outside the audited 部局, as the auditor. */
static int independent_auditor(struct store *st, const char *plan, char out[128],
                               struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT p.id FROM person p WHERE p.status = 'active' "
                          "AND p.employment = 'regular' AND p.department_id IS NOT NULL "
                          "AND NOT EXISTS (SELECT 1 FROM role_assignment ra "
                          "WHERE ra.person_id = p.id) ORDER BY p.id LIMIT 200",
                          "", &s, err);
    if (rc)
        return rc;
    char ids[200][128];
    int n = 0;
    while (n < 200 && (rc = store_step(s, err)) == STORE_ROW)
        snprintf(ids[n++], 128, "%s", store_col_text(s, 0));
    store_finalize(s);
    out[0] = 0;
    for (int i = 0; i < n && !out[0]; i++) {
        int conflicts = 0;
        if ((rc = audit_independence(st, plan, ids[i], NULL, NULL, &conflicts, err)))
            return rc;
        if (!conflicts)
            snprintf(out, 128, "%.127s", ids[i]);
    }
    return MM_OK;
}

static int campaign(struct store *st, const struct pdca_actor *a, int fy, const char *due,
                    const char *day, struct mm_err *err)
{
    struct assessment_campaign_opts o = {fy, NULL, due, 1};
    struct assessment_campaign_result r;
    int rc = assessment_campaign_create(st, a, &o, &r, err);
    char isr[128], buk[128];
    if (!rc)
        rc = pdca_text(st, err, buk, sizeof buk, NULL,
                       "SELECT id FROM department WHERE level = 'bukyoku' ORDER BY sort, id LIMIT 1",
                       "");
    if (!rc)
        rc = pdca_text(st, err, isr, sizeof isr, NULL,
                       "SELECT person_id FROM role_assignment WHERE role = 'isr' "
                       "AND scope_department_id = ? AND valid_from <= ? "
                       "AND (valid_to IS NULL OR valid_to >= ?) LIMIT 1",
                       "ttt", buk, day, day);
    if (rc || !isr[0])
        return rc;
    struct store_stmt *s;
    rc = pdca_prepare(st,
                      "SELECT q.id FROM assessment_question q JOIN assessment x "
                      "ON x.id = q.assessment_id WHERE x.campaign_id = ? AND x.target_id = ? "
                      "AND q.role = 'isr' ORDER BY q.sort LIMIT 3",
                      "it", &s, err, r.id, buk);
    if (rc)
        return rc;
    long long qs[3];
    int n = 0;
    while (n < 3 && (rc = store_step(s, err)) == STORE_ROW)
        qs[n++] = store_col_int(s, 0);
    store_finalize(s);
    struct pdca_actor resp = {a->log, isr, day};
    static const char *const answers[] = {"done", "partial", "done"};
    static const char *const comments[] = {"部局内の体制を年度初めに確認した",
                                           "課室の一部で手順の見直しが残っている", NULL};
    rc = MM_OK;
    for (int i = 0; i < n && !rc; i++)
        rc = assessment_answer(st, &resp, qs[i], answers[i], comments[i], err);
    return rc;
}

int demo_pdca(struct store *st, const char *day, struct mm_err *err)
{
    long long plans = 0;
    int rc = pdca_int(st, err, &plans, "SELECT COUNT(*) FROM audit_plan", "");
    if (rc || plans)
        return rc;
    char chief[128], ciso[128], member[128], dept[128], ism[128], auditor[128];
    rc = holder(st, "audit_chief", day, NULL, chief, err);
    if (!rc)
        rc = holder(st, "ciso", day, NULL, ciso, err);
    if (!rc)
        rc = holder(st, "committee", day, chief, member, err);
    if (!rc)
        rc = target_unit(st, day, dept, ism, err);
    if (rc || !chief[0] || !ciso[0] || !member[0] || !dept[0] || !ism[0])
        return rc;
    int fy = pdca_fiscal_year(day);
    char ends[11], due[11], plan[64];
    date_minus_days(day, -90, ends);
    date_minus_days(day, -60, due);
    snprintf(plan, sizeof plan, "audit-%d-01", fy);
    struct pdca_actor sys = {{"system:demo"}, chief, day};
    /* A scaled demo (init --scale) would get hundreds of thousands of questions: it is there to
     * measure the registers and checks, so it gets the audit only. */
    long long systems = 0;
    rc = pdca_int(st, err, &systems, "SELECT COUNT(*) FROM system", "");
    if (!rc && systems <= DEMO_PDCA_MAX_SYSTEMS)
        rc = campaign(st, &sys, fy, due, day, err);

    char title[128];
    snprintf(title, sizeof title, "令和%d年度 内部監査（研修の記録とアカウント管理）", fy - 2018);
    struct audit_plan_new p = {plan, title, "internal", fy, day, ends,
                               "研修受講の記録と報告（5.2(2)⑤）、異動・退職時のアカウント停止（6.2(1)②）"};
    if (!rc)
        rc = audit_plan_create(st, &sys, &p, err);
    if (!rc)
        rc = audit_scope_add(st, &sys, plan, "department", dept, err);
    if (!rc)
        rc = independent_auditor(st, plan, auditor, err);
    if (!rc && !auditor[0])
        return MM_OK;
    if (!rc)
        rc = audit_team_add(st, &sys, plan, auditor, 1, NULL, err);
    struct pdca_actor com = {{"system:demo"}, member, day}, aud = {{"system:demo"}, auditor, day};
    struct pdca_actor cis = {{"system:demo"}, ciso, day}, own = {{"system:demo"}, ism, day};
    if (!rc)
        rc = audit_plan_approve(st, &com, plan, day, "情報セキュリティ委員会 議事録", err);
    struct audit_finding_new f1 = {plan, "department", dept, "medium", "5.2(2)⑤",
                                   "研修の受講状況を統括情報セキュリティ責任者へ報告した記録がない",
                                   "受講記録は課室で保管しているが、報告の様式と期限が定まっていない",
                                   "報告の手順が実施手順にない", 0, day};
    struct audit_finding_new f2 = {plan, "department", dept, "low", "6.2(1)②(ア)",
                                   "異動者のアカウント停止の依頼が口頭で行われている",
                                   "停止の依頼と完了の記録が残っていない", NULL, 0, day};
    long long id1 = 0, id2 = 0, ip1 = 0, ip2 = 0;
    if (!rc)
        rc = audit_finding_add(st, &aud, &f1, &id1, err);
    if (!rc)
        rc = audit_finding_add(st, &aud, &f2, &id2, err);
    if (!rc)
        rc = audit_improvement_plan(st, &cis, id1, ism, "報告の様式と期限を実施手順に定め、四半期ごとに報告する",
                                    due, &ip1, err);
    if (!rc)
        rc = audit_progress_report(st, &own, ip1, day, 30, "報告様式の案を作成した", err);
    if (!rc)
        rc = audit_improvement_plan(st, &cis, id2, ism, "アカウント停止の依頼を様式で行い、記録を残す",
                                    due, &ip2, err);
    if (!rc)
        rc = audit_progress_report(st, &own, ip2, day, 100, "依頼様式を定め、過去分の記録を整えた",
                                   err);
    if (!rc)
        rc = audit_verify(st, &aud, ip2, day, 1, "依頼様式と記録を確認した", err);
    return rc;
}
