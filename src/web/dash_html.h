/*
 * dash_html.h — pieces shared by the dashboard, findings and check-run pages: the findings
 * table, links to a finding and to its entity's register page, a pager, times in 和暦, and the
 * 「今すぐ点検する」 form.
 */
#ifndef MM_WEB_DASH_HTML_H
#define MM_WEB_DASH_HTML_H

#include "web/app.h"
#include "web/dash.h"

/* "/findings/<fp percent-encoded>" into sb (raw: the caller escapes when writing markup). */
void dash_finding_href(struct strbuf *sb, const char *fp);

/* The entity: kind, label (or id) linked to /r/{type}/{id} when that register exists. */
void dash_html_entity(struct strbuf *sb, const char *type, const char *id, const char *label);

/* A stored UTC time as 和暦 JST: 「令和8年11月23日 14:05」. */
void dash_wareki_time(const char *utc, char *buf, size_t size);

/* The findings table (caption given); `mark_new` adds the 状態 column with 新規 / 継続. */
void dash_html_findings(struct strbuf *sb, const char *caption, const struct dash_list *l);

/*
 * A pager for `total` rows in pages of `per`: links to base + "page=N" (base is a path with
 * the query fields to keep, ending in '?' or '&').
 */
void dash_html_pager(struct strbuf *sb, const char *base, int page, int per, long long total);

/*
 * Loads into *f the latest occurrence of finding `fp` when the user may read it (the caller
 * frees it with dash_finding_free) and returns 1; otherwise answers 403 / 404 / 500 itself and
 * returns 0.
 */
int dash_finding_visible(struct web_ctx *c, const char *fp, struct dash_finding *f);

/* The POST /checks form with its CSRF field. */
void dash_html_run_form(struct web_ctx *c);

/* A positive integer query field (page, per) with default and upper bound. */
int dash_query_int(const struct web_ctx *c, const char *name, int def, int max);

/* ---- the query fields of a findings list (HTML and API) ---- */

#define DASH_PER_DEFAULT 50
#define DASH_PER_MAX 500

struct dash_list_args {
    char section[8], severity[16], department[128], rule[64], state[16], sort[16], order[8];
    int page, per;
};

struct dash_choice {
    const char *code, *label;
};
extern const struct dash_choice dash_states[]; /* "" すべて, open, new, accepted */
extern const size_t dash_nstates;
extern const struct dash_choice dash_sort_labels[];
extern const size_t dash_nsort_labels;

/*
 * Reads section, severity, department, rule, state, sort, order, page and per. A value that is
 * not one of the offered ones is dropped; the name of the first such field is returned (the API
 * answers 422 with it), NULL when all are valid.
 */
const char *dash_list_args_read(const struct web_ctx *c, struct dash_list_args *a);
/* The query for run `run` (previous run `prev`, for 新規) with these fields. */
void dash_list_args_query(const struct dash_list_args *a, struct dash_query *q, long long run,
                          long long prev);

/* GET /dashboard (page_dashboard.c; routed from page_home.c). */
void dash_page_dashboard(struct web_ctx *c, char *const *args);

#endif
