/*
 * pdca.h — what the training, self-assessment and audit engines share: who acts (the change-log
 * actor and, for checks of who may do what, the person), and small date helpers.
 *
 * Every engine function that changes data runs in ONE write transaction of its own together with
 * its change-log entry, and rolls back on any error; the caller must not hold a transaction.
 * Refusals (a person who may not do this, a state that does not allow it) are MM_EREFUSED with
 * a Japanese message; bad input is MM_EINPUT. Nothing here prints.
 */
#ifndef MM_PDCA_H
#define MM_PDCA_H

#include "auditlog/auditlog.h"
#include "store/store.h"
#include "util/err.h"

struct pdca_actor {
    struct audit_actor log; /* for the change log: "cli:<user>", "user:<login>" */
    const char *person_id;  /* the person acting (checked against role assignments); may be NULL
                               for an administrator's command that names no person */
    const char *today;      /* YYYY-MM-DD (JST): role assignments valid on this day count */
};

/* The 年度 (Gregorian year it starts in) of an ISO date; 0 when the date is malformed. */
int pdca_fiscal_year(const char *iso);

/* Whether s is a real YYYY-MM-DD date. */
int pdca_date_ok(const char *s);

#endif
