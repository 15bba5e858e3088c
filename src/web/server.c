/*
 * server.c — the HTTP server: binds the listen socket itself (so a busy port is reported
 * precisely), hands it to libmicrohttpd running a small thread pool, adds the security headers
 * to every answer and logs one line per request (method, path without query, status, ms).
 * On a loopback address it answers only requests addressed to a loopback host name, so a web
 * page elsewhere cannot read it through a DNS name rebound to 127.0.0.1 (DNS rebinding).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "web/web.h"

#define LOG_PATH_MAX 200
#define BODY_MAX 65536 /* bytes of a request body; more is refused with 413 */
#define QUERY_MAX 2048 /* bytes of a query string; more is refused with 414 */

struct web_server {
    struct MHD_Daemon *daemon;
    char *db_path;   /* owned */
    int loopback;    /* listening on 127.0.0.0/8 or ::1: check the Host header */
    int trust_proxy; /* believe X-Forwarded-Proto / X-Forwarded-For */
};

/* Per-request state, created when the request line arrives and freed when it completes. */
struct request {
    struct timespec start;
    int status;                  /* 0 until mamori answers (libmicrohttpd may answer itself) */
    char method[12];             /* for the log */
    char path[LOG_PATH_MAX + 1]; /* for the log: no query string, control bytes replaced */
    char query[QUERY_MAX + 1];   /* the raw query string (never logged) */
    int query_too_long;
    int body_started;            /* a POST whose body is being read */
    int body_too_large;
    size_t body_len;
    char body[BODY_MAX + 1]; /* the form body, NUL-terminated; wiped before it is freed */
};

static const char CSP[] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                          "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* Copies at most size-1 bytes of s up to `stop`, replacing control bytes, for the log. */
static void log_copy(char *dst, size_t size, const char *s, char stop)
{
    size_t n = 0;
    for (; *s && *s != stop && n + 1 < size; s++)
        dst[n++] = ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s;
    dst[n] = '\0';
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    (void)conn;
    struct request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    log_copy(r->path, sizeof r->path, uri, '?'); /* query strings may carry secrets */
    const char *q = strchr(uri, '?');
    if (q) {
        if (strlen(q + 1) > QUERY_MAX)
            r->query_too_long = 1;
        else
            strcpy(r->query, q + 1);
    }
    strcpy(r->method, "-");
    return r;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    struct request *r = *con_cls;
    if (!r)
        return;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - r->start.tv_sec) * 1e3 +
                (double)(end.tv_nsec - r->start.tv_nsec) / 1e6;
    char status[12] = "-";
    if (r->status)
        snprintf(status, sizeof status, "%d", r->status);
    /* One fprintf per line: stdio locks the stream, so lines from threads never interleave. */
    fprintf(stderr, "%s %s %s %.1fms\n", r->method, r->path, status, ms);
    explicit_bzero(r->body, sizeof r->body); /* may hold a password */
    free(r);
    *con_cls = NULL;
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    fprintf(stderr, "mamori serve: HTTP: %s\n", msg);
}

/* Whether a Host header value (with or without port) names the loopback interface. */
static int host_is_loopback(const char *host)
{
    if (!host)
        return 0;
    if (strncmp(host, "[::1]", 5) == 0)
        return host[5] == '\0' || host[5] == ':';
    size_t n = strcspn(host, ":");
    if (host[n] == ':' && !host[n + 1])
        return 0;
    if (n == 9 && strncasecmp(host, "localhost", 9) == 0)
        return 1;
    struct in_addr a;
    char name[16];
    if (n >= sizeof name)
        return 0;
    memcpy(name, host, n);
    name[n] = '\0';
    return inet_pton(AF_INET, name, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

static enum MHD_Result add_headers(struct MHD_Response *mr, const struct web_response *resp)
{
    const char *h[][2] = {
        {MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type},
        {"Content-Security-Policy", CSP},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "same-origin"}, /* no-referrer makes browsers send Origin: null */
        {"X-Content-Type-Options", "nosniff"},
        {MHD_HTTP_HEADER_CACHE_CONTROL, resp->cache ? resp->cache : "no-store"},
        {MHD_HTTP_HEADER_ALLOW, resp->allow},
        {MHD_HTTP_HEADER_LOCATION, resp->location ? resp->location
                                   : resp->location_buf[0] ? resp->location_buf : NULL},
        {MHD_HTTP_HEADER_CONTENT_DISPOSITION, resp->disposition[0] ? resp->disposition : NULL},
        {MHD_HTTP_HEADER_SET_COOKIE, resp->set_cookie[0] ? resp->set_cookie : NULL},
    };
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++)
        if (h[i][1] && MHD_add_response_header(mr, h[i][0], h[i][1]) != MHD_YES)
            return MHD_NO;
    return MHD_YES;
}

/* The client address: the peer, or the first X-Forwarded-For hop of a trusted proxy. */
static void client_ip(const struct web_server *srv, struct MHD_Connection *conn, char *buf,
                      size_t size)
{
    buf[0] = '\0';
    const char *xff = srv->trust_proxy
                          ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For")
                          : NULL;
    if (xff) {
        while (*xff == ' ')
            xff++;
        size_t n = strcspn(xff, ", ");
        if (n && n < size && n < 64) {
            log_copy(buf, n + 1, xff, ',');
            return;
        }
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  (socklen_t)size);
}

/* Gathers what the handlers need from the connection into *req (pointers borrowed). */
static void fill_request(const struct web_server *srv, struct MHD_Connection *conn,
                         const char *method, const char *url, struct request *r,
                         char ip[64], struct web_request *req)
{
    memset(req, 0, sizeof *req);
    req->method = method;
    req->path = url;
    const char *type =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (r && r->body_started && type &&
        strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0)
        req->form = r->body;
    if (r && r->body_started) {
        req->body = r->body;
        req->body_len = r->body_len;
    }
    req->content_type = type;
    req->query = r ? r->query : "";
    req->authorization =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    req->csrf_header = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
    req->cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    req->origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
    req->host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    req->user_agent =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_USER_AGENT);
    client_ip(srv, conn, ip, 64);
    req->ip = ip[0] ? ip : NULL;
    /* mamori itself serves plain HTTP; TLS is a proxy's job, believed only when trusted. */
    req->secure = 0;
    if (srv->trust_proxy) {
        const char *proto =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
        if (proto && strcasecmp(proto, "https") == 0)
            req->secure = 1;
    }
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct web_server *srv = cls;
    struct request *r = *con_cls;
    if (r && r->status) { /* answered already: discard whatever body the client sends */
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct web_response resp;
    struct strbuf detail = STRBUF_INIT;
    int early = -1; /* a status to answer with at once, without mamori's handlers */
    if (srv->loopback &&
        !host_is_loopback(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host"))) {
        early = 421;
    } else if (r && r->query_too_long) {
        early = 414;
    } else if (r && strcmp(method, "POST") == 0) {
        /* Read the body first: handlers see it whole, bounded by BODY_MAX. */
        if (!r->body_started) {
            r->body_started = 1;
            const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                         MHD_HTTP_HEADER_CONTENT_LENGTH);
            if (cl && strtoull(cl, NULL, 10) > BODY_MAX)
                early = 413;
            else
                return MHD_YES;
        } else if (*upload_data_size) {
            if (r->body_len + *upload_data_size > BODY_MAX)
                r->body_too_large = 1;
            else {
                memcpy(r->body + r->body_len, upload_data, *upload_data_size);
                r->body_len += *upload_data_size;
                r->body[r->body_len] = '\0';
            }
            *upload_data_size = 0;
            return MHD_YES;
        } else if (r->body_too_large) {
            early = 413;
        }
    }
    if (early > 0) {
        memset(&resp, 0, sizeof resp);
        strbuf_init(&resp.body);
        web_page_error(&resp, early);
    } else {
        struct web_request req;
        char ip[64];
        fill_request(srv, conn, method, url, r, ip, &req);
        web_handle_request(srv->db_path, &req, &resp, &detail);
    }
    if (detail.len)
        fprintf(stderr, "mamori serve: %s %s: %s\n", method, r ? r->path : "-", detail.buf);
    strbuf_release(&detail);

    struct MHD_Response *mr;
    if (resp.static_body)
        mr = MHD_create_response_from_buffer(resp.static_len, (void *)resp.static_body,
                                             MHD_RESPMEM_PERSISTENT);
    else
        mr = MHD_create_response_from_buffer(resp.body.len, resp.body.buf, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ok = MHD_NO;
    if (mr && add_headers(mr, &resp) == MHD_YES)
        ok = MHD_queue_response(conn, (unsigned)resp.status, mr);
    if (mr)
        MHD_destroy_response(mr);
    if (r) {
        log_copy(r->method, sizeof r->method, method, '\0');
        r->status = resp.status;
    }
    web_response_release(&resp);
    if (*upload_data_size)
        *upload_data_size = 0;
    return ok;
}

/* Creates, binds and listens on the socket; a Japanese message names a busy or denied port. */
static int open_listener(const struct web_listen *where, int *fd_out, struct mm_err *err)
{
    char url[96];
    web_listen_url((const struct sockaddr *)&where->addr, url, sizeof url);
    int fd = socket(where->addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return mm_err_set(err, MM_EINTERNAL, "ソケットを作成できません（%s）: %s", url,
                          strerror(errno));
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (where->addr.ss_family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, (const struct sockaddr *)&where->addr, where->len) != 0) {
        int e = errno;
        close(fd);
        if (e == EADDRINUSE)
            return mm_err_set(
                err, MM_EINTERNAL,
                "%s のポートは既に使われています。別のポートを --listen で指定するか、"
                "そのポートを使っているプログラムを停止してください",
                url);
        if (e == EACCES)
            return mm_err_set(
                err, MM_EINTERNAL,
                "%s のポートを使う権限がありません。1024 以上のポートを指定してください", url);
        if (e == EADDRNOTAVAIL)
            return mm_err_set(
                err, MM_EINTERNAL,
                "%s のアドレスはこのコンピュータにありません。--listen を確かめてください", url);
        return mm_err_set(err, MM_EINTERNAL, "%s で待ち受けできません: %s", url, strerror(e));
    }
    if (listen(fd, 64) != 0) {
        int e = errno;
        close(fd);
        return mm_err_set(err, MM_EINTERNAL, "%s で待ち受けできません: %s", url, strerror(e));
    }
    *fd_out = fd;
    return MM_OK;
}

/* One request thread per processor, at least two (so one long request never holds them all). */
static unsigned default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 2 ? 2 : n > WEB_THREADS_MAX ? WEB_THREADS_MAX : (unsigned)n;
}

int web_server_start(const char *db_path, const struct web_listen *where, int trust_proxy,
                     unsigned threads,
                     struct web_server **out, char *url_out, size_t url_size,
                     struct mm_err *err)
{
    int fd = -1;
    int rc = open_listener(where, &fd, err);
    if (rc)
        return rc;
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    if (getsockname(fd, (struct sockaddr *)&bound, &blen) != 0)
        memcpy(&bound, &where->addr, sizeof bound);
    web_listen_url((const struct sockaddr *)&bound, url_out, url_size);

    struct web_server *srv = calloc(1, sizeof *srv);
    if (!srv || !(srv->db_path = strdup(db_path))) {
        free(srv);
        close(fd);
        return mm_err_set(err, MM_EINTERNAL, "メモリを確保できません");
    }
    srv->loopback = web_listen_is_loopback(where);
    srv->trust_proxy = trust_proxy;
    unsigned flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (where->addr.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL,
        MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_THREAD_POOL_SIZE, threads ? threads : default_threads(),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_END);
    if (!srv->daemon) {
        close(fd);
        free(srv->db_path);
        free(srv);
        return mm_err_set(err, MM_EINTERNAL, "HTTP サーバーを起動できません（%s）", url_out);
    }
    *out = srv;
    return MM_OK;
}

void web_server_stop(struct web_server *srv)
{
    if (!srv)
        return;
    MHD_stop_daemon(srv->daemon); /* also closes the listen socket */
    free(srv->db_path);
    free(srv);
}
