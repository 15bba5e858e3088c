/*
 * authz.h — the one place that decides what a signed-in user may read or change, from data:
 * the user's role assignments valid today (role_assignment) and the grants of schema 007
 * (authz_grant: role × resource × action × reach). Every web page and API call asks here.
 *
 * A target is described by the department, system and person a row belongs to (any may be
 * NULL); the resource's descriptor says which columns those are. Two questions are answered:
 *   authz_allows  — may the user do `action` on this one row (or on the resource at all, with
 *                   a NULL target: "has any grant", used for menus and list pages);
 *   authz_filter  — the same decision as a SQL condition for list queries, with every value
 *                   bound (never pasted into the SQL text).
 *
 * Ownership: authz_load allocates the principal; free it with authz_free.
 */
#ifndef MM_AUTHZ_H
#define MM_AUTHZ_H

#include <stddef.h>

#include "util/err.h"

struct store;
struct store_stmt;

enum authz_action { AUTHZ_READ = 0, AUTHZ_WRITE = 1 };

/* What a row belongs to; NULL members mean "not tied to one". */
struct authz_target {
    const char *department_id;
    const char *system_id;
    const char *person_id; /* the person the row is about, or its holder / manager */
};

struct authz_principal; /* opaque */

/*
 * Loads the principal of person `person_id` (NULL for a user not linked to a person: only the
 * 'staff' grants then apply, with no 'own' rows) as of JST date `today` (YYYY-MM-DD).
 */
int authz_load(struct store *st, const char *person_id, const char *today,
               struct authz_principal **out, struct mm_err *err);
void authz_free(struct authz_principal *p);

/* 1 when allowed, else 0. A NULL target asks whether any grant exists for resource × action. */
int authz_allows(const struct authz_principal *p, const char *resource, enum authz_action action,
                 const struct authz_target *t);

/* 1 when a grant with reach 'all' (or a 全庁 scope) covers resource × action: no filter needed. */
int authz_allows_all(const struct authz_principal *p, const char *resource,
                     enum authz_action action);

/*
 * The list filter. Returns the SQL condition text (a constant string with four `?`) that
 * the caller places in its WHERE clause, with `dept_col`, `sys_col`, `person_col` substituted
 * by the caller's own column expressions (program text, never user input; NULL = the
 * resource has no such column, written as NULL). Then authz_filter_bind binds the four values
 * at parameter positions first..first+3. The condition is true exactly for the rows
 * authz_allows would allow.
 *
 * Example: "(? OR a.department_id IN (SELECT value FROM json_each(?)) OR
 *            a.system_id IN (SELECT value FROM json_each(?)) OR a.manager_id = ?)"
 */
void authz_filter_sql(const char *dept_col, const char *sys_col, const char *person_col,
                      char *out, size_t size);
int authz_filter_bind(const struct authz_principal *p, const char *resource,
                      enum authz_action action, struct store_stmt *stmt, int first);

/*
 * Whether the principal holds `role` today with a scope that covers target t (全庁, the
 * department or one above it, or the system). Used for "what awaits me": findings whose
 * responsible role the user holds for that finding's department or system.
 */
int authz_holds_role_for(const struct authz_principal *p, const char *role,
                         const struct authz_target *t);

/* The principal's person id ("" when none), and whether they hold `role` today. */
const char *authz_person(const struct authz_principal *p);
int authz_has_role(const struct authz_principal *p, const char *role);

/* The roles held today, for display: calls fn for each (role code, label, scope label). */
void authz_each_role(const struct authz_principal *p,
                     void (*fn)(void *ctx, const char *role, const char *label,
                                const char *scope_label),
                     void *ctx);

#endif
