/* test_wareki.c — 和暦 and 年度: every era boundary, 元年, leap days, 年度 boundaries, the
 * 年度 that straddles an era change, days of the week, strict parsing and the supported range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/wareki.h"

static struct mm_date D(int y, int m, int d)
{
    return (struct mm_date){y, m, d};
}

static void assert_wareki(int y, int m, int d, const char *want)
{
    char buf[64];
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(wareki_format(D(y, m, d), buf, sizeof buf, &err), MM_OK);
    assert_string_equal(buf, want);
}

static void test_era_boundaries(void **state)
{
    (void)state;
    /* The day an era begins belongs to the new era; its first year is 元年. */
    assert_wareki(1912, 7, 29, "明治45年7月29日");
    assert_wareki(1912, 7, 30, "大正元年7月30日");
    assert_wareki(1926, 12, 24, "大正15年12月24日");
    assert_wareki(1926, 12, 25, "昭和元年12月25日");
    assert_wareki(1989, 1, 7, "昭和64年1月7日");
    assert_wareki(1989, 1, 8, "平成元年1月8日");
    assert_wareki(2019, 4, 30, "平成31年4月30日");
    assert_wareki(2019, 5, 1, "令和元年5月1日");
    /* Year 2 of each era, and ordinary dates. */
    assert_wareki(1913, 1, 1, "大正2年1月1日");
    assert_wareki(1927, 1, 1, "昭和2年1月1日");
    assert_wareki(1990, 1, 1, "平成2年1月1日");
    assert_wareki(2020, 1, 1, "令和2年1月1日");
    assert_wareki(2025, 4, 1, "令和7年4月1日");
    assert_wareki(1873, 1, 1, "明治6年1月1日");
    assert_wareki(1900, 3, 1, "明治33年3月1日");
    assert_wareki(1988, 12, 31, "昭和63年12月31日");
}

static void test_era_parts(void **state)
{
    (void)state;
    const char *era;
    int year;
    struct mm_err err;
    assert_int_equal(wareki_era(D(2019, 5, 1), &era, &year, &err), MM_OK);
    assert_string_equal(era, "令和");
    assert_int_equal(year, 1);
    assert_int_equal(wareki_era(D(2019, 4, 30), &era, &year, &err), MM_OK);
    assert_string_equal(era, "平成");
    assert_int_equal(year, 31);
}

static void test_leap_days(void **state)
{
    (void)state;
    struct mm_date d;
    struct mm_err err;
    assert_int_equal(date_parse("2024-02-29", NULL, &d, &err), MM_OK);
    assert_int_equal(d.y, 2024);
    assert_int_equal(d.m, 2);
    assert_int_equal(d.d, 29);
    assert_wareki(2024, 2, 29, "令和6年2月29日");
    assert_int_equal(date_parse("2000-02-29", NULL, &d, &err), MM_OK);
    mm_err_clear(&err);
    assert_int_equal(date_parse("2023-02-29", "開始日", &d, &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "開始日「2023-02-29」は実在しない日付です"));
    assert_int_equal(date_parse("1900-02-29", NULL, &d, &err), MM_EINPUT);
    assert_int_equal(date_parse("2100-02-29", NULL, &d, &err), MM_EINPUT);
    assert_true(date_is_leap_year(2024));
    assert_true(date_is_leap_year(2000));
    assert_false(date_is_leap_year(1900));
    assert_false(date_is_leap_year(2023));
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2023, 2), 28);
    assert_int_equal(date_days_in_month(2023, 4), 30);
    assert_int_equal(date_days_in_month(2023, 12), 31);
    assert_int_equal(date_days_in_month(2023, 13), 0);
    assert_false(date_is_valid(D(2023, 2, 29)));
    assert_true(date_is_valid(D(2024, 2, 29)));
    /* A non-date is refused by the formatter too. */
    char buf[64];
    assert_int_equal(wareki_format(D(2023, 2, 29), buf, sizeof buf, &err), MM_EINPUT);
}

static void test_parse_strict(void **state)
{
    (void)state;
    const char *bad[] = {"", "2025-4-1", "2025/04/01", "2025-04-01 ", " 2025-04-01", "20250401",
                         "2025-04-01T09:00", "2025-13-01", "2025-00-10", "2025-04-31",
                         "2025-04-00", "abcd-ef-gh", "２０２５-04-01", "+025-04-01"};
    struct mm_date d;
    struct mm_err err;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mm_err_clear(&err);
        if (date_parse(bad[i], "日付", &d, &err) != MM_EINPUT)
            fail_msg("accepted「%s」", bad[i]);
        char quoted[64];
        snprintf(quoted, sizeof quoted, "「%s」", bad[i]);
        assert_non_null(strstr(err.msg, quoted));
    }
    mm_err_clear(&err);
    assert_int_equal(date_parse(NULL, "終了日", &d, &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "終了日"));
    assert_int_equal(date_parse("9999-12-31", NULL, &d, &err), MM_OK);
    assert_wareki(9999, 12, 31, "令和7981年12月31日");
}

static void test_out_of_range(void **state)
{
    (void)state;
    struct mm_date d;
    struct mm_err err;
    char buf[64];
    /* Before the Gregorian calendar was adopted (1873-01-01). */
    mm_err_clear(&err);
    assert_int_equal(date_parse("1872-12-31", NULL, &d, &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "1873-01-01"));
    assert_int_equal(date_parse("1868-01-25", NULL, &d, &err), MM_EINPUT);
    assert_int_equal(date_parse("0000-01-01", NULL, &d, &err), MM_EINPUT);
    assert_int_equal(wareki_format(D(1872, 12, 31), buf, sizeof buf, &err), MM_EINPUT);
    assert_int_equal(wareki_format(D(10000, 1, 1), buf, sizeof buf, &err), MM_EINPUT);
    assert_int_equal(wareki_format(D(2025, 0, 1), buf, sizeof buf, &err), MM_EINPUT);
    assert_int_equal(wareki_nendo_name(1872, buf, sizeof buf, &err), MM_EINPUT);
    assert_int_equal(wareki_nendo_name(10000, buf, sizeof buf, &err), MM_EINPUT);
}

static void assert_nendo_name(int nendo, const char *want)
{
    char buf[64];
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(wareki_nendo_name(nendo, buf, sizeof buf, &err), MM_OK);
    assert_string_equal(buf, want);
}

static void test_nendo(void **state)
{
    (void)state;
    /* 年度 runs from April 1 to March 31 and is numbered by the year it begins. */
    assert_int_equal(nendo_of(D(2025, 3, 31)), 2024);
    assert_int_equal(nendo_of(D(2025, 4, 1)), 2025);
    assert_int_equal(nendo_of(D(2025, 12, 31)), 2025);
    assert_int_equal(nendo_of(D(2026, 1, 1)), 2025);
    assert_int_equal(nendo_of(D(2024, 2, 29)), 2023);
    /* Named after the era in effect on December 31 of the year the 年度 begins. */
    assert_nendo_name(2025, "令和7年度");
    assert_nendo_name(2019, "令和元年度"); /* began in 平成31年, named 令和元年度 */
    assert_nendo_name(2018, "平成30年度");
    assert_nendo_name(2020, "令和2年度");
    assert_nendo_name(1988, "昭和63年度"); /* 平成 began only in its last quarter */
    assert_nendo_name(1989, "平成元年度");
    assert_nendo_name(1926, "昭和元年度");
    assert_nendo_name(1912, "大正元年度");
    assert_nendo_name(1911, "明治44年度");
    assert_nendo_name(1873, "明治6年度");
}

static void test_weekday(void **state)
{
    (void)state;
    /* Known dates: 2019-05-01 was a Wednesday, 1989-01-08 a Sunday, 2000-02-29 a Tuesday. */
    assert_string_equal(date_weekday_name(date_weekday(D(2019, 5, 1))), "水");
    assert_string_equal(date_weekday_name(date_weekday(D(1989, 1, 8))), "日");
    assert_string_equal(date_weekday_name(date_weekday(D(2000, 2, 29))), "火");
    assert_string_equal(date_weekday_name(date_weekday(D(2025, 4, 1))), "火");
    assert_string_equal(date_weekday_name(date_weekday(D(1873, 1, 1))), "水");
    assert_string_equal(date_weekday_name(date_weekday(D(2024, 12, 31))), "火");
    assert_string_equal(date_weekday_name(7), "?");
    /* Consecutive days advance by one, across a month and a year end. */
    int prev = date_weekday(D(2024, 12, 28));
    for (int day = 29; day <= 31; day++) {
        int w = date_weekday(D(2024, 12, day));
        assert_int_equal(w, (prev + 1) % 7);
        prev = w;
    }
    assert_int_equal(date_weekday(D(2025, 1, 1)), (prev + 1) % 7);
}

static void test_annotate(void **state)
{
    (void)state;
    char buf[128];
    wareki_annotate("2025-04-01", buf, sizeof buf);
    assert_string_equal(buf, "2025-04-01（令和7年4月1日）");
    wareki_annotate("2019-05-01T09:00:00+09:00", buf, sizeof buf);
    assert_string_equal(buf, "2019-05-01T09:00:00+09:00（令和元年5月1日）");
    wareki_annotate("2023-02-29", buf, sizeof buf);
    assert_string_equal(buf, "2023-02-29");
    wareki_annotate("不明", buf, sizeof buf);
    assert_string_equal(buf, "不明");
    wareki_annotate("2025-04-01x", buf, sizeof buf);
    assert_string_equal(buf, "2025-04-01x");
    wareki_annotate(NULL, buf, sizeof buf);
    assert_string_equal(buf, "");
    char small[8];
    wareki_annotate("2025-04-01", small, sizeof small);
    assert_int_equal(strlen(small), 7); /* truncated, still terminated */
}

static void test_compare(void **state)
{
    (void)state;
    assert_true(date_compare(D(2019, 4, 30), D(2019, 5, 1)) < 0);
    assert_true(date_compare(D(2019, 5, 1), D(2019, 5, 1)) == 0);
    assert_true(date_compare(D(2020, 1, 1), D(2019, 12, 31)) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_era_boundaries), cmocka_unit_test(test_era_parts),
        cmocka_unit_test(test_leap_days),      cmocka_unit_test(test_parse_strict),
        cmocka_unit_test(test_out_of_range),   cmocka_unit_test(test_nendo),
        cmocka_unit_test(test_weekday),        cmocka_unit_test(test_annotate),
        cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
