/*
 * page_pdca.c — the route table of 研修 (/training), 自己点検 (/assessments), 監査 (/audits) and
 * 報告書 (/reports) with their JSON API, and the helpers those pages share (page_pdca.h).
 * The pages call the engines of src/pdca, which check the roles of the acting person and
 * write each change with its change-log entry in one transaction; the pages check the grants
 * (authz) before showing or changing anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/dash.h"
#include "web/html.h"
#include "web/page_pdca.h"

const struct web_route web_routes_pdca[] = {
    {"GET", "/training", pdca_training_page},
    {"POST", "/training/import", pdca_training_import},
    {"GET", "/assessments", pdca_assessments_page},
    {"POST", "/assessments", pdca_assessments_create},
    {"GET", "/assessments/{}", pdca_assessment_page},
    {"POST", "/assessments/{}/answers", pdca_assessment_answers},
    {"POST", "/assessments/{}/submit", pdca_assessment_submit},
    {"POST", "/assessments/{}/review", pdca_assessment_review},
    {"GET", "/assessments/{}/evidence/{}", pdca_assessment_evidence},
    {"POST", "/assessments/{}/evidence", pdca_assessment_evidence_add},
    {"GET", "/audits", pdca_audits_page},
    {"POST", "/audits", pdca_audits_create},
    {"GET", "/audits/{}", pdca_audit_page},
    {"POST", "/audits/{}/{}", pdca_audit_action},
    {"GET", "/reports", pdca_reports_page},
    {"GET", "/reports/annual", pdca_report_annual},
    {"GET", "/api/v1/training", pdca_api_training},
    {"POST", "/api/v1/training/import", pdca_api_training_import},
    {"GET", "/api/v1/assessments", pdca_api_assessments},
    {"GET", "/api/v1/assessments/{}", pdca_api_assessment},
    {"POST", "/api/v1/assessments/{}/answers", pdca_api_assessment_answer},
    {"POST", "/api/v1/assessments/{}/submit", pdca_api_assessment_submit},
    {"POST", "/api/v1/assessments/{}/review", pdca_api_assessment_review},
    {"GET", "/api/v1/assessments/{}/evidence/{}", pdca_assessment_evidence},
    {"POST", "/api/v1/assessments/{}/evidence", pdca_assessment_evidence_add},
    {"GET", "/api/v1/audits", pdca_api_audits},
    {"POST", "/api/v1/audits", pdca_audits_create},
    {"GET", "/api/v1/audits/{}", pdca_api_audit},
    {"POST", "/api/v1/audits/{}/{}", pdca_audit_action},
    {"GET", "/api/v1/reports/annual", pdca_report_annual},
    {NULL, NULL, NULL},
};

void pdca_web_actor(const struct web_ctx *c, struct pdca_actor *a)
{
    a->log = c->actor;
    a->person_id = c->person_id[0] ? c->person_id : NULL;
    a->today = c->today;
}

int pdca_web_nendo(const struct web_ctx *c)
{
    char v[8];
    if (!app_query(c, "nendo", v, sizeof v) && !app_form(c, "nendo", v, sizeof v))
        return pdca_fiscal_year(c->today);
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || end == v || n < 2000 || n > 2100)
        return pdca_fiscal_year(c->today);
    return (int)n;
}

void pdca_web_nendo_form(struct web_ctx *c, const char *path, int nendo)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<form class=\"filters\" method=\"get\" action=\"%s\"><label>年度 "
               "<select name=\"nendo\">", path);
    int now = pdca_fiscal_year(c->today);
    for (int y = now + 1; y >= now - 5; y--)
        html_f(sb, "<option value=\"%d\"%s>令和%d年度</option>", y, y == nendo ? " selected" : "",
               y - 2018);
    html_raw(sb, "</select></label> <button type=\"submit\">表示</button></form>\n");
}

static int bind_all(struct store_stmt *s, const struct pdca_query *q)
{
    for (size_t i = 0; i < q->nbinds; i++) {
        const struct pdca_bind *b = &q->binds[i];
        int rc = b->type == 'i' ? store_bind_int(s, (int)i + 1, b->i)
                 : b->s       ? store_bind_text(s, (int)i + 1, b->s)
                              : store_bind_null(s, (int)i + 1);
        if (rc)
            return rc;
    }
    if (q->who)
        return authz_filter_bind(q->who, q->resource, AUTHZ_READ, s, (int)q->nbinds + 1);
    return 0;
}

static void cell(struct strbuf *sb, struct store_stmt *s, const struct pdca_col *cols, size_t i)
{
    const char *v = store_col_text(s, (int)i);
    char buf[96];
    switch (cols[i].kind) {
    case PCOL_INT:
        html_f(sb, "<td class=\"num\">%s</td>", v ? v : "0");
        break;
    case PCOL_DATE:
        app_wareki(v, buf, sizeof buf);
        html_f(sb, "<td>%s</td>", buf[0] ? buf : "—");
        break;
    case PCOL_LINK: {
        const char *id = store_col_text(s, cols[i].href_col);
        if (id) {
            struct strbuf href = STRBUF_INIT;
            strbuf_addstr(&href, cols[i].href);
            dash_url_escape(&href, id);
            html_f(sb, "<td><a href=\"%s\">%s</a></td>", href.buf, v ? v : id);
            strbuf_release(&href);
        } else
            html_f(sb, "<td>%s</td>", v ? v : "");
        break;
    }
    default:
        html_f(sb, "<td>%s</td>", v ? v : "");
    }
}

int pdca_table(struct web_ctx *c, const char *caption, const struct pdca_query *q,
               struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    struct store_stmt *s;
    int rc = store_prepare(c->st, q->sql, &s, err);
    if (rc)
        return rc;
    bind_all(s, q);
    size_t rows = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (!rows++) {
            html_f(sb, "<table class=\"pdca\"><caption>%s</caption><thead><tr>", caption);
            for (size_t i = 0; i < q->ncols; i++)
                if (q->cols[i].title)
                    html_f(sb, "<th scope=\"col\">%s</th>", q->cols[i].title);
            html_raw(sb, "</tr></thead><tbody>\n");
        }
        html_raw(sb, "<tr>");
        for (size_t i = 0; i < q->ncols; i++)
            if (q->cols[i].title)
                cell(sb, s, q->cols, i);
        html_raw(sb, "</tr>\n");
    }
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    if (rows)
        html_raw(sb, "</tbody></table>\n");
    else
        html_f(sb, "<p class=\"empty\">%s: ありません。</p>\n", caption);
    return 0;
}

int pdca_json_rows(struct store *st, const struct pdca_query *q, json_t **out, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, q->sql, &s, err);
    if (rc)
        return rc;
    bind_all(s, q);
    json_t *arr = json_array();
    while ((rc = store_step(s, err)) == STORE_ROW) {
        json_t *o = json_object();
        for (size_t i = 0; i < q->ncols; i++) {
            if (!q->cols[i].key)
                continue;
            json_t *v = store_col_is_null(s, (int)i)     ? json_null()
                        : q->cols[i].kind == PCOL_INT ? json_integer(store_col_int(s, (int)i))
                                                      : json_string(store_col_text(s, (int)i));
            json_object_set_new(o, q->cols[i].key, v ? v : json_null());
        }
        json_array_append_new(arr, o);
    }
    store_finalize(s);
    if (rc != STORE_DONE) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    return 0;
}

json_t *pdca_envelope(json_t *items)
{
    size_t n = json_array_size(items);
    return json_pack("{s:o, s:I, s:i, s:I}", "items", items, "total", (json_int_t)n, "page", 1,
                     "per_page", (json_int_t)n);
}

void pdca_api_list(struct web_ctx *c, const struct pdca_query *q, int nendo)
{
    json_t *items = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (pdca_json_rows(c->st, q, &items, &err)) {
        app_internal(c, &err);
        return;
    }
    json_t *j = pdca_envelope(items);
    json_object_set_new(j, "nendo", json_integer(nendo));
    app_json(c, 200, j);
}

void pdca_web_fail(struct web_ctx *c, int rc, const struct mm_err *err, const char *title,
                   const char *back)
{
    int status = rc == MM_EINPUT ? 422 : rc == MM_EREFUSED ? 409 : 500;
    if (status == 500) {
        app_internal(c, err);
        return;
    }
    if (c->api) {
        app_json_error(c, status, status == 422 ? "invalid" : "conflict", err->msg);
        return;
    }
    strbuf_reset(APP_SB(c));
    app_begin(c, title, NULL);
    html_f(APP_SB(c), "<p class=\"error\" role=\"alert\">%s</p>\n<p><a href=\"%s\">戻る</a></p>\n",
           err->msg, back);
    app_end(c);
    c->resp->status = status;
}

static const struct {
    const char *code, *text;
} notices[] = {
    {"imported", "研修の修了記録を取り込みました。"},
    {"created", "自己点検を作成しました。"},
    {"saved", "回答を保存しました。"},
    {"submitted", "自己点検を提出しました。"},
    {"accepted", "自己点検を受理しました。"},
    {"returned", "自己点検を差し戻しました。"},
    {"done", "記録しました。"},
};

void pdca_web_notice(struct web_ctx *c)
{
    char v[16];
    if (!app_query(c, "done", v, sizeof v))
        return;
    for (size_t i = 0; i < sizeof notices / sizeof *notices; i++)
        if (!strcmp(v, notices[i].code))
            html_f(APP_SB(c), "<p class=\"notice\" role=\"status\">%s</p>\n", notices[i].text);
}

int pdca_assessment_allowed(struct web_ctx *c, long long id, enum authz_action action, int *found,
                            struct mm_err *err)
{
    *found = 0;
    if (!authz_allows(c->who, "assessment", action, NULL))
        return 0;
    struct store_stmt *s;
    if (store_prepare(c->st,
                      "SELECT a.department_id, a.system_id, CASE WHEN " PDCA_ISM_BUKYOKU_SQL
                      " THEN 1 ELSE 0 END FROM assessment a WHERE a.id = ?",
                      &s, err))
        return -1;
    store_bind_text(s, 1, c->person_id);
    store_bind_text(s, 2, c->today);
    store_bind_text(s, 3, c->today);
    store_bind_int(s, 4, id);
    int rc = store_step(s, err), ok = 0;
    if (rc == STORE_ROW) {
        *found = 1;
        struct authz_target t = {store_col_text(s, 0), store_col_text(s, 1), NULL};
        ok = authz_allows(c->who, "assessment", action, &t) || store_col_int(s, 2);
    }
    store_finalize(s);
    return rc == STORE_ROW || rc == STORE_DONE ? ok : -1;
}
