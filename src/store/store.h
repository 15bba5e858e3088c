/*
 * store.h — the small database interface every service uses.
 *
 * Callers write portable SQL with `?` placeholders and bind every value; no SQL is ever built
 * from user text. A backend (SQLite now, PostgreSQL later) implements struct store_backend;
 * callers never see which one they talk to.
 *
 * Ownership: store_open returns a store the caller closes with store_close. A statement from
 * store_prepare belongs to the caller until store_finalize. Text returned by store_col_text
 * belongs to the statement and is valid until the next step, reset or finalize.
 */
#ifndef MM_STORE_H
#define MM_STORE_H

#include "util/err.h"

struct store;
struct store_stmt;

enum { STORE_ROW = 100, STORE_DONE = 101 };

enum {
    STORE_OPEN_READWRITE = 0,
    STORE_OPEN_CREATE = 1,   /* create the file if absent */
    STORE_OPEN_READONLY = 2, /* never write */
    STORE_OPEN_NOMIGRATE = 4 /* do not apply migrations on open */
};

/*
 * Opens the database at `path` and, unless STORE_OPEN_NOMIGRATE, brings its schema up to date.
 * A database whose schema is newer than this binary is refused with MM_EREFUSED.
 */
int store_open(const char *path, int flags, struct store **out, struct mm_err *err);
void store_close(struct store *st);

/* Runs fixed SQL (no parameters) such as DDL; never pass user text here. */
int store_exec(struct store *st, const char *sql, struct mm_err *err);

int store_begin(struct store *st, struct mm_err *err);      /* read-write transaction */
int store_begin_read(struct store *st, struct mm_err *err); /* consistent read snapshot */
int store_commit(struct store *st, struct mm_err *err);
void store_rollback(struct store *st); /* always safe; no-op outside a transaction */

int store_prepare(struct store *st, const char *sql, struct store_stmt **out, struct mm_err *err);
/* Bind by 1-based index. store_bind_text with NULL binds SQL NULL. */
int store_bind_text(struct store_stmt *s, int idx, const char *v);
int store_bind_int(struct store_stmt *s, int idx, long long v);
int store_bind_null(struct store_stmt *s, int idx);
/* Returns STORE_ROW, STORE_DONE, or an MM_E* code with err filled. */
int store_step(struct store_stmt *s, struct mm_err *err);
int store_reset(struct store_stmt *s);
void store_finalize(struct store_stmt *s);

int store_col_count(struct store_stmt *s);
int store_col_is_null(struct store_stmt *s, int col);
const char *store_col_text(struct store_stmt *s, int col); /* NULL when SQL NULL */
long long store_col_int(struct store_stmt *s, int col);

/* Convenience: runs a query expected to return one integer (e.g. COUNT(*)). */
int store_query_int(struct store *st, const char *sql, long long *out, struct mm_err *err);

/* Whether a table of that name exists (the catalog query differs per backend). */
int store_table_exists(struct store *st, const char *name, int *out, struct mm_err *err);

/* Schema version the database is at, and the newest this binary knows. */
int store_schema_version(struct store *st, int *out, struct mm_err *err);
int store_schema_latest(void);

/* Copies the whole database to `path` (consistent online copy). */
int store_backup_to(struct store *st, const char *path, struct mm_err *err);

/* The backend contract. Each function mirrors the public one above. */
struct store_backend {
    const char *name;
    int (*open)(const char *path, int flags, void **impl, struct mm_err *err);
    void (*close)(void *impl);
    int (*exec)(void *impl, const char *sql, struct mm_err *err);
    int (*begin)(void *impl, int readonly, struct mm_err *err);
    int (*commit)(void *impl, struct mm_err *err);
    void (*rollback)(void *impl);
    int (*prepare)(void *impl, const char *sql, void **stmt, struct mm_err *err);
    int (*bind_text)(void *stmt, int idx, const char *v);
    int (*bind_int)(void *stmt, int idx, long long v);
    int (*bind_null)(void *stmt, int idx);
    int (*step)(void *stmt, struct mm_err *err);
    int (*reset)(void *stmt);
    void (*finalize)(void *stmt);
    int (*col_count)(void *stmt);
    int (*col_is_null)(void *stmt, int col);
    const char *(*col_text)(void *stmt, int col);
    long long (*col_int)(void *stmt, int col);
    int (*backup_to)(void *impl, const char *path, struct mm_err *err);
    const char *table_exists_sql; /* one `?` for the name; returns a count */
};

extern const struct store_backend store_sqlite_backend;

#endif
