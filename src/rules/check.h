/*
 * check.h — the compliance engine: runs the selected rules in one read transaction, resolves
 * each finding's responsible role to the people holding it for the finding's scope, marks
 * accepted risks, stores the run and tells what is new and what was resolved since the
 * previous run of the same scope (docs/check.md). Nothing here prints.
 */
#ifndef MM_CHECK_H
#define MM_CHECK_H

#include <stddef.h>

#include "rules/rules.h"
#include "store/store.h"
#include "util/err.h"

struct check_opts {
    const char *const *rule_ids; /* run only these (NULL/0 = all) */
    size_t nrule_ids;
    const char *section;    /* run only rules with a clause in this section ("6", "6.2") */
    const char *department; /* keep only findings of this department and its descendants */
    const char *as_of;      /* YYYY-MM-DD, NULL = today */
    int store;              /* record the run (0 for --no-store) */
    const char *actor;      /* who ran it, for check_run.actor */
    /* Called after each rule (may be NULL): done of total rules. */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
};

/* A person resolved as responsible. */
struct check_person {
    char *id, *name;
};

/* One finding. Every string is owned by the check_result. */
struct finding {
    const struct rule *rule; /* borrowed from the rule_set */
    char *fingerprint;       /* rule|entity_type|entity_id */
    char *entity_type, *entity_id, *entity_label, *department_id, *system_id, *detail;
    char *department_name;   /* NULL when the department is unknown */
    const char *role_label;  /* the responsible role's label (owned by the result) */
    struct check_person *people;
    size_t npeople;
    int absent;              /* nobody holds the role for this scope: people are the fallback */
    char *responsible_text;  /* "氏名（ID）、…" or 「担当者不在（…）」, as stored */
    int is_new;              /* not in the previous run of this scope */
    int accepted;            /* an unexpired risk acceptance covers it */
    char *accepted_by, *accepted_by_name, *accepted_until, *accepted_reason;
};

/* A finding of the previous run that this run no longer reports. */
struct resolved_finding {
    char *rule_id, *severity, *entity_type, *entity_id, *entity_label, *detail;
};

struct skipped_rule {
    const struct rule *rule; /* borrowed */
};

struct check_result {
    char as_of[11];
    struct finding *v; /* sorted: severity (highest first), rule id, entity type, entity id */
    size_t n;
    struct resolved_finding *resolved;
    size_t nresolved;
    const struct rule **skipped; /* rules not run: their 推奨事項 is not adopted */
    size_t nskipped;
    const struct rule **ran; /* rules run, by id */
    size_t nran;
    size_t rules_run;
    long long run_id;      /* 0 when not stored */
    long long previous_id; /* 0 when there was no previous run of this scope */
    char previous_at[32];  /* UTC time of the previous run */
    char scope[512];
    char **warnings; /* e.g. a rule that returned the same entity twice */
    size_t nwarnings;
    /* private */
    char **labels;
    size_t nlabels;
};

/*
 * Runs the rules of `set` selected by `opts`. Rule errors (wrong columns, a NULL entity, SQL
 * errors) are MM_EINPUT naming the rule file. On success fills *res (free with
 * check_result_free).
 */
int check_run(struct store *st, const struct rule_set *set, const struct check_opts *opts,
              struct check_result *res, struct mm_err *err);
void check_result_free(struct check_result *res);

/* Counts of findings at or above `min` that are not accepted. */
size_t check_count_failing(const struct check_result *res, enum rule_severity min);

/* ---- accepted risks ---- */

struct risk_accept_req {
    const char *rule_id, *entity_type, *entity_id;
    const char *by;         /* person id: must hold ciso or toukatsu on decided_on */
    const char *until;      /* expires_on, YYYY-MM-DD, not before decided_on */
    const char *reason;     /* non-empty */
    const char *decided_on; /* YYYY-MM-DD, NULL = today */
    const char *actor;      /* change-log actor */
};

/*
 * Records an accepted risk in one write transaction together with its change-log entry.
 * Refuses (MM_EREFUSED) a person who does not hold ciso or toukatsu on decided_on; MM_EINPUT
 * for bad dates, an unknown rule (not in `set`), person or empty reason. *id receives the new
 * risk_acceptance id.
 */
int risk_accept(struct store *st, const struct rule_set *set, const struct risk_accept_req *req,
                long long *id, struct mm_err *err);

#endif
