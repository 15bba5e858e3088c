/* test_params.c — local parameters: the embedded definitions, value checks per type, and the
 * effective value for an organization (its org_parameter row, else the default). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/params.h"

static struct store *open_memory(void)
{
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(":memory:", STORE_OPEN_CREATE, &st, &err), MM_OK);
    return st;
}

static void test_definitions_loaded(void **state)
{
    (void)state;
    const struct param_def *defs = NULL;
    size_t n = 0;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(params_list(&defs, &n, &err), MM_OK);
    assert_true(n >= 8);
    const struct param_def *d = params_find("password_min_length");
    assert_non_null(d);
    assert_int_equal(d->type, PARAM_INT);
    assert_string_equal(d->default_value, "12");
    assert_string_equal(d->clause, "6.2(1)③");
    assert_true(strlen(d->label) > 0);
    assert_true(d->line > 1);
    /* Every definition's default passes its own check. */
    for (size_t i = 0; i < n; i++) {
        mm_err_clear(&err);
        assert_int_equal(params_check(&defs[i], defs[i].default_value, &err), MM_OK);
        assert_ptr_equal(params_find(defs[i].key), &defs[i]);
    }
    assert_null(params_find("password_min_lenght"));
    assert_null(params_find(""));
    assert_null(params_find(NULL));
}

static void test_check_values(void **state)
{
    (void)state;
    struct mm_err err;
    const struct param_def *i = params_find("login_attempt_limit");
    assert_non_null(i);
    static const char *const good_int[] = {"0", "5", "12", "999999999999999999"};
    static const char *const bad_int[] = {"", "-1", "+5", "05", " 5", "5 ", "5.0", "abc",
                                          "1000000000000000000"};
    for (size_t k = 0; k < sizeof good_int / sizeof *good_int; k++) {
        mm_err_clear(&err);
        assert_int_equal(params_check(i, good_int[k], &err), MM_OK);
    }
    for (size_t k = 0; k < sizeof bad_int / sizeof *bad_int; k++) {
        mm_err_clear(&err);
        assert_int_equal(params_check(i, bad_int[k], &err), MM_EINPUT);
        assert_non_null(strstr(err.msg, "整数"));
    }
    struct param_def b = {"x_enabled", PARAM_BOOL, "true", "1", "テスト", 1};
    mm_err_clear(&err);
    assert_int_equal(params_check(&b, "true", &err), MM_OK);
    assert_int_equal(params_check(&b, "false", &err), MM_OK);
    assert_int_equal(params_check(&b, "yes", &err), MM_EINPUT);
    assert_int_equal(params_check(&b, "TRUE", &err), MM_EINPUT);
    struct param_def t = {"x_text", PARAM_TEXT, "a", "1", "テスト", 1};
    assert_int_equal(params_check(&t, "任意の文字列", &err), MM_OK);
    assert_int_equal(params_check(&t, "", &err), MM_EINPUT);
    assert_string_equal(params_type_name(PARAM_INT), "整数");
    assert_string_equal(params_type_name(PARAM_BOOL), "真偽値");
}

static void test_effective_value(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_err err;
    mm_err_clear(&err);
    char *v = NULL;
    assert_int_equal(params_get(st, "password_min_length", &v, &err), MM_OK);
    assert_string_equal(v, "12"); /* the default */
    free(v);
    long long n = 0;
    assert_int_equal(params_get_int(st, "password_min_length", &n, &err), MM_OK);
    assert_int_equal(n, 12);

    assert_int_equal(store_exec(st,
                                "INSERT INTO org_parameter (key, value) "
                                "VALUES ('password_min_length', '14')",
                                &err),
                     MM_OK);
    assert_int_equal(params_get_int(st, "password_min_length", &n, &err), MM_OK);
    assert_int_equal(n, 14); /* the organization's own value wins */
    assert_int_equal(params_get_int(st, "login_attempt_limit", &n, &err), MM_OK);
    assert_int_equal(n, 5); /* others keep their default */

    assert_int_equal(params_get(st, "no_such_parameter", &v, &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "no_such_parameter"));
    int b = 0;
    assert_int_equal(params_get_bool(st, "password_min_length", &b, &err), MM_EINTERNAL);

    /* A value that does not fit its type is reported, not silently used. */
    assert_int_equal(store_exec(st,
                                "INSERT INTO org_parameter (key, value) "
                                "VALUES ('session_idle_minutes', 'half an hour')",
                                &err),
                     MM_OK);
    assert_int_equal(params_get_int(st, "session_idle_minutes", &n, &err), MM_EINTERNAL);
    assert_non_null(strstr(err.msg, "session_idle_minutes"));
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_definitions_loaded),
        cmocka_unit_test(test_check_values),
        cmocka_unit_test(test_effective_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
