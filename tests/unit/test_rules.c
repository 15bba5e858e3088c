/*
 * test_rules.c — the rule file parser (header keys, required keys, severity, id = file name,
 * one SELECT), the `:name` → `?` rewriting that leaves literals and comments alone, the
 * computed date parameters, and validation against a database (role, clause, parameter).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "rules/rules.h"

#define HEAD                                                                                   \
    "-- id: T-001\n-- clauses: 6.2(1)②(ア)\n-- severity: high\n-- title: 題\n"                 \
    "-- action: 直す\n-- responsible: sysm\n"

static int parse(const char *file, const char *text, struct rule *r, struct mm_err *e)
{
    mm_err_clear(e);
    return rule_parse(file, text, r, e);
}

static void test_parse_ok(void **state)
{
    (void)state;
    struct rule r;
    struct mm_err e;
    assert_int_equal(parse("data/rules/T-001.sql",
                           HEAD "-- 説明の行は自由に書ける\n\nSELECT 'a', x, NULL, NULL, NULL, "
                                "'d' FROM t WHERE d < :today AND n > :password_min_length;\n",
                           &r, &e),
                     MM_OK);
    assert_string_equal(r.id, "T-001");
    assert_int_equal(r.severity, SEV_HIGH);
    assert_int_equal(r.nclauses, 1);
    assert_string_equal(r.clauses[0], "6.2(1)②(ア)");
    assert_string_equal(r.responsible, "sysm");
    assert_null(r.requires);
    assert_int_equal(r.nparams, 2);
    assert_string_equal(r.params[0], "today");
    assert_string_equal(r.params[1], "password_min_length");
    assert_int_equal(r.param_lines[0], 9);
    assert_non_null(strstr(r.sql, "d < ? AND n > ?"));
    assert_null(strchr(r.sql, ';'));
    assert_int_equal(r.sql_line, 9);
    rule_free(&r);
}

static void test_rewrite_skips_literals(void **state)
{
    (void)state;
    char *out;
    char **names;
    int *lines;
    size_t n;
    rule_rewrite_params("SELECT ':no', \"x:y\", a::text -- :c\n, /* :d */ :yes, 'it''s :x' || :b",
                        &out, &names, &lines, &n);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "yes");
    assert_string_equal(names[1], "b");
    assert_int_equal(lines[0], 2);
    assert_string_equal(out,
                        "SELECT ':no', \"x:y\", a::text -- :c\n, /* :d */ ?, 'it''s :x' || ?");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names), free(lines), free(out);
}

static void expect_error(const char *file, const char *text, const char *want)
{
    struct rule r;
    struct mm_err e;
    int rc = parse(file, text, &r, &e);
    if (rc != MM_EINPUT || !strstr(e.msg, want))
        fail_msg("want error containing 「%s」, got %d 「%s」", want, rc, e.msg);
}

static void test_header_errors(void **state)
{
    (void)state;
    const char *f = "data/rules/T-001.sql";
    expect_error(f, "-- id: T-001\n-- colour: red\nSELECT 1", "T-001.sql:2: 見出し項目「colour」は知りません");
    expect_error(f,
                 "-- id: T-001\n-- clauses: 1(1)\n-- severity: high\n-- title: t\n"
                 "-- action: a\nSELECT 1",
                 "T-001.sql:1: 見出し項目「responsible」がありません");
    expect_error(f,
                 "-- id: T-001\n-- clauses: 1(1)\n-- severity: urgent\n-- title: t\n"
                 "-- action: a\n-- responsible: sysm\nSELECT 1",
                 "T-001.sql:3: 重大度「urgent」は使えません");
    expect_error("data/rules/T-002.sql", HEAD "SELECT 1", "T-002.sql:1: 規則の id「T-001」がファイル名「T-002.sql」と違います");
    expect_error(f, HEAD "SELECT 1;\nDELETE FROM account;", "T-001.sql:8: 文が複数あります");
    expect_error(f, HEAD "DELETE FROM account", "T-001.sql:7: 規則の SQL は SELECT");
    expect_error(f, HEAD, "SELECT 文がありません");
    expect_error(f,
                 "-- id: T-001\n-- clauses: 第六条\n-- severity: high\n-- title: t\n"
                 "-- action: a\n-- responsible: sysm\nSELECT 1",
                 "T-001.sql:2: 「第六条」は条項番号として読めません");
    expect_error(f, "-- id: T-001\n-- id: T-001\nSELECT 1", "T-001.sql:2: 見出し項目「id」が二度あります");
    expect_error(f, "-- id: T-001\n-- responsible: SysM\nSELECT 1", "T-001.sql:2: 役割コード「SysM」");
}

static void test_dates(void **state)
{
    (void)state;
    char out[11];
    date_minus_days("2026-06-01", 90, out);
    assert_string_equal(out, "2026-03-03");
    date_minus_days("2024-03-01", 1, out);
    assert_string_equal(out, "2024-02-29");
    date_minus_months("2026-03-31", 1, out);
    assert_string_equal(out, "2026-02-28");
    date_minus_months("2026-06-01", 12, out);
    assert_string_equal(out, "2025-06-01");
    date_minus_months("2026-01-15", 6, out);
    assert_string_equal(out, "2025-07-15");
    assert_true(rule_params_known("today"));
    assert_true(rule_params_known("inactive_account_days_cutoff"));
    assert_true(rule_params_known("account_review_months_cutoff"));
    assert_false(rule_params_known("password_min_length_cutoff"));
    assert_false(rule_params_known("nothing"));
}

/* Against a real database: computed parameters and validation. */
static void test_params_and_validate(void **state)
{
    (void)state;
    char path[] = "/tmp/mamori-test-rules-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    struct store *st;
    struct mm_err e;
    mm_err_clear(&e);
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &st, &e), MM_OK);
    assert_int_equal(store_exec(st, "INSERT INTO org_parameter VALUES ('inactive_account_days', '30')", &e), MM_OK);
    struct rule_params p;
    assert_int_equal(rule_params_build(st, "2026-03-31", &p, &e), MM_OK);
    const struct rule_param *x = rule_params_find(&p, "fiscal_year");
    assert_non_null(x);
    assert_int_equal(x->iv, 2025);
    assert_string_equal(rule_params_find(&p, "fiscal_year_start")->text, "2025-04-01");
    assert_string_equal(rule_params_find(&p, "today")->text, "2026-03-31");
    assert_int_equal(rule_params_find(&p, "inactive_account_days")->iv, 30);
    assert_string_equal(rule_params_find(&p, "inactive_account_days_cutoff")->text, "2026-03-01");
    rule_params_free(&p);
    assert_int_equal(rule_params_build(st, "2026-02-30", &p, &e), MM_EINPUT);

    struct rule r;
    assert_int_equal(parse("data/rules/T-001.sql", HEAD "SELECT :no_such_param", &r, &e), MM_OK);
    assert_int_equal(rule_validate(st, &r, &e), MM_EINPUT);
    assert_non_null(strstr(e.msg, "T-001.sql:7: 規則 T-001 のパラメータ :no_such_param"));
    rule_free(&r);
    assert_int_equal(parse("data/rules/T-001.sql",
                           "-- id: T-001\n-- clauses: 99.9\n-- severity: low\n-- title: t\n"
                           "-- action: a\n-- responsible: sysm\nSELECT 1",
                           &r, &e),
                     MM_OK);
    assert_int_equal(rule_validate(st, &r, &e), MM_EINPUT);
    assert_non_null(strstr(e.msg, "T-001.sql:2: 条項「99.9」は条項集"));
    rule_free(&r);
    assert_int_equal(parse("data/rules/T-001.sql",
                           "-- id: T-001\n-- clauses: 1(1)\n-- severity: low\n-- title: t\n"
                           "-- action: a\n-- responsible: mayor\nSELECT 1",
                           &r, &e),
                     MM_OK);
    assert_int_equal(rule_validate(st, &r, &e), MM_EINPUT);
    assert_non_null(strstr(e.msg, "T-001.sql:6: 役割コード「mayor」は role 表にありません"));
    rule_free(&r);
    assert_int_equal(parse("data/rules/T-001.sql", HEAD "-- requires: 1(1)\nSELECT 1", &r, &e),
                     MM_OK);
    assert_int_equal(rule_validate(st, &r, &e), MM_EINPUT);
    assert_non_null(strstr(e.msg, "【推奨事項】ではありません"));
    rule_free(&r);

    /* every embedded rule loads, and coverage lists each of its clauses */
    struct rule_set set = {0};
    assert_int_equal(rules_load(st, &set, &e), MM_OK);
    long long rows = 0;
    size_t want = 0;
    for (size_t i = 0; i < set.n; i++)
        want += set.v[i].nclauses;
    assert_int_equal(store_query_int(st,
                                     "SELECT COUNT(*) FROM catalog_coverage WHERE kind = 'rule'",
                                     &rows, &e),
                     MM_OK);
    assert_true(set.n == 0 || rows > 0);
    assert_true((size_t)rows <= want);
    rule_set_free(&set);
    store_close(st);
    unlink(path);
    char side[sizeof path + 8];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_ok),       cmocka_unit_test(test_rewrite_skips_literals),
        cmocka_unit_test(test_header_errors),  cmocka_unit_test(test_dates),
        cmocka_unit_test(test_params_and_validate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
