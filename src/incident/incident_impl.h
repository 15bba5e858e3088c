/*
 * incident_impl.h — what the files of src/incident/ share: bound-parameter query helpers, the
 * logged write transaction, and the chain's hand-over.
 */
#ifndef MM_INCIDENT_IMPL_H
#define MM_INCIDENT_IMPL_H

#include "incident/incident.h"

/* Runs `sql` with text parameters (NULL binds SQL NULL) to completion. */
int inc_exec(struct store *st, const char *sql, const char *const *p, size_t n,
             struct mm_err *err);
/* First column of the first row as a new string (NULL when no row or SQL NULL). */
int inc_text(struct store *st, const char *sql, const char *const *p, size_t n, char **out,
             struct mm_err *err);
/* First column of the first row as an integer (`dflt` when no row or NULL). */
int inc_int(struct store *st, const char *sql, const char *const *p, size_t n, long long dflt,
            long long *out, struct mm_err *err);
/* Prepares and binds text parameters. */
int inc_prepare(struct store *st, const char *sql, const char *const *p, size_t n,
                struct store_stmt **out, struct mm_err *err);

/* A change to one incident, run by inc_write inside its transaction. */
typedef int (*inc_change_fn)(struct store *st, void *ctx, const char *now, struct mm_err *err);

/*
 * One write transaction: the change, then the change-log entry (entity "incident", `id`, with
 * incident_get before and after), then commit; rollback on any error. For "create" `id` is
 * read after the change (the change fills the buffer it points at).
 */
int inc_write(struct store *st, const struct audit_actor *actor, const char *action,
              const char *id, inc_change_fn fn, void *ctx, const char *now, struct mm_err *err);

/* Hands the incident over to every role of `stage` (creating the steps) at `now`. */
int inc_hand_over(struct store *st, const char *incident_id, int stage, const char *now,
                  struct mm_err *err);
/* Creates the sysm step for one system at stage 2 (used when triage adds a system). */
int inc_add_system_step(struct store *st, const char *incident_id, const char *system_id,
                        const char *now, struct mm_err *err);
/* Highest stage handed over so far (0 when none). */
int inc_max_stage(struct store *st, const char *incident_id, int *out, struct mm_err *err);
/* Hands over the next stage when every step of the current one is acknowledged. */
int inc_advance(struct store *st, const char *incident_id, const char *now, struct mm_err *err);

/* Adds an affected system / asset (copying name and classes); MM_EINPUT if unknown. */
int inc_add_system(struct store *st, const char *incident_id, const char *system_id,
                   struct mm_err *err);
int inc_add_asset(struct store *st, const char *incident_id, const char *asset_id,
                  struct mm_err *err);

/* Recomputes incident_duty from incident_duties_plan (keeps done rows). */
int inc_sync_duties(struct store *st, const char *incident_id, struct mm_err *err);

/* Adds minutes to a stored time; end-of-day (23:59:59 JST) `days` after a stored time's date. */
int inc_time_add_minutes(const char *t, long long minutes, char out[INCIDENT_TIME_LEN],
                         struct mm_err *err);
int inc_time_end_of_day_after(const char *t, long long days, char out[INCIDENT_TIME_LEN],
                              struct mm_err *err);

/* Requires an incident to exist and not be closed; MM_EINPUT / MM_EREFUSED otherwise. */
int inc_require_open(struct store *st, const char *incident_id, struct mm_err *err);

#endif
