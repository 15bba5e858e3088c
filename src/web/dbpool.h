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
/* Closes the calling thread's kept connections (tests, and before the database is removed). */
void web_db_forget(void);

/* PRAGMA data_version of the connection: it changes when another connection commits. */
int web_db_data_version(struct store *st, long long *out, struct mm_err *err);

/*
 * Memos: values derived from the database, kept with the thread's read connection and given
 * back until the database changes. The read connection never writes, so every commit (by the
 * server's write connections or by another process) changes its data_version.
 *
 * web_db_memo_get gives the value kept for (`which`, `key`) when the database is still at the
 * version it was read at, NULL otherwise (a stale value is freed). web_db_memo_put keeps
 * `value`, read at `version` (web_db_data_version read before or in the same snapshot as the
 * value), and returns 1 when the memo now owns it; 0 (the caller still owns it) when `st` is not
 * this thread's kept read connection or nothing can be evicted. A value given by either stays
 * valid until web_db_release; after that it may be replaced, evicted (the least recent of
 * sixteen), or freed when the connection is reopened or the thread ends.
 */
enum web_memo { WEB_MEMO_OVERVIEW, WEB_MEMO_PRINCIPAL };
enum { WEB_MEMO_KEY_MAX = 160 };
void *web_db_memo_get(struct store *st, enum web_memo which, const char *key);
int web_db_memo_put(struct store *st, enum web_memo which, const char *key, long long version,
                    void *value, void (*free_fn)(void *));

#endif
