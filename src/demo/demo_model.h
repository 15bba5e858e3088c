/*
 * demo_model.h — internal to src/demo: the demo municipality as plain C records before it
 * becomes a snapshot, plus the small tools the generator needs (an arena for strings, a
 * seeded PRNG, civil-date arithmetic, a reader for the embedded data/demo TSV files).
 * Every string in these records is owned by the arena of the struct demo that holds them.
 */
#ifndef MM_DEMO_MODEL_H
#define MM_DEMO_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* The fixed date the demo describes (never the clock): 2026-04-01, start of 令和8年度. */
#define DEMO_REFERENCE_DATE "2026-04-01"

struct demo_dept {
    const char *id, *name, *level, *body, *head_title, *since;
    int parent;                         /* index or -1 */
    int sort;
    int n_regular, n_fiscal, n_part, n_contractor;
    int first_person, n_people;         /* contiguous range in demo.people (head first) */
    int head;                           /* person index */
};

struct demo_person {
    const char *id, *name, *kana, *title, *employment, *status;
    const char *status_since, *hired_on, *left_on, *email; /* NULL = null */
    const char *head_since;             /* date appointed head of `dept`, or NULL */
    int dept;                           /* index or -1 */
    int busy;                           /* holds a current role: never given a leave/retirement */
    int reserved;                       /* picked for a planted gap: no random picks */
};

struct demo_system {
    const char *id, *name, *domain, *hosting, *since, *vendor, *users, *shared, *note;
    const char *c, *i, *a;              /* main data class */
    int personal;
    int dept;
    int rto;                            /* hours; 0 = not set */
    int admins;
    int staff[4], n_staff;              /* 情報システム担当者 (person indexes) */
};

struct demo_role {
    const char *role, *scope_type, *valid_from, *valid_to, *note;
    int person;
    int scope_dept, scope_sys;          /* index or -1 */
};

struct demo_asset {
    const char *name, *medium, *location, *c, *i, *a, *retention, *note;
    int dept, manager, sys;             /* manager, sys: index or -1 */
    int personal;
};

struct demo_account {
    const char *login, *status, *created_on, *last_login;
    int sys, holder;                    /* holder: index or -1 */
    int privileged, shared, mfa;
};

struct demo_kv {
    const char *a, *b, *c;
};

struct demo_arena_block;

struct demo {
    uint64_t rng;
    struct demo_arena_block *arena;
    /* organization profile */
    const char *org_name, *org_kind, *org_prefecture, *policy_title, *policy_date, *org_note;
    struct demo_kv *bodies, *excluded, *inclusions, *params;
    size_t n_bodies, cap_bodies, n_excluded, cap_excluded, n_inclusions, cap_inclusions,
        n_params, cap_params;
    /* registers */
    struct demo_dept *depts;
    struct demo_person *people;
    struct demo_system *systems;
    struct demo_role *roles;
    struct demo_asset *assets;
    struct demo_account *accounts;
    size_t n_depts, cap_depts, n_people, cap_people, n_systems, cap_systems, n_roles, cap_roles,
        n_assets, cap_assets, n_accounts, cap_accounts;
    /* name lists */
    struct demo_kv *surnames, *given;
    size_t n_surnames, cap_surnames, n_given, cap_given;
};

/* demo_util.c */
void demo_init(struct demo *d, unsigned seed);
void demo_free(struct demo *d);
char *demo_str(struct demo *d, const char *s);            /* arena copy */
char *demo_fmt(struct demo *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends one zeroed element to a growable array; aborts if memory runs out. */
void *demo_push(void *arrayp, size_t *n, size_t *cap, size_t size);
uint32_t demo_rand(struct demo *d, uint32_t n);           /* uniform in [0, n) */
int demo_days(const char *ymd);                           /* days since 1970-01-01 */
char *demo_date(struct demo *d, int days);                /* "YYYY-MM-DD" */
const char *demo_later(const char *a, const char *b);     /* the later of two dates */

/* A reader over one embedded TSV file: skips blank and '#' lines, splits on tabs. */
struct demo_tsv {
    const char *name;
    const char *p, *end;
    int line;
    char buf[2048];
    char *f[16];
    int nf;
};
int demo_tsv_open(struct demo_tsv *t, const char *name, struct mm_err *err);
int demo_tsv_next(struct demo_tsv *t);                     /* 1 = a row in f/nf, 0 = end */

int demo_find_dept(const struct demo *d, const char *id);  /* index or -1 */
int demo_find_system(const struct demo *d, const char *id);

/* demo_build.c: loads the data files and generates the registers (no gaps yet). */
int demo_build(struct demo *d, struct mm_err *err);
/* Adds a role assignment; returns its index. */
int demo_add_role(struct demo *d, const char *role, int person, const char *scope_type,
                  int scope_dept, int scope_sys, const char *from, const char *to);
/* Index of the last person of a unit with the given employment code, or -1. */
int demo_last_of(const struct demo *d, int dept, const char *employment);

/* demo_gaps.c: the deliberate policy gaps (docs/demo-gaps.md). */
void demo_reserve_gap_people(struct demo *d);  /* before statuses and roles are drawn */
int demo_plant_gaps(struct demo *d, struct mm_err *err); /* after the registers exist */

#endif
