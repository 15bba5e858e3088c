/* test_authz.c — access decisions from role assignments and authz_grant: scope by 部局 and 課室
 * (with the departments below), by system, own rows, expired assignments, write implying read,
 * and the SQL list filter agreeing with the single-row decision. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "authz/authz.h"
#include "store/store.h"

static char dbpath[256];
static struct store *st;

static int setup(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/mamori-test-authz-%d.db", (int)getpid());
    unlink(dbpath);
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(dbpath, STORE_OPEN_CREATE, &st, &err), MM_OK);
    assert_int_equal(
        store_exec(st,
                   "INSERT INTO org_body VALUES ('m', '市長部局', NULL, 1);"
                   "INSERT INTO department VALUES ('B1', NULL, '総務部', 'bukyoku', 'm', 1),"
                   " ('K1', 'B1', '情報課', 'kashitsu', 'm', 1),"
                   " ('K2', 'B1', '人事課', 'kashitsu', 'm', 2),"
                   " ('D1', 'K1', '情報課分室', 'desaki', 'm', 3),"
                   " ('B2', NULL, '市民部', 'bukyoku', 'm', 4),"
                   " ('K3', 'B2', '市民課', 'kashitsu', 'm', 5);"
                   "INSERT INTO person (id, name, department_id, employment, status) VALUES"
                   " ('P-ism', '管理者', 'K1', 'regular', 'active'),"
                   " ('P-isr', '責任者', 'B1', 'regular', 'active'),"
                   " ('P-sys', 'システム管理者', 'K1', 'regular', 'active'),"
                   " ('P-all', '統括', 'K1', 'regular', 'active'),"
                   " ('P-old', '前任者', 'K1', 'regular', 'active'),"
                   " ('P-st', '職員', 'K3', 'regular', 'active');"
                   "INSERT INTO system (id, name, domain, hosting, department_id, mfa) VALUES"
                   " ('S1', '住基', 'mynumber', 'onprem', 'K3', 1),"
                   " ('S2', '財務', 'lgwan', 'onprem', 'K2', 1);"
                   "INSERT INTO role_assignment (id, role, person_id, scope_type,"
                   " scope_department_id, scope_system_id, valid_from, valid_to) VALUES"
                   " ('R1', 'ism', 'P-ism', 'kashitsu', 'K1', NULL, '2020-04-01', NULL),"
                   " ('R2', 'isr', 'P-isr', 'bukyoku', 'B1', NULL, '2020-04-01', NULL),"
                   " ('R3', 'sysm', 'P-sys', 'system', NULL, 'S1', '2020-04-01', NULL),"
                   " ('R4', 'toukatsu', 'P-all', 'organization', NULL, NULL, '2020-04-01', NULL),"
                   " ('R5', 'ism', 'P-old', 'kashitsu', 'K1', NULL, '2020-04-01', '2025-03-31');",
                   &err),
        MM_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    unlink(dbpath);
    return 0;
}

static struct authz_principal *load(const char *person)
{
    struct authz_principal *p = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(authz_load(st, person, "2026-11-23", &p, &err), MM_OK);
    assert_non_null(p);
    return p;
}

static int allows(const struct authz_principal *p, const char *res, enum authz_action a,
                  const char *dept, const char *sys, const char *person)
{
    struct authz_target t = {dept, sys, person};
    return authz_allows(p, res, a, &t);
}

static void test_kashitsu_scope_includes_departments_below(void **state)
{
    (void)state;
    struct authz_principal *p = load("P-ism");
    assert_true(authz_has_role(p, "ism"));
    assert_true(allows(p, "asset", AUTHZ_WRITE, "K1", NULL, NULL));
    assert_true(allows(p, "asset", AUTHZ_READ, "D1", NULL, NULL));  /* below 情報課 */
    assert_false(allows(p, "asset", AUTHZ_WRITE, "K2", NULL, NULL)); /* another 課 */
    assert_false(allows(p, "asset", AUTHZ_READ, "B1", NULL, NULL));  /* the 部 above */
    assert_false(allows(p, "system", AUTHZ_WRITE, "K1", NULL, NULL)); /* read only */
    assert_true(allows(p, "system", AUTHZ_READ, "K1", NULL, NULL));
    assert_false(authz_allows_all(p, "asset", AUTHZ_READ));
    assert_false(allows(p, "app_user", AUTHZ_READ, NULL, NULL, NULL));
    authz_free(p);
}

static void test_bukyoku_reads_but_does_not_write(void **state)
{
    (void)state;
    struct authz_principal *p = load("P-isr");
    assert_true(allows(p, "asset", AUTHZ_READ, "K2", NULL, NULL));
    assert_true(allows(p, "asset", AUTHZ_READ, "D1", NULL, NULL));
    assert_false(allows(p, "asset", AUTHZ_READ, "K3", NULL, NULL));
    assert_false(allows(p, "asset", AUTHZ_WRITE, "K2", NULL, NULL));
    authz_free(p);
}

static void test_system_scope(void **state)
{
    (void)state;
    struct authz_principal *p = load("P-sys");
    assert_true(allows(p, "account", AUTHZ_WRITE, NULL, "S1", NULL));
    assert_false(allows(p, "account", AUTHZ_WRITE, NULL, "S2", NULL));
    assert_false(allows(p, "account", AUTHZ_READ, "K1", NULL, NULL)); /* own 課 is no scope */
    authz_free(p);
}

static void test_staff_and_expired(void **state)
{
    (void)state;
    struct authz_principal *p = load("P-old"); /* assignment ended: only the staff grants */
    assert_false(authz_has_role(p, "ism"));
    assert_false(allows(p, "asset", AUTHZ_READ, "K1", NULL, NULL));
    assert_true(allows(p, "asset", AUTHZ_READ, "K1", NULL, "P-old")); /* managed by them */
    assert_false(allows(p, "asset", AUTHZ_WRITE, "K1", NULL, "P-old"));
    assert_true(allows(p, "catalog", AUTHZ_READ, NULL, NULL, NULL));
    assert_false(allows(p, "check_run", AUTHZ_READ, NULL, NULL, NULL));
    authz_free(p);

    p = load(NULL); /* a user without a person: no own rows */
    assert_false(allows(p, "asset", AUTHZ_READ, "K1", NULL, ""));
    assert_true(allows(p, "dashboard", AUTHZ_READ, NULL, NULL, NULL));
    authz_free(p);
}

static void test_toukatsu_all(void **state)
{
    (void)state;
    struct authz_principal *p = load("P-all");
    assert_true(authz_allows_all(p, "asset", AUTHZ_WRITE));
    assert_true(allows(p, "asset", AUTHZ_WRITE, "K3", NULL, NULL));
    assert_true(allows(p, "audit_log", AUTHZ_READ, NULL, NULL, NULL));
    assert_false(allows(p, "audit_log", AUTHZ_WRITE, NULL, NULL, NULL));
    authz_free(p);
}

static void test_holds_role_for(void **state)
{
    (void)state;
    struct authz_principal *p = load("P-isr");
    struct authz_target in = {"D1", NULL, NULL}, out = {"K3", NULL, NULL};
    assert_true(authz_holds_role_for(p, "isr", &in));
    assert_false(authz_holds_role_for(p, "isr", &out));
    assert_false(authz_holds_role_for(p, "ism", &in));
    authz_free(p);
    p = load("P-all");
    assert_true(authz_holds_role_for(p, "toukatsu", &out));
    authz_free(p);
}

/* The filter selects exactly the departments authz_allows accepts, for every principal. */
static void test_filter_agrees_with_decision(void **state)
{
    (void)state;
    const char *people[] = {"P-ism", "P-isr", "P-sys", "P-all", "P-old", "P-st"};
    char cond[512], sql[768];
    authz_filter_sql("d.id", "NULL", "NULL", cond, sizeof cond);
    snprintf(sql, sizeof sql, "SELECT d.id FROM department d WHERE %s ORDER BY d.id", cond);
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        struct authz_principal *p = load(people[i]);
        struct store_stmt *s = NULL;
        struct mm_err err;
        mm_err_clear(&err);
        assert_int_equal(store_prepare(st, sql, &s, &err), MM_OK);
        assert_int_equal(authz_filter_bind(p, "asset", AUTHZ_READ, s, 1), 0);
        char got[256] = "";
        while (store_step(s, &err) == STORE_ROW) {
            strcat(got, store_col_text(s, 0));
            strcat(got, ",");
        }
        store_finalize(s);
        char want[256] = "";
        const char *all[] = {"B1", "B2", "D1", "K1", "K2", "K3"};
        for (size_t j = 0; j < 6; j++)
            if (allows(p, "asset", AUTHZ_READ, all[j], NULL, NULL)) {
                strcat(want, all[j]);
                strcat(want, ",");
            }
        assert_string_equal(got, want);
        authz_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_kashitsu_scope_includes_departments_below, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bukyoku_reads_but_does_not_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_system_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_and_expired, setup, teardown),
        cmocka_unit_test_setup_teardown(test_toukatsu_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_holds_role_for, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_agrees_with_decision, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
