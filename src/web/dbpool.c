/*
 * dbpool.c — the per-thread database connection of the web server (see dbpool.h).
 */
#include "web/dbpool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct kept {
    struct store *st;
    char *path;
    dev_t dev;
    ino_t ino;
    int in_use;
};

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void kept_free(void *p)
{
    struct kept *k = p;
    if (!k)
        return;
    store_close(k->st);
    free(k->path);
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

static void kept_drop(struct kept *k)
{
    store_close(k->st);
    k->st = NULL;
    free(k->path);
    k->path = NULL;
}

void web_db_forget(void)
{
    pthread_once(&key_once, make_key);
    struct kept *k = pthread_getspecific(key);
    if (k && !k->in_use)
        kept_drop(k);
}

static int set_mode(struct store *st, int write, struct mm_err *err)
{
    return store_exec(st, write ? "PRAGMA query_only=0" : "PRAGMA query_only=1", err);
}

int web_db_acquire(const char *db_path, int write, struct store **out, struct mm_err *err)
{
    *out = NULL;
    struct kept *k = kept_get();
    struct stat sb;
    int have_file = stat(db_path, &sb) == 0;
    if (!k || k->in_use || !have_file) {
        /* Nested use, no memory, or no file (let open report it): a connection of its own. */
        if (k && !k->in_use && k->st)
            kept_drop(k);
        int rc = store_open(db_path, STORE_OPEN_READWRITE | STORE_OPEN_NOMIGRATE, out, err);
        if (!rc && (rc = set_mode(*out, write, err))) {
            store_close(*out);
            *out = NULL;
        }
        return rc;
    }
    if (k->st && (strcmp(k->path, db_path) != 0 || k->dev != sb.st_dev || k->ino != sb.st_ino))
        kept_drop(k);
    if (!k->st) {
        char *path = strdup(db_path);
        if (!path)
            return mm_err_set(err, MM_EINTERNAL, "メモリを確保できません");
        int rc = store_open(db_path, STORE_OPEN_READWRITE | STORE_OPEN_NOMIGRATE, &k->st, err);
        if (rc) {
            free(path);
            k->st = NULL;
            return rc;
        }
        k->path = path;
        k->dev = sb.st_dev;
        k->ino = sb.st_ino;
    }
    int rc = set_mode(k->st, write, err);
    if (rc) {
        kept_drop(k);
        return rc;
    }
    k->in_use = 1;
    *out = k->st;
    return MM_OK;
}

void web_db_release(struct store *st)
{
    if (!st)
        return;
    store_rollback(st);
    struct kept *k = pthread_getspecific(key);
    if (k && k->st == st) {
        k->in_use = 0;
        return;
    }
    store_close(st);
}
