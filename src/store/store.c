/*
 * store.c — dispatch from the public store interface to a backend, plus the parts that are
 * the same for every backend (migrations, convenience queries).
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/migrate.h"

struct store {
    const struct store_backend *be;
    void *impl;
};

struct store_stmt {
    const struct store_backend *be;
    void *impl;
};

int store_open(const char *path, int flags, struct store **out, struct mm_err *err)
{
    struct store *st = calloc(1, sizeof *st);
    if (!st)
        return mm_err_set(err, MM_EINTERNAL, "メモリを確保できません");
    st->be = &store_sqlite_backend;
    int rc = st->be->open(path, flags, &st->impl, err);
    if (rc) {
        free(st);
        return rc;
    }
    if (!(flags & STORE_OPEN_NOMIGRATE)) {
        rc = migrate_check_and_apply(st, !(flags & STORE_OPEN_READONLY), err);
        if (rc) {
            store_close(st);
            return rc;
        }
    }
    *out = st;
    return MM_OK;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    st->be->close(st->impl);
    free(st);
}

int store_exec(struct store *st, const char *sql, struct mm_err *err)
{
    return st->be->exec(st->impl, sql, err);
}

int store_begin(struct store *st, struct mm_err *err)
{
    return st->be->begin(st->impl, 0, err);
}

int store_begin_read(struct store *st, struct mm_err *err)
{
    return st->be->begin(st->impl, 1, err);
}

int store_commit(struct store *st, struct mm_err *err)
{
    return st->be->commit(st->impl, err);
}

void store_rollback(struct store *st)
{
    st->be->rollback(st->impl);
}

int store_prepare(struct store *st, const char *sql, struct store_stmt **out, struct mm_err *err)
{
    struct store_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return mm_err_set(err, MM_EINTERNAL, "メモリを確保できません");
    s->be = st->be;
    int rc = st->be->prepare(st->impl, sql, &s->impl, err);
    if (rc) {
        free(s);
        return rc;
    }
    *out = s;
    return MM_OK;
}

int store_bind_text(struct store_stmt *s, int idx, const char *v)
{
    return v ? s->be->bind_text(s->impl, idx, v) : s->be->bind_null(s->impl, idx);
}

int store_bind_int(struct store_stmt *s, int idx, long long v)
{
    return s->be->bind_int(s->impl, idx, v);
}

int store_bind_null(struct store_stmt *s, int idx)
{
    return s->be->bind_null(s->impl, idx);
}

int store_step(struct store_stmt *s, struct mm_err *err)
{
    return s->be->step(s->impl, err);
}

int store_reset(struct store_stmt *s)
{
    return s->be->reset(s->impl);
}

void store_finalize(struct store_stmt *s)
{
    if (!s)
        return;
    s->be->finalize(s->impl);
    free(s);
}

int store_col_count(struct store_stmt *s)
{
    return s->be->col_count(s->impl);
}

int store_col_is_null(struct store_stmt *s, int col)
{
    return s->be->col_is_null(s->impl, col);
}

const char *store_col_text(struct store_stmt *s, int col)
{
    return s->be->col_text(s->impl, col);
}

long long store_col_int(struct store_stmt *s, int col)
{
    return s->be->col_int(s->impl, col);
}

int store_query_int(struct store *st, const char *sql, long long *out, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *out = store_col_int(s, 0);
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = mm_err_set(err, MM_EINTERNAL, "問い合わせが行を返しませんでした");
    }
    store_finalize(s);
    return rc;
}

int store_backup_to(struct store *st, const char *path, struct mm_err *err)
{
    return st->be->backup_to(st->impl, path, err);
}

int store_table_exists(struct store *st, const char *name, int *out, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, st->be->table_exists_sql, &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, name);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *out = store_col_int(s, 0) > 0;
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = mm_err_set(err, MM_EINTERNAL, "問い合わせが行を返しませんでした");
    }
    store_finalize(s);
    return rc;
}
