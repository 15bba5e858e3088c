/* test_svg.c — the server-drawn charts: labels escaped everywhere they appear, bar lengths in
 * proportion to the values (the largest fills the axis, zero draws nothing), the empty note for
 * no data, the accessible name (role="img", aria-label, <title>), no script or style attribute;
 * and the helpers the pages lean on: clause → 対策基準 section, percent-encoding of links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web/dash.h"
#include "web/svg.h"

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The height attribute of the i-th <rect class="bar"> (0-based), or -1. */
static int bar_height(const char *svg, int i)
{
    const char *p = svg;
    for (int k = 0; k <= i; k++) {
        p = strstr(p, "<rect class=\"bar\"");
        if (!p)
            return -1;
        p++;
    }
    const char *h = strstr(p, "height=\"");
    return h ? atoi(h + 8) : -1;
}

static void no_unsafe_markup(const char *s)
{
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "style="));
    assert_null(strstr(s, "onload"));
}

static void test_bar_len(void **state)
{
    (void)state;
    assert_true(svg_bar_len(10, 10, 160) == 160);
    assert_true(svg_bar_len(5, 10, 160) == 80);
    assert_true(svg_bar_len(1, 4, 100) == 25);
    assert_true(svg_bar_len(0, 10, 160) == 0);
    assert_true(svg_bar_len(3, 0, 160) == 0);  /* no maximum: nothing to draw */
    assert_true(svg_bar_len(-2, 10, 160) == 0);
    assert_true(svg_bar_len(20, 10, 160) == 160); /* clamped to the axis */
}

static void test_bar_heights_proportional(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    struct svg_item items[] = {{"重大", 40, NULL}, {"高", 20, NULL}, {"中", 10, NULL}, {"低", 0, NULL}};
    svg_bar_chart(&sb, "重大度別", items, 4);
    int h0 = bar_height(sb.buf, 0), h1 = bar_height(sb.buf, 1), h2 = bar_height(sb.buf, 2);
    assert_int_equal(h0, 160);
    assert_int_equal(h1, 80);
    assert_int_equal(h2, 40);
    assert_int_equal(bar_height(sb.buf, 3), 0);
    assert_int_equal(count(sb.buf, "<rect class=\"bar\""), 4);
    assert_non_null(strstr(sb.buf, "role=\"img\""));
    assert_non_null(strstr(sb.buf, "aria-label=\"重大度別\""));
    assert_non_null(strstr(sb.buf, "<title>重大度別</title>"));
    assert_non_null(strstr(sb.buf, "<title>高: 20 件</title>"));
    no_unsafe_markup(sb.buf);
    strbuf_release(&sb);
}

static void test_labels_escaped(void **state)
{
    (void)state;
    const char *evil = "<script>alert(\"x\")</script>&'";
    struct svg_item items[] = {{evil, 3, "/findings?department=a&b=\"c\""}, {"普通", 1, NULL}};
    const char *cats[] = {evil};
    struct svg_series ser[] = {{evil, "sev-high"}};
    long long vals[] = {5};
    void (*charts[])(struct strbuf *, const char *, const struct svg_item *, size_t) = {
        svg_bar_chart, svg_hbar_chart, svg_line_chart};
    for (size_t i = 0; i < 4; i++) {
        struct strbuf sb = STRBUF_INIT;
        if (i < 3)
            charts[i](&sb, evil, items, 2);
        else
            svg_stacked_chart(&sb, evil, cats, 1, ser, 1, vals);
        assert_null(strstr(sb.buf, "<script>"));
        assert_null(strstr(sb.buf, "\"x\""));
        assert_non_null(strstr(sb.buf, "&lt;script&gt;"));
        assert_true(count(sb.buf, "&lt;script&gt;") >= 2); /* title and every label */
        if (i < 2)
            assert_non_null(strstr(sb.buf, "href=\"/findings?department=a&amp;b=&quot;c&quot;\""));
        no_unsafe_markup(sb.buf);
        strbuf_release(&sb);
    }
}

static void test_empty(void **state)
{
    (void)state;
    struct svg_item zero[] = {{"a", 0, NULL}, {"b", 0, NULL}};
    struct strbuf sb = STRBUF_INIT;
    svg_bar_chart(&sb, "部署別", NULL, 0);
    assert_null(strstr(sb.buf, "<svg"));
    assert_non_null(strstr(sb.buf, "部署別: 該当する指摘はありません。"));
    strbuf_reset(&sb);
    svg_hbar_chart(&sb, "部署別", zero, 2);
    assert_null(strstr(sb.buf, "<svg"));
    strbuf_reset(&sb);
    svg_line_chart(&sb, "推移", zero, 0);
    assert_null(strstr(sb.buf, "<svg"));
    strbuf_reset(&sb);
    svg_stacked_chart(&sb, "節別", NULL, 0, NULL, 0, NULL);
    assert_null(strstr(sb.buf, "<svg"));
    strbuf_release(&sb);
}

static void test_line_and_stacked(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    struct svg_item pts[] = {{"#1", 100, "/checks/1"}, {"#2", 50, "/checks/2"}, {"#3", 0, NULL}};
    svg_line_chart(&sb, "推移", pts, 3);
    assert_int_equal(count(sb.buf, "<circle"), 3);
    /* baseline y = 184; 100 → top of the plot (24), 50 → halfway (104), 0 → baseline */
    assert_non_null(strstr(sb.buf, "points=\"28,24 "));
    assert_non_null(strstr(sb.buf, ",104 "));
    assert_non_null(strstr(sb.buf, ",184\""));
    assert_non_null(strstr(sb.buf, "<a href=\"/checks/2\">"));
    strbuf_reset(&sb);
    const char *cats[] = {"1", "2"};
    struct svg_series ser[] = {{"高", "sev-high"}, {"中", "sev-medium"}};
    long long vals[] = {30, 10, 20, 0};
    svg_stacked_chart(&sb, "節別", cats, 2, ser, 2, vals);
    assert_non_null(strstr(sb.buf, "<title>1 高: 30 件</title>"));
    assert_non_null(strstr(sb.buf, "<title>2 高: 20 件</title>"));
    assert_null(strstr(sb.buf, "2 中:")); /* zero draws no segment */
    assert_non_null(strstr(sb.buf, "height=\"120\"")); /* 30 of the tallest 40 → 3/4 of 160 */
    assert_non_null(strstr(sb.buf, "height=\"40\""));
    strbuf_release(&sb);
}

static void test_helpers(void **state)
{
    (void)state;
    assert_int_equal(dash_clause_section("6.2(1)②(ア)"), 6);
    assert_int_equal(dash_clause_section("1(1)①"), 1);
    assert_int_equal(dash_clause_section("9"), 9);
    assert_int_equal(dash_clause_section("10.1"), 0);
    assert_int_equal(dash_clause_section("x"), 0);
    assert_int_equal(dash_clause_section(""), 0);
    struct strbuf sb = STRBUF_INIT;
    dash_url_escape(&sb, "ACC-001|account|a b/ç");
    assert_string_equal(sb.buf, "ACC-001%7Caccount%7Ca%20b%2F%C3%A7");
    strbuf_release(&sb);
    const struct rule *r = dash_rule("ACC-001");
    assert_non_null(r);
    assert_int_equal(dash_rule_section(r), 6);
    assert_null(dash_rule("NO-SUCH"));
    assert_true(dash_rule_count() > 50);
    assert_string_equal(dash_severity_label("critical"), "重大");
    assert_int_equal(dash_entity_has_register("account"), 1);
    assert_int_equal(dash_entity_has_register("device_software"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bar_len),
        cmocka_unit_test(test_bar_heights_proportional),
        cmocka_unit_test(test_labels_escaped),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_line_and_stacked),
        cmocka_unit_test(test_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
