/*
 * demo_pdca.h — a self-assessment campaign and an audit for the demo municipality, recorded
 * through the engines of src/pdca so that those pages have data. Nothing in it is a planted
 * gap: the audit team is independent, and the open 改善計画 is on time (docs/demo-gaps.md).
 */
#ifndef MM_DEMO_PDCA_H
#define MM_DEMO_PDCA_H

#include "store/store.h"
#include "util/err.h"

/*
 * On `reference_date`: creates the 年度's self-assessment campaign (a few answers in the first
 * 部局) and an approved internal audit of the first 課室 with a 管理者, with one finding whose
 * 改善計画 is under way and one verified closed. Does nothing when the database already holds
 * audit plans, or when the roles it needs (監査統括責任者, CISO, 委員) are not held that day.
 * A scaled demo (more than 200 systems) gets the audit but no campaign.
 */
int demo_pdca(struct store *st, const char *reference_date, struct mm_err *err);

#endif
