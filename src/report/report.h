/*
 * report.h — mamori's printed documents, built on the document API of pdf.h:
 *   - the 申請書/決裁記録 of one approval request (request_print.c),
 *   - the 委員会's annual report for a 年度 (annual.c).
 * Dates are printed in 和暦 throughout.
 */
#ifndef MM_REPORT_H
#define MM_REPORT_H

#include <stddef.h>

#include "model/wareki.h"
#include "report/pdf.h"
#include "store/store.h"
#include "util/err.h"

/* 「令和8年11月24日」 for an ISO date, 「令和8年11月24日 10:15」 for a date-time (a UTC time
 * ending in Z is shown in JST, any other as written); the text unchanged when it is not a date;
 * 「—」 for NULL or empty. */
void report_wareki(const char *iso, char *buf, size_t size);

/* Where a document goes: a file (path) or memory (*data, *len; the caller frees *data). */
struct report_out {
    const char *path; /* NULL = memory */
    char **data;
    size_t *len;
    const char *created_at;    /* PDF creation date (ISO 8601); NULL = now */
    struct mm_date print_date; /* {0} = today (JST) */
};

/* ---- 申請書 / 決裁記録 ------------------------------------------------------------------ */

struct request_print_field {
    const char *label, *value;
};

/* One grantor of the route, as decided (or not yet). Every text may be NULL. */
struct request_print_step {
    int round;              /* 1 + resubmissions before this route was drawn; 0 = the current */
    int step;               /* 1, 2 … (grantors of one step share the number) */
    const char *role;       /* the deciding role's label 「情報セキュリティ管理者」 */
    const char *person;     /* the grantor's name */
    const char *decision;   /* 「許可」「条件付き許可」「却下」「差戻し」; NULL = 未決 */
    const char *comment;    /* conditions, reasons */
    const char *decided_at; /* ISO date or date-time */
    const char *delegation; /* 代決: who decided in the grantor's place and under what instrument */
    const char *escalation; /* why the step moved up (兼務の禁止, vacancy) */
};

struct request_print {
    long long id;
    const char *title;
    const char *kind_label;   /* 「クラウドサービスの利用」 */
    const char *clauses;      /* 対策基準 clauses 「8.3(2) 8.3(5)」 */
    const char *basis;        /* who grants, in the words of the text */
    const char *requester;    /* name */
    const char *department;   /* the requester's 課室 */
    const char *submitted_at; /* ISO */
    const char *state_label;  /* 「審査中」「許可」 … */
    int round;                /* 1 + resubmissions after 差戻し */
    int emergency;            /* carried out first, decided afterwards (7.4(2)) */
    const char *valid_from, *valid_until; /* ISO dates or NULL */
    const char *conditions;               /* 条件付き許可の条件, or NULL */
    const struct request_print_field *fields;
    size_t nfields;
    const struct request_print_step *steps;
    size_t nsteps;
    const char *changelog_ref; /* where the change log records it: 「変更記録 request/42」 */
};

/* Draws the 申請書/決裁記録 of one request into an open document. */
void request_print_render(struct pdf_doc *d, const struct request_print *r);

/* The whole document: opens, renders, closes. `org` is the organization name (may be NULL). */
int request_print_pdf(const struct request_print *r, const char *org, const struct report_out *out,
                      struct mm_err *err);

/*
 * The 申請書/決裁記録 of request `id` as stored by the approval engine (schema 010): every round
 * of its route, field values as people read them, the change-log entries that record it.
 * MM_EINPUT when there is no such request. Reads only.
 */
int report_request_pdf(struct store *st, long long id, const struct report_out *out,
                       struct mm_err *err);

/* ---- annual report ---------------------------------------------------------------------- */

/*
 * The 委員会's annual report for 年度 `nendo` (April `nendo` to March `nendo`+1) from the
 * database: check runs and findings by 対策基準 section and department, the compliance trend
 * across runs, open accepted risks, training completion by department; sections still to come
 * (self-assessment, audit, incidents) are listed as such. Reads only.
 */
int report_annual_pdf(struct store *st, int nendo, const struct report_out *out,
                      struct mm_err *err);

#endif
