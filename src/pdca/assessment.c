/*
 * assessment.c — 自己点検: templates, campaigns, answers, submission and review (assessment.h).
 */
#include "pdca/assessment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "pdca/pdca_impl.h"

static const char *const answer_codes[] = {"done", "partial", "not_done", "na"};

int assessment_templates_seed(struct store *st, long long *added, struct mm_err *err)
{
    long long have = 0;
    *added = 0;
    int rc = pdca_int(st, err, &have, "SELECT COUNT(*) FROM assessment_question_template", "");
    if (rc || have)
        return rc;
    char rev[64];
    if ((rc = catalog_current_revision(st, rev, sizeof rev, err)))
        return rc;
    /* A 推奨事項 is asked only when the organization adopted it. */
    rc = pdca_exec(st, err,
                   "INSERT INTO assessment_question_template "
                   "(id, target_kind, role, revision, clause_id, text, active, sort) "
                   "SELECT tr.target_kind || ':' || tr.role || ':' || c.id, tr.target_kind, "
                   "tr.role, c.revision, c.id, "
                   "c.title || '（' || c.id || '）について、対策基準のとおり実施していますか。', 1, "
                   "c.sort FROM assessment_target_role tr "
                   "JOIN catalog_role cr ON cr.role = tr.role "
                   "JOIN catalog_mark m ON m.role = cr.code AND m.mark = '○' AND m.revision = ? "
                   "JOIN catalog_clause c ON c.revision = m.revision AND c.id = m.clause_id "
                   "WHERE c.status <> 'heading' AND (c.recommended = 0 OR EXISTS "
                   "(SELECT 1 FROM org_recommendation o WHERE o.clause_id = c.id AND o.adopted = 1))",
                   "t", rev);
    if (!rc)
        rc = pdca_int(st, err, added, "SELECT COUNT(*) FROM assessment_question_template", "");
    return rc;
}

int assessment_template_set(struct store *st, const struct pdca_actor *a, const char *id,
                            const char *text, int active, struct mm_err *err)
{
    if (text && !*text)
        return mm_err_set(err, MM_EINPUT, "設問の文が空です");
    int rc = store_begin(st, err), found = 0;
    char old[2048];
    long long was = 0;
    if (!rc)
        rc = pdca_text(st, err, old, sizeof old, &found,
                       "SELECT text FROM assessment_question_template WHERE id = ?", "t", id);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "設問のひな形「%s」はありません", id);
    if (!rc)
        rc = pdca_int(st, err, &was, "SELECT active FROM assessment_question_template WHERE id = ?",
                      "t", id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "UPDATE assessment_question_template SET text = COALESCE(?, text), "
                       "active = CASE WHEN ? < 0 THEN active ELSE ? END WHERE id = ?",
                       "tiit", text, (long long)active, (long long)active, id);
    json_t *before = rc ? NULL : json_pack("{s:s, s:b}", "text", old, "active", (int)was);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:b}", "text", text ? text : old, "active",
                                   active < 0 ? (int)was : active);
    return pdca_finish(st, rc, a, "update", "assessment_question_template", id, before, after,
                       err);
}

int assessment_template_add(struct store *st, const struct pdca_actor *a, const char *id,
                            const char *target_kind, const char *role, const char *clause_id,
                            const char *text, struct mm_err *err)
{
    if (!id || !*id || !text || !*text)
        return mm_err_set(err, MM_EINPUT, "設問の ID と文を指定してください");
    char rev[64], b[8];
    int found = 0;
    long long seeded = 0, sort = 0;
    int rc = store_begin(st, err);
    if (!rc) /* the catalog's questions first, so that adding one does not stop the seeding */
        rc = assessment_templates_seed(st, &seeded, err);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found,
                       "SELECT 1 FROM assessment_target_role WHERE target_kind = ? AND role = ?",
                       "tt", target_kind, role);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EINPUT,
                        "対象区分「%s」と役割「%s」の組は assessment_target_role にありません",
                        target_kind ? target_kind : "", role ? role : "");
    if (!rc)
        rc = catalog_current_revision(st, rev, sizeof rev, err);
    if (!rc)
        rc = pdca_int(st, err, &sort, "SELECT sort FROM catalog_clause WHERE revision = ? AND id = ?",
                      "tt", rev, clause_id);
    if (!rc && !sort)
        rc = mm_err_set(err, MM_EINPUT, "条項「%s」は条項集 %s にありません",
                        clause_id ? clause_id : "", rev);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found,
                       "SELECT 1 FROM assessment_question_template WHERE id = ?", "t", id);
    if (!rc && found)
        rc = mm_err_set(err, MM_EREFUSED, "設問のひな形「%s」は既にあります", id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO assessment_question_template (id, target_kind, role, revision, "
                       "clause_id, text, active, sort) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
                       "tttttti", id, target_kind, role, rev, clause_id, text, sort);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:s, s:s, s:s, s:s}", "target_kind", target_kind, "role",
                                   role, "revision", rev, "clause_id", clause_id, "text", text);
    return pdca_finish(st, rc, a, "create", "assessment_question_template", id, NULL, after, err);
}

int assessment_campaign_of(struct store *st, int fy, long long *id, struct mm_err *err)
{
    return pdca_int(st, err, id, "SELECT id FROM assessment_campaign WHERE fiscal_year = ?", "i",
                    (long long)fy);
}

/* ---- campaign creation ---- */

/* The open findings of the run for rules (that ran) checking the template's clause. */
#define AUTO_RULES                                                                             \
    "f.run_id = ? AND f.accepted = 0 AND f.rule_id IN (SELECT cc.ref FROM catalog_coverage cc " \
    "WHERE cc.kind = 'rule' AND cc.revision = t.revision AND cc.clause_id = t.clause_id)"
#define AUTO_COVERED                                                                           \
    "EXISTS (SELECT 1 FROM catalog_coverage cc JOIN check_run_rule crr ON crr.rule_id = cc.ref " \
    "AND crr.run_id = ? WHERE cc.kind = 'rule' AND cc.revision = t.revision "                   \
    "AND cc.clause_id = t.clause_id)"
#define QUESTION_INTO(dest, scope_cte, scope_cond)                                            \
    scope_cte "INSERT INTO " dest " (assessment_id, template_id, clause_id, role, "             \
              "text, sort, auto_run_id, auto_findings) "                                       \
              "SELECT ?, t.id, t.clause_id, t.role, t.text, t.sort, "                          \
              "CASE WHEN " AUTO_COVERED " THEN ? END, "                                        \
              "CASE WHEN " AUTO_COVERED " THEN (SELECT COUNT(*) FROM finding f WHERE "         \
              AUTO_RULES " AND " scope_cond ") END "                                           \
              "FROM assessment_question_template t "                                           \
              "WHERE t.active = 1 AND t.target_kind = ? ORDER BY t.sort, t.role"
#define SCOPE_BUKYOKU_CTE                                                                       \
    "WITH RECURSIVE sub(id) AS (SELECT CAST(? AS TEXT) UNION ALL "                               \
    "SELECT d.id FROM department d JOIN sub ON d.parent_id = sub.id) "
#define SCOPE_BUKYOKU                                                                           \
    "(f.department_id IN (SELECT id FROM sub) OR f.system_id IN "                                \
    "(SELECT s.id FROM system s WHERE s.department_id IN (SELECT id FROM sub)))"
#define SCOPE_ONE_CTE "WITH sub(id) AS (SELECT CAST(? AS TEXT)) "
#define SCOPE_NETWORK                                                                           \
    "(f.system_id IN (SELECT s.id FROM system s WHERE s.domain IN "                              \
    "(SELECT id FROM sub)) OR (f.system_id IS NULL AND f.department_id IS NULL))"
#define SCOPE_SYSTEM "f.system_id IN (SELECT id FROM sub)"
#define REFRESH_TABLE "pdca_refresh"

/* Per kind of target: the questions of a new assessment, and the same into the refresh table. */
static const struct {
    const char *kind, *sql, *refresh;
} question_sql[] = {
    {"bukyoku", QUESTION_INTO("assessment_question", SCOPE_BUKYOKU_CTE, SCOPE_BUKYOKU),
     QUESTION_INTO(REFRESH_TABLE, SCOPE_BUKYOKU_CTE, SCOPE_BUKYOKU)},
    {"network", QUESTION_INTO("assessment_question", SCOPE_ONE_CTE, SCOPE_NETWORK),
     QUESTION_INTO(REFRESH_TABLE, SCOPE_ONE_CTE, SCOPE_NETWORK)},
    {"system", QUESTION_INTO("assessment_question", SCOPE_ONE_CTE, SCOPE_SYSTEM),
     QUESTION_INTO(REFRESH_TABLE, SCOPE_ONE_CTE, SCOPE_SYSTEM)},
};

static int add_assessment(struct store *st, long long campaign, long long run, const char *kind,
                          const char *target, const char *dept, const char *system,
                          struct mm_err *err)
{
    int rc = pdca_exec(st, err,
                       "INSERT INTO assessment (campaign_id, target_kind, target_id, "
                       "department_id, system_id, status) VALUES (?, ?, ?, ?, ?, 'open')",
                       "itttt", campaign, kind, target, dept && *dept ? dept : NULL, system);
    long long id = 0;
    if (!rc)
        rc = pdca_int(st, err, &id,
                      "SELECT id FROM assessment WHERE campaign_id = ? AND target_kind = ? "
                      "AND target_id = ?",
                      "itt", campaign, kind, target);
    for (size_t k = 0; !rc && k < sizeof question_sql / sizeof *question_sql; k++)
        if (!strcmp(question_sql[k].kind, kind))
            rc = pdca_exec(st, err, question_sql[k].sql, "tiiiiit", target, id, run, run, run,
                           run, kind);
    return rc;
}

/* Every target of the campaign: 部局, network domains, systems. */
static int add_assessments(struct store *st, long long campaign, long long run,
                           struct mm_err *err)
{
    static const char *const targets_sql =
        "SELECT 'bukyoku', id, id, NULL FROM department WHERE level = 'bukyoku' "
        "UNION ALL SELECT 'network', code, NULL, NULL FROM network_domain "
        "UNION ALL SELECT 'system', id, department_id, id FROM system";
    struct store_stmt *s;
    int rc = store_prepare(st, targets_sql, &s, err);
    if (rc)
        return rc;
    char (*rows)[4][128] = NULL;
    size_t n = 0, cap = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            rows = realloc(rows, cap * sizeof *rows);
            if (!rows)
                abort();
        }
        for (int c = 0; c < 4; c++) {
            const char *v = store_col_text(s, c);
            snprintf(rows[n][c], 128, "%s", v ? v : "");
        }
        n++;
    }
    store_finalize(s);
    rc = rc == STORE_DONE ? MM_OK : rc;
    for (size_t i = 0; i < n && !rc; i++) {
        char buk[128] = "";
        if (rows[i][2][0])
            rc = pdca_bukyoku_of(st, rows[i][2], buk, err);
        if (!rc)
            rc = add_assessment(st, campaign, run, rows[i][0], rows[i][1], buk,
                                rows[i][3][0] ? rows[i][3] : NULL, err);
    }
    free(rows);
    return rc;
}

#define PREVIOUS(col)                                                                          \
    "(SELECT pq." col " FROM assessment_question pq "                                          \
    "JOIN assessment pa ON pa.id = pq.assessment_id "                                          \
    "JOIN assessment ca ON ca.target_kind = pa.target_kind AND ca.target_id = pa.target_id "    \
    "WHERE ca.id = assessment_question.assessment_id AND pa.campaign_id = ? "                   \
    "AND pq.template_id = assessment_question.template_id AND pq.answer IS NOT NULL)"
#define IN_CAMPAIGN "assessment_id IN (SELECT id FROM assessment WHERE campaign_id = ?)"

/* Answers not given by a respondent follow the check result: findings → 一部実施 (over a
 * carried answer), none → 実施 where nothing else answered (or the check had answered). */
#define NOT_RESPONDENT " AND (answer_source IS NULL OR answer_source <> 'respondent')"
#define OPEN_ASSESSMENTS                                                                        \
    "assessment_id IN (SELECT id FROM assessment WHERE campaign_id = ? "                       \
    "AND status IN ('open', 'returned'))"
static int apply_auto(struct store *st, long long campaign, struct mm_err *err)
{
    int rc = pdca_exec(st, err,
                       "UPDATE assessment_question SET answer = 'partial', answer_source = 'auto', "
                       "comment = '自動点検（実行 #' || CAST(auto_run_id AS TEXT) || '）で指摘 ' "
                       "|| CAST(auto_findings AS TEXT) || ' 件' || CASE WHEN comment IS NULL "
                       "OR answer_source = 'auto' THEN '' ELSE '。前年度のコメント: ' || comment END "
                       "WHERE " OPEN_ASSESSMENTS " AND auto_findings > 0" NOT_RESPONDENT,
                       "i", campaign);
    if (!rc)
        rc = pdca_exec(st, err,
                       "UPDATE assessment_question SET answer = 'done', answer_source = 'auto', "
                       "comment = '自動点検（実行 #' || CAST(auto_run_id AS TEXT) || '）で指摘なし' "
                       "WHERE " OPEN_ASSESSMENTS " AND auto_findings = 0 "
                       "AND (answer IS NULL OR answer_source = 'auto')",
                       "i", campaign);
    return rc;
}

static int prefill(struct store *st, long long campaign, long long prev, int carry,
                   struct assessment_campaign_result *res, struct mm_err *err)
{
    int rc = MM_OK;
    if (carry && prev)
        rc = pdca_exec(st, err,
                       "UPDATE assessment_question SET answer = " PREVIOUS("answer")
                       ", comment = " PREVIOUS("comment") ", answer_source = 'carried' WHERE "
                       IN_CAMPAIGN " AND " PREVIOUS("id") " IS NOT NULL",
                       "iiii", prev, prev, campaign, prev);
    if (!rc)
        rc = apply_auto(st, campaign, err);
    if (!rc)
        rc = pdca_int(st, err, &res->carried,
                      "SELECT COUNT(*) FROM assessment_question WHERE " IN_CAMPAIGN
                      " AND answer_source = 'carried'",
                      "i", campaign);
    if (!rc)
        rc = pdca_int(st, err, &res->auto_prefilled,
                      "SELECT COUNT(*) FROM assessment_question WHERE " IN_CAMPAIGN
                      " AND answer_source = 'auto'",
                      "i", campaign);
    return rc;
}

int assessment_campaign_create(struct store *st, const struct pdca_actor *a,
                               const struct assessment_campaign_opts *o,
                               struct assessment_campaign_result *res, struct mm_err *err)
{
    memset(res, 0, sizeof *res);
    if (o->fiscal_year < 2000 || o->fiscal_year > 9998)
        return mm_err_set(err, MM_EINPUT, "年度「%d」は正しくありません", o->fiscal_year);
    if (o->due_on && !pdca_date_ok(o->due_on))
        return mm_err_set(err, MM_EINPUT, "期限「%s」は YYYY-MM-DD の日付ではありません",
                          o->due_on);
    char title[256], now[32];
    snprintf(title, sizeof title, "%s",
             o->title ? o->title : "");
    if (!o->title)
        snprintf(title, sizeof title, "令和%d年度 情報セキュリティ自己点検", o->fiscal_year - 2018);
    pdca_now(now);
    long long exists = 0, prev = 0, seeded = 0;
    int rc = store_begin(st, err);
    if (!rc)
        rc = assessment_campaign_of(st, o->fiscal_year, &exists, err);
    if (!rc && exists)
        rc = mm_err_set(err, MM_EREFUSED, "%d年度の自己点検は既に作成されています（番号 %lld）",
                        o->fiscal_year, exists);
    if (!rc)
        rc = assessment_templates_seed(st, &seeded, err);
    if (!rc)
        rc = pdca_int(st, err, &res->run_id,
                      "SELECT COALESCE(MAX(id), 0) FROM check_run WHERE scope = 'all'", "");
    if (!rc)
        rc = pdca_int(st, err, &prev,
                      "SELECT COALESCE(MAX(id), 0) FROM assessment_campaign "
                      "WHERE fiscal_year < ?",
                      "i", (long long)o->fiscal_year);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO assessment_campaign (fiscal_year, title, created_at, "
                       "created_by, due_on, check_run_id, carried_from) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       "itttt" "tt", (long long)o->fiscal_year, title, now, a->log.id, o->due_on,
                       NULL, NULL);
    if (!rc)
        rc = assessment_campaign_of(st, o->fiscal_year, &res->id, err);
    if (!rc && res->run_id)
        rc = pdca_exec(st, err, "UPDATE assessment_campaign SET check_run_id = ? WHERE id = ?",
                       "ii", res->run_id, res->id);
    if (!rc && prev && o->carry_forward)
        rc = pdca_exec(st, err, "UPDATE assessment_campaign SET carried_from = ? WHERE id = ?",
                       "ii", prev, res->id);
    if (!rc)
        rc = add_assessments(st, res->id, res->run_id, err);
    if (!rc)
        rc = prefill(st, res->id, prev, o->carry_forward, res, err);
    if (!rc)
        rc = pdca_int(st, err, &res->assessments,
                      "SELECT COUNT(*) FROM assessment WHERE campaign_id = ?", "i", res->id);
    if (!rc)
        rc = pdca_int(st, err, &res->questions,
                      "SELECT COUNT(*) FROM assessment_question WHERE " IN_CAMPAIGN, "i", res->id);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", res->id);
    json_t *after = rc ? NULL
                       : json_pack("{s:I, s:s, s:o, s:I, s:I, s:I, s:I, s:I, s:I}", "fiscal_year",
                                   (json_int_t)o->fiscal_year, "title", title, "due_on",
                                   pdca_js(o->due_on), "check_run_id", (json_int_t)res->run_id,
                                   "carried_from", (json_int_t)(o->carry_forward ? prev : 0),
                                   "assessments", (json_int_t)res->assessments, "questions",
                                   (json_int_t)res->questions, "carried",
                                   (json_int_t)res->carried, "auto_prefilled",
                                   (json_int_t)res->auto_prefilled);
    return pdca_finish(st, rc, a, "create", "assessment_campaign", idtxt, NULL, after, err);
}

/* ---- refreshing the check results ---- */

static int refresh_one(struct store *st, long long id, const char *kind, const char *target,
                       long long run, struct mm_err *err)
{
    int rc = pdca_exec(st, err, "DELETE FROM " REFRESH_TABLE, "");
    for (size_t k = 0; !rc && k < sizeof question_sql / sizeof *question_sql; k++)
        if (!strcmp(question_sql[k].kind, kind))
            rc = pdca_exec(st, err, question_sql[k].refresh, "tiiiiit", target, id, run, run, run,
                           run, kind);
    if (!rc)
        rc = pdca_exec(st, err,
                       "UPDATE assessment_question SET "
                       "auto_run_id = (SELECT x.auto_run_id FROM " REFRESH_TABLE " x "
                       "WHERE x.template_id = assessment_question.template_id), "
                       "auto_findings = (SELECT x.auto_findings FROM " REFRESH_TABLE " x "
                       "WHERE x.template_id = assessment_question.template_id) "
                       "WHERE assessment_id = ?",
                       "i", id);
    return rc;
}

int assessment_refresh_auto(struct store *st, const struct pdca_actor *a, int fiscal_year,
                            long long *updated, struct mm_err *err)
{
    long long campaign = 0, run = 0;
    *updated = 0;
    int rc = store_begin(st, err);
    if (!rc)
        rc = assessment_campaign_of(st, fiscal_year, &campaign, err);
    if (!rc && !campaign)
        rc = mm_err_set(err, MM_EREFUSED, "%d年度の自己点検はまだ作成されていません", fiscal_year);
    if (!rc)
        rc = pdca_int(st, err, &run, "SELECT COALESCE(MAX(id), 0) FROM check_run WHERE scope = 'all'",
                      "");
    if (!rc && !run)
        rc = mm_err_set(err, MM_EREFUSED, "全規則の自動点検（mamori check）の記録がありません");
    if (!rc)
        rc = store_exec(st,
                        "CREATE TEMP TABLE IF NOT EXISTS " REFRESH_TABLE " (assessment_id INTEGER, "
                        "template_id TEXT, clause_id TEXT, role TEXT, text TEXT, sort INTEGER, "
                        "auto_run_id INTEGER, auto_findings INTEGER)",
                        err);
    struct store_stmt *s = NULL;
    if (!rc)
        rc = pdca_prepare(st,
                          "SELECT id, target_kind, target_id FROM assessment WHERE campaign_id = ? "
                          "AND status IN ('open', 'returned') ORDER BY id",
                          "i", &s, err, campaign);
    struct {
        long long id;
        char kind[32], target[128];
    } *rows = NULL;
    size_t n = 0;
    while (s && (rc = store_step(s, err)) == STORE_ROW) {
        rows = realloc(rows, (n + 1) * sizeof *rows);
        if (!rows)
            abort();
        rows[n].id = store_col_int(s, 0);
        snprintf(rows[n].kind, sizeof rows[n].kind, "%s", store_col_text(s, 1));
        snprintf(rows[n].target, sizeof rows[n].target, "%s", store_col_text(s, 2));
        n++;
    }
    store_finalize(s);
    rc = rc == STORE_DONE ? MM_OK : rc;
    for (size_t i = 0; i < n && !rc; i++)
        rc = refresh_one(st, rows[i].id, rows[i].kind, rows[i].target, run, err);
    free(rows);
    if (!rc)
        rc = apply_auto(st, campaign, err);
    if (!rc)
        rc = pdca_exec(st, err, "UPDATE assessment_campaign SET check_run_id = ? WHERE id = ?", "ii",
                       run, campaign);
    if (!rc)
        rc = pdca_int(st, err, updated,
                      "SELECT COUNT(*) FROM assessment_question WHERE " OPEN_ASSESSMENTS
                      " AND answer_source = 'auto'",
                      "i", campaign);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", campaign);
    json_t *after = rc ? NULL
                       : json_pack("{s:I, s:I, s:I}", "check_run_id", (json_int_t)run,
                                   "assessments", (json_int_t)n, "auto_answers",
                                   (json_int_t)*updated);
    return pdca_finish(st, rc, a, "update", "assessment_campaign", idtxt, NULL, after, err);
}

/* ---- answering, submitting, reviewing ---- */

struct target {
    char kind[32], id[128], status[32], submitted_by[128];
    long long id_num;
};

static int load_target(struct store *st, long long assessment_id, struct target *t,
                       struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT target_kind, target_id, status, COALESCE(submitted_by, '') "
                          "FROM assessment WHERE id = ?",
                          "i", &s, err, assessment_id);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        snprintf(t->kind, sizeof t->kind, "%s", store_col_text(s, 0));
        snprintf(t->id, sizeof t->id, "%s", store_col_text(s, 1));
        snprintf(t->status, sizeof t->status, "%s", store_col_text(s, 2));
        snprintf(t->submitted_by, sizeof t->submitted_by, "%s", store_col_text(s, 3));
        t->id_num = assessment_id;
    }
    store_finalize(s);
    if (rc == STORE_DONE)
        return mm_err_set(err, MM_EREFUSED, "自己点検「%lld」はありません", assessment_id);
    return rc == STORE_ROW ? MM_OK : rc;
}

/* Whether the acting person holds `role` for the assessment's target. */
static int acts_for(struct store *st, const struct pdca_actor *a, const struct target *t,
                    const char *role, int *yes, struct mm_err *err)
{
    int is_buk = !strcmp(t->kind, "bukyoku"), is_sys = !strcmp(t->kind, "system");
    return pdca_holds_role(st, a->person_id, role, a->today, is_buk ? t->id : NULL,
                           is_sys ? t->id : NULL, yes, err);
}

static int lead_role(struct store *st, const char *kind, char role[64], struct mm_err *err)
{
    return pdca_text(st, err, role, 64, NULL,
                     "SELECT role FROM assessment_target_role WHERE target_kind = ? AND lead = 1",
                     "t", kind);
}

static int need_person(const struct pdca_actor *a, struct mm_err *err)
{
    if (!a->person_id || !*a->person_id)
        return mm_err_set(err, MM_EINPUT, "誰が行うか（職員 ID）を指定してください");
    return MM_OK;
}

static int editable(const struct target *t, struct mm_err *err)
{
    if (strcmp(t->status, "open") && strcmp(t->status, "returned"))
        return mm_err_set(err, MM_EREFUSED,
                          "自己点検 %lld は提出済み又は受理済みのため、回答を変えられません",
                          t->id_num);
    return MM_OK;
}

int assessment_answer(struct store *st, const struct pdca_actor *a, long long question_id,
                      const char *answer, const char *comment, struct mm_err *err)
{
    int known = 0;
    for (size_t i = 0; i < sizeof answer_codes / sizeof *answer_codes; i++)
        known |= answer && !strcmp(answer, answer_codes[i]);
    if (!known)
        return mm_err_set(err, MM_EINPUT,
                          "回答「%s」は使えません（done 実施, partial 一部実施, not_done 未実施, "
                          "na 該当なし）",
                          answer ? answer : "");
    int rc = need_person(a, err);
    if (rc)
        return rc;
    long long aid = 0;
    struct target t;
    char role[64], old[32], now[32];
    int found = 0, yes = 0, lead = 0;
    pdca_now(now);
    rc = store_begin(st, err);
    if (!rc)
        rc = pdca_text(st, err, role, sizeof role, &found,
                       "SELECT role FROM assessment_question WHERE id = ?", "i", question_id);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "設問「%lld」はありません", question_id);
    if (!rc)
        rc = pdca_int(st, err, &aid, "SELECT assessment_id FROM assessment_question WHERE id = ?",
                      "i", question_id);
    if (!rc)
        rc = load_target(st, aid, &t, err);
    if (!rc)
        rc = editable(&t, err);
    if (!rc)
        rc = acts_for(st, a, &t, role, &yes, err);
    if (!rc && !yes) { /* the lead (情報セキュリティ責任者) may answer for the 部局's 管理者 */
        char lr[64];
        rc = lead_role(st, t.kind, lr, err);
        if (!rc)
            rc = acts_for(st, a, &t, lr, &lead, err);
    }
    if (!rc && !yes && !lead)
        rc = mm_err_set(err, MM_EREFUSED,
                        "職員「%s」はこの設問（役割 %s、対象 %s）に回答する役割を持っていません",
                        a->person_id, role, t.id);
    if (!rc)
        rc = pdca_text(st, err, old, sizeof old, NULL,
                       "SELECT COALESCE(answer, '') FROM assessment_question WHERE id = ?", "i",
                       question_id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "UPDATE assessment_question SET answer = ?, comment = ?, "
                       "answer_source = 'respondent', answered_by = ?, answered_at = ? WHERE id = ?",
                       "tttti", answer, comment, a->person_id, now,
                       question_id);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", question_id);
    json_t *before = rc ? NULL : json_pack("{s:o}", "answer", pdca_js(old[0] ? old : NULL));
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:o, s:s, s:I}", "answer", answer, "comment",
                                   pdca_js(comment), "answered_by", a->person_id, "assessment_id",
                                   (json_int_t)aid);
    return pdca_finish(st, rc, a, "update", "assessment_question", idtxt, before, after, err);
}

int assessment_submit(struct store *st, const struct pdca_actor *a, long long assessment_id,
                      const char *improvement, struct mm_err *err)
{
    int rc = need_person(a, err), yes = 0;
    if (rc)
        return rc;
    struct target t;
    char role[64], now[32];
    long long open = 0;
    pdca_now(now);
    rc = store_begin(st, err);
    if (!rc)
        rc = load_target(st, assessment_id, &t, err);
    if (!rc)
        rc = editable(&t, err);
    if (!rc)
        rc = lead_role(st, t.kind, role, err);
    if (!rc)
        rc = acts_for(st, a, &t, role, &yes, err);
    if (!rc && !yes)
        rc = mm_err_set(err, MM_EREFUSED, "自己点検 %lld を提出できるのは対象（%s）の %s です",
                        assessment_id, t.id, role);
    if (!rc)
        rc = pdca_int(st, err, &open,
                      "SELECT COUNT(*) FROM assessment_question WHERE assessment_id = ? "
                      "AND answer IS NULL",
                      "i", assessment_id);
    if (!rc && open)
        rc = mm_err_set(err, MM_EREFUSED, "未回答の設問が %lld 問あるため提出できません", open);
    if (!rc)
        rc = pdca_exec(st, err,
                       "UPDATE assessment SET status = 'submitted', submitted_at = ?, "
                       "submitted_by = ?, improvement = COALESCE(?, improvement) WHERE id = ?",
                       "ttti", now, a->person_id, improvement, assessment_id);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", assessment_id);
    json_t *before = rc ? NULL : json_pack("{s:s}", "status", t.status);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:s, s:o}", "status", "submitted", "submitted_by",
                                   a->person_id, "improvement", pdca_js(improvement));
    return pdca_finish(st, rc, a, "update", "assessment", idtxt, before, after, err);
}

int assessment_review(struct store *st, const struct pdca_actor *a, long long assessment_id,
                      int accept, const char *comment, struct mm_err *err)
{
    int rc = need_person(a, err);
    if (rc)
        return rc;
    if (!accept && (!comment || !*comment))
        return mm_err_set(err, MM_EINPUT, "差し戻すときは理由（コメント）を書いてください");
    static const char *const reviewers[] = {"toukatsu", "ciso", "vice_ciso"};
    struct target t;
    char now[32];
    int may = 0;
    pdca_now(now);
    rc = store_begin(st, err);
    if (!rc)
        rc = load_target(st, assessment_id, &t, err);
    if (!rc && strcmp(t.status, "submitted"))
        rc = mm_err_set(err, MM_EREFUSED, "自己点検 %lld は提出されていません（状態 %s）",
                        assessment_id, t.status);
    for (size_t i = 0; !rc && !may && i < sizeof reviewers / sizeof *reviewers; i++)
        rc = pdca_holds_role(st, a->person_id, reviewers[i], a->today, NULL, NULL, &may, err);
    if (!rc && !may)
        rc = mm_err_set(err, MM_EREFUSED,
                        "自己点検を確認できるのは統括情報セキュリティ責任者、CISO 又は副CISO です");
    if (!rc && !strcmp(t.submitted_by, a->person_id))
        rc = mm_err_set(err, MM_EREFUSED,
                        "提出した本人は確認できません（兼務の禁止 1.(8)）。CISO 又は副CISO が"
                        "確認してください");
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO assessment_review (assessment_id, decision, reviewer_id, "
                       "comment, decided_at) VALUES (?, ?, ?, ?, ?)",
                       "ittt" "t", assessment_id, accept ? "accept" : "return", a->person_id,
                       comment, now);
    if (!rc)
        rc = pdca_exec(st, err, "UPDATE assessment SET status = ? WHERE id = ?", "ti",
                       accept ? "accepted" : "returned", assessment_id);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", assessment_id);
    json_t *before = rc ? NULL : json_pack("{s:s}", "status", t.status);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:s, s:o}", "status", accept ? "accepted" : "returned",
                                   "reviewer_id", a->person_id, "comment", pdca_js(comment));
    return pdca_finish(st, rc, a, "update", "assessment", idtxt, before, after, err);
}

int assessment_progress(struct store *st, int fy,
                        int (*fn)(void *ctx, const struct assessment_progress_row *r), void *ctx,
                        struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(
        st,
        "SELECT a.department_id, COALESCE(d.name, '全庁（ネットワーク）'), COUNT(*), "
        "SUM(CASE WHEN a.status IN ('submitted', 'accepted') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN a.status = 'accepted' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN a.status = 'returned' THEN 1 ELSE 0 END), "
        "SUM((SELECT COUNT(*) FROM assessment_question q WHERE q.assessment_id = a.id)), "
        "SUM((SELECT COUNT(*) FROM assessment_question q WHERE q.assessment_id = a.id "
        "AND q.answer IS NOT NULL)), "
        "SUM((SELECT COUNT(*) FROM assessment_question q WHERE q.assessment_id = a.id "
        "AND q.answered_by IS NOT NULL)) "
        "FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id "
        "LEFT JOIN department d ON d.id = a.department_id WHERE c.fiscal_year = ? "
        "GROUP BY a.department_id, d.name, d.sort ORDER BY d.sort IS NULL, d.sort, a.department_id",
        "i", &s, err, (long long)fy);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct assessment_progress_row r = {
            store_col_text(s, 0), store_col_text(s, 1), store_col_int(s, 2), store_col_int(s, 3),
            store_col_int(s, 4),  store_col_int(s, 5),  store_col_int(s, 6), store_col_int(s, 7),
            store_col_int(s, 8)};
        if ((rc = fn(ctx, &r)))
            break;
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}
