/*
 * wareki.h — Japanese dates: 和暦 (元号 years: 明治, 大正, 昭和, 平成, 令和), 年度 (the fiscal year,
 * April to March), day of the week, and strict parsing of ISO `YYYY-MM-DD` dates.
 *
 * Range: 1873-01-01 (明治6年1月1日, the day Japan adopted the Gregorian calendar) to 9999-12-31.
 * Earlier 明治 dates were counted in the lunisolar calendar, whose months and days differ from
 * the Gregorian ones, so they are refused rather than rendered wrongly (docs/glossary.md).
 * All functions are pure; output goes to caller-owned buffers.
 */
#ifndef MM_WAREKI_H
#define MM_WAREKI_H

#include <stddef.h>

#include "util/err.h"

struct mm_date {
    int y, m, d;
};

/* Smallest and largest dates the 和暦 functions accept. */
#define WAREKI_MIN_YEAR 1873
#define WAREKI_MAX_YEAR 9999

int date_is_leap_year(int y);
int date_days_in_month(int y, int m); /* 0 for a month outside 1–12 */
/* Whether y-m-d is a real Gregorian date within WAREKI_MIN_YEAR..WAREKI_MAX_YEAR. */
int date_is_valid(struct mm_date d);
/* <0, 0, >0 as a is before, equal to, after b. */
int date_compare(struct mm_date a, struct mm_date b);

/*
 * Parses exactly `YYYY-MM-DD` (ten characters, nothing before or after) into *out. Returns
 * MM_OK, or MM_EINPUT with a message quoting the text (malformed, not a real date, or out of
 * range). `what` names the field for the message (e.g. 「開始日」); it may be NULL.
 */
int date_parse(const char *s, const char *what, struct mm_date *out, struct mm_err *err);

/* Day of the week, 0 = Sunday … 6 = Saturday, and its Japanese name (「日」…「土」). */
int date_weekday(struct mm_date d);
const char *date_weekday_name(int weekday);

/*
 * The era in effect on a date: its name (「令和」) and the year within it (1 for 元年).
 * Returns MM_OK, or MM_EINPUT for a date out of range. `era` receives a static string.
 */
int wareki_era(struct mm_date d, const char **era, int *year, struct mm_err *err);

/* Writes 「令和7年4月1日」 (year 1 as 「元年」). Returns MM_OK or MM_EINPUT (out of range). */
int wareki_format(struct mm_date d, char *buf, size_t size, struct mm_err *err);

/* 年度 of a date: the year in which its April–March fiscal year began (2026-03-31 → 2025). */
int nendo_of(struct mm_date d);

/*
 * The 和暦 name of 年度 `nendo`: 「令和7年度」. A 年度 is named after the era in effect on
 * December 31 of the year it begins, i.e. the same way the 和暦 names that calendar year at its
 * end: 2019年度 → 令和元年度, 1989年度 → 平成元年度, 1988年度 → 昭和63年度 (平成 began only
 * in its final quarter, in 1989). Returns MM_OK or MM_EINPUT (out of range).
 */
int wareki_nendo_name(int nendo, char *buf, size_t size, struct mm_err *err);

/*
 * For display: writes 「2025-04-01（令和7年4月1日）」 when `iso` starts with a valid date
 * (a date-time such as 2025-04-01T09:00:00+09:00 keeps its time part before the bracket), and
 * `iso` unchanged otherwise. NULL writes an empty string. Always NUL-terminates.
 */
void wareki_annotate(const char *iso, char *buf, size_t size);

#endif
