/*
 * page_pdca_report.c — 報告書: /reports offers the 委員会's annual report of a 年度 as PDF (the
 * renderer of src/report, into memory) and as XLSX (one sheet per section, then one result
 * sheet per 部局 with its 課室). GET /reports/annual?nendo=N&format=pdf|xlsx and the same under
 * /api/v1/reports/annual answer the file as an attachment. Dates are 和暦 in both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/xlsx.h"
#include "report/report.h"
#include "web/html.h"
#include "web/page_pdca.h"

#define MAXCOLS 8

/* One sheet: its query, the values it binds ('y' the 年度, 'f' its first day, 't' its last),
 * the column headings and which columns hold dates (shown in 和暦). */
struct section {
    const char *name, *sql, *binds;
    const char *heads[MAXCOLS];
    unsigned dates;
};

#define LAST_RUN                                                                                \
    "(SELECT id FROM check_run WHERE scope = 'all' AND as_of BETWEEN ? AND ?"                   \
    " ORDER BY as_of DESC, id DESC LIMIT 1)"

static const struct section sections[] = {
    {"点検の実施記録",
     "SELECT r.id, r.as_of, r.scope, r.rules_run, r.findings FROM check_run r"
     " WHERE r.as_of BETWEEN ? AND ? ORDER BY r.as_of, r.id",
     "ft", {"回", "基準日", "範囲", "規則数", "指摘数"}, 1u << 1},
    {"規則別の指摘",
     "SELECT f.rule_id, s.label, COUNT(*), SUM(f.accepted) FROM finding f"
     " JOIN finding_severity s ON s.code = f.severity WHERE f.run_id = " LAST_RUN
     " GROUP BY f.rule_id, s.label ORDER BY f.rule_id",
     "ft", {"規則", "重大度", "指摘", "うちリスク受容"}, 0},
    {"部署別の指摘",
     "SELECT COALESCE(d.name, '（部署の定めなし）'), COUNT(*), SUM(f.accepted) FROM finding f"
     " LEFT JOIN department d ON d.id = f.department_id WHERE f.run_id = " LAST_RUN
     " GROUP BY f.department_id, d.name ORDER BY COUNT(*) DESC, d.name",
     "ft", {"部署", "指摘", "うちリスク受容"}, 0},
    {"リスク受容",
     "SELECT ra.rule_id, ra.entity_type || ':' || ra.entity_id, COALESCE(p.name, ra.accepted_by),"
     " ra.decided_on, ra.expires_on, ra.reason FROM risk_acceptance ra"
     " LEFT JOIN person p ON p.id = ra.accepted_by WHERE ra.decided_on <= ? AND ra.expires_on >= ?"
     " ORDER BY ra.rule_id, ra.id",
     "tf", {"規則", "対象", "受容した人", "決定日", "期限", "理由"}, (1u << 3) | (1u << 4)},
    {"研修",
     "SELECT c.title, k.label, CASE WHEN c.mandatory = 1 THEN '必須' ELSE '任意' END, c.held_on,"
     " (SELECT COUNT(*) FROM training_attendance t WHERE t.course_id = c.id)"
     " FROM training_course c JOIN training_kind k ON k.code = c.kind WHERE c.fiscal_year = ?"
     " ORDER BY k.sort, c.held_on, c.id",
     "y", {"研修", "種類", "必須", "実施日", "修了者"}, 1u << 3},
    {"研修の修了状況",
     "SELECT d.name, COUNT(p.id), SUM(CASE WHEN EXISTS (SELECT 1 FROM training_attendance t"
     " JOIN training_course c ON c.id = t.course_id WHERE t.person_id = p.id"
     " AND c.fiscal_year = ? AND ((c.kind = 'general' AND c.mandatory = 1) OR"
     " c.kind = 'new_staff')) THEN 1 ELSE 0 END) FROM person p"
     " JOIN department d ON d.id = p.department_id WHERE p.status = 'active'"
     " AND p.employment <> 'contractor' GROUP BY d.id, d.name, d.sort ORDER BY d.sort, d.id",
     "y", {"部署", "対象者", "修了者"}, 0},
    {"自己点検",
     "SELECT a.id, k.label, COALESCE((SELECT name FROM department WHERE id = a.target_id),"
     " (SELECT label FROM network_domain WHERE code = a.target_id),"
     " (SELECT name FROM system WHERE id = a.target_id), a.target_id), s.label, a.submitted_at,"
     " (SELECT COUNT(*) FROM assessment_question q WHERE q.assessment_id = a.id"
     "  AND q.answer IN ('partial', 'not_done')), a.improvement"
     " FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id"
     " JOIN assessment_target_kind k ON k.code = a.target_kind"
     " JOIN assessment_status s ON s.code = a.status WHERE c.fiscal_year = ?"
     " ORDER BY k.sort, a.department_id, a.id",
     "y", {"番号", "区分", "対象", "状態", "提出日", "一部実施・未実施", "改善策"}, 1u << 4},
    {"監査",
     "SELECT p.id, p.title, k.label, p.starts_on, p.ends_on, s.label, p.approved_on,"
     " (SELECT COUNT(*) FROM audit_finding f WHERE f.plan_id = p.id)"
     " FROM audit_plan p JOIN audit_kind k ON k.code = p.kind"
     " JOIN audit_plan_status s ON s.code = p.status WHERE p.fiscal_year = ?"
     " ORDER BY p.starts_on, p.id",
     "y", {"計画", "名称", "種類", "開始", "終了", "状態", "委員会承認日", "指摘"},
     (1u << 3) | (1u << 4) | (1u << 6)},
    {"監査の指摘",
     "SELECT f.id, f.plan_id, COALESCE(d.name, f.target_id), v.label, f.clause_id, f.title,"
     " s.label, ip.due_on FROM audit_finding f JOIN audit_plan p ON p.id = f.plan_id"
     " JOIN finding_severity v ON v.code = f.severity"
     " JOIN audit_finding_status s ON s.code = f.status"
     " LEFT JOIN department d ON d.id = f.department_id"
     " LEFT JOIN improvement_plan ip ON ip.finding_id = f.id WHERE p.fiscal_year = ?"
     " ORDER BY f.id",
     "y", {"番号", "計画", "対象", "重大度", "条項", "指摘", "状態", "改善期限"}, 1u << 7},
    {"インシデント",
     "SELECT i.id, i.title, i.reported_at, i.department_name, i.status FROM incident i"
     " WHERE substr(i.reported_at, 1, 10) BETWEEN ? AND ? ORDER BY i.reported_at, i.id",
     "ft", {"番号", "件名", "報告日", "部署", "状態"}, 1u << 2},
};

/* The result sheet of one 部局: the 部局 and its 課室. Binds: 年度, last run (from, to), 部局 ×2. */
static const struct section dept_sheet = {
    NULL,
    "SELECT d.name,"
    " (SELECT COUNT(*) FROM person p WHERE p.department_id = d.id AND p.status = 'active'"
    "  AND p.employment <> 'contractor'),"
    " (SELECT COUNT(*) FROM person p WHERE p.department_id = d.id AND p.status = 'active'"
    "  AND p.employment <> 'contractor' AND EXISTS (SELECT 1 FROM training_attendance t"
    "  JOIN training_course c ON c.id = t.course_id WHERE t.person_id = p.id"
    "  AND c.fiscal_year = ? AND ((c.kind = 'general' AND c.mandatory = 1) OR"
    "  c.kind = 'new_staff'))),"
    " (SELECT COUNT(*) FROM finding f WHERE f.department_id = d.id AND f.accepted = 0"
    "  AND f.run_id = " LAST_RUN "),"
    " (SELECT COUNT(*) FROM audit_finding f WHERE f.department_id = d.id AND f.status <> 'verified')"
    " FROM department d WHERE d.id = ? OR d.parent_id = ? ORDER BY d.id <> ?, d.sort, d.id",
    "yftbbb",
    {"部署", "研修の対象者", "研修の修了者", "自動点検の指摘（未受容）", "未完了の監査指摘"},
    0,
};

struct sheet_data {
    char *name;
    const char *heads[MAXCOLS];
    double widths[MAXCOLS];
    size_t ncols, nrows, cap;
    char **cells;
};

/* Widens a column to fit text (a wide character counts two), up to 60. */
static void fit(double *w, const char *s)
{
    double n = 2;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        n += *p < 0x80 ? 1 : (*p & 0xC0) == 0xC0 ? 2 : 0;
    if (n > 60)
        n = 60;
    if (n > *w)
        *w = n;
}

/* Runs a section's query into t (cells as text, dates in 和暦). */
static int fill(struct store *st, const struct section *sec, int nendo, const char *bukyoku,
                struct sheet_data *t, struct mm_err *err)
{
    char from[24], to[24];
    snprintf(from, sizeof from, "%d-04-01", nendo);
    snprintf(to, sizeof to, "%d-03-31", nendo + 1);
    for (t->ncols = 0; t->ncols < MAXCOLS && sec->heads[t->ncols]; t->ncols++) {
        t->heads[t->ncols] = sec->heads[t->ncols];
        t->widths[t->ncols] = 8;
        fit(&t->widths[t->ncols], sec->heads[t->ncols]);
    }
    struct store_stmt *s;
    int rc = store_prepare(st, sec->sql, &s, err);
    if (rc)
        return rc;
    for (int i = 0; sec->binds[i]; i++) {
        char k = sec->binds[i];
        if (k == 'y')
            store_bind_int(s, i + 1, nendo);
        else
            store_bind_text(s, i + 1, k == 'f' ? from : k == 't' ? to : bukyoku);
    }
    while ((rc = store_step(s, err)) == STORE_ROW) {
        size_t need = (t->nrows + 1) * t->ncols;
        if (need > t->cap) {
            t->cap = need * 2;
            if (!(t->cells = realloc(t->cells, t->cap * sizeof *t->cells)))
                abort();
        }
        for (size_t c = 0; c < t->ncols; c++) {
            const char *v = store_col_text(s, (int)c);
            char buf[96];
            if (v && (sec->dates >> c & 1u)) {
                report_wareki(v, buf, sizeof buf);
                v = buf;
            }
            t->cells[t->nrows * t->ncols + c] = v ? strdup(v) : NULL;
            fit(&t->widths[c], v);
        }
        t->nrows++;
    }
    store_finalize(s);
    return rc == STORE_DONE ? 0 : rc;
}

static void sheet_free(struct sheet_data *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->name);
}

/* A sheet name Excel accepts: no []:*?/\ and at most 31 characters (UTF-8 aware). */
static char *sheet_name(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    if (!out)
        abort();
    size_t o = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && chars < 31; chars++) {
        size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (len == 1 && strchr("[]:*?/\\'", *p)) {
            out[o++] = '_';
            p++;
            continue;
        }
        for (size_t i = 0; i < len && *p; i++)
            out[o++] = (char)*p++;
    }
    out[o] = 0;
    return out;
}

static int build_xlsx(struct store *st, int nendo, struct strbuf *out, struct mm_err *err)
{
    size_t nsec = sizeof sections / sizeof *sections, n = 0, cap = nsec + 64;
    struct sheet_data *t = calloc(cap, sizeof *t);
    if (!t)
        abort();
    int rc = 0;
    for (; !rc && n < nsec; n++) {
        t[n].name = strdup(sections[n].name);
        rc = fill(st, &sections[n], nendo, NULL, &t[n], err);
    }
    struct store_stmt *s = NULL;
    if (!rc)
        rc = store_prepare(st, "SELECT id, name FROM department WHERE level = 'bukyoku'"
                               " ORDER BY sort, id", &s, err);
    while (!rc && (rc = store_step(s, err)) == STORE_ROW) {
        rc = 0;
        if (n == cap && !(t = realloc(t, (cap *= 2) * sizeof *t)))
            abort();
        memset(&t[n], 0, sizeof t[n]);
        t[n].name = sheet_name(store_col_text(s, 1));
        rc = fill(st, &dept_sheet, nendo, store_col_text(s, 0), &t[n], err);
        n++;
    }
    store_finalize(s);
    if (rc == STORE_DONE)
        rc = 0;
    struct xlsx_sheet *xs = calloc(n ? n : 1, sizeof *xs);
    if (!xs)
        abort();
    for (size_t i = 0; i < n; i++)
        xs[i] = (struct xlsx_sheet){t[i].name, t[i].heads, t[i].widths, t[i].ncols,
                                    (const char *const *)t[i].cells, t[i].nrows, 1};
    char path[] = "/tmp/mamori-annual-XXXXXX";
    int fd = rc ? -1 : mkstemp(path);
    if (!rc && fd < 0)
        rc = mm_err_set(err, MM_EINTERNAL, "一時ファイルを作れません");
    if (fd >= 0) {
        close(fd);
        rc = xlsx_write(path, xs, n, err);
        FILE *f = rc ? NULL : fopen(path, "rb");
        if (!rc && !f)
            rc = mm_err_set(err, MM_EINTERNAL, "一時ファイルを読めません");
        if (f) {
            char buf[65536];
            size_t k;
            while ((k = fread(buf, 1, sizeof buf, f)) > 0)
                strbuf_add(out, buf, k);
            fclose(f);
        }
        unlink(path);
    }
    for (size_t i = 0; i < n; i++)
        sheet_free(&t[i]);
    free(t);
    free(xs);
    return rc;
}

static int build_pdf(struct store *st, int nendo, struct strbuf *out, struct mm_err *err)
{
    char *data = NULL;
    size_t len = 0;
    struct report_out o = {NULL, &data, &len, NULL, {0}};
    int rc = report_annual_pdf(st, nendo, &o, err);
    if (!rc)
        strbuf_add(out, data, len);
    free(data);
    return rc;
}

void pdca_reports_page(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows_all(c->who, "report", AUTHZ_READ)) {
        app_deny(c);
        return;
    }
    int nendo = pdca_web_nendo(c);
    struct strbuf *sb = APP_SB(c);
    app_begin(c, "報告書", "/reports");
    pdca_web_nendo_form(c, "/reports", nendo);
    html_f(sb, "<h2>令和%d年度 情報セキュリティ年次報告書</h2>\n"
               "<p>情報セキュリティ委員会に報告する年次報告書です。自動点検、リスク受容、研修、"
               "自己点検、監査、インシデントの状況をまとめます（日付は和暦）。</p>\n"
               "<ul class=\"downloads\"><li><a href=\"/reports/annual?nendo=%d&amp;format=pdf\">"
               "PDF で受け取る</a>（日本語フォント埋め込み）</li>"
               "<li><a href=\"/reports/annual?nendo=%d&amp;format=xlsx\">Excel（XLSX）で受け取る"
               "</a>（節ごとのシートと部局ごとの結果シート）</li></ul>\n",
           nendo - 2018, nendo, nendo);
    app_end(c);
}

void pdca_report_annual(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows_all(c->who, "report", AUTHZ_READ)) {
        app_deny(c);
        return;
    }
    char fmt[8];
    app_query(c, "format", fmt, sizeof fmt);
    int pdf = !strcmp(fmt, "pdf");
    if (!pdf && strcmp(fmt, "xlsx")) {
        if (c->api)
            app_json_error(c, 422, "invalid", "形式（format）は pdf か xlsx を指定してください。");
        else
            app_bad_request(c, "形式（format）は pdf か xlsx を指定してください。");
        return;
    }
    int nendo = pdca_web_nendo(c);
    struct mm_err err;
    mm_err_clear(&err);
    struct web_response *resp = c->resp;
    strbuf_reset(&resp->body);
    int rc = pdf ? build_pdf(c->st, nendo, &resp->body, &err)
                 : build_xlsx(c->st, nendo, &resp->body, &err);
    if (rc) {
        strbuf_reset(&resp->body);
        app_internal(c, &err);
        return;
    }
    resp->status = 200;
    resp->content_type = pdf ? "application/pdf"
                             : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp->cache = "no-store";
    snprintf(resp->disposition, sizeof resp->disposition,
             "attachment; filename=\"annual-report-%d.%s\"; filename*=UTF-8''"
             "%%E5%%B9%%B4%%E6%%AC%%A1%%E5%%A0%%B1%%E5%%91%%8A%%E6%%9B%%B8-%d.%s",
             nendo, pdf ? "pdf" : "xlsx", nendo, pdf ? "pdf" : "xlsx");
}
