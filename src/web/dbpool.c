/*
 * dbpool.c — the per-thread database connections of the web server (see dbpool.h).
 */
#include "web/dbpool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A memo kept with the read connection: the value and the data_version it was read at. */
struct memo {
    int which;
    char key[WEB_MEMO_KEY_MAX];
    void *value; /* NULL: the slot is free */
    void (*free_fn)(void *);
    long long version;
    unsigned long used; /* conn tick at the last use, for evicting the least recent */
    int busy;           /* handed out in the request under way: not evicted */
};

enum { MEMO_SLOTS = 16 };

/* One kept connection: reads only (PRAGMA query_only) in slot 0, writes allowed in slot 1. */
struct conn {
    struct store *st;
    int in_use;
    struct memo memo[MEMO_SLOTS]; /* slot 0 (the read connection) only */
    unsigned long tick;
};

struct kept {
    struct conn c[2];
    char *path;
    dev_t dev;
    ino_t ino;
};

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void memo_clear(struct memo *m)
{
    if (m->value && m->free_fn)
        m->free_fn(m->value);
    *m = (struct memo){0};
}

static void kept_drop(struct kept *k)
{
    for (size_t i = 0; i < 2; i++) {
        for (size_t j = 0; j < MEMO_SLOTS; j++)
            memo_clear(&k->c[i].memo[j]);
        store_close(k->c[i].st);
        k->c[i].st = NULL;
    }
    free(k->path);
    k->path = NULL;
}

static void kept_free(void *p)
{
    struct kept *k = p;
    if (!k)
        return;
    kept_drop(k);
    free(k);
}

static void make_key(void)
{
    pthread_key_create(&key, kept_free);
}

static struct kept *kept_get(void)
{
    pthread_once(&key_once, make_key);
    struct kept *k = pthread_getspecific(key);
    if (!k) {
        k = calloc(1, sizeof *k);
        if (k && pthread_setspecific(key, k) != 0) {
            free(k);
            k = NULL;
        }
    }
    return k;
}

static int kept_busy(const struct kept *k)
{
    return k->c[0].in_use || k->c[1].in_use;
}

void web_db_forget(void)
{
    pthread_once(&key_once, make_key);
    struct kept *k = pthread_getspecific(key);
    if (k && !kept_busy(k))
        kept_drop(k);
}

/*
 * A connection in its mode for good. The pragma is set once: setting it expires every prepared
 * statement of the connection, which would empty its statement cache on each request.
 */
static int open_mode(const char *db_path, int write, struct store **out, struct mm_err *err)
{
    int rc = store_open(db_path, STORE_OPEN_READWRITE | STORE_OPEN_NOMIGRATE, out, err);
    if (!rc &&
        (rc = store_exec(*out, write ? "PRAGMA query_only=0" : "PRAGMA query_only=1", err))) {
        store_close(*out);
        *out = NULL;
    }
    return rc;
}

int web_db_acquire(const char *db_path, int write, struct store **out, struct mm_err *err)
{
    *out = NULL;
    write = write != 0;
    struct kept *k = kept_get();
    struct stat sb;
    int have_file = stat(db_path, &sb) == 0;
    if (k && k->path && !kept_busy(k) &&
        (!have_file || strcmp(k->path, db_path) != 0 || k->dev != sb.st_dev || k->ino != sb.st_ino))
        kept_drop(k); /* gone, another file, or the file was replaced (mamori restore) */
    if (k && have_file && !k->path) {
        if (!(k->path = strdup(db_path)))
            return mm_err_set(err, MM_EINTERNAL, "メモリを確保できません");
        k->dev = sb.st_dev;
        k->ino = sb.st_ino;
    }
    if (!k || !have_file || k->c[write].in_use || strcmp(k->path, db_path) != 0 ||
        k->dev != sb.st_dev || k->ino != sb.st_ino)
        /* No memory, no file (let open report it), nested use, or a replaced file while the
         * kept connections are in use: a connection of its own, closed on release. */
        return open_mode(db_path, write, out, err);
    struct conn *c = &k->c[write];
    if (!c->st) {
        int rc = open_mode(db_path, write, &c->st, err);
        if (rc)
            return rc;
    }
    c->in_use = 1;
    *out = c->st;
    return MM_OK;
}

void web_db_release(struct store *st)
{
    if (!st)
        return;
    store_rollback(st);
    struct kept *k = pthread_getspecific(key);
    for (size_t i = 0; k && i < 2; i++)
        if (k->c[i].st == st) {
            k->c[i].in_use = 0;
            for (size_t j = 0; j < MEMO_SLOTS; j++)
                k->c[i].memo[j].busy = 0; /* what the request was given may now be evicted */
            return;
        }
    store_close(st);
}

int web_db_data_version(struct store *st, long long *out, struct mm_err *err)
{
    return store_query_int(st, "PRAGMA data_version", out, err);
}

/* The read connection slot holding `st` on this thread, or NULL. */
static struct conn *read_conn(struct store *st)
{
    pthread_once(&key_once, make_key);
    struct kept *k = pthread_getspecific(key);
    return k && st && k->c[0].st == st ? &k->c[0] : NULL;
}

static int memo_is(const struct memo *m, enum web_memo which, const char *name)
{
    return m->value && m->which == (int)which && strcmp(m->key, name ? name : "") == 0;
}

void *web_db_memo_get(struct store *st, enum web_memo which, const char *name)
{
    struct conn *c = read_conn(st);
    if (!c || (name && strlen(name) >= WEB_MEMO_KEY_MAX))
        return NULL;
    for (size_t i = 0; i < MEMO_SLOTS; i++) {
        struct memo *m = &c->memo[i];
        if (!memo_is(m, which, name))
            continue;
        struct mm_err err;
        mm_err_clear(&err);
        long long now = 0;
        if (web_db_data_version(st, &now, &err) || now != m->version) {
            if (!m->busy)
                memo_clear(m); /* the database changed since (or cannot tell) */
            return NULL;
        }
        m->used = ++c->tick;
        m->busy = 1;
        return m->value;
    }
    return NULL;
}

int web_db_memo_put(struct store *st, enum web_memo which, const char *name, long long version,
                    void *value, void (*free_fn)(void *))
{
    struct conn *c = read_conn(st);
    if (!c || !value || (name && strlen(name) >= WEB_MEMO_KEY_MAX))
        return 0;
    struct memo *slot = NULL;
    for (size_t i = 0; i < MEMO_SLOTS; i++) {
        struct memo *m = &c->memo[i];
        if (m->busy)
            continue;
        if (memo_is(m, which, name) || !m->value) {
            slot = m;
            break;
        }
        if (!slot || m->used < slot->used)
            slot = m;
    }
    if (!slot)
        return 0;
    memo_clear(slot);
    *slot = (struct memo){.which = (int)which,
                          .value = value,
                          .free_fn = free_fn,
                          .version = version,
                          .used = ++c->tick,
                          .busy = 1};
    snprintf(slot->key, sizeof slot->key, "%s", name ? name : "");
    return 1;
}
