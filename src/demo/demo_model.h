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

/*
 * The data files are written for 年度 2026 (令和8年度). The generator moves every date of them
 * by whole years to the 年度 of the reference date (demo_shift), and counts what must be
 * recent (last logins, patches, checks, training) back from the reference date itself.
 */
#define DEMO_DATA_FISCAL_YEAR 2026

struct demo_dept {
    const char *id, *name, *level, *body, *head_title, *since;
    int parent; /* index or -1 */
    int sort;
    int n_regular, n_fiscal, n_part, n_contractor;
    int first_person, n_people; /* contiguous range in demo.people (head first) */
    int head;                   /* person index */
};

struct demo_person {
    const char *id, *name, *kana, *title, *employment, *status;
    const char *status_since, *hired_on, *left_on, *email; /* NULL = null */
    const char *head_since; /* date appointed head of `dept`, or NULL */
    int dept;               /* index or -1 */
    int busy;               /* holds a current role: never given a leave/retirement */
    int reserved;           /* picked for a planted gap: no random picks */
};

struct demo_system {
    const char *id, *name, *domain, *hosting, *since, *vendor, *users, *shared, *note;
    const char *c, *i, *a; /* main data class */
    int personal;
    int dept;
    int rto; /* hours; 0 = not set */
    int admins;
    int staff[4], n_staff; /* 情報システム担当者 (person indexes) */
};

struct demo_role {
    const char *role, *scope_type, *valid_from, *valid_to, *note;
    int person;
    int scope_dept, scope_sys; /* index or -1 */
};

struct demo_asset {
    const char *name, *medium, *location, *c, *i, *a, *retention, *note;
    int dept, manager, sys; /* manager, sys: index or -1 */
    int personal;
};

struct demo_account {
    const char *login, *status, *created_on, *last_login;
    int sys, holder; /* holder: index or -1 */
    int privileged, shared, mfa;
};

struct demo_kv {
    const char *a, *b, *c;
};

/* A growable list of indexes (people, assets, software …). */
struct demo_ints {
    int *v;
    size_t n, cap;
};

/* 004 registers. Indexes refer to the arrays of struct demo; -1 = none. */
struct demo_conn {
    const char *id, *name, *from_domain, *to_domain, *to_external, *purpose, *sanitization, *via,
        *approved_on, *note;
    int from_sys, to_sys, dept, approved_by;
    int restricted_ip, restricted_port, encrypted;
};

struct demo_area {
    const char *id, *name, *access_control, *note;
    int dept, floor, locked, fire, water, seismic;
    struct demo_ints permitted;
};

struct demo_device {
    const char *id, *name, *kind, *domain, *ownership, *location, *usb_policy, *patched_on, *av_on,
        *offsite_approved_on, *disposed_on, *note;
    int sys, dept, holder, area;
    int mfa, encrypted, registered, wire_locked, os_supported;
    struct demo_ints assets, software;
};

struct demo_software {
    const char *id, *name, *vendor, *approved_on, *support_ends, *version, *install, *note;
    int allowed;
};

struct demo_contractor {
    const char *id, *name, *corporate_number, *note, *units;
    int isms, pmark;
    struct demo_ints staff;
};

#define DEMO_CONTRACT_ITEMS 14
extern const char *const demo_contract_items[DEMO_CONTRACT_ITEMS]; /* schema 004 codes */

struct demo_contract {
    const char *id, *title, *start_on, *end_on, *max_c, *checked_on, *note;
    int contractor, dept, sys;
    int personal, nda, subcontracting, subcontract_approved;
    unsigned items; /* bit k = demo_contract_items[k] is stated */
};

struct demo_cloud {
    const char *id, *name, *provider, *model, *max_c, *approved_on, *use_start, *use_end, *note;
    int ismap, dept, sys, contract, requested_by, approved_by, manager, exit_terms, in_japan;
    struct demo_ints assets;
};

struct demo_attendance {
    int person;
    const char *on;
};

struct demo_course {
    const char *id, *title, *kind, *held_on, *note;
    int fiscal_year, mandatory;
    struct demo_attendance *att;
    size_t n_att, cap_att;
};

struct demo_reco {
    const char *clause, *note;
    int adopted;
};

struct demo_arena_block;

struct demo {
    uint64_t rng;
    struct demo_arena_block *arena;
    /* the reference date (YYYY-MM-DD), its day number, its 年度, and the years to move the
       data files' dates by (fiscal_year - DEMO_DATA_FISCAL_YEAR) */
    const char *ref, *fy_start;
    int ref_days, fiscal_year, shift;
    int n_assets_clean; /* assets made before the gaps were planted */
    /* organization profile */
    const char *org_name, *org_kind, *org_prefecture, *policy_title, *policy_date, *org_note;
    struct demo_kv *bodies, *excluded, *inclusions, *params;
    size_t n_bodies, cap_bodies, n_excluded, cap_excluded, n_inclusions, cap_inclusions, n_params,
        cap_params;
    /* registers */
    struct demo_dept *depts;
    struct demo_person *people;
    struct demo_system *systems;
    struct demo_role *roles;
    struct demo_asset *assets;
    struct demo_account *accounts;
    size_t n_depts, cap_depts, n_people, cap_people, n_systems, cap_systems, n_roles, cap_roles,
        n_assets, cap_assets, n_accounts, cap_accounts;
    /* 004 registers */
    struct demo_conn *conns;
    struct demo_area *areas;
    struct demo_device *devices;
    struct demo_software *software;
    struct demo_contractor *contractors;
    struct demo_contract *contracts;
    struct demo_cloud *clouds;
    struct demo_course *courses;
    struct demo_reco *recos;
    size_t n_conns, cap_conns, n_areas, cap_areas, n_devices, cap_devices, n_software, cap_software,
        n_contractors, cap_contractors, n_contracts, cap_contracts, n_clouds, cap_clouds, n_courses,
        cap_courses, n_recos, cap_recos;
    /* name lists */
    struct demo_kv *surnames, *given;
    size_t n_surnames, cap_surnames, n_given, cap_given;
};

/* demo_util.c */
/* Sets the seed and the reference date (a valid YYYY-MM-DD, checked by the caller). */
void demo_init(struct demo *d, unsigned seed, const char *reference_date);
void demo_free(struct demo *d);
char *demo_str(struct demo *d, const char *s); /* arena copy */
char *demo_fmt(struct demo *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends one zeroed element to a growable array; aborts if memory runs out. */
void *demo_push(void *arrayp, size_t *n, size_t *cap, size_t size);
uint32_t demo_rand(struct demo *d, uint32_t n);         /* uniform in [0, n) */
int demo_days(const char *ymd);                         /* days since 1970-01-01 */
char *demo_date(struct demo *d, int days);              /* "YYYY-MM-DD" */
const char *demo_later(const char *a, const char *b);   /* the later of two dates */
const char *demo_earlier(const char *a, const char *b); /* the earlier of two dates */
/* A data-file date moved to the reference 年度 (same month and day, d->shift years later). */
const char *demo_shift(struct demo *d, const char *ymd);
/* YYYY-04-01 of a data-file year moved to the reference 年度. */
const char *demo_april(struct demo *d, int data_year);
/* The reference date minus `days` days. */
const char *demo_ago(struct demo *d, int days);
void demo_ints_add(struct demo_ints *l, int v);
int demo_ints_has(const struct demo_ints *l, int v);
/* 1 when s is a real calendar date written YYYY-MM-DD. */
int demo_valid_date(const char *s);

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
int demo_tsv_next(struct demo_tsv *t); /* 1 = a row in f/nf, 0 = end */

int demo_find_dept(const struct demo *d, const char *id); /* index or -1 */
int demo_find_system(const struct demo *d, const char *id);
int demo_find_device(const struct demo *d, const char *id);
int demo_find_software(const struct demo *d, const char *id);
int demo_find_contract(const struct demo *d, const char *id);
int demo_find_cloud(const struct demo *d, const char *id);
int demo_find_area(const struct demo *d, const char *id);
/* The person holding a current role (organization scope, or for a system), or -1. */
int demo_role_holder(const struct demo *d, const char *role, int sys);
/* The 部局 a unit belongs to (itself for a 部局). */
int demo_bukyoku_of(const struct demo *d, int dept);

/* demo_build.c: loads the data files and generates the registers (no gaps yet). */
int demo_build(struct demo *d, struct mm_err *err);
/* Adds a role assignment; returns its index. */
int demo_add_role(struct demo *d, const char *role, int person, const char *scope_type,
                  int scope_dept, int scope_sys, const char *from, const char *to);
/* Index of the last person of a unit with the given employment code, or -1. */
int demo_last_of(const struct demo *d, int dept, const char *employment);

/* demo_gaps.c: the deliberate policy gaps (docs/demo-gaps.md). */
void demo_reserve_gap_people(struct demo *d);            /* before statuses and roles are drawn */
int demo_plant_gaps(struct demo *d, struct mm_err *err); /* after the registers exist */
/* The person a gap of demo_gaps.c is planted on (GAP_… below), or -1. */
enum {
    GAP_RETIRED_ACTIVE,
    GAP_TRANSFERRED_ACTIVE,
    GAP_MYNUMBER_NO_MFA,
    GAP_RETIRED_ROLE,
    GAP_STALE,
    GAP_NO_TRAINING,
    GAP_PERSONAL_PC,
    N_GAP_PEOPLE
};
int demo_gap_person(const struct demo *d, int which);

/* demo_registers.c: the 004 registers (connections … training), clean; after demo_build. */
int demo_build_registers(struct demo *d, struct mm_err *err);
/* A connection's approval date: a data-file date, or when the current 統括 took office. */
const char *demo_connection_approved_on(struct demo *d, const char *ymd);
/* demo_gaps_registers.c: the gaps in the 004 registers; after demo_build_registers. */
int demo_plant_register_gaps(struct demo *d, struct mm_err *err);

#endif
