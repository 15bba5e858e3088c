/*
 * demo_incidents.h — incidents for the demo municipality, recorded through the incident engine
 * so that the incident pages have data. docs/demo-gaps.md lists the one planted gap (an overdue
 * report to the prefecture, rule INC-004).
 */
#ifndef MM_DEMO_INCIDENTS_H
#define MM_DEMO_INCIDENTS_H

#include "store/store.h"
#include "util/err.h"

/*
 * Records three incidents dated from `reference_date` (YYYY-MM-DD): one closed 40 days before,
 * one under response since 3 days before (with the planted overdue duty), one reported by a
 * resident that morning. Does nothing when the database already holds incidents.
 */
int demo_incidents(struct store *st, const char *reference_date, struct mm_err *err);

#endif
