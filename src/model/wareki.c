/*
 * wareki.c — Gregorian dates to 和暦 and 年度 (see wareki.h). The eras and their first days are
 * one table below; the day an era begins belongs to the new era (昭和64年1月7日 is followed by
 * 平成元年1月8日).
 */
#include "model/wareki.h"

#include <stdio.h>
#include <string.h>

struct era {
    const char *name;
    struct mm_date start; /* first day of the era (Gregorian) */
};

/*
 * 明治 formally began on 1868-01-25 (慶応4年1月1日 in the lunisolar calendar); mamori only
 * renders dates from 1873-01-01, when 明治6年 began under the Gregorian calendar.
 */
static const struct era eras[] = {
    {"明治", {1868, 1, 25}},
    {"大正", {1912, 7, 30}},
    {"昭和", {1926, 12, 25}},
    {"平成", {1989, 1, 8}},
    {"令和", {2019, 5, 1}},
};
#define NERAS (sizeof eras / sizeof eras[0])

int date_is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return days[m - 1] + (m == 2 && date_is_leap_year(y));
}

int date_is_valid(struct mm_date d)
{
    return d.y >= WAREKI_MIN_YEAR && d.y <= WAREKI_MAX_YEAR && d.m >= 1 && d.m <= 12 &&
           d.d >= 1 && d.d <= date_days_in_month(d.y, d.m);
}

int date_compare(struct mm_date a, struct mm_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    return (a.d > b.d) - (a.d < b.d);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int date_parse(const char *s, const char *what, struct mm_date *out, struct mm_err *err)
{
    const char *w = what ? what : "日付";
    if (!s)
        return mm_err_set(err, MM_EINPUT, "%sが指定されていません", w);
    struct mm_date d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &d.y) ||
        !digits(s + 5, 2, &d.m) || !digits(s + 8, 2, &d.d))
        return mm_err_set(err, MM_EINPUT, "%s「%s」は YYYY-MM-DD の形式ではありません", w, s);
    if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_days_in_month(d.y, d.m))
        return mm_err_set(err, MM_EINPUT, "%s「%s」は実在しない日付です", w, s);
    if (d.y < WAREKI_MIN_YEAR)
        return mm_err_set(err, MM_EINPUT, "%s「%s」は扱える範囲（%d-01-01 以降）より前です", w, s,
                          WAREKI_MIN_YEAR);
    *out = d;
    return MM_OK;
}

int date_weekday(struct mm_date d)
{
    /* Sakamoto's method for the Gregorian calendar. */
    static const int t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = d.y - (d.m < 3);
    return (y + y / 4 - y / 100 + y / 400 + t[d.m - 1] + d.d) % 7;
}

const char *date_weekday_name(int weekday)
{
    static const char *const names[7] = {"日", "月", "火", "水", "木", "金", "土"};
    return weekday >= 0 && weekday < 7 ? names[weekday] : "?";
}

int wareki_era(struct mm_date d, const char **era, int *year, struct mm_err *err)
{
    if (!date_is_valid(d))
        return mm_err_set(err, MM_EINPUT, "%04d-%02d-%02d は和暦で表せる範囲（%d-01-01〜%d-12-31）"
                          "の実在する日付ではありません", d.y, d.m, d.d, WAREKI_MIN_YEAR,
                          WAREKI_MAX_YEAR);
    size_t i = NERAS;
    while (i-- > 0)
        if (date_compare(d, eras[i].start) >= 0)
            break;
    /* date_is_valid guarantees d is on or after 1873-01-01, inside 明治 or later. */
    *era = eras[i].name;
    *year = d.y - eras[i].start.y + 1;
    return MM_OK;
}

static void year_text(int year, char *buf, size_t size)
{
    if (year == 1)
        snprintf(buf, size, "元");
    else
        snprintf(buf, size, "%d", year);
}

int wareki_format(struct mm_date d, char *buf, size_t size, struct mm_err *err)
{
    const char *era;
    int year;
    int rc = wareki_era(d, &era, &year, err);
    if (rc)
        return rc;
    char y[16];
    year_text(year, y, sizeof y);
    snprintf(buf, size, "%s%s年%d月%d日", era, y, d.m, d.d);
    return MM_OK;
}

int nendo_of(struct mm_date d)
{
    return d.m >= 4 ? d.y : d.y - 1;
}

int wareki_nendo_name(int nendo, char *buf, size_t size, struct mm_err *err)
{
    if (nendo < WAREKI_MIN_YEAR || nendo > WAREKI_MAX_YEAR)
        return mm_err_set(err, MM_EINPUT, "%d年度は扱える範囲（%d〜%d年度）の外です", nendo,
                          WAREKI_MIN_YEAR, WAREKI_MAX_YEAR);
    const char *era;
    int year;
    int rc = wareki_era((struct mm_date){nendo, 12, 31}, &era, &year, err);
    if (rc)
        return rc;
    char y[16];
    year_text(year, y, sizeof y);
    snprintf(buf, size, "%s%s年度", era, y);
    return MM_OK;
}

void wareki_annotate(const char *iso, char *buf, size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    if (!iso)
        return;
    char day[11];
    struct mm_date d;
    struct mm_err err;
    char w[64];
    size_t len = strlen(iso);
    /* A date, or a date-time whose date part is followed by 'T'. */
    if (len >= 10 && (len == 10 || iso[10] == 'T')) {
        memcpy(day, iso, 10);
        day[10] = '\0';
        if (date_parse(day, NULL, &d, &err) == MM_OK && wareki_format(d, w, sizeof w, &err) == MM_OK) {
            snprintf(buf, size, "%s（%s）", iso, w);
            return;
        }
    }
    snprintf(buf, size, "%s", iso);
}
