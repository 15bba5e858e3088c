/*
 * demo_requests.h — requests (申請・承認) for the demo municipality, so the request pages have
 * something to show: approved, pending, returned, rejected and emergency requests, a 代決 with
 * an absence, and remote logins that match their grants. None of them is a policy gap: the
 * demo's check still finds exactly the planted gaps (docs/demo-gaps.md).
 */
#ifndef MM_DEMO_REQUESTS_H
#define MM_DEMO_REQUESTS_H

#include "store/store.h"
#include "util/err.h"

/* Files the demo requests as of `reference_date`; does nothing when requests already exist. */
int demo_requests_add(struct store *st, const char *reference_date, struct mm_err *err);

#endif
