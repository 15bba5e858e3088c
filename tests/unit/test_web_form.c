/* test_web_form.c — the bounded form and cookie readers of the web layer: decoding, absent
 * and repeated fields, malformed escapes, NUL bytes and values too long for the buffer; and
 * the sign-in routes without sockets (405 with Allow, 403 without a CSRF token, a session
 * cookie of the wrong form treated as none). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/store.h"
#include "web/form.h"
#include "web/web.h"

static void test_form_get(void **state)
{
    (void)state;
    char v[16];
    const char *f = "login=ta%72o&password=a+b%26c%3D&empty=&flag&login=second";
    assert_int_equal(form_get(f, "login", v, sizeof v), 1);
    assert_string_equal(v, "taro");
    assert_int_equal(form_get(f, "password", v, sizeof v), 1);
    assert_string_equal(v, "a b&c=");
    assert_int_equal(form_get(f, "empty", v, sizeof v), 1);
    assert_string_equal(v, "");
    assert_int_equal(form_get(f, "flag", v, sizeof v), 1);
    assert_string_equal(v, "");
    assert_int_equal(form_get(f, "log", v, sizeof v), 0); /* a prefix is not the name */
    assert_int_equal(form_get(f, "code", v, sizeof v), 0);
    assert_string_equal(v, "");
    assert_int_equal(form_get(NULL, "login", v, sizeof v), 0);
    assert_int_equal(form_get("a=%zz", "a", v, sizeof v), 0);
    assert_int_equal(form_get("a=%4", "a", v, sizeof v), 0);
    assert_int_equal(form_get("a=x%00y", "a", v, sizeof v), 0);
    assert_string_equal(v, "");
    assert_int_equal(form_get("a=0123456789abcdef", "a", v, sizeof v), 0); /* 16 + NUL */
    assert_string_equal(v, "");
    assert_int_equal(form_get("a=0123456789abcde", "a", v, sizeof v), 1);
    assert_int_equal(form_get("a=%E6%97%A5", "a", v, sizeof v), 1);
    assert_string_equal(v, "日");
}

static void test_cookie_get(void **state)
{
    (void)state;
    char v[8];
    assert_int_equal(cookie_get("a=1; mamori_session=abc; b=2", "mamori_session", v, sizeof v), 1);
    assert_string_equal(v, "abc");
    assert_int_equal(cookie_get("xmamori_session=abc", "mamori_session", v, sizeof v), 0);
    assert_int_equal(cookie_get("mamori_session=abcdefgh", "mamori_session", v, sizeof v), 0);
    assert_string_equal(v, "");
    assert_int_equal(cookie_get(NULL, "mamori_session", v, sizeof v), 0);
    assert_int_equal(cookie_get("s=1 ;t=22", "t", v, sizeof v), 1);
    assert_string_equal(v, "22");
}

static char dbpath[256];

static void test_signin_routes(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/mamori-test-web-form-%d.db", (int)getpid());
    unlink(dbpath);
    struct store *st = NULL;
    struct mm_err err;
    assert_int_equal(store_open(dbpath, STORE_OPEN_CREATE, &st, &err), MM_OK);
    store_close(st);

    struct web_response r;
    struct web_request q = {.method = "PUT", .path = "/login"};
    web_handle_request(dbpath, &q, &r, NULL);
    assert_int_equal(r.status, 405);
    assert_string_equal(r.allow, "GET, HEAD, POST");
    web_response_release(&r);

    q.method = "GET";
    q.path = "/logout";
    web_handle_request(dbpath, &q, &r, NULL);
    assert_int_equal(r.status, 405);
    assert_string_equal(r.allow, "POST");
    web_response_release(&r);

    q.method = "POST";
    q.form = "csrf=00";
    web_handle_request(dbpath, &q, &r, NULL);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body.buf, "要求を受け付けられません"));
    web_response_release(&r);

    /* A cookie that is not 64 hex digits never reaches the database: signed out. */
    q.method = "GET";
    q.path = "/";
    q.form = NULL;
    q.cookie = "mamori_session=' OR 1=1 --";
    web_handle_request(dbpath, &q, &r, NULL);
    assert_int_equal(r.status, 303);
    assert_string_equal(r.location, "/login");
    web_response_release(&r);

    q.path = "/login";
    web_handle_request(dbpath, &q, &r, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "監視されています"));
    assert_string_equal(r.set_cookie, "");
    web_response_release(&r);

    /* POST /login from a foreign origin is refused before any sign-in work. */
    q.method = "POST";
    q.origin = "http://evil.example";
    q.host = "127.0.0.1:8080";
    q.form = "login=a&password=b";
    web_handle_request(dbpath, &q, &r, NULL);
    assert_int_equal(r.status, 403);
    web_response_release(&r);
    unlink(dbpath);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form_get),
        cmocka_unit_test(test_cookie_get),
        cmocka_unit_test(test_signin_routes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
