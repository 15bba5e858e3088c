/*
 * training.h — 研修・訓練 (対策基準 5.2): sessions, completion records, CSV import of attendance,
 * and the completion rate by department for a 年度.
 *
 * "Completed this 年度" means what rule TRN-001 means: a completion record for a course of that
 * 年度 that is mandatory and for all staff (kind 'general'), or the new-staff course. The
 * population is every active person who is not a contractor's staff member — regular staff,
 * 会計年度任用職員, 特別職 and 非常勤 alike (5.2(4)).
 */
#ifndef MM_TRAINING_H
#define MM_TRAINING_H

#include <stddef.h>

#include "pdca/pdca.h"

/* Adds a session (another date or place) of a course. */
int training_session_add(struct store *st, const struct pdca_actor *a, const char *id,
                         const char *course_id, const char *held_on, const char *place,
                         struct mm_err *err);

/*
 * Records that `person_id` completed `course_id` on `completed_on` (optionally at a session of
 * that course). `source` says how the record arrived ("cli", "web"). A record that exists is
 * refused (MM_EREFUSED).
 */
int training_attend(struct store *st, const struct pdca_actor *a, const char *course_id,
                    const char *person_id, const char *completed_on, const char *session_id,
                    const char *source, struct mm_err *err);

/*
 * Imports completion records from CSV text. The first row names the columns (Japanese or
 * English): 研修ID|course_id, 職員ID|person_id, 修了日|completed_on, and optionally 回ID|session_id.
 * Every row is checked first; any problem (each reported as `label:line` in *probs) imports
 * nothing and returns MM_EINPUT. Rows already recorded with the same date are skipped. One
 * transaction, one change-log entry per record added.
 */
struct training_import_result {
    long long added, skipped;
};
int training_import_csv(struct store *st, const struct pdca_actor *a, const char *label,
                        const char *data, size_t len, struct mm_problems *probs,
                        struct training_import_result *res, struct mm_err *err);

/* One line of the rate report: a 部局 (level "bukyoku", with its departments summed), a
 * department under it, or the whole organization (department_id NULL). */
struct training_rate_row {
    const char *department_id, *name, *level, *bukyoku_id;
    long long staff, completed;
};
typedef int (*training_rate_fn)(void *ctx, const struct training_rate_row *r);

/* Calls fn for each 部局 (then each of its departments with staff), then the total. */
int training_rate(struct store *st, int fiscal_year, training_rate_fn fn, void *ctx,
                  struct mm_err *err);

/* Calls fn with the id of every person in the population who has not completed (sorted). */
int training_missing(struct store *st, int fiscal_year, int (*fn)(void *ctx, const char *person,
                     const char *department), void *ctx, struct mm_err *err);

#endif
