/*
 * sqlite.c — the SQLite backend of the store interface: one connection, WAL journal,
 * foreign keys enforced, a busy timeout so the CLI and the server can share the file.
 *
 * Each connection keeps its most recently used prepared statements (SQ_CACHE of them, keyed by
 * the exact SQL text): a page asks the same questions on every request, and parsing and
 * planning them again cost about a fifth of a register page's time. A statement handed out is
 * marked busy until store_finalize, which resets it and clears its bindings instead of
 * destroying it; a second use of the same text while the first is busy gets its own statement.
 * SQLite re-prepares a kept statement by itself when the schema changes.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

enum { SQ_CACHE = 48 };

struct sq_kept {
    char *sql; /* NULL: the slot is free */
    size_t len;
    uint64_t hash;
    sqlite3_stmt *st;
    int busy;
    unsigned long used; /* q->tick at the last hand-out, for evicting the least recent */
};

struct sq {
    sqlite3 *db;
    int in_tx;
    unsigned long tick;
    struct sq_kept kept[SQ_CACHE];
};

static pthread_once_t sq_once = PTHREAD_ONCE_INIT;

/*
 * Process-wide settings, before SQLite initializes itself: no memory statistics (they take a
 * global mutex on every allocation, which the server's threads then queue on).
 */
static void sq_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_fail(sqlite3 *db, struct mm_err *err, const char *what)
{
    return mm_err_set(err, MM_EINTERNAL, "データベースエラー（%s）: %s", what,
                      db ? sqlite3_errmsg(db) : "不明");
}

static int sq_open(const char *path, int flags, void **impl, struct mm_err *err)
{
    int oflags = (flags & STORE_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if ((flags & STORE_OPEN_CREATE) && !(flags & STORE_OPEN_READONLY))
        oflags |= SQLITE_OPEN_CREATE;
    oflags |= SQLITE_OPEN_NOMUTEX;
    pthread_once(&sq_once, sq_configure);
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, oflags, NULL);
    if (rc != SQLITE_OK) {
        int code = (rc == SQLITE_CANTOPEN) ? MM_EINPUT : MM_EINTERNAL;
        mm_err_set(err, code, "データベース %s を開けません: %s", path,
                   db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return code;
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    const char *setup = (flags & STORE_OPEN_READONLY)
                            ? "PRAGMA foreign_keys=ON;"
                            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                              "PRAGMA secure_delete=ON;"
                              "PRAGMA foreign_keys=ON;";
    char *msg = NULL;
    rc = sqlite3_exec(db, setup, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = (rc == SQLITE_NOTADB) ? MM_EINPUT : MM_EINTERNAL;
        mm_err_set(err, code, "データベース %s を使えません: %s", path,
                   msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        sqlite3_close(db);
        return code;
    }
    struct sq *q = calloc(1, sizeof *q);
    if (!q) {
        sqlite3_close(db);
        return mm_err_set(err, MM_EINTERNAL, "メモリを確保できません");
    }
    q->db = db;
    *impl = q;
    return MM_OK;
}

static void sq_close(void *impl)
{
    struct sq *q = impl;
    for (size_t i = 0; i < SQ_CACHE; i++) {
        sqlite3_finalize(q->kept[i].st);
        free(q->kept[i].sql);
    }
    sqlite3_close(q->db);
    free(q);
}

static int sq_exec(void *impl, const char *sql, struct mm_err *err)
{
    struct sq *q = impl;
    char *msg = NULL;
    if (sqlite3_exec(q->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        mm_err_set(err, MM_EINTERNAL, "データベースエラー: %s", msg ? msg : "不明");
        sqlite3_free(msg);
        return MM_EINTERNAL;
    }
    return MM_OK;
}

static int sq_begin(void *impl, int readonly, struct mm_err *err)
{
    struct sq *q = impl;
    int rc = sq_exec(impl, readonly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE", err);
    if (rc == MM_OK)
        q->in_tx = 1;
    return rc;
}

static int sq_commit(void *impl, struct mm_err *err)
{
    struct sq *q = impl;
    int rc = sq_exec(impl, "COMMIT", err);
    if (rc == MM_OK)
        q->in_tx = 0;
    return rc;
}

static void sq_rollback(void *impl)
{
    struct sq *q = impl;
    if (!sqlite3_get_autocommit(q->db))
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    q->in_tx = 0;
}

struct sq_stmt {
    sqlite3_stmt *st;
    sqlite3 *db;
    struct sq_kept *kept; /* the cache slot it came from, or NULL */
};

static uint64_t sq_hash(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

/* A free kept statement for this text, marked busy; NULL when there is none. */
static struct sq_kept *sq_kept_find(struct sq *q, const char *sql, size_t len, uint64_t hash)
{
    for (size_t i = 0; i < SQ_CACHE; i++) {
        struct sq_kept *k = &q->kept[i];
        if (k->sql && !k->busy && k->hash == hash && k->len == len &&
            memcmp(k->sql, sql, len) == 0) {
            k->busy = 1;
            k->used = ++q->tick;
            return k;
        }
    }
    return NULL;
}

/* Keeps a new statement in a free slot or in place of the least recent idle one. */
static struct sq_kept *sq_kept_add(struct sq *q, const char *sql, size_t len, uint64_t hash,
                                   sqlite3_stmt *st)
{
    struct sq_kept *slot = NULL;
    for (size_t i = 0; i < SQ_CACHE; i++) {
        struct sq_kept *k = &q->kept[i];
        if (!k->sql) {
            slot = k;
            break;
        }
        if (!k->busy && (!slot || k->used < slot->used))
            slot = k;
    }
    if (!slot)
        return NULL;
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, sql, len + 1);
    sqlite3_finalize(slot->st);
    free(slot->sql);
    *slot = (struct sq_kept){
        .sql = copy, .len = len, .hash = hash, .st = st, .busy = 1, .used = ++q->tick};
    return slot;
}

static int sq_prepare(void *impl, const char *sql, void **out, struct mm_err *err)
{
    struct sq *q = impl;
    struct sq_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return mm_err_set(err, MM_EINTERNAL, "メモリを確保できません");
    s->db = q->db;
    size_t len = strlen(sql);
    uint64_t hash = sq_hash(sql, len);
    s->kept = sq_kept_find(q, sql, len, hash);
    if (s->kept) {
        s->st = s->kept->st;
        *out = s;
        return MM_OK;
    }
    if (sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
        free(s);
        return sq_fail(q->db, err, "SQL の準備");
    }
    if (s->st) /* text with no statement (only a comment) is not kept */
        s->kept = sq_kept_add(q, sql, len, hash, s->st);
    *out = s;
    return MM_OK;
}

static int sq_bind_text(void *stmt, int idx, const char *v)
{
    struct sq_stmt *s = stmt;
    return sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT) == SQLITE_OK ? MM_OK
                                                                               : MM_EINTERNAL;
}

static int sq_bind_int(void *stmt, int idx, long long v)
{
    struct sq_stmt *s = stmt;
    return sqlite3_bind_int64(s->st, idx, v) == SQLITE_OK ? MM_OK : MM_EINTERNAL;
}

static int sq_bind_null(void *stmt, int idx)
{
    struct sq_stmt *s = stmt;
    return sqlite3_bind_null(s->st, idx) == SQLITE_OK ? MM_OK : MM_EINTERNAL;
}

static int sq_step(void *stmt, struct mm_err *err)
{
    struct sq_stmt *s = stmt;
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return STORE_ROW;
    if (rc == SQLITE_DONE)
        return STORE_DONE;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return mm_err_set(err, MM_EINPUT, "データの制約に反します: %s", sqlite3_errmsg(s->db));
    return sq_fail(s->db, err, "実行");
}

static int sq_reset(void *stmt)
{
    struct sq_stmt *s = stmt;
    sqlite3_reset(s->st);
    sqlite3_clear_bindings(s->st);
    return MM_OK;
}

static void sq_finalize(void *stmt)
{
    struct sq_stmt *s = stmt;
    if (s->kept) {
        sqlite3_reset(s->st);
        sqlite3_clear_bindings(s->st);
        s->kept->busy = 0;
    } else {
        sqlite3_finalize(s->st);
    }
    free(s);
}

static int sq_col_count(void *stmt)
{
    return sqlite3_column_count(((struct sq_stmt *)stmt)->st);
}

static int sq_col_is_null(void *stmt, int col)
{
    return sqlite3_column_type(((struct sq_stmt *)stmt)->st, col) == SQLITE_NULL;
}

static const char *sq_col_text(void *stmt, int col)
{
    return (const char *)sqlite3_column_text(((struct sq_stmt *)stmt)->st, col);
}

static long long sq_col_int(void *stmt, int col)
{
    return sqlite3_column_int64(((struct sq_stmt *)stmt)->st, col);
}

static int sq_backup_to(void *impl, const char *path, struct mm_err *err)
{
    struct sq *q = impl;
    sqlite3 *dst = NULL;
    if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        mm_err_set(err, MM_EINPUT, "%s に書き込めません: %s", path,
                   dst ? sqlite3_errmsg(dst) : "不明");
        sqlite3_close(dst);
        return MM_EINPUT;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", q->db, "main");
    if (!b) {
        mm_err_set(err, MM_EINTERNAL, "バックアップを開始できません: %s", sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return MM_EINTERNAL;
    }
    int rc;
    do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        mm_err_set(err, MM_EINTERNAL, "バックアップに失敗しました: %s", sqlite3_errstr(rc));
        sqlite3_close(dst);
        return MM_EINTERNAL;
    }
    sqlite3_close(dst);
    return MM_OK;
}

const struct store_backend store_sqlite_backend = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .col_count = sq_col_count,
    .col_is_null = sq_col_is_null,
    .col_text = sq_col_text,
    .col_int = sq_col_int,
    .backup_to = sq_backup_to,
    .table_exists_sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
};
