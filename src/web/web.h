/*
 * web.h — the web interface: request handling independent of the HTTP library (so it can be
 * tested without sockets), the listen address, and the server that ties them to libmicrohttpd.
 *
 * Ownership: web_handle fills a caller-owned struct web_response; its body is released with
 * web_response_release. The server returned by web_server_start is stopped (and freed) with
 * web_server_stop.
 */
#ifndef MM_WEB_H
#define MM_WEB_H

#include <stddef.h>
#include <sys/socket.h>

#include "util/err.h"
#include "util/strbuf.h"

struct web_response {
    int status;               /* HTTP status code */
    const char *content_type; /* static string */
    const char *cache;        /* Cache-Control value (static string) */
    const char *allow;        /* Allow header for 405, else NULL */
    struct strbuf body;       /* owned */
    const char *static_body;  /* when non-NULL, sent instead of body (embedded, never freed) */
    size_t static_len;
    const char *location;     /* Location header for a redirect (static string), else NULL */
    char location_buf[512];   /* Location built for this answer, used when location is NULL */
    char disposition[256];    /* Content-Disposition (downloads), "" for none */
    char set_cookie[192];     /* Set-Cookie header value, "" for none */
};

/* One request as the handlers see it; every pointer is borrowed for the request's duration. */
struct web_request {
    const char *method;
    const char *path;       /* decoded, without the query string */
    const char *form;       /* application/x-www-form-urlencoded body (NUL-terminated) or NULL */
    const char *body;       /* the request body of any type (NUL-terminated) or NULL */
    size_t body_len;
    const char *content_type;  /* may be NULL */
    const char *query;      /* raw query string without '?', "" when none; never logged */
    const char *authorization; /* Authorization header (API tokens) or NULL */
    const char *csrf_header;   /* X-CSRF-Token header or NULL */
    const char *cookie;     /* the Cookie header or NULL */
    const char *origin;     /* the Origin header or NULL */
    const char *host;       /* the Host header or NULL */
    const char *user_agent; /* may be NULL */
    const char *ip;         /* client address (peer, or first X-Forwarded-For hop of a trusted
                               proxy); may be NULL */
    int secure;             /* arrived over TLS, or from a trusted proxy that says https */
};

/*
 * Answers one request. `path` is the decoded path without the query string. The database is
 * opened read-only for this request only and closed before returning. Never fails: errors
 * become 500/503 responses whose detail is written to `log_detail` (may be NULL) for the log.
 */
void web_handle_request(const char *db_path, const struct web_request *req,
                        struct web_response *resp, struct strbuf *log_detail);
/* web_handle_request for a bare request: no body, no cookie, no headers. */
void web_handle(const char *db_path, const char *method, const char *path,
                struct web_response *resp, struct strbuf *log_detail);
void web_response_release(struct web_response *resp);

struct auth_session;

/* The error page for `status` (Japanese text, no session needed). */
void web_page_error(struct web_response *resp, int status);

/* Unix time `t` as JST 和暦 date and time, 「令和8年11月23日 22時05分」, into buf. */
void web_format_time(long long t, char *buf, size_t size);

/* A listen address: IPv4 `ADDR:PORT` or IPv6 `[ADDR]:PORT`. */
struct web_listen {
    struct sockaddr_storage addr;
    socklen_t len;
};

/* Parses spec into *out; MM_EINPUT with a message quoting the text when malformed. */
int web_listen_parse(const char *spec, struct web_listen *out, struct mm_err *err);
/* Whether the address is on the loopback interface (127.0.0.0/8 or ::1). */
int web_listen_is_loopback(const struct web_listen *w);
/* Writes the URL for an address (e.g. "http://[::1]:8080/") into buf. */
void web_listen_url(const struct sockaddr *sa, char *buf, size_t size);

struct web_server;

/*
 * The sign-in pages and the session gate (signin.c): answers `req` when its path belongs to
 * sign-in (/login, /login/code, /password, /totp/enroll, /logout) and returns 1; 0 otherwise.
 * web_signin_gate checks the session of a page that needs a signed-in user: 1 and *s filled
 * (and csrf[65] set) when the request may proceed, 0 when resp already holds the redirect.
 */
int web_signin_route(const char *db_path, const struct web_request *req,
                     struct web_response *resp, struct strbuf *log_detail);
int web_signin_gate(const char *db_path, const struct web_request *req, struct auth_session *s,
                    char *csrf, struct web_response *resp, struct strbuf *log_detail);

/*
 * Binds the address and starts serving db_path on internal threads. With `trust_proxy` the
 * X-Forwarded-Proto and X-Forwarded-For headers are believed (mamori behind a TLS proxy);
 * without it they are ignored. On a loopback address only
 * requests whose Host header names the loopback are answered (others get 421), which defeats
 * DNS rebinding. A port already in use or
 * not permitted fails with MM_EINTERNAL and a message naming the address. On success
 * *url_out (caller-owned buffer of url_size bytes) holds the URL actually bound. `threads`
 * request threads serve the connections (0: one per processor, at least 2); each connection
 * stays with one thread, so more threads than processors only spread the waits unevenly.
 */
enum { WEB_THREADS_MAX = 64 };
int web_server_start(const char *db_path, const struct web_listen *where, int trust_proxy,
                     unsigned threads, struct web_server **out, char *url_out, size_t url_size,
                     struct mm_err *err);
/* Stops accepting, waits for requests in flight, closes the socket and frees the server. */
void web_server_stop(struct web_server *srv);

#endif
