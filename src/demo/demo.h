/*
 * demo.h — the demo municipality: a fictitious city whose profile follows 飯能市's published
 * 基本方針, generated deterministically as an organization snapshot so that it goes through the
 * same validation and import as any real data. Planted policy gaps are listed in
 * docs/demo-gaps.md.
 */
#ifndef MM_DEMO_H
#define MM_DEMO_H

#include <jansson.h>

#include "util/err.h"

#define DEMO_SCALE_MAX 100

/*
 * Builds the demo snapshot as of `reference_date` (YYYY-MM-DD): last logins, patches, checks
 * and this 年度's training are counted back from that day, and every other date is moved to
 * its 年度, so time-based checks run on that day see only the planted gaps. New reference;
 * the caller json_decref's *out. Same seed and date, same bytes. MM_EINPUT for a bad date.
 */
int demo_snapshot(unsigned seed, const char *reference_date, json_t **out, struct mm_err *err);

/*
 * The same for an organization `scale` times the demo (1..DEMO_SCALE_MAX): copy 1 is the demo
 * itself, copy k ≥ 2 is the city again (drawn with seed + k - 1) with every id prefixed
 * "kNN-", each copy keeping its planted gaps; one organization profile, one software list.
 */
int demo_snapshot_scaled(unsigned seed, const char *reference_date, int scale, json_t **out,
                         struct mm_err *err);

#endif
