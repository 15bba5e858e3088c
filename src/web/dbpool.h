/*
 * dbpool.h — two database connections kept per server thread and reused from request to
 * request, so a page does not pay for opening SQLite, reading its schema and preparing its
 * statements every time.
 *
 * web_db_acquire hands out the calling thread's read connection (PRAGMA query_only) or, when
 * `write`, its write connection, opening it on first use and again when the database file was
 * replaced (e.g. by `mamori restore`). Each keeps its mode for good, so its prepared statements
 * stay valid. web_db_release rolls back anything left open and keeps it. A second acquire of
 * the same kind on the same thread before the first is released gets a fresh connection that
 * release closes. The connections are closed when their thread ends.
 */
#ifndef MM_WEB_DBPOOL_H
#define MM_WEB_DBPOOL_H

#include "store/store.h"
#include "util/err.h"

int web_db_acquire(const char *db_path, int write, struct store **out, struct mm_err *err);
void web_db_release(struct store *st);
/* Closes the calling thread's kept connection (tests, and before the database is removed). */
void web_db_forget(void);

#endif
