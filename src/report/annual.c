/*
 * annual.c — the 情報セキュリティ委員会's annual report for one 年度, as PDF.
 *
 * The report is a list of sections (the `sections` table below). Each section with a renderer
 * draws what the database holds for the 年度 today — check runs, findings by 対策基準 section and
 * by department, the compliance trend, open accepted risks, training completion, the
 * self-assessment campaign, audits and incidents — and says 「該当するデータがありません」 when
 * there is nothing. A section whose data mamori does not keep yet (the policy review) has no
 * renderer: it is listed in the table of contents as 「今後追加」 and prints what it will hold,
 * so adding one is adding a function and filling its row. Every query binds its values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/report.h"
#include "util/strbuf.h"

#define NO_DATA "該当するデータがありません。"

struct annual {
    struct store *st;
    struct pdf_doc *d;
    int nendo;
    char from[11], to[11]; /* the 年度: YYYY-04-01 … YYYY+1-03-31 */
    char as_of[11];        /* the earlier of today and the end of the 年度 */
    long long last_run;    /* the latest check run of the 年度, 0 when none */
    char last_run_as_of[11];
    struct mm_err *err;
    int rc;
};

/* ---- queries ----------------------------------------------------------------------------- */

/* Prepares `sql` and binds the texts in order; NULL (and a->rc set) on failure. */
static struct store_stmt *query(struct annual *a, const char *sql, const char *const *texts,
                                size_t n)
{
    if (a->rc != MM_OK)
        return NULL;
    struct store_stmt *s;
    if ((a->rc = store_prepare(a->st, sql, &s, a->err)) != MM_OK)
        return NULL;
    for (size_t i = 0; i < n; i++)
        store_bind_text(s, (int)i + 1, texts[i]);
    return s;
}

/* Steps a statement: 1 for a row, 0 when done or failed (a->rc set). */
static int next_row(struct annual *a, struct store_stmt *s)
{
    int r = store_step(s, a->err);
    if (r == STORE_ROW)
        return 1;
    if (r != STORE_DONE)
        a->rc = r;
    return 0;
}

static const char *col(struct store_stmt *s, int i)
{
    const char *t = store_col_text(s, i);
    return t ? t : "";
}

static void short_wareki(const char *iso, char *buf, size_t size)
{
    report_wareki(iso, buf, size);
}

/* ---- a table straight from a query ----------------------------------------------------------
 * Column i of the SELECT fills column i of the table: text as it is, a date or date-time in
 * 和暦, or a number with its unit. Returns the number of rows (0: nothing drawn). */
enum qkind { Q_TEXT, Q_DATE, Q_INT };
struct qcol {
    struct pdf_column col;
    enum qkind kind;
    const char *unit; /* Q_INT: 「件」「人」 */
};

#define QMAX 10

static size_t query_table(struct annual *a, const char *caption, const struct qcol *cols,
                          size_t ncols, const char *sql, const char *const *binds, size_t nb)
{
    struct store_stmt *s = query(a, sql, binds, nb);
    if (!s)
        return 0;
    struct pdf_column pc[QMAX];
    for (size_t i = 0; i < ncols && i < QMAX; i++)
        pc[i] = cols[i].col;
    size_t n = 0;
    while (next_row(a, s)) {
        if (!n++)
            pdf_table_begin(a->d, caption, pc, ncols);
        char buf[QMAX][96];
        const char *cells[QMAX];
        for (size_t i = 0; i < ncols && i < QMAX; i++) {
            cells[i] = buf[i];
            if (cols[i].kind == Q_DATE)
                report_wareki(store_col_text(s, (int)i), buf[i], sizeof buf[i]);
            else if (cols[i].kind == Q_INT)
                snprintf(buf[i], sizeof buf[i], "%lld%s%s", store_col_int(s, (int)i),
                         cols[i].unit ? " " : "", cols[i].unit ? cols[i].unit : "");
            else
                cells[i] = col(s, (int)i);
        }
        pdf_table_row(a->d, cells);
    }
    store_finalize(s);
    if (n)
        pdf_table_end(a->d);
    return n;
}

/* ---- sections ------------------------------------------------------------------------------ */

static void sec_runs(struct annual *a)
{
    static const char sql[] =
        "SELECT r.id, r.as_of, r.scope, r.rules_run, r.findings,"
        " (SELECT COUNT(DISTINCT f.rule_id) FROM finding f WHERE f.run_id = r.id AND f.accepted = 0),"
        " (SELECT COUNT(*) FROM finding f WHERE f.run_id = r.id AND f.accepted = 1)"
        " FROM check_run r WHERE r.as_of BETWEEN ? AND ? ORDER BY r.as_of, r.id";
    const char *b[] = {a->from, a->to};
    struct store_stmt *s = query(a, sql, b, 2);
    if (!s)
        return;
    static const struct pdf_column cols[] = {
        {"回", 0.6, PDF_RIGHT},       {"基準日", 1.8, PDF_CENTER},  {"範囲", 1.0, PDF_CENTER},
        {"規則数", 0.9, PDF_RIGHT},   {"指摘件数", 1.0, PDF_RIGHT}, {"うち受容中", 1.0, PDF_RIGHT},
        {"指摘のない規則の割合", 1.7, PDF_RIGHT},
    };
    size_t n = 0;
    while (next_row(a, s)) {
        if (!n++)
            pdf_table_begin(a->d, "表 点検の実施記録", cols, sizeof cols / sizeof *cols);
        char id[24], day[64], rules[24], found[24], acc[24], rate[32];
        long long run = store_col_int(s, 3), failing = store_col_int(s, 5);
        snprintf(id, sizeof id, "%lld", store_col_int(s, 0));
        short_wareki(col(s, 1), day, sizeof day);
        snprintf(rules, sizeof rules, "%lld", run);
        snprintf(found, sizeof found, "%lld 件", store_col_int(s, 4));
        snprintf(acc, sizeof acc, "%lld 件", store_col_int(s, 6));
        snprintf(rate, sizeof rate, "%.1f%%", run ? 100.0 * (double)(run - failing) / run : 0.0);
        const char *cells[] = {id, day, strcmp(col(s, 2), "all") ? col(s, 2) : "全庁",
                               rules, found, acc, rate};
        pdf_table_row(a->d, cells);
    }
    store_finalize(s);
    if (n)
        pdf_table_end(a->d);
    else
        pdf_note(a->d, NO_DATA);
}

/* 遵守状況の推移: the share of rules without an open finding, run by run. */
static void sec_trend(struct annual *a)
{
    static const char sql[] =
        "SELECT r.id, r.as_of, r.rules_run,"
        " (SELECT COUNT(DISTINCT f.rule_id) FROM finding f WHERE f.run_id = r.id AND f.accepted = 0)"
        " FROM check_run r WHERE r.as_of BETWEEN ? AND ? ORDER BY r.as_of, r.id";
    const char *b[] = {a->from, a->to};
    struct store_stmt *s = query(a, sql, b, 2);
    if (!s)
        return;
    struct pdf_bar *bars = NULL;
    char (*labels)[96] = NULL;
    size_t n = 0;
    while (next_row(a, s)) {
        bars = realloc(bars, (n + 1) * sizeof *bars);
        labels = realloc(labels, (n + 1) * sizeof *labels);
        if (!bars || !labels)
            abort();
        char day[64];
        short_wareki(col(s, 1), day, sizeof day);
        snprintf(labels[n], sizeof labels[n], "%s（第%lld回）", day, store_col_int(s, 0));
        long long run = store_col_int(s, 2), failing = store_col_int(s, 3);
        bars[n].value = run ? 100.0 * (double)(run - failing) / run : 0;
        n++;
    }
    store_finalize(s);
    for (size_t i = 0; i < n; i++)
        bars[i].label = labels[i];
    if (n) {
        pdf_paragraph(a->d, "点検ごとに、実行した規則のうち受容中でない指摘が一件もなかった規則の割合"
                            "を示します。");
        pdf_bar_chart(a->d, "図 指摘のない規則の割合（点検ごと）", bars, n, 100, "%");
    } else {
        pdf_note(a->d, NO_DATA);
    }
    free(bars);
    free(labels);
}

static void last_run_note(struct annual *a)
{
    char day[64], buf[256];
    short_wareki(a->last_run_as_of, day, sizeof day);
    snprintf(buf, sizeof buf, "年度内の最新の点検（第%lld回、基準日 %s）の結果です。", a->last_run,
             day);
    pdf_note(a->d, buf);
}

static void sec_by_section(struct annual *a)
{
    if (!a->last_run) {
        pdf_note(a->d, NO_DATA);
        return;
    }
    /* a finding counts once per 対策基準 section its rule covers */
    static const char sql[] =
        "SELECT top.id, top.title, COUNT(*),"
        " SUM(CASE WHEN x.severity = 'critical' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN x.severity = 'high' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN x.severity = 'medium' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN x.severity = 'low' THEN 1 ELSE 0 END)"
        " FROM (SELECT DISTINCT f.fingerprint, f.severity, cc.revision, cc.section"
        "       FROM finding f"
        "       JOIN catalog_coverage cv ON cv.kind = 'rule' AND cv.ref = f.rule_id"
        "       JOIN catalog_clause cc ON cc.revision = cv.revision AND cc.id = cv.clause_id"
        "       WHERE f.run_id = ? AND cv.revision = (SELECT code FROM catalog_revision"
        "                                           ORDER BY published DESC, code DESC LIMIT 1)) x"
        " JOIN catalog_clause top ON top.revision = x.revision AND top.id = x.section"
        " GROUP BY top.id, top.title, top.sort ORDER BY top.sort";
    char run[24];
    snprintf(run, sizeof run, "%lld", a->last_run);
    const char *b[] = {run};
    struct store_stmt *s = query(a, sql, b, 1);
    if (!s)
        return;
    static const struct pdf_column cols[] = {
        {"節", 0.5, PDF_RIGHT}, {"見出し", 4.0, PDF_LEFT}, {"指摘", 0.8, PDF_RIGHT},
        {"重大", 0.7, PDF_RIGHT}, {"高", 0.7, PDF_RIGHT},  {"中", 0.7, PDF_RIGHT},
        {"低", 0.7, PDF_RIGHT},
    };
    struct pdf_bar bars[32];
    char labels[32][160];
    size_t n = 0;
    while (next_row(a, s)) {
        if (!n)
            pdf_table_begin(a->d, "表 対策基準の節別の指摘件数", cols, sizeof cols / sizeof *cols);
        char v[5][24];
        for (int i = 0; i < 5; i++)
            snprintf(v[i], sizeof v[i], "%lld", store_col_int(s, 2 + i));
        const char *cells[] = {col(s, 0), col(s, 1), v[0], v[1], v[2], v[3], v[4]};
        pdf_table_row(a->d, cells);
        if (n < 32) {
            snprintf(labels[n], sizeof labels[n], "%s %s", col(s, 0), col(s, 1));
            bars[n] = (struct pdf_bar){labels[n], (double)store_col_int(s, 2)};
        }
        n++;
    }
    store_finalize(s);
    if (!n) {
        pdf_note(a->d, NO_DATA);
        return;
    }
    pdf_table_end(a->d);
    pdf_bar_chart(a->d, "図 対策基準の節別の指摘件数", bars, n < 32 ? n : 32, 0, "件");
    last_run_note(a);
}

#define DEPT_CHART_MAX 15

static void sec_by_department(struct annual *a)
{
    if (!a->last_run) {
        pdf_note(a->d, NO_DATA);
        return;
    }
    static const char sql[] =
        "SELECT COALESCE(d.name, '（部署の定めなし）'), COUNT(*),"
        " SUM(CASE WHEN f.severity IN ('critical', 'high') THEN 1 ELSE 0 END),"
        " SUM(f.accepted)"
        " FROM finding f LEFT JOIN department d ON d.id = f.department_id"
        " WHERE f.run_id = ? GROUP BY f.department_id, d.name, d.sort"
        " ORDER BY COUNT(*) DESC, d.sort, f.department_id";
    char run[24];
    snprintf(run, sizeof run, "%lld", a->last_run);
    const char *b[] = {run};
    struct store_stmt *s = query(a, sql, b, 1);
    if (!s)
        return;
    static const struct pdf_column cols[] = {
        {"部署", 4.0, PDF_LEFT}, {"指摘", 1.0, PDF_RIGHT},
        {"うち重大・高", 1.2, PDF_RIGHT}, {"うち受容中", 1.2, PDF_RIGHT},
    };
    struct pdf_bar bars[DEPT_CHART_MAX];
    char labels[DEPT_CHART_MAX][160];
    size_t n = 0;
    while (next_row(a, s)) {
        if (!n)
            pdf_table_begin(a->d, "表 部署別の指摘件数（多い順）", cols, sizeof cols / sizeof *cols);
        char v[3][24];
        for (int i = 0; i < 3; i++)
            snprintf(v[i], sizeof v[i], "%lld", store_col_int(s, 1 + i));
        const char *cells[] = {col(s, 0), v[0], v[1], v[2]};
        pdf_table_row(a->d, cells);
        if (n < DEPT_CHART_MAX) {
            snprintf(labels[n], sizeof labels[n], "%s", col(s, 0));
            bars[n] = (struct pdf_bar){labels[n], (double)store_col_int(s, 1)};
        }
        n++;
    }
    store_finalize(s);
    if (!n) {
        pdf_note(a->d, NO_DATA);
        return;
    }
    pdf_table_end(a->d);
    pdf_bar_chart(a->d, "図 指摘件数の多い部署", bars, n < DEPT_CHART_MAX ? n : DEPT_CHART_MAX, 0,
                  "件");
    last_run_note(a);
}

static void sec_risks(struct annual *a)
{
    /* the latest decision for each target, in force on as_of; the target named as the latest
     * finding about it names it */
    static const struct qcol cols[] = {
        {{"規則", 1.0, PDF_LEFT}, Q_TEXT, NULL},       {{"対象", 2.0, PDF_LEFT}, Q_TEXT, NULL},
        {{"判断した者", 1.3, PDF_LEFT}, Q_TEXT, NULL}, {{"理由", 2.8, PDF_LEFT}, Q_TEXT, NULL},
        {{"判断日", 1.5, PDF_CENTER}, Q_DATE, NULL},   {{"期限", 1.5, PDF_CENTER}, Q_DATE, NULL},
    };
    static const char sql[] =
        "SELECT ra.rule_id,"
        " COALESCE((SELECT f.entity_label FROM finding f WHERE f.rule_id = ra.rule_id"
        "   AND f.entity_type = ra.entity_type AND f.entity_id = ra.entity_id"
        "   AND f.entity_label IS NOT NULL ORDER BY f.run_id DESC LIMIT 1) || '（' || ra.entity_id || '）',"
        "   ra.entity_id),"
        " COALESCE(p.name, ra.accepted_by), ra.reason, ra.decided_on, ra.expires_on"
        " FROM risk_acceptance ra LEFT JOIN person p ON p.id = ra.accepted_by"
        " WHERE ra.decided_on <= ? AND ra.expires_on >= ?"
        " AND NOT EXISTS (SELECT 1 FROM risk_acceptance r2 WHERE r2.rule_id = ra.rule_id"
        "   AND r2.entity_type = ra.entity_type AND r2.entity_id = ra.entity_id"
        "   AND r2.decided_on <= ? AND r2.id > ra.id)"
        " ORDER BY ra.expires_on, ra.id";
    const char *b[] = {a->as_of, a->as_of, a->as_of};
    if (!query_table(a, "表 受容中のリスク（期限の近い順）", cols, 6, sql, b, 3)) {
        pdf_note(a->d, NO_DATA);
        return;
    }
    char day[64], buf[200];
    short_wareki(a->as_of, day, sizeof day);
    snprintf(buf, sizeof buf, "%s 時点で期限内のリスク受容（対策基準 7.4 の例外措置を含む）です。", day);
    pdf_note(a->d, buf);
}

static void training_courses(struct annual *a)
{
    static const struct qcol cols[] = {
        {{"研修", 4.0, PDF_LEFT}, Q_TEXT, NULL},     {{"種別", 2.2, PDF_LEFT}, Q_TEXT, NULL},
        {{"必須", 0.7, PDF_CENTER}, Q_TEXT, NULL},   {{"実施日", 1.6, PDF_CENTER}, Q_DATE, NULL},
        {{"受講者", 1.0, PDF_RIGHT}, Q_INT, "人"},
    };
    char ny[16];
    snprintf(ny, sizeof ny, "%d", a->nendo);
    const char *b[] = {ny};
    query_table(a, "表 年度の研修・訓練", cols, 5,
                "SELECT c.title, k.label, CASE WHEN c.mandatory = 1 THEN '必須' ELSE '任意' END,"
                " c.held_on, (SELECT COUNT(*) FROM training_attendance t WHERE t.course_id = c.id)"
                " FROM training_course c JOIN training_kind k ON k.code = c.kind"
                " WHERE c.fiscal_year = ? ORDER BY k.sort, c.held_on, c.id",
                b, 1);
}

/* Completion of the 全職員 course (kind general) by department: staff in service (委託先要員を
 *除く) who completed one in the 年度. */
static void sec_training(struct annual *a)
{
    char ny[16];
    snprintf(ny, sizeof ny, "%d", a->nendo);
    long long courses = 0;
    {
        const char *b[] = {ny};
        struct store_stmt *s = query(
            a, "SELECT COUNT(*) FROM training_course WHERE fiscal_year = ? AND kind = 'general'", b,
            1);
        if (!s)
            return;
        if (next_row(a, s))
            courses = store_col_int(s, 0);
        store_finalize(s);
    }
    training_courses(a);
    if (!courses) {
        pdf_note(a->d, "全職員向けの情報セキュリティ研修の記録がありません。" NO_DATA);
        return;
    }
    static const char sql[] =
        "SELECT d.name, COUNT(p.id),"
        " SUM(CASE WHEN EXISTS (SELECT 1 FROM training_attendance t"
        "   JOIN training_course c ON c.id = t.course_id"
        "   WHERE t.person_id = p.id AND c.fiscal_year = ? AND c.kind = 'general')"
        "   THEN 1 ELSE 0 END)"
        " FROM person p JOIN department d ON d.id = p.department_id"
        " WHERE p.status = 'active' AND p.employment <> 'contractor'"
        " GROUP BY d.id, d.name, d.sort ORDER BY d.sort, d.id";
    const char *b[] = {ny};
    struct store_stmt *s = query(a, sql, b, 1);
    if (!s)
        return;
    static const struct pdf_column cols[] = {
        {"部署", 4.0, PDF_LEFT}, {"在職者", 1.0, PDF_RIGHT}, {"受講済み", 1.0, PDF_RIGHT},
        {"受講率", 1.0, PDF_RIGHT},
    };
    struct pdf_bar *bars = NULL;
    char (*labels)[160] = NULL;
    size_t n = 0;
    long long staff = 0, done = 0;
    while (next_row(a, s)) {
        if (!n)
            pdf_table_begin(a->d, "表 部署別の受講状況（情報セキュリティ研修・全職員）", cols,
                            sizeof cols / sizeof *cols);
        long long people = store_col_int(s, 1), ok = store_col_int(s, 2);
        double rate = people ? 100.0 * (double)ok / (double)people : 0;
        char v[3][32];
        snprintf(v[0], sizeof v[0], "%lld", people);
        snprintf(v[1], sizeof v[1], "%lld", ok);
        snprintf(v[2], sizeof v[2], "%.1f%%", rate);
        const char *cells[] = {col(s, 0), v[0], v[1], v[2]};
        pdf_table_row(a->d, cells);
        bars = realloc(bars, (n + 1) * sizeof *bars);
        labels = realloc(labels, (n + 1) * sizeof *labels);
        if (!bars || !labels)
            abort();
        snprintf(labels[n], sizeof labels[n], "%s", col(s, 0));
        bars[n].value = rate;
        staff += people;
        done += ok;
        n++;
    }
    store_finalize(s);
    if (n) {
        pdf_table_end(a->d);
        for (size_t i = 0; i < n; i++)
            bars[i].label = labels[i];
        /* the departments below 100%, lowest first (a stable insertion sort) */
        size_t low = 0;
        for (size_t i = 0; i < n; i++)
            if (bars[i].value < 100.0)
                bars[low++] = bars[i];
        for (size_t i = 1; i < low; i++)
            for (size_t j = i; j > 0 && bars[j].value < bars[j - 1].value; j--) {
                struct pdf_bar t = bars[j];
                bars[j] = bars[j - 1];
                bars[j - 1] = t;
            }
        if (low)
            pdf_bar_chart(a->d, "図 受講率が 100% に満たない部署（低い順）", bars,
                          low < DEPT_CHART_MAX ? low : DEPT_CHART_MAX, 100, "%");
        else
            pdf_note(a->d, "すべての部署で受講率が 100% です。");
        char buf[200];
        snprintf(buf, sizeof buf, "全体: 在職者 %lld 人のうち受講済み %lld 人（%.1f%%）。", staff,
                 done, staff ? 100.0 * (double)done / (double)staff : 0.0);
        pdf_paragraph(a->d, buf);
    } else {
        pdf_note(a->d, NO_DATA);
    }
    free(bars);
    free(labels);
}

/* 自己点検 (9.2): the 年度's campaign and where its assessments stand. */
static void sec_assessment(struct annual *a)
{
    char ny[16];
    snprintf(ny, sizeof ny, "%d", a->nendo);
    const char *b[] = {ny};
    static const struct qcol camp[] = {
        {{"実施名", 4.0, PDF_LEFT}, Q_TEXT, NULL},
        {{"回答期限", 1.6, PDF_CENTER}, Q_DATE, NULL},
        {{"対象", 1.0, PDF_RIGHT}, Q_INT, "件"},
    };
    size_t n = query_table(a, "表 年度の自己点検", camp, 3,
                           "SELECT c.title, c.due_on,"
                           " (SELECT COUNT(*) FROM assessment x WHERE x.campaign_id = c.id)"
                           " FROM assessment_campaign c WHERE c.fiscal_year = ?",
                           b, 1);
    if (!n) {
        pdf_note(a->d, NO_DATA);
        return;
    }
    static const struct qcol st[] = {
        {{"状態", 3.0, PDF_LEFT}, Q_TEXT, NULL},
        {{"件数", 1.0, PDF_RIGHT}, Q_INT, "件"},
    };
    query_table(a, "表 自己点検の提出状況", st, 2,
                "SELECT s.label, COUNT(x.id) FROM assessment_status s"
                " LEFT JOIN assessment x ON x.status = s.code AND x.campaign_id ="
                "   (SELECT id FROM assessment_campaign WHERE fiscal_year = ?)"
                " GROUP BY s.code, s.label, s.sort ORDER BY s.sort",
                b, 1);
}

/* 情報セキュリティ監査 (9.1): the 年度's plans and the state of their findings. */
static void sec_audit(struct annual *a)
{
    char ny[16];
    snprintf(ny, sizeof ny, "%d", a->nendo);
    const char *b[] = {ny};
    static const struct qcol plans[] = {
        {{"監査", 3.0, PDF_LEFT}, Q_TEXT, NULL},      {{"種別", 1.4, PDF_LEFT}, Q_TEXT, NULL},
        {{"開始", 1.5, PDF_CENTER}, Q_DATE, NULL},   {{"終了", 1.5, PDF_CENTER}, Q_DATE, NULL},
        {{"状態", 1.5, PDF_LEFT}, Q_TEXT, NULL},      {{"指摘", 0.8, PDF_RIGHT}, Q_INT, "件"},
    };
    size_t n = query_table(a, "表 年度の監査", plans, 6,
                           "SELECT p.title, k.label, p.starts_on, p.ends_on, s.label,"
                           " (SELECT COUNT(*) FROM audit_finding f WHERE f.plan_id = p.id)"
                           " FROM audit_plan p JOIN audit_kind k ON k.code = p.kind"
                           " JOIN audit_plan_status s ON s.code = p.status"
                           " WHERE p.fiscal_year = ? ORDER BY p.starts_on, p.id",
                           b, 1);
    if (!n) {
        pdf_note(a->d, NO_DATA);
        return;
    }
    static const struct qcol st[] = {
        {{"指摘の状態", 3.0, PDF_LEFT}, Q_TEXT, NULL},
        {{"件数", 1.0, PDF_RIGHT}, Q_INT, "件"},
    };
    query_table(a, "表 監査の指摘と改善の状況", st, 2,
                "SELECT s.label, COUNT(f.id) FROM audit_finding_status s"
                " LEFT JOIN audit_finding f ON f.status = s.code AND f.plan_id IN"
                "   (SELECT id FROM audit_plan WHERE fiscal_year = ?)"
                " GROUP BY s.code, s.label, s.sort ORDER BY s.sort",
                b, 1);
}

/* 情報セキュリティインシデント (7.3): those reported in the 年度. */
static void sec_incidents(struct annual *a)
{
    const char *b[] = {a->from, a->to};
    static const struct qcol cols[] = {
        {{"ID", 2.1, PDF_LEFT}, Q_TEXT, NULL},       {{"件名", 2.8, PDF_LEFT}, Q_TEXT, NULL},
        {{"報告受付", 1.9, PDF_CENTER}, Q_DATE, NULL}, {{"状態", 1.1, PDF_CENTER}, Q_TEXT, NULL},
        {{"評価", 2.2, PDF_LEFT}, Q_TEXT, NULL},     {{"重大度", 1.0, PDF_CENTER}, Q_TEXT, NULL},
        {{"終結", 1.9, PDF_CENTER}, Q_DATE, NULL},
    };
    size_t n = query_table(a, "表 年度に報告されたインシデント", cols, 7,
                           "SELECT i.id, i.title, i.reported_at, s.label, j.label,"
                           " COALESCE(v.label, '—'), i.closed_at"
                           " FROM incident i JOIN incident_status s ON s.code = i.status"
                           " JOIN incident_judgement j ON j.code = i.judgement"
                           " LEFT JOIN incident_severity v ON v.code = i.severity"
                           " WHERE substr(i.reported_at, 1, 10) BETWEEN ? AND ?"
                           " ORDER BY i.reported_at, i.id",
                           b, 2);
    if (!n) {
        pdf_note(a->d, NO_DATA);
        return;
    }
    pdf_note(a->d, "個々のインシデントの経過（時系列）と対応は、インシデント報告書"
                   "（mamori incident report-pdf）に記録しています。");
}

/* ---- the section list ------------------------------------------------------------------- */

struct section {
    const char *title;
    void (*render)(struct annual *a); /* NULL: the data is not kept by mamori yet */
    const char *planned;              /* for those: what the section will hold */
};

static const struct section sections[] = {
    {"点検の実施状況", sec_runs, NULL},
    {"遵守状況の推移", sec_trend, NULL},
    {"対策基準の節別の指摘", sec_by_section, NULL},
    {"部署別の指摘", sec_by_department, NULL},
    {"受容中のリスク", sec_risks, NULL},
    {"研修の受講状況", sec_training, NULL},
    {"自己点検の結果", sec_assessment, NULL},
    {"情報セキュリティ監査", sec_audit, NULL},
    {"情報セキュリティインシデント", sec_incidents, NULL},
    {"ポリシーの評価・見直し", NULL,
     "監査・自己点検の結果を踏まえた情報セキュリティポリシーの見直し（対策基準 9.3）。"},
};
#define NSECTIONS (sizeof sections / sizeof *sections)

static void contents(struct annual *a)
{
    static const struct pdf_column cols[] = {
        {"節", 0.5, PDF_RIGHT}, {"項目", 4.0, PDF_LEFT}, {"掲載", 1.6, PDF_CENTER}};
    pdf_table_begin(a->d, "目次", cols, 3);
    for (size_t i = 0; i < NSECTIONS; i++) {
        char no[8];
        snprintf(no, sizeof no, "%zu", i + 1);
        const char *cells[] = {no, sections[i].title,
                               sections[i].render ? "掲載" : "今後追加（本版は対象外）"};
        pdf_table_row(a->d, cells);
    }
    pdf_table_end(a->d);
}

static void cover(struct annual *a, const char *title, const char *org)
{
    char from[64], to[64], period[160], as_of[64];
    short_wareki(a->from, from, sizeof from);
    short_wareki(a->to, to, sizeof to);
    short_wareki(a->as_of, as_of, sizeof as_of);
    snprintf(period, sizeof period, "%s から %s まで", from, to);
    pdf_heading(a->d, 1, title);
    const struct pdf_kv kv[] = {
        {"団体", org && *org ? org : "—"},
        {"対象期間", period},
        {"集計の基準日", as_of},
        {"報告先", "情報セキュリティ委員会"},
    };
    pdf_kv_block(a->d, kv, sizeof kv / sizeof *kv);
    pdf_paragraph(a->d,
                  "この報告書は、情報セキュリティ対策基準の遵守状況を mamori に記録された点検、"
                  "リスク受容及び研修の記録から集計したものです。件数は記録の時点のものであり、"
                  "その後の是正は反映していません。");
    contents(a);
}

/* ---- the document -------------------------------------------------------------------------- */

static void find_last_run(struct annual *a)
{
    const char *b[] = {a->from, a->to};
    struct store_stmt *s = query(
        a, "SELECT id, as_of FROM check_run WHERE as_of BETWEEN ? AND ? ORDER BY as_of DESC, id DESC"
           " LIMIT 1",
        b, 2);
    if (!s)
        return;
    if (next_row(a, s)) {
        a->last_run = store_col_int(s, 0);
        snprintf(a->last_run_as_of, sizeof a->last_run_as_of, "%s", col(s, 1));
    }
    store_finalize(s);
}

static void organization_name(struct annual *a, char *buf, size_t size)
{
    buf[0] = 0;
    struct store_stmt *s = query(a, "SELECT name FROM organization WHERE id = 1", NULL, 0);
    if (!s)
        return;
    if (next_row(a, s))
        snprintf(buf, size, "%s", col(s, 0));
    store_finalize(s);
}

static void today_iso(const struct mm_date *given, char out[11])
{
    struct mm_date d = *given;
    if (!d.y) {
        time_t t = time(NULL) + 9 * 3600;
        struct tm tm;
        gmtime_r(&t, &tm);
        d = (struct mm_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
    memcpy(out, buf, 10);
    out[10] = 0;
}

int report_annual_pdf(struct store *st, int nendo, const struct report_out *out,
                      struct mm_err *err)
{
    char name[64];
    if (nendo < WAREKI_MIN_YEAR || nendo >= WAREKI_MAX_YEAR ||
        wareki_nendo_name(nendo, name, sizeof name, err) != MM_OK)
        return mm_err_set(err, MM_EINPUT, "年度「%d」は扱えません（%d〜%d の西暦で指定してください）",
                          nendo, WAREKI_MIN_YEAR, WAREKI_MAX_YEAR - 1);
    struct annual a = {.st = st, .nendo = nendo, .err = err, .rc = MM_OK};
    snprintf(a.from, sizeof a.from, "%04d-04-01", nendo);
    snprintf(a.to, sizeof a.to, "%04d-03-31", nendo + 1);
    today_iso(&out->print_date, a.as_of);
    if (strcmp(a.as_of, a.to) > 0)
        memcpy(a.as_of, a.to, sizeof a.as_of);
    char org[256], title[160];
    organization_name(&a, org, sizeof org);
    find_last_run(&a);
    if (a.rc != MM_OK)
        return a.rc;
    snprintf(title, sizeof title, "%s 情報セキュリティ年次報告書", name);
    const struct pdf_meta meta = {.title = title,
                                  .organization = org[0] ? org : NULL,
                                  .subject = "情報セキュリティ委員会への年次報告",
                                  .author = org[0] ? org : NULL,
                                  .created_at = out->created_at,
                                  .print_date = out->print_date};
    int rc = out->path ? pdf_open_file(out->path, &meta, &a.d, err) : pdf_open_mem(&meta, &a.d, err);
    if (rc != MM_OK)
        return rc;
    cover(&a, title, org);
    for (size_t i = 0; i < NSECTIONS && a.rc == MM_OK; i++) {
        char h[160];
        snprintf(h, sizeof h, "%zu. %s", i + 1, sections[i].title);
        pdf_heading(a.d, 2, h);
        if (sections[i].render) {
            sections[i].render(&a);
        } else {
            pdf_note(a.d, "この項目は今後の版で掲載します。掲載する内容:");
            pdf_note(a.d, sections[i].planned);
        }
    }
    if (a.rc != MM_OK) {
        pdf_discard(a.d);
        return a.rc;
    }
    return out->path ? pdf_close(a.d, err) : pdf_close_mem(a.d, out->data, out->len, err);
}
