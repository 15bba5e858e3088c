/*
 * page_requests.h — shared between the 申請・承認 pages and API (page_requests*.c): who may see
 * or decide a request (asked of the approval engine, not of the grants), the values of a
 * request read from a form or a JSON body, and the API's error answers.
 */
#ifndef MM_WEB_PAGE_REQUESTS_H
#define MM_WEB_PAGE_REQUESTS_H

#include <jansson.h>

#include "approval/approval.h"
#include "web/app.h"

#define RQ_MAX_VALUES 64

/* The value of a string member of a JSON object, "" when absent or not a string. */
const char *rq_js(const json_t *o, const char *key);

/* A request id from a path segment; 0 when it is not a positive decimal number. */
long long rq_id(const char *s);

/*
 * Loads request `id` when the user may see it: its requester, a person on its route (or who
 * decided on it), a delegate (代決) of a person on its route, or a holder of the 'all' read
 * grant on `request`. Otherwise answers 404 / 403 / 500 itself and returns NULL.
 */
json_t *rq_load_visible(struct web_ctx *c, long long id);

/*
 * The id of request `arg` for a change only its requester may make (needs write on `request`),
 * or of a decision only a participant may try (see rq_participant). 0 when the answer
 * (403 / 404 / 500) is already given.
 */
long long rq_requester_id(struct web_ctx *c, const char *arg);
long long rq_participant_id(struct web_ctx *c, const char *arg);

/*
 * Whether the user takes part in the request: its requester, on its route, or a delegate of
 * someone on it. Only they may try a decision (a reader of every request may not: 403).
 */
int rq_participant(struct web_ctx *c, const json_t *r, long long id, int *out, struct mm_err *err);

/* Whether the user may decide request `id` now (a grantor of the open step, or by 代決). */
int rq_may_decide(struct web_ctx *c, long long id, int *out, struct mm_err *err);

/* Whether the user filed the request. */
int rq_is_requester(const struct web_ctx *c, const json_t *r);

/* A title the engine stores whole: at most RQ_TITLE_MAX characters. */
#define RQ_TITLE_MAX 120
int rq_title_ok(const char *title);

/* Values of a request: borrowed field codes, owned value copies. */
struct rq_values {
    struct approval_value v[RQ_MAX_VALUES];
    char *own[RQ_MAX_VALUES];
    size_t n;
};
void rq_values_add(struct rq_values *vs, const char *field, const char *value);
void rq_values_free(struct rq_values *vs);
/* The value given for `field`, or NULL. */
const char *rq_values_get(const struct rq_values *vs, const char *field);

/* The API's error answer, with the field problems when `p` holds any. */
void rq_json_error(struct web_ctx *c, int status, const char *code, const char *message,
                   const struct mm_problems *p);

/* The 和暦 of an ISO date or UTC date-time (with hh:mm in JST), 「—」 when empty. */
void rq_wareki(const char *iso, char *buf, size_t size);

/*
 * The requests of one list tab ("mine", "awaiting", "decided", "all"), newest first, as the
 * engine's summaries; `state` and `kind` filter when not empty. The caller checks "all".
 */
int rq_list_items(struct web_ctx *c, const char *tab, const char *state, const char *kind,
                  json_t **out, struct mm_err *err);

/* Route tables of the split files. */
void rq_page_list(struct web_ctx *c, char *const *args);
void rq_page_inbox(struct web_ctx *c, char *const *args);
void rq_post_inbox_read(struct web_ctx *c, char *const *args);
void rq_page_kinds(struct web_ctx *c, char *const *args);
void rq_page_new(struct web_ctx *c, char *const *args);
void rq_post_new(struct web_ctx *c, char *const *args);
void rq_page_show(struct web_ctx *c, char *const *args);
void rq_post_decide(struct web_ctx *c, char *const *args);
void rq_post_withdraw(struct web_ctx *c, char *const *args);
void rq_page_amend(struct web_ctx *c, char *const *args);
void rq_post_amend(struct web_ctx *c, char *const *args);
void rq_get_print(struct web_ctx *c, char *const *args);
void rq_get_attachment(struct web_ctx *c, char *const *args);
void rq_post_attach(struct web_ctx *c, char *const *args);
void rq_post_close(struct web_ctx *c, char *const *args);
void rq_post_renew(struct web_ctx *c, char *const *args);
void rq_api_attach(struct web_ctx *c, char *const *args);
void rq_api_kinds(struct web_ctx *c, char *const *args);
void rq_api_list(struct web_ctx *c, char *const *args);
void rq_api_create(struct web_ctx *c, char *const *args);
void rq_api_get(struct web_ctx *c, char *const *args);
void rq_api_decide(struct web_ctx *c, char *const *args);
void rq_api_withdraw(struct web_ctx *c, char *const *args);
void rq_api_inbox(struct web_ctx *c, char *const *args);

#endif
