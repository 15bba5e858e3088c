/*
 * overview.h — what the front page shows: the organization profile, its scope (行政機関 and
 * excluded networks) and the size of each register, read in one consistent snapshot with a
 * handful of set-based queries (no per-row queries).
 *
 * Ownership: overview_load fills a caller-owned struct overview whose strings and arrays it
 * allocates; release them with overview_free (safe on a zeroed or partly filled struct).
 */
#ifndef MM_WEB_OVERVIEW_H
#define MM_WEB_OVERVIEW_H

#include <stddef.h>

#include "store/store.h"

/* One labelled line: a name with a note, or a category label with its count. */
struct overview_row {
    char *label; /* owned; never NULL */
    char *note;  /* owned; NULL when absent */
    long long n;
};

struct overview_list {
    struct overview_row *rows; /* owned */
    size_t len;
};

struct overview {
    int schema;  /* schema version of the database */
    int has_org; /* whether the organization profile exists */
    char *name, *kind, *prefecture, *policy_title, *policy_date; /* owned; NULL when absent */
    struct overview_list bodies;            /* 行政機関: label = name, note */
    struct overview_list excluded_networks; /* label = name, note = reason */
    struct overview_list included_networks; /* label = name（domain）, note: 基本方針 2 */
    struct overview_list departments;       /* per department_level, in order */
    struct overview_list people_active;     /* 在職 per employment_type, in order */
    struct overview_list systems;           /* per network_domain, in order */
    struct overview_list assets;            /* per confidentiality class, highest first */
    long long people_active_total, systems_total, assets_total;
    long long accounts_total, accounts_active, accounts_active_privileged;
    long long data_version; /* PRAGMA data_version in the snapshot read (for web_db_memo_put) */
};

/* Reads the overview inside a read transaction. */
int overview_load(struct store *st, struct overview *ov, struct mm_err *err);
void overview_free(struct overview *ov);
/* overview_free, then free(ov): for an overview allocated on the heap (a web_db memo). */
void overview_destroy(void *ov);

#endif
