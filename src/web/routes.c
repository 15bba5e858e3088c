/*
 * routes.c — which handler answers which request: the sign-in pages (signin.c), the signed-in
 * application's route tables (app.c), the health check and the embedded static files (public),
 * and the error answers (404 unknown path, 405 a method the path does not take).
 */
#include <string.h>

#include "auth/auth.h"
#include "store/store.h"
#include "util/embedded.h"
#include "web/app.h"
#include "web/dbpool.h"
#include "web/web.h"

#define STATIC_PREFIX "/static/"
#define STATIC_DIR "web/static/"

static const struct {
    const char *ext;
    const char *type;
} content_types[] = {
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
};

static const char *content_type_of(const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof content_types / sizeof content_types[0]; i++) {
        size_t e = strlen(content_types[i].ext);
        if (n > e && strcmp(name + n - e, content_types[i].ext) == 0)
            return content_types[i].type;
    }
    return NULL;
}

/* A static file name is one plain path segment: letters, digits, '-', '_', '.' (not first). */
static int static_name_ok(const char *name)
{
    if (!*name || *name == '.' || strlen(name) > 100)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_' || *p == '.'))
            return 0;
    return 1;
}

static void serve_static(const char *name, struct web_response *resp)
{
    char full[sizeof STATIC_DIR + 101];
    const char *type = content_type_of(name);
    const struct embedded_file *f = NULL;
    if (static_name_ok(name) && type) {
        memcpy(full, STATIC_DIR, sizeof STATIC_DIR - 1);
        strcpy(full + sizeof STATIC_DIR - 1, name);
        f = embedded_find(full);
    }
    if (!f) {
        web_page_error(resp, 404);
        return;
    }
    resp->status = 200;
    resp->content_type = type;
    resp->cache = "no-cache"; /* revalidate: a new mamori may bring a new stylesheet */
    resp->static_body = f->data;
    resp->static_len = f->len;
}

static void serve_healthz(const char *db_path, struct web_response *resp, struct strbuf *log_detail)
{
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    int schema = 0;
    int rc = web_db_acquire(db_path, 0, &st, &err);
    if (!rc)
        rc = store_schema_version(st, &schema, &err);
    web_db_release(st);
    resp->content_type = "application/json";
    resp->cache = "no-store";
    if (rc) {
        resp->status = 503;
        strbuf_addstr(&resp->body, "{\"status\":\"unavailable\"}\n");
        if (log_detail)
            strbuf_addstr(log_detail, err.msg);
        return;
    }
    resp->status = 200;
    strbuf_addf(&resp->body, "{\"status\":\"ok\",\"schema\":%d}\n", schema);
}

void web_handle_request(const char *db_path, const struct web_request *req,
                        struct web_response *resp, struct strbuf *log_detail)
{
    memset(resp, 0, sizeof *resp);
    strbuf_init(&resp->body);
    const char *method = req->method, *path = req->path;
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (web_signin_route(db_path, req, resp, log_detail))
        return;
    if (web_app_dispatch(db_path, req, resp, log_detail))
        return;
    if (!get) {
        web_page_error(resp, 405);
        resp->allow = "GET, HEAD";
        return;
    }
    if (strcmp(path, "/healthz") == 0) {
        serve_healthz(db_path, resp, log_detail);
    } else if (strncmp(path, STATIC_PREFIX, sizeof STATIC_PREFIX - 1) == 0) {
        serve_static(path + sizeof STATIC_PREFIX - 1, resp);
    } else {
        web_page_error(resp, 404);
    }
}

void web_handle(const char *db_path, const char *method, const char *path,
                struct web_response *resp, struct strbuf *log_detail)
{
    struct web_request req = {.method = method, .path = path};
    web_handle_request(db_path, &req, resp, log_detail);
}

void web_response_release(struct web_response *resp)
{
    strbuf_release(&resp->body);
}
