/*
 * approval_impl.h — what the files of src/approval share and nobody else needs: small query
 * helpers with typed binding, value lookup and the inbox writer.
 */
#ifndef MM_APPROVAL_IMPL_H
#define MM_APPROVAL_IMPL_H

#include <jansson.h>

#include "approval/approval.h"

/*
 * Query helpers. `fmt` names the bound values in order: 's' const char * (NULL binds SQL
 * NULL), 'i' long long. ap_text copies the first column of the first row into out (empty and
 * *found = 0 when no row or NULL).
 */
int ap_exec(struct store *st, const char *sql, struct mm_err *err, const char *fmt, ...);
int ap_text(struct store *st, const char *sql, char *out, size_t size, int *found,
            struct mm_err *err, const char *fmt, ...);
int ap_int(struct store *st, const char *sql, long long *out, struct mm_err *err,
           const char *fmt, ...);
int ap_prepare(struct store *st, const char *sql, struct store_stmt **s, struct mm_err *err,
               const char *fmt, ...);

/* The next free id of a table whose ids the application gives (MAX + 1); table is a literal. */
int ap_next_id(struct store *st, const char *table, long long *out, struct mm_err *err);

/* The value of `field` among values (NULL when absent or empty). */
const char *ap_value(const struct approval_value *v, size_t n, const char *field);

/* Whether the person exists; MM_EINPUT naming `what` when not. */
int ap_need_person(struct store *st, const char *id, const char *what, struct mm_err *err);

/* Puts a notice in a person's inbox (inside the caller's transaction). */
int ap_notify(struct store *st, const char *person_id, long long request_id, const char *message,
              struct mm_err *err);

/* The request as JSON (state, values, approvals) for change-log entries; new reference. */
json_t *ap_request_json(struct store *st, long long id);

/* Evaluates one test (request_test code) of a field value against a reference value. */
int ap_test(struct store *st, const char *test, const char *value, const char *ref, int *out,
            struct mm_err *err);

/* Validates and normalises values for kind k into a new array (strings owned by *norm). */
struct ap_values {
    struct approval_value *v;
    char **own;
    size_t n;
};
int ap_validate(struct store *st, const struct approval_kind *k, const struct approval_value *in,
                size_t n, struct ap_values *out, struct mm_problems *problems, struct mm_err *err);
void ap_values_free(struct ap_values *v);

/* Writes the resolved route of `round` for request `id`, and notices to the first step. */
int ap_store_route(struct store *st, long long id, int round, const struct approval_route *r,
                   const char *kind_label, struct mm_err *err);

/* Highest notice id now (for approval_mail_since after the commit). */
long long ap_last_notice(struct store *st);

/* Calls approval_mail_since after a successful commit; never fails the operation. */
void ap_mail_after(struct store *st, long long after_id);

#endif
