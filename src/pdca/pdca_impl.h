/*
 * pdca_impl.h — internal helpers of src/pdca: typed parameter binding for fixed SQL, one-value
 * queries, the transaction wrapper with its change-log entry, and organisational lookups
 * (the 部局 a department falls under; whether a person holds a role for a scope).
 */
#ifndef MM_PDCA_IMPL_H
#define MM_PDCA_IMPL_H

#include <jansson.h>
#include <stddef.h>

#include "pdca/pdca.h"

/*
 * Parameters are described by `types`: one letter per value, 't' for const char * (NULL binds
 * SQL NULL) and 'i' for long long. The SQL is fixed program text.
 */
int pdca_prepare(struct store *st, const char *sql, const char *types, struct store_stmt **out,
                 struct mm_err *err, ...);
/* Runs a statement that returns no rows. */
int pdca_exec(struct store *st, struct mm_err *err, const char *sql, const char *types, ...);
/* First column of the first row as text into buf ("" for NULL); *found = 0 when no row. */
int pdca_text(struct store *st, struct mm_err *err, char *buf, size_t size, int *found,
              const char *sql, const char *types, ...);
/* First column of the first row as an integer (0 when no row or NULL). */
int pdca_int(struct store *st, struct mm_err *err, long long *out, const char *sql,
             const char *types, ...);

/* Ends a change: appends the log entry (before/after are stolen), commits, or rolls back. */
int pdca_finish(struct store *st, int rc, const struct pdca_actor *a, const char *action,
                const char *entity_type, const char *entity_id, json_t *before, json_t *after,
                struct mm_err *err);

/* The 部局 (level 'bukyoku') a department is in, or itself; "" when none. */
int pdca_bukyoku_of(struct store *st, const char *dept, char out[128], struct mm_err *err);

/*
 * Whether `person` holds `role` on a->today with a scope covering the target: 全庁, a
 * department in the same 部局 as `bukyoku` (when bukyoku is not NULL), or `system`.
 */
int pdca_holds_role(struct store *st, const char *person, const char *role, const char *today,
                    const char *bukyoku, const char *system, int *yes, struct mm_err *err);

/* UTC now in the change-log format. */
void pdca_now(char out[32]);

/* A person row exists (for messages naming a person id that is unknown). */
int pdca_person_exists(struct store *st, const char *person, int *yes, struct mm_err *err);

/* json_string or json_null for a possibly NULL text. */
json_t *pdca_js(const char *s);

#endif
