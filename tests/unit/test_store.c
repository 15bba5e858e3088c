/* test_store.c — the store interface over SQLite: migrations, version refusal, foreign keys,
 * WAL, bound parameters and transactions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/store.h"

static char dbpath[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/mamori-test-store-%d.db", (int)getpid());
    unlink(dbpath);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[300];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
    return 0;
}

static struct store *open_new(void)
{
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(dbpath, STORE_OPEN_CREATE, &st, &err), MM_OK);
    return st;
}

static void test_migrations_reach_latest(void **state)
{
    (void)state;
    struct store *st = open_new();
    struct mm_err err;
    int v = -1;
    assert_int_equal(store_schema_version(st, &v, &err), MM_OK);
    assert_true(store_schema_latest() >= 1);
    assert_int_equal(v, store_schema_latest());
    store_close(st);
    /* Opening again applies nothing and keeps the version. */
    st = open_new();
    assert_int_equal(store_schema_version(st, &v, &err), MM_OK);
    assert_int_equal(v, store_schema_latest());
    long long n = 0;
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM schema_migrations", &n, &err), MM_OK);
    assert_int_equal(n, store_schema_latest());
    store_close(st);
}

static void test_newer_database_refused(void **state)
{
    (void)state;
    struct store *st = open_new();
    struct mm_err err;
    struct store_stmt *s;
    assert_int_equal(store_prepare(st,
                                   "INSERT INTO schema_migrations (version, name, applied_at) "
                                   "VALUES (?, 'future.sql', '2099-01-01T00:00:00Z')",
                                   &s, &err),
                     MM_OK);
    store_bind_int(s, 1, store_schema_latest() + 1);
    assert_int_equal(store_step(s, &err), STORE_DONE);
    store_finalize(s);
    store_close(st);

    st = NULL;
    mm_err_clear(&err);
    assert_int_equal(store_open(dbpath, 0, &st, &err), MM_EREFUSED);
    assert_null(st);
    assert_non_null(strstr(err.msg, "より新しい mamori"));
}

static void test_wal_and_foreign_keys(void **state)
{
    (void)state;
    struct store *st = open_new();
    struct mm_err err;
    struct store_stmt *s;
    assert_int_equal(store_prepare(st, "PRAGMA journal_mode", &s, &err), MM_OK);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_string_equal(store_col_text(s, 0), "wal");
    store_finalize(s);

    long long fk = 0;
    assert_int_equal(store_query_int(st, "PRAGMA foreign_keys", &fk, &err), MM_OK);
    assert_int_equal(fk, 1);

    /* Deleted rows (password hashes, secrets) are overwritten, not left in free pages. */
    long long sd = 0;
    assert_int_equal(store_query_int(st, "PRAGMA secure_delete", &sd, &err), MM_OK);
    assert_int_equal(sd, 1);

    /* A system whose hosting code is not in hosting_kind cannot be stored. */
    assert_int_equal(store_exec(st,
                                "INSERT INTO org_body VALUES ('mayor', '市長部局', NULL, 1);"
                                "INSERT INTO department (id, name, level, body) "
                                "VALUES ('D1', '情報政策課', 'kashitsu', 'mayor');",
                                &err),
                     MM_OK);
    assert_int_equal(store_prepare(st,
                                   "INSERT INTO system (id, name, domain, hosting, department_id, "
                                   "mfa) VALUES ('S1', ?, 'lgwan', ?, 'D1', 1)",
                                   &s, &err),
                     MM_OK);
    store_bind_text(s, 1, "文書管理");
    store_bind_text(s, 2, "moon_base");
    mm_err_clear(&err);
    assert_int_equal(store_step(s, &err), MM_EINPUT);
    assert_true(strlen(err.msg) > 0);
    store_finalize(s);
    long long n = -1;
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM system", &n, &err), MM_OK);
    assert_int_equal(n, 0);
    store_close(st);
}

static void test_bound_text_is_data_not_sql(void **state)
{
    (void)state;
    struct store *st = open_new();
    struct mm_err err;
    struct store_stmt *s;
    const char *evil = "x'); DROP TABLE person; --";
    assert_int_equal(store_exec(st,
                                "INSERT INTO org_body VALUES ('mayor', '市長部局', NULL, 1);",
                                &err),
                     MM_OK);
    assert_int_equal(store_prepare(st,
                                   "INSERT INTO person (id, name, employment, status) "
                                   "VALUES ('P1', ?, 'regular', 'active')",
                                   &s, &err),
                     MM_OK);
    store_bind_text(s, 1, evil);
    assert_int_equal(store_step(s, &err), STORE_DONE);
    store_finalize(s);
    assert_int_equal(store_prepare(st, "SELECT name FROM person WHERE id = ?", &s, &err), MM_OK);
    store_bind_text(s, 1, "P1");
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_string_equal(store_col_text(s, 0), evil);
    store_finalize(s);
    store_close(st);
}

/* A statement kept for reuse: fresh bindings each time, a second use of the same text while the
 * first is open gets its own statement, it follows a schema change, and more texts than the
 * cache holds all still answer. */
static void test_kept_statements(void **state)
{
    (void)state;
    struct store *st = open_new();
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_exec(st, "CREATE TABLE k (a INTEGER, b TEXT);"
                                    "INSERT INTO k VALUES (1, 'one'), (2, 'two'), (3, 'three');",
                                &err),
                     MM_OK);
    const char *q = "SELECT b FROM k WHERE a = ?";
    struct store_stmt *s1, *s2;
    for (int round = 0; round < 3; round++) {
        assert_int_equal(store_prepare(st, q, &s1, &err), MM_OK);
        store_bind_int(s1, 1, 1);
        assert_int_equal(store_step(s1, &err), STORE_ROW);
        assert_string_equal(store_col_text(s1, 0), "one");
        /* the same text while s1 is still open (mid-result) */
        assert_int_equal(store_prepare(st, q, &s2, &err), MM_OK);
        store_bind_int(s2, 1, 2);
        assert_int_equal(store_step(s2, &err), STORE_ROW);
        assert_string_equal(store_col_text(s2, 0), "two");
        assert_string_equal(store_col_text(s1, 0), "one");
        store_finalize(s2);
        store_finalize(s1);
        /* reused without a binding: the earlier value is gone, so no row */
        assert_int_equal(store_prepare(st, q, &s1, &err), MM_OK);
        assert_int_equal(store_step(s1, &err), STORE_DONE);
        store_finalize(s1);
    }
    /* a kept "SELECT *" sees a column added after it was first prepared */
    assert_int_equal(store_prepare(st, "SELECT * FROM k WHERE a = 3", &s1, &err), MM_OK);
    assert_int_equal(store_step(s1, &err), STORE_ROW);
    assert_int_equal(store_col_count(s1), 2);
    store_finalize(s1);
    assert_int_equal(store_exec(st, "ALTER TABLE k ADD COLUMN c TEXT DEFAULT 'new'", &err), MM_OK);
    assert_int_equal(store_prepare(st, "SELECT * FROM k WHERE a = 3", &s1, &err), MM_OK);
    assert_int_equal(store_step(s1, &err), STORE_ROW);
    assert_int_equal(store_col_count(s1), 3);
    assert_string_equal(store_col_text(s1, 2), "new");
    store_finalize(s1);
    /* more distinct texts than are kept, twice over: every one answers its own value */
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 200; i++) {
            char sql[64];
            snprintf(sql, sizeof sql, "SELECT %d + ?", i);
            assert_int_equal(store_prepare(st, sql, &s1, &err), MM_OK);
            store_bind_int(s1, 1, round);
            assert_int_equal(store_step(s1, &err), STORE_ROW);
            assert_int_equal(store_col_int(s1, 0), i + round);
            store_finalize(s1);
        }
    /* a table dropped while statements on it are kept (idle) */
    assert_int_equal(store_exec(st, "DROP TABLE k", &err), MM_OK);
    s1 = NULL;
    int rc = store_prepare(st, q, &s1, &err);
    if (rc == MM_OK) { /* kept: the error comes at the step */
        store_bind_int(s1, 1, 1);
        rc = store_step(s1, &err);
        store_finalize(s1);
    }
    assert_int_equal(rc, MM_EINTERNAL);
    assert_non_null(strstr(err.msg, "no such table"));
    store_close(st);
}

static void test_rollback_discards(void **state)
{
    (void)state;
    struct store *st = open_new();
    struct mm_err err;
    assert_int_equal(store_begin(st, &err), MM_OK);
    assert_int_equal(store_exec(st, "INSERT INTO org_body VALUES ('a', 'A', NULL, 1)", &err), MM_OK);
    store_rollback(st);
    long long n = -1;
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM org_body", &n, &err), MM_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_begin(st, &err), MM_OK);
    assert_int_equal(store_exec(st, "INSERT INTO org_body VALUES ('a', 'A', NULL, 1)", &err), MM_OK);
    assert_int_equal(store_commit(st, &err), MM_OK);
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM org_body", &n, &err), MM_OK);
    assert_int_equal(n, 1);
    store_close(st);
}

static void test_readonly_open_of_missing_file_fails(void **state)
{
    (void)state;
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_not_equal(store_open("/nonexistent-dir/x.db", STORE_OPEN_READONLY, &st, &err), MM_OK);
    assert_null(st);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/x.db"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrations_reach_latest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wal_and_foreign_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bound_text_is_data_not_sql, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kept_statements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_discards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_open_of_missing_file_fails, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
