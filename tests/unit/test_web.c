/* test_web.c — the web layer without sockets: escaping by default in html_f, the --listen
 * address forms, and the routes (health check,
 * static files, 404 and 405; application pages need a session, the API a token). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <cmocka.h>

#include "store/store.h"
#include "util/embedded.h"
#include "web/dbpool.h"
#include "web/html.h"
#include "web/web.h"

static char dbpath[256];

static void remove_db(void)
{
    char p[300];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/mamori-test-web-%d.db", (int)getpid());
    remove_db();
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(dbpath, STORE_OPEN_CREATE, &st, &err), MM_OK);
    store_close(st);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_db();
    return 0;
}

static void test_html_f_escapes_every_string(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    html_f(&sb, "<p title=\"%s\">%s %d %lld %zu %u 100%%</p>", "a\"b'c", "<x>&y", -3,
           1234567890123LL, (size_t)7, 9u);
    assert_string_equal(sb.buf, "<p title=\"a&quot;b&#39;c\">&lt;x&gt;&amp;y -3 1234567890123 7 9 "
                                "100%</p>");
    strbuf_reset(&sb);
    const char *volatile none = NULL; /* volatile: hide the NULL from the printf checker */
    html_f(&sb, "[%s]", none);
    assert_string_equal(sb.buf, "[]");
    strbuf_reset(&sb);
    html_raw(&sb, "<br>");
    html_text(&sb, "<br>");
    assert_string_equal(sb.buf, "<br>&lt;br&gt;");
    strbuf_release(&sb);
}

static void test_listen_forms(void **state)
{
    (void)state;
    struct web_listen w;
    struct mm_err err;
    char url[96];
    mm_err_clear(&err);
    assert_int_equal(web_listen_parse("127.0.0.1:8080", &w, &err), MM_OK);
    assert_int_equal(w.addr.ss_family, AF_INET);
    web_listen_url((struct sockaddr *)&w.addr, url, sizeof url);
    assert_string_equal(url, "http://127.0.0.1:8080/");
    assert_int_equal(web_listen_parse("[::1]:65535", &w, &err), MM_OK);
    assert_int_equal(w.addr.ss_family, AF_INET6);
    web_listen_url((struct sockaddr *)&w.addr, url, sizeof url);
    assert_string_equal(url, "http://[::1]:65535/");
    assert_true(web_listen_is_loopback(&w));
    assert_int_equal(web_listen_parse("127.1.2.3:80", &w, &err), MM_OK);
    assert_true(web_listen_is_loopback(&w));
    assert_int_equal(web_listen_parse("0.0.0.0:80", &w, &err), MM_OK);
    assert_false(web_listen_is_loopback(&w));
    assert_int_equal(web_listen_parse("[::]:80", &w, &err), MM_OK);
    assert_false(web_listen_is_loopback(&w));
    const char *bad[] = {"localhost:80",   "127.0.0.1",    "127.0.0.1:", "127.0.0.1:65536",
                         "127.0.0.1:8o",   "::1:80",       "[::1]80",    "[::1]:",
                         "[127.0.0.1]:80", "1.2.3.4.5:80", ":8080",      "127.0.0.1:-1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mm_err_clear(&err);
        assert_int_equal(web_listen_parse(bad[i], &w, &err), MM_EINPUT);
        assert_non_null(strstr(err.msg, bad[i]));
    }
}

static void test_routes_errors_and_static(void **state)
{
    (void)state;
    struct web_response r;
    web_handle(dbpath, "POST", "/", &r, NULL);
    assert_int_equal(r.status, 405);
    assert_string_equal(r.allow, "GET, HEAD");
    assert_non_null(strstr(r.body.buf, "lang=\"ja\""));
    web_response_release(&r);

    web_handle(dbpath, "GET", "/nothing", &r, NULL);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.body.buf, "ページが見つかりません"));
    web_response_release(&r);

    const struct embedded_file *css = embedded_find("web/static/mamori.css");
    assert_non_null(css);
    web_handle(dbpath, "GET", "/static/mamori.css", &r, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.content_type, "text/css; charset=utf-8");
    assert_ptr_equal(r.static_body, css->data);
    assert_int_equal(r.static_len, css->len);
    web_response_release(&r);

    const char *refused[] = {"/static/", "/static/.hidden.css", "/static/../mamori.css",
                             "/static/sub/mamori.css", "/static/nothing.css"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        web_handle(dbpath, "GET", refused[i], &r, NULL);
        assert_int_equal(r.status, 404);
        assert_null(r.static_body);
        web_response_release(&r);
    }
}

static void test_healthz(void **state)
{
    (void)state;
    struct web_response r;
    char want[64];
    snprintf(want, sizeof want, "{\"status\":\"ok\",\"schema\":%d}\n", store_schema_latest());
    web_handle(dbpath, "GET", "/healthz", &r, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.content_type, "application/json");
    assert_string_equal(r.body.buf, want);
    web_response_release(&r);

    struct strbuf detail = STRBUF_INIT;
    web_handle("/nonexistent-dir/none.db", "GET", "/healthz", &r, &detail);
    assert_int_equal(r.status, 503);
    assert_non_null(strstr(detail.buf, "none.db"));
    web_response_release(&r);
    strbuf_release(&detail);
}

static void test_app_routes_need_a_session(void **state)
{
    (void)state;
    struct web_response r;
    /* Signed out, every application page sends the browser to the sign-in page. */
    const char *pages[] = {"/", "/dashboard", "/r", "/r/asset", "/findings", "/catalog"};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        web_handle(dbpath, "GET", pages[i], &r, NULL);
        assert_int_equal(r.status, 303);
        assert_string_equal(r.location, "/login");
        web_response_release(&r);
    }
    /* The API answers 401 in JSON, never a redirect. */
    web_handle(dbpath, "GET", "/api/v1/me", &r, NULL);
    assert_int_equal(r.status, 401);
    assert_non_null(strstr(r.content_type, "application/json"));
    assert_non_null(strstr(r.body.buf, "\"code\":\"unauthorized\""));
    web_response_release(&r);
}

static int freed;
static void count_free(void *p)
{
    free(p);
    freed++;
}

static int *boxed(int v)
{
    int *p = malloc(sizeof *p);
    assert_non_null(p);
    *p = v;
    return p;
}

/* The memos of the thread's read connection: given back until another connection commits,
 * never on the write connection, the least recent of sixteen evicted, and nothing handed out
 * to the request under way evicted before the connection is released. */
static void test_memos(void **state)
{
    (void)state;
    struct mm_err err;
    mm_err_clear(&err);
    struct store *rd = NULL, *wr = NULL;
    freed = 0;
    assert_int_equal(web_db_acquire(dbpath, 0, &rd, &err), MM_OK);
    long long v = 0;
    assert_int_equal(web_db_data_version(rd, &v, &err), MM_OK);
    int *a = boxed(1);
    assert_int_equal(web_db_memo_put(rd, WEB_MEMO_PRINCIPAL, "p1|2026-11-24", v, a, count_free), 1);
    assert_ptr_equal(web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "p1|2026-11-24"), a);
    assert_null(web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "p1|2026-11-25"));
    assert_null(web_db_memo_get(rd, WEB_MEMO_OVERVIEW, "p1|2026-11-24"));
    web_db_release(rd);

    /* the write connection keeps nothing */
    assert_int_equal(web_db_acquire(dbpath, 1, &wr, &err), MM_OK);
    int *w = boxed(2);
    assert_int_equal(web_db_memo_put(wr, WEB_MEMO_OVERVIEW, NULL, v, w, count_free), 0);
    free(w);
    assert_null(web_db_memo_get(wr, WEB_MEMO_PRINCIPAL, "p1|2026-11-24"));
    /* a statement there that writes nothing leaves the memo; a commit that writes makes it stale */
    assert_int_equal(store_exec(wr, "UPDATE organization SET name = name", &err), MM_OK);
    web_db_release(wr);
    assert_int_equal(web_db_acquire(dbpath, 0, &rd, &err), MM_OK);
    assert_ptr_equal(web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "p1|2026-11-24"), a);
    web_db_release(rd);
    assert_int_equal(web_db_acquire(dbpath, 1, &wr, &err), MM_OK);
    assert_int_equal(store_exec(wr, "CREATE TABLE memo_probe (x INTEGER)", &err), MM_OK);
    web_db_release(wr);
    assert_int_equal(web_db_acquire(dbpath, 0, &rd, &err), MM_OK);
    assert_null(web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "p1|2026-11-24"));
    assert_int_equal(freed, 1);

    /* sixteen kept; the seventeenth evicts the least recent, but not one handed out */
    assert_int_equal(web_db_data_version(rd, &v, &err), MM_OK);
    int *first = boxed(100);
    assert_int_equal(web_db_memo_put(rd, WEB_MEMO_PRINCIPAL, "k0", v, first, count_free), 1);
    web_db_release(rd);
    assert_int_equal(web_db_acquire(dbpath, 0, &rd, &err), MM_OK);
    assert_ptr_equal(web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "k0"), first); /* given again */
    for (int i = 1; i < 16; i++) {
        char k[16];
        snprintf(k, sizeof k, "k%d", i);
        assert_int_equal(web_db_memo_put(rd, WEB_MEMO_PRINCIPAL, k, v, boxed(100 + i), count_free),
                         1);
    }
    /* all sixteen are busy in this request: nothing can be evicted */
    int *extra = boxed(999);
    assert_int_equal(web_db_memo_put(rd, WEB_MEMO_PRINCIPAL, "k16", v, extra, count_free), 0);
    free(extra);
    web_db_release(rd);
    assert_int_equal(web_db_acquire(dbpath, 0, &rd, &err), MM_OK);
    assert_int_equal(*(int *)web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "k0"), 100); /* touched */
    int before = freed;
    assert_int_equal(web_db_memo_put(rd, WEB_MEMO_PRINCIPAL, "k16", v, boxed(116), count_free), 1);
    assert_int_equal(freed, before + 1);
    assert_null(web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "k1")); /* the least recent went */
    assert_int_equal(*(int *)web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "k0"), 100);
    assert_int_equal(*(int *)web_db_memo_get(rd, WEB_MEMO_PRINCIPAL, "k16"), 116);
    web_db_release(rd);
    web_db_forget(); /* frees what is kept */
    assert_int_equal(freed, before + 1 + 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_f_escapes_every_string),
        cmocka_unit_test(test_listen_forms),
        cmocka_unit_test_setup_teardown(test_routes_errors_and_static, setup, teardown),
        cmocka_unit_test_setup_teardown(test_healthz, setup, teardown),
        cmocka_unit_test_setup_teardown(test_app_routes_need_a_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memos, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
