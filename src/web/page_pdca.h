/*
 * page_pdca.h — what the 研修・自己点検・監査・報告書 pages (page_pdca*.c) share: the actor
 * for the engines, the 年度 of a request, tables and JSON lists drawn from one SQL query by a
 * column table, and the answer to an engine's refusal on a page or in the API.
 */
#ifndef MM_WEB_PAGE_PDCA_H
#define MM_WEB_PAGE_PDCA_H

#include <jansson.h>

#include "pdca/pdca.h"
#include "web/app.h"

/* The engine's actor for the signed-in user (person may be NULL). */
void pdca_web_actor(const struct web_ctx *c, struct pdca_actor *a);

/* The 年度 asked for (?nendo= or form field nendo), else the 年度 of today. */
int pdca_web_nendo(const struct web_ctx *c);

/* A GET form choosing the 年度 of `path`. */
void pdca_web_nendo_form(struct web_ctx *c, const char *path, int nendo);

/* A bound value of a query: 'i' (integer) or 't' (text; NULL binds NULL). */
struct pdca_bind {
    char type;
    long long i;
    const char *s;
};

/* One column of a query's answer: heading on pages (NULL: not shown), key in JSON (NULL: not
 * sent), kind, and for PCOL_LINK the path prefix and the column whose value ends the link. */
enum pdca_col_kind { PCOL_TEXT, PCOL_INT, PCOL_DATE, PCOL_LINK };
struct pdca_col {
    const char *title, *key;
    enum pdca_col_kind kind;
    const char *href; /* PCOL_LINK: "/assessments/" */
    int href_col;     /* PCOL_LINK: the column holding the id */
};

struct pdca_query {
    const char *sql;
    const struct pdca_bind *binds;
    size_t nbinds;
    const struct pdca_col *cols;
    size_t ncols;
    /* When set, the SQL ends with the condition of authz_filter_sql, whose four values are
     * bound after `binds` for who × resource × read. */
    const struct authz_principal *who;
    const char *resource;
};

/* The rows as an HTML table with `caption` (an 「ありません」 note when none). */
int pdca_table(struct web_ctx *c, const char *caption, const struct pdca_query *q,
               struct mm_err *err);
/* The rows as a JSON array of objects; *out is new. */
int pdca_json_rows(struct store *st, const struct pdca_query *q, json_t **out, struct mm_err *err);
/* The list envelope {"items":…, "total", "page": 1, "per_page"} of the array (stolen). */
json_t *pdca_envelope(json_t *items);
/* Answers the rows in that envelope with "nendo" added (200), or 500 when the query fails. */
void pdca_api_list(struct web_ctx *c, const struct pdca_query *q, int nendo);

/* An engine's failure: 422 (input), 409 (refused) or 500, as a page with a link back to `back`
 * or as the API's error object. */
void pdca_web_fail(struct web_ctx *c, int rc, const struct mm_err *err, const char *title,
                   const char *back);

/* A short notice after a redirect: ?done=CODE chooses a fixed sentence (nothing for others). */
void pdca_web_notice(struct web_ctx *c);

/* Whether the user may read (or write) assessment `id` (kind, 部局 and system of the row):
 * the grants of resource "assessment" for the row, or, for a 部局's assessment, a grant on
 * the resource and a current 情報セキュリティ管理者/責任者 role in one of its 課室. */
int pdca_assessment_allowed(struct web_ctx *c, long long id, enum authz_action action, int *found,
                            struct mm_err *err);

/* The SQL condition (two binds: person id, today twice → three) adding the 部局 assessments of
 * a 管理者's 課室 to a list; see pdca_assessment_allowed. */
#define PDCA_ISM_BUKYOKU_SQL                                                                   \
    "a.target_kind = 'bukyoku' AND a.department_id IN (SELECT d.parent_id FROM role_assignment r" \
    " JOIN department d ON d.id = r.scope_department_id WHERE r.person_id = ?"                  \
    " AND r.role IN ('ism', 'isr') AND r.valid_from <= ? AND (r.valid_to IS NULL OR"             \
    " r.valid_to >= ?))"

/* Handlers in the other files. */
void pdca_training_page(struct web_ctx *c, char *const *args);
void pdca_training_import(struct web_ctx *c, char *const *args);
void pdca_api_training(struct web_ctx *c, char *const *args);
void pdca_api_training_import(struct web_ctx *c, char *const *args);

void pdca_assessments_page(struct web_ctx *c, char *const *args);
void pdca_assessments_create(struct web_ctx *c, char *const *args);
void pdca_assessment_page(struct web_ctx *c, char *const *args);
void pdca_assessment_answers(struct web_ctx *c, char *const *args);
void pdca_assessment_submit(struct web_ctx *c, char *const *args);
void pdca_assessment_review(struct web_ctx *c, char *const *args);
void pdca_assessment_evidence(struct web_ctx *c, char *const *args);
void pdca_assessment_evidence_add(struct web_ctx *c, char *const *args);
void pdca_api_assessments(struct web_ctx *c, char *const *args);
void pdca_api_assessment(struct web_ctx *c, char *const *args);
void pdca_api_assessment_answer(struct web_ctx *c, char *const *args);
void pdca_api_assessment_submit(struct web_ctx *c, char *const *args);
void pdca_api_assessment_review(struct web_ctx *c, char *const *args);

void pdca_audits_page(struct web_ctx *c, char *const *args);
void pdca_audits_create(struct web_ctx *c, char *const *args);
void pdca_audit_page(struct web_ctx *c, char *const *args);
void pdca_audit_action(struct web_ctx *c, char *const *args);
void pdca_api_audits(struct web_ctx *c, char *const *args);
void pdca_api_audit(struct web_ctx *c, char *const *args);

void pdca_reports_page(struct web_ctx *c, char *const *args);
void pdca_report_annual(struct web_ctx *c, char *const *args);

#endif
