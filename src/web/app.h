/*
 * app.h — the signed-in application: the request context every page and API handler gets,
 * the route tables, and the helpers for the shared frame (navigation by what the user may
 * see), errors, redirects, query and form fields, and 和暦 dates.
 *
 * How a request reaches a handler (app.c):
 *   1. the path is matched against the route tables below ("{}" matches one path segment,
 *      decoded, handed to the handler in args[]); no match → 404, a path that matches with
 *      another method → 405;
 *   2. /api/ routes authenticate with "Authorization: Bearer mamori_…" (an API token) and
 *      answer JSON; other routes need a full session cookie (else 303 to /login), and a POST
 *      must carry the session's CSRF token (form field `csrf` — urlencoded or a plain part of a
 *      multipart/form-data upload — or header X-CSRF-Token, else 403);
 *   3. the database is opened for the request (read-write for POST and for the API, read-only
 *      otherwise), the user's principal is loaded (authz.h), the handler runs, all is closed.
 * Handlers decide access themselves with authz_allows / authz_filter_* on c->who — for the
 * resource, and for the particular row — and answer app_deny when refused.
 */
#ifndef MM_WEB_APP_H
#define MM_WEB_APP_H

#include <time.h>

#include "auditlog/auditlog.h"
#include "auth/auth.h"
#include "authz/authz.h"
#include "store/store.h"
#include "web/web.h"

struct web_ctx {
    const char *db_path;
    const struct web_request *req;
    struct web_response *resp;
    struct strbuf *log; /* detail for the server log (never secrets); may be NULL */
    struct store *st;
    struct authz_principal *who;
    int who_kept;       /* `who` belongs to the connection's memo (web_db_memo_put) */
    int api;            /* signed in with an API token: answer JSON */
    long long user_id;
    char login[AUTH_LOGIN_MAX + 1];
    char person_id[128];
    char person_name[256];
    char csrf[AUTH_TOKEN_LEN];  /* the session's CSRF token for forms ("" for the API) */
    long long previous_login_at;
    char previous_login_from[64];
    char today[11];     /* JST date, YYYY-MM-DD */
    time_t now;
    struct audit_actor actor; /* "user:<login>" for the change log */
    char actor_buf[AUTH_LOGIN_MAX + 8];
};

typedef void (*web_handler)(struct web_ctx *c, char *const *args);

#define WEB_ROUTE_ARGS 4
#define WEB_ROUTE_ARG_MAX 256

struct web_route {
    const char *method;  /* "GET" (HEAD is answered as GET) or "POST"; NULL ends a table */
    const char *pattern; /* e.g. "/assets/{}" or "/api/v1/assets/{}" */
    web_handler fn;
};

/* The route tables, one per module; each ends with {NULL}. */
extern const struct web_route web_routes_home[];       /* page_home.c: /, /dashboard */
extern const struct web_route web_routes_registers[];  /* page_register*.c: /r/… */
extern const struct web_route web_routes_findings[];   /* page_findings.c: /findings, /checks */
extern const struct web_route web_routes_catalog[];    /* page_catalog.c: /catalog */
extern const struct web_route web_routes_requests[];  /* page_requests*.c: /requests, /inbox and
                                                         /api/v1/requests… */
extern const struct web_route web_routes_incidents[]; /* page_incidents*.c: /incidents, /contacts
                                                         and /api/v1/incidents… */
extern const struct web_route web_routes_pdca[];      /* page_pdca*.c: /training, /assessments,
                                                         /audits, /reports and their API */
extern const struct web_route web_routes_api[];           /* api.c: /api/v1/me */
extern const struct web_route web_routes_api_registers[]; /* api_registers.c */
extern const struct web_route web_routes_api_findings[];  /* api_findings.c: findings, checks,
                                                             dashboard, catalog */

/*
 * Answers a request that no sign-in route took: returns 1 when a route matched (resp filled),
 * 0 when no route has this path (the caller answers 404 or serves its own paths).
 */
int web_app_dispatch(const char *db_path, const struct web_request *req,
                     struct web_response *resp, struct strbuf *log_detail);

/* ---- the HTML frame ---- */

/*
 * Opens a page: head, top bar with the user's name and the sign-out form, the navigation
 * (only the entries the user may read; `active` is the current entry's path, e.g. "/r/asset",
 * or NULL), then <main> with <h1>title</h1>. Sets status 200, HTML type, no-store.
 */
void app_begin(struct web_ctx *c, const char *title, const char *active);
void app_end(struct web_ctx *c);

/* The body buffer of the answer (pages write into it between app_begin and app_end). */
#define APP_SB(c) (&(c)->resp->body)

/* ---- answers ---- */

/* 403: the user's roles do not allow this (HTML page or JSON error for the API). */
void app_deny(struct web_ctx *c);
/* 404: no such row or page. */
void app_not_found(struct web_ctx *c);
/* 400 with a Japanese message (escaped). */
void app_bad_request(struct web_ctx *c, const char *message);
/* 500; err->msg goes to the server log only. */
void app_internal(struct web_ctx *c, const struct mm_err *err);
/* 303 See Other to a path of this site (must start with '/'; built by the caller). */
void app_redirect(struct web_ctx *c, const char *location);
/*
 * 200 with `len` bytes of `data` (copied) as a download of `type`, never cached, saved as
 * `filename` (ASCII, no quotes: built by the caller from ids, not from user text).
 */
void app_download(struct web_ctx *c, const char *type, const void *data, size_t len,
                  const char *filename);
/*
 * The API's error object: {"error":{"status":N,"code":"…","message":"…"}} with the status.
 * `code` is a stable ASCII word (forbidden, not_found, invalid, conflict, internal …).
 */
void app_json_error(struct web_ctx *c, int status, const char *code, const char *message);
/* Sends `j` (stolen) as the JSON answer with `status`. */
struct json_t;
void app_json(struct web_ctx *c, int status, struct json_t *j);

/* ---- input ---- */

/* A row id in a path: digits only, above 0. 1 with *id set, 0 otherwise. */
int app_parse_id(const char *s, long long *id);

/* Query-string field (decoded) into out[size]; 1 when present and it fits, else 0 and "". */
int app_query(const struct web_ctx *c, const char *name, char *out, size_t size);
/* Form field of a POST body; same contract. */
int app_form(const struct web_ctx *c, const char *name, char *out, size_t size);

/* ---- display ---- */

/* A stored date or date-time as 和暦: 「令和8年11月23日」 (date part only); "" for NULL or "",
 * the text unchanged when it is not a date. */
void app_wareki(const char *iso, char *buf, size_t size);

/* The hidden CSRF field for a form, written into the page. */
void app_csrf_field(struct web_ctx *c);

#endif
