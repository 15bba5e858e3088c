/*
 * browse.h — what the read-only register commands (asset, system, person, department, role)
 * share: option errors, running a query with text parameters, and printing a record as
 * labelled lines with dates shown in 和暦 as well.
 */
#ifndef MM_BROWSE_H
#define MM_BROWSE_H

#include <stddef.h>

#include "cli/cli.h"
#include "cli/table.h"

/* Options every browse command understands, for getopt_long tables. */
#define BROWSE_OPT_FORMAT 'f'

/*
 * Reports a getopt_long failure (c is '?' or ':') as a usage error naming the option, and
 * returns 2. `argv` is the vector given to getopt_long.
 */
int browse_opt_error(const struct command *cmd, int c, char **argv);

/*
 * Dispatches `mamori <cmd> <sub> …` to subs[i].run for the matching name; -h/--help prints the
 * command's usage. A missing or unknown subcommand is a usage error (2).
 */
struct browse_sub {
    const char *name;
    int (*run)(int argc, char **argv, struct cli *cli);
};
int browse_dispatch(const struct command *cmd, const struct browse_sub *subs, int argc,
                    char **argv, struct cli *cli);

/*
 * For `show ID`: argv is {"show", ID}. Sets *id, or prints a usage error (missing id, an
 * option, or an extra argument) and returns 2.
 */
int browse_show_arg(const struct command *cmd, int argc, char **argv, const char **id);

/* Parses a --format value; on failure prints a usage error and returns 2, else 0. */
int browse_format(const struct command *cmd, const char *s, enum table_format *fmt);

/*
 * Parses the arguments of a `list` that takes only --format and no operands. Returns 0 with
 * *fmt set, or prints the usage error and returns 2.
 */
int browse_list_format_only(const struct command *cmd, int argc, char **argv,
                            enum table_format *fmt);

/* Prints 「<kind>「<id>」は見つかりません」 to stderr and returns 1. */
int browse_not_found(const char *kind, const char *id);

typedef int (*browse_row_fn)(struct store_stmt *s, void *ctx);

/*
 * Prepares `sql` (fixed text with `?` placeholders), binds params[0..n) as text (NULL binds
 * SQL NULL), and calls row() for every row; a non-zero return from row() stops the loop and
 * is returned. Returns MM_OK, or the store's error code with err filled.
 */
int browse_query(struct store *st, const char *sql, const char *const *params, size_t n,
                 browse_row_fn row, void *ctx, struct mm_err *err);

/* Number of rows `sql` yields (for existence checks); -1 on error with err filled. */
long long browse_count(struct store *st, const char *sql, const char *const *params, size_t n,
                       struct mm_err *err);

/*
 * Checks that `sql` (one `?` for id) yields a row. If not, prints 「<kind>「<id>」は見つかりません」
 * and sets *missing to 1. Returns MM_OK or the store's error.
 */
int browse_exists(struct store *st, const char *sql, const char *id, const char *kind,
                  int *missing, struct mm_err *err);

/* Prints "  <label padded>  <value>" to stdout; NULL or "" prints 「—」. */
void show_field(const char *label, const char *value);
/* As show_field, with a printf-formatted value. */
void show_fieldf(const char *label, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* As show_field for a date or date-time, adding the 和暦 date: 2025-04-01（令和7年4月1日）. */
void show_date(const char *label, const char *iso);

/* Today's date in local time as YYYY-MM-DD, written to buf (at least 11 bytes). */
const char *browse_today(char *buf, size_t size);

/* Returns 「<from>〜<to>」 in buf with both dates annotated in 和暦; `to` NULL leaves it open. */
const char *browse_period(const char *from, const char *to, char *buf, size_t size);

/*
 * Role assignments with their labels and scope names. Append a WHERE clause and an ORDER BY;
 * the first two parameters are today's date (YYYY-MM-DD), used to compute the state column.
 * Columns are the RA_* indices below.
 */
#define ROLE_ASSIGNMENT_SELECT                                                                \
    "SELECT ra.id, ra.role, r.label, ra.person_id, p.name, ra.scope_type, st.label, "         \
    "COALESCE(ra.scope_department_id, ra.scope_system_id), COALESCE(sd.name, ss.name), "      \
    "ra.valid_from, ra.valid_to, ra.note, "                                                   \
    "CASE WHEN ra.valid_from > ? THEN 'future' "                                              \
    "WHEN ra.valid_to IS NOT NULL AND ra.valid_to < ? THEN 'ended' ELSE 'current' END "       \
    "FROM role_assignment ra "                                                                \
    "LEFT JOIN role r ON r.code = ra.role "                                                   \
    "LEFT JOIN person p ON p.id = ra.person_id "                                              \
    "LEFT JOIN scope_type st ON st.code = ra.scope_type "                                     \
    "LEFT JOIN department sd ON sd.id = ra.scope_department_id "                              \
    "LEFT JOIN system ss ON ss.id = ra.scope_system_id "

enum {
    RA_ID, RA_ROLE, RA_ROLE_LABEL, RA_PERSON_ID, RA_PERSON, RA_SCOPE_TYPE, RA_SCOPE_LABEL,
    RA_SCOPE_ID, RA_SCOPE_NAME, RA_FROM, RA_TO, RA_NOTE, RA_STATE
};

/* 「（終了）」「（開始前）」 for an assignment's state column, "" when current. */
const char *browse_state_text(const char *state);

/* The scope of an assignment as text: 「全庁」 or 「課室 情報政策課（D11）」. */
const char *browse_scope_text(struct store_stmt *s, char *buf, size_t size);

/*
 * Prints one assignment row (ROLE_ASSIGNMENT_SELECT) as an indented line: the role, then the
 * person and/or the scope as asked, the period in 和暦 and the state. Usable as a
 * browse_row_fn whose ctx points at an int of BROWSE_RA_* flags.
 */
enum { BROWSE_RA_PERSON = 1, BROWSE_RA_SCOPE = 2 };
int browse_print_assignment(struct store_stmt *s, void *flags);

/* Text of a column, or NULL for SQL NULL (a shorthand for store_col_text). */
#define COL(s, i) store_col_text((s), (i))

#endif
