/* test_multipart.c — the bounded multipart/form-data reader: the boundary parameter, a file
 * field among others, CRLF and binary bytes inside the content, a preamble, and refusals of
 * malformed bodies (no closing delimiter, no Content-Disposition, too many parts, headers too
 * long, a field name too long). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "web/multipart.h"

#define CT "multipart/form-data; boundary=XyZ"

static void test_boundary(void **state)
{
    (void)state;
    char b[80];
    assert_int_equal(multipart_boundary(CT, b, sizeof b), 1);
    assert_string_equal(b, "XyZ");
    assert_int_equal(multipart_boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b'c\"", b, sizeof b), 1);
    assert_string_equal(b, "a b'c");
    assert_int_equal(multipart_boundary("multipart/form-data", b, sizeof b), 0);
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=", b, sizeof b), 0);
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"open", b, sizeof b), 0);
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=a\"b", b, sizeof b), 0);
    assert_int_equal(multipart_boundary("text/csv; boundary=x", b, sizeof b), 0);
    assert_int_equal(multipart_boundary(NULL, b, sizeof b), 0);
    char longb[200];
    snprintf(longb, sizeof longb, "multipart/form-data; boundary=%071d", 0);
    assert_int_equal(multipart_boundary(longb, b, sizeof b), 0); /* 71 > 70 */
    snprintf(longb, sizeof longb, "multipart/form-data; boundary=%070d", 0);
    assert_int_equal(multipart_boundary(longb, b, sizeof b), 1);
}

static const char body[] =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
    "abc123\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"研修 \\\"10月\\\".csv\"\r\n"
    "Content-Type: text/csv\r\n\r\n"
    "研修ID,職員ID,修了日\r\ntr1,E1,2026-11-24\r\n--XY\0z\r\n"
    "\r\n--XyZ--\r\n";

static void test_find(void **state)
{
    (void)state;
    struct multipart_part p;
    size_t len = sizeof body - 1;
    assert_int_equal(multipart_find(CT, body, len, "csrf", &p), 1);
    assert_int_equal(p.len, 6);
    assert_memory_equal(p.data, "abc123", 6);
    assert_int_equal(p.has_filename, 0);
    assert_int_equal(multipart_find(CT, body, len, "file", &p), 1);
    assert_string_equal(p.filename, "研修 \"10月\".csv");
    assert_int_equal(p.has_filename, 1);
    static const char content[] = "研修ID,職員ID,修了日\r\ntr1,E1,2026-11-24\r\n--XY\0z\r\n";
    assert_int_equal(p.len, sizeof content - 1);
    assert_memory_equal(p.data, content, sizeof content - 1);
    assert_int_equal(multipart_find(CT, body, len, "other", &p), 0);
    /* a preamble before the first delimiter */
    char pre[sizeof body + 16];
    int n = snprintf(pre, sizeof pre, "preamble\r\n");
    memcpy(pre + n, body, len);
    assert_int_equal(multipart_find(CT, pre, (size_t)n + len, "csrf", &p), 1);
}

static void test_refused(void **state)
{
    (void)state;
    struct multipart_part p;
    static const char *const bad[] = {
        "", /* empty */
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", /* no closing delimiter */
        "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", /* no disposition */
        "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",        /* no name */
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--", /* open quote */
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; "
        "name=\"b\"\r\n\r\nx\r\n--XyZ--", /* two dispositions */
        "--XyZ\r\nbroken header\r\n\r\nx\r\n--XyZ--",
        "--XyZ--", /* no part at all */
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ junk",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(multipart_find(CT, bad[i], strlen(bad[i]), "a", &p), -1);
    assert_int_equal(multipart_find("text/plain", body, sizeof body - 1, "csrf", &p), -1);

    char big[8192];
    size_t o = 0;
    for (int i = 0; i <= MULTIPART_MAX_PARTS; i++)
        o += (size_t)snprintf(big + o, sizeof big - o,
                              "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
    o += (size_t)snprintf(big + o, sizeof big - o, "--XyZ--\r\n");
    assert_int_equal(multipart_find(CT, big, o, "f0", &p), -1); /* one part too many */

    o = (size_t)snprintf(big, sizeof big, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
    memset(big + o, 'p', MULTIPART_MAX_HEADER);
    o += MULTIPART_MAX_HEADER;
    o += (size_t)snprintf(big + o, sizeof big - o, "\r\n\r\nv\r\n--XyZ--");
    assert_int_equal(multipart_find(CT, big, o, "a", &p), -1); /* headers too long */

    o = (size_t)snprintf(big, sizeof big, "--XyZ\r\nContent-Disposition: form-data; name=\"");
    memset(big + o, 'n', MULTIPART_NAME_MAX);
    o += MULTIPART_NAME_MAX;
    o += (size_t)snprintf(big + o, sizeof big - o, "\"\r\n\r\nv\r\n--XyZ--");
    assert_int_equal(multipart_find(CT, big, o, "a", &p), -1); /* name too long */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundary),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
