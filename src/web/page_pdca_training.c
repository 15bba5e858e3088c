/*
 * page_pdca_training.c — 研修 (対策基準 5.2): /training shows the courses of a 年度, the
 * completion rate by department (table and bar chart) and the people not yet trained within
 * the user's reach; POST /training/import takes pasted CSV of completion records (all or
 * nothing, every problem shown as label:line). JSON: GET /api/v1/training?nendo=N and
 * POST /api/v1/training/import (the CSV as the request body).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdca/training.h"
#include "web/html.h"
#include "web/multipart.h"
#include "web/page_pdca.h"
#include "web/svg.h"

#define MISSING_SHOWN 200
#define CSV_MAX 65536

static const struct pdca_col course_cols[] = {
    {"研修ID", "id", PCOL_TEXT, NULL, 0},
    {"研修名", "title", PCOL_LINK, "/r/training/", 0},
    {"種類", "kind", PCOL_TEXT, NULL, 0},
    {"必須", "mandatory", PCOL_TEXT, NULL, 0},
    {"実施日", "held_on", PCOL_DATE, NULL, 0},
    {"回", "sessions", PCOL_INT, NULL, 0},
    {"修了者", "completed", PCOL_INT, NULL, 0},
};

static struct pdca_query course_query(const struct pdca_bind *b)
{
    struct pdca_query q = {
        "SELECT c.id, c.title, k.label, CASE WHEN c.mandatory = 1 THEN '必須' ELSE '任意' END,"
        " c.held_on, (SELECT COUNT(*) FROM training_session s WHERE s.course_id = c.id),"
        " (SELECT COUNT(*) FROM training_attendance t WHERE t.course_id = c.id)"
        " FROM training_course c JOIN training_kind k ON k.code = c.kind"
        " WHERE c.fiscal_year = ? ORDER BY k.sort, c.held_on, c.id",
        b, 1, course_cols, sizeof course_cols / sizeof *course_cols, NULL, NULL};
    return q;
}

/* ---- the rate by department, limited to the rows the user may read ---- */

struct rate_row {
    char *id, *name, *level;
    long long staff, completed;
};
struct rates {
    const struct web_ctx *c;
    struct rate_row *v;
    size_t n, cap;
};

static int rate_take(void *ctx, const struct training_rate_row *r)
{
    struct rates *t = ctx;
    struct authz_target tg = {r->department_id, NULL, NULL};
    if (r->department_id ? !authz_allows(t->c->who, "training", AUTHZ_READ, &tg)
                         : !authz_allows_all(t->c->who, "training", AUTHZ_READ))
        return 0;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = realloc(t->v, t->cap * sizeof *t->v);
        if (!t->v)
            abort();
    }
    t->v[t->n++] = (struct rate_row){strdup(r->department_id ? r->department_id : ""),
                                     strdup(r->name ? r->name : "全体"), strdup(r->level),
                                     r->staff, r->completed};
    return 0;
}

static void rates_free(struct rates *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].id);
        free(t->v[i].name);
        free(t->v[i].level);
    }
    free(t->v);
}

static long long percent(long long part, long long whole)
{
    return whole > 0 ? (part * 1000 / whole + 5) / 10 : 0;
}

static void rate_html(struct web_ctx *c, const struct rates *t)
{
    struct strbuf *sb = APP_SB(c);
    if (!t->n) {
        html_raw(sb, "<p class=\"empty\">修了率を見られる部署がありません。</p>\n");
        return;
    }
    struct svg_item *bars = calloc(t->n, sizeof *bars);
    size_t nb = 0;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->v[i].level, "bukyoku") && bars)
            bars[nb++] = (struct svg_item){t->v[i].name,
                                           percent(t->v[i].completed, t->v[i].staff), NULL};
    if (nb)
        svg_hbar_chart(sb, "部局別の修了率（%）", bars, nb);
    free(bars);
    html_raw(sb, "<table class=\"pdca rate\"><caption>部署別の修了率（全職員向け必須研修・"
                 "新規採用職員研修）</caption><thead><tr><th scope=\"col\">部署</th>"
                 "<th scope=\"col\">対象者</th><th scope=\"col\">修了者</th>"
                 "<th scope=\"col\">修了率</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < t->n; i++) {
        const struct rate_row *r = &t->v[i];
        const char *cls = !r->id[0] ? "total" : !strcmp(r->level, "bukyoku") ? "bukyoku" : "ka";
        html_f(sb, "<tr class=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">%lld</td>"
                   "<td class=\"num\">%lld</td><td class=\"num\">%lld%%</td></tr>\n",
               cls, r->name, r->staff, r->completed, percent(r->completed, r->staff));
    }
    html_raw(sb, "</tbody></table>\n");
}

/* ---- people not yet trained ---- */

struct missing {
    struct web_ctx *c;
    struct store_stmt *name; /* person → name, department name */
    long long count;
    json_t *json;            /* API: ids; page: NULL */
};

static int missing_take(void *ctx, const char *person, const char *department)
{
    struct missing *m = ctx;
    struct authz_target tg = {department, NULL, person};
    if (!authz_allows(m->c->who, "training", AUTHZ_READ, &tg))
        return 0;
    if (m->json) {
        json_array_append_new(m->json, json_pack("{s:s, s:s?}", "person_id", person,
                                                 "department_id", department));
        m->count++;
        return 0;
    }
    if (m->count++ >= MISSING_SHOWN)
        return 0;
    struct mm_err err;
    store_reset(m->name);
    store_bind_text(m->name, 1, person);
    const char *pname = person, *dname = department ? department : "";
    if (store_step(m->name, &err) == STORE_ROW) {
        pname = store_col_text(m->name, 0);
        dname = store_col_text(m->name, 1) ? store_col_text(m->name, 1) : dname;
    }
    html_f(APP_SB(m->c), "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", person, pname, dname);
    return 0;
}

static int missing_html(struct web_ctx *c, int nendo, struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    struct missing m = {c, NULL, 0, NULL};
    int rc = store_prepare(c->st,
                           "SELECT p.name, d.name FROM person p LEFT JOIN department d"
                           " ON d.id = p.department_id WHERE p.id = ?",
                           &m.name, err);
    if (rc)
        return rc;
    html_raw(sb, "<table class=\"pdca\" id=\"missing\"><caption>まだ修了していない人</caption>"
                 "<thead><tr><th scope=\"col\">職員ID</th><th scope=\"col\">氏名</th>"
                 "<th scope=\"col\">部署</th></tr></thead><tbody>\n");
    rc = training_missing(c->st, nendo, missing_take, &m, err);
    store_finalize(m.name);
    html_raw(sb, "</tbody></table>\n");
    html_f(sb, "<p class=\"count\">あなたが見られる範囲の未修了者: %lld 人%s</p>\n", m.count,
           m.count > MISSING_SHOWN ? "（表は先頭の 200 人）" : "");
    return rc;
}

static void import_form(struct web_ctx *c, int nendo)
{
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<h2>修了記録の取込み（CSV）</h2>\n");
    html_f(sb, "<form method=\"post\" action=\"/training/import?nendo=%d\" "
               "enctype=\"multipart/form-data\" class=\"pdca-form\">", nendo);
    app_csrf_field(c);
    html_raw(sb, "<label for=\"csvfile\">CSV ファイル（UTF-8 または Shift_JIS、64 KiB まで）</label>"
                 "<input type=\"file\" id=\"csvfile\" name=\"file\" accept=\".csv,text/csv\" required>"
                 "<button type=\"submit\">ファイルを取り込む</button></form>\n"
                 "<form method=\"post\" action=\"/training/import\" class=\"pdca-form\">");
    app_csrf_field(c);
    html_f(sb, "<input type=\"hidden\" name=\"nendo\" value=\"%d\">", nendo);
    html_raw(sb, "<p class=\"sub\">1 行目は見出し「研修ID,職員ID,修了日」（回IDは任意）。"
                 "誤りが一つでもあれば何も取り込みません。同じ日付で記録済みの行は飛ばします。</p>"
                 "<label for=\"csv\">または CSV の内容を貼り付け（64 KiB まで）</label>"
                 "<textarea id=\"csv\" name=\"csv\" rows=\"8\" required></textarea>"
                 "<button type=\"submit\">取り込む</button></form>\n");
}

void pdca_training_page(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "training", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int nendo = pdca_web_nendo(c);
    struct strbuf *sb = APP_SB(c);
    struct mm_err err;
    mm_err_clear(&err);
    app_begin(c, "研修・訓練", "/training");
    pdca_web_notice(c);
    pdca_web_nendo_form(c, "/training", nendo);
    struct pdca_bind b[] = {{'i', nendo, NULL}};
    struct pdca_query q = course_query(b);
    html_f(sb, "<h2>令和%d年度の研修</h2>\n", nendo - 2018);
    int rc = pdca_table(c, "研修の一覧", &q, &err);
    struct rates t = {c, NULL, 0, 0};
    if (!rc) {
        html_raw(sb, "<h2>修了率</h2>\n");
        rc = training_rate(c->st, nendo, rate_take, &t, &err);
    }
    if (!rc)
        rate_html(c, &t);
    rates_free(&t);
    if (!rc) {
        html_raw(sb, "<h2>未修了者</h2>\n");
        rc = missing_html(c, nendo, &err);
    }
    if (rc) {
        strbuf_reset(sb);
        app_internal(c, &err);
        return;
    }
    if (authz_allows_all(c->who, "training", AUTHZ_WRITE))
        import_form(c, nendo);
    app_end(c);
}

/* ---- import ---- */

/* The CSV of an upload: the part "file" of a multipart/form-data body. 1 when found, 0 when
 * the body is not multipart, -1 when it is but malformed or without the file. */
static int uploaded(struct web_ctx *c, const char **data, size_t *len)
{
    const char *ct = c->req->content_type;
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0)
        return 0;
    struct multipart_part part;
    if (multipart_find(ct, c->req->body, c->req->body_len, "file", &part) != 1)
        return -1;
    *data = part.data;
    *len = part.len;
    return 1;
}

static int do_import(struct web_ctx *c, const char *data, size_t len, struct mm_problems *probs,
                     struct training_import_result *res, struct mm_err *err)
{
    struct pdca_actor a;
    pdca_web_actor(c, &a);
    return training_import_csv(c->st, &a, "web", data, len, probs, res, err);
}

static void problems_html(struct strbuf *sb, const struct mm_problems *p)
{
    html_raw(sb, "<ul class=\"problems\">\n");
    for (size_t i = 0; i < p->len; i++)
        html_f(sb, "<li>%s: %s</li>\n", p->items[i].where, p->items[i].msg);
    if (p->dropped)
        html_f(sb, "<li>ほかに %zu 件</li>\n", p->dropped);
    html_raw(sb, "</ul>\n");
}

void pdca_training_import(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows_all(c->who, "training", AUTHZ_WRITE)) {
        app_deny(c);
        return;
    }
    char *csv = malloc(CSV_MAX + 1);
    if (!csv)
        abort();
    const char *data = csv;
    size_t len = 0;
    int up = uploaded(c, &data, &len);
    if (!up && app_form(c, "csv", csv, CSV_MAX + 1))
        len = strlen(csv);
    if (up < 0 || !len || (!up && !csv[strspn(csv, " \r\n\t")])) {
        free(csv);
        app_bad_request(c, up < 0 ? "送られたファイルを読めません（フィールド file の CSV が必要です）。"
                                  : "CSV の内容を貼り付けてください。");
        return;
    }
    struct mm_problems probs = {0};
    struct training_import_result res = {0, 0};
    struct mm_err err;
    mm_err_clear(&err);
    int rc = do_import(c, data, len, &probs, &res, &err);
    free(csv);
    if (rc == MM_OK) {
        mm_problems_free(&probs);
        char loc[64];
        snprintf(loc, sizeof loc, "/training?nendo=%d&done=imported", pdca_web_nendo(c));
        app_redirect(c, loc);
        return;
    }
    if (rc != MM_EINPUT) {
        mm_problems_free(&probs);
        pdca_web_fail(c, rc, &err, "研修・訓練", "/training");
        return;
    }
    app_begin(c, "修了記録の取込み", "/training");
    html_f(APP_SB(c), "<p class=\"error\" role=\"alert\">%s</p>\n",
           err.msg[0] ? err.msg : "CSV に誤りがあるため、何も取り込んでいません。");
    problems_html(APP_SB(c), &probs);
    html_raw(APP_SB(c), "<p><a href=\"/training\">研修のページに戻る</a></p>\n");
    app_end(c);
    c->resp->status = 422;
    mm_problems_free(&probs);
}

/* ---- JSON ---- */

void pdca_api_training(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "training", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    int nendo = pdca_web_nendo(c);
    struct pdca_bind b[] = {{'i', nendo, NULL}};
    struct pdca_query q = course_query(b);
    json_t *courses = NULL;
    struct rates t = {c, NULL, 0, 0};
    struct missing m = {c, NULL, 0, json_array()};
    struct mm_err err;
    mm_err_clear(&err);
    int rc = pdca_json_rows(c->st, &q, &courses, &err);
    if (!rc)
        rc = training_rate(c->st, nendo, rate_take, &t, &err);
    if (!rc)
        rc = training_missing(c->st, nendo, missing_take, &m, &err);
    if (rc) {
        json_decref(courses);
        json_decref(m.json);
        rates_free(&t);
        app_internal(c, &err);
        return;
    }
    json_t *rates = json_array();
    for (size_t i = 0; i < t.n; i++)
        json_array_append_new(
            rates, json_pack("{s:s?, s:s, s:s, s:I, s:I}", "department_id",
                             t.v[i].id[0] ? t.v[i].id : NULL, "name", t.v[i].name, "level",
                             t.v[i].level, "staff", (json_int_t)t.v[i].staff, "completed",
                             (json_int_t)t.v[i].completed));
    rates_free(&t);
    json_t *j = pdca_envelope(courses);
    json_object_set_new(j, "nendo", json_integer(nendo));
    json_object_set_new(j, "rates", rates);
    json_object_set_new(j, "missing", m.json);
    app_json(c, 200, j);
}

void pdca_api_training_import(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows_all(c->who, "training", AUTHZ_WRITE)) {
        app_deny(c);
        return;
    }
    const char *data = c->req->body;
    size_t len = c->req->body_len;
    int up = uploaded(c, &data, &len);
    if (up < 0 || !data || !len) {
        app_json_error(c, 400, "invalid",
                       "CSV を要求の本文か、multipart/form-data のフィールド file で送ってください。");
        return;
    }
    struct mm_problems probs = {0};
    struct training_import_result res = {0, 0};
    struct mm_err err;
    mm_err_clear(&err);
    int rc = do_import(c, data, len, &probs, &res, &err);
    if (rc == MM_EINPUT && probs.len) {
        json_t *fields = json_array();
        for (size_t i = 0; i < probs.len; i++)
            json_array_append_new(fields, json_pack("{s:s, s:s}", "field", probs.items[i].where,
                                                    "message", probs.items[i].msg));
        json_t *e = json_pack("{s:{s:i, s:s, s:s, s:o}}", "error", "status", 422, "code",
                              "invalid", "message", "CSV に誤りがあります。何も取り込んでいません。",
                              "fields", fields);
        mm_problems_free(&probs);
        app_json(c, 422, e);
        return;
    }
    mm_problems_free(&probs);
    if (rc) {
        pdca_web_fail(c, rc, &err, NULL, NULL);
        return;
    }
    app_json(c, 200, json_pack("{s:I, s:I}", "added", (json_int_t)res.added, "skipped",
                               (json_int_t)res.skipped));
}
