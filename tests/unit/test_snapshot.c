/* test_snapshot.c — the snapshot library: parse errors with place and kind, the date / id /
 * retention syntax, validation problems with their JSON paths, allowed codes taken from the
 * database's lookup tables, all-or-nothing import, refusal and replace, and export's order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/snapshot.h"
#include "io/snapshot_fields.h"
#include "io/snapshot_validate.h"

/* Departments deliberately out of id order; export must sort them. */
static const char *const SNAP =
    "{\"format\": \"mamori-snapshot\", \"version\": 1,"
    " \"organization\": {\"name\": \"試験村\", \"kind\": \"村\", \"prefecture\": null,"
    "  \"policy_title\": null, \"policy_date\": \"2024-02-29\", \"note\": null,"
    "  \"bodies\": [{\"code\": \"z\", \"name\": \"村長部局\", \"note\": null},"
    "             {\"code\": \"a\", \"name\": \"教育委員会\", \"note\": null}],"
    "  \"excluded_networks\": [], \"network_inclusions\": [],"
    "  \"parameters\": {\"session_idle_minutes\": \"15\", \"login_attempt_limit\": \"3\"}},"
    " \"departments\": ["
    "  {\"id\": \"D2\", \"name\": \"住民課\", \"level\": \"kashitsu\", \"parent\": \"D1\", \"body\": \"z\"},"
    "  {\"id\": \"D1\", \"name\": \"総務部\", \"level\": \"bukyoku\", \"parent\": null, \"body\": \"z\", \"sort\": 3},"
    "  {\"id\": \"D3\", \"name\": \"出張所\", \"level\": \"desaki\", \"parent\": \"D1\", \"body\": \"a\"}],"
    " \"people\": ["
    "  {\"id\": \"P2\", \"name\": \"乙\", \"department\": \"D2\", \"employment\": \"regular\","
    "   \"status\": \"retired\", \"status_since\": \"2025-03-31\", \"left_on\": \"2025-03-31\"},"
    "  {\"id\": \"P1\", \"name\": \"甲\", \"employment\": \"special\", \"status\": \"active\"}],"
    " \"systems\": [{\"id\": \"S1\", \"name\": \"基幹\", \"domain\": \"mynumber\", \"hosting\": \"onprem\","
    "   \"department\": \"D2\", \"rto_hours\": 24, \"mfa\": true}],"
    " \"role_assignments\": ["
    "  {\"id\": \"R1\", \"role\": \"ciso\", \"person\": \"P1\", \"scope_type\": \"organization\","
    "   \"valid_from\": \"2024-04-01\"},"
    "  {\"id\": \"R2\", \"role\": \"sysm\", \"person\": \"P1\", \"scope_type\": \"system\","
    "   \"scope_id\": \"S1\", \"valid_from\": \"2024-04-01\", \"valid_to\": \"2025-03-31\"}],"
    " \"assets\": [{\"id\": \"A1\", \"name\": \"住民票\", \"department\": \"D2\", \"medium\": \"electronic\","
    "   \"system\": \"S1\", \"confidentiality\": \"3A\", \"integrity\": \"2\", \"availability\": \"2\","
    "   \"retention\": \"99y\", \"personal_info\": true}],"
    " \"accounts\": [{\"id\": \"C1\", \"system\": \"S1\", \"login\": \"admin\", \"holder\": \"P2\","
    "   \"privileged\": true, \"shared\": false, \"mfa\": false, \"status\": \"suspended\","
    "   \"last_login\": \"2025-03-31T17:00:00+09:00\"}]}";

static struct store *open_memory(void)
{
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(":memory:", STORE_OPEN_CREATE, &st, &err), MM_OK);
    return st;
}

static json_t *parse_ok(const char *text)
{
    json_t *root = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    int rc = snapshot_parse("t.json", text, strlen(text), &root, &err);
    if (rc)
        fail_msg("parse failed: %s", err.msg);
    return root;
}

static long long rows(struct store *st)
{
    long long n = -1;
    struct mm_err err;
    assert_int_equal(snapshot_count_rows(st, &n, &err), MM_OK);
    return n;
}

/* The problem recorded at `where`, or NULL. */
static const char *problem_at(const struct mm_problems *p, const char *where)
{
    for (size_t i = 0; i < p->len; i++)
        if (strcmp(p->items[i].where, where) == 0)
            return p->items[i].msg;
    return NULL;
}

static void expect_parse_error(const char *text, size_t len, const char *want1, const char *want2)
{
    json_t *root = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(snapshot_parse("x.json", text, len, &root, &err), MM_EINPUT);
    assert_null(root);
    if (!strstr(err.msg, want1) || (want2 && !strstr(err.msg, want2)))
        fail_msg("message «%s» lacks «%s» / «%s»", err.msg, want1, want2 ? want2 : "");
    assert_non_null(strstr(err.msg, "x.json"));
}

static void test_parse_errors(void **state)
{
    (void)state;
    expect_parse_error("{\n  \"a\": \"\xff\"\n}", 13, "2 行 9 列目", "UTF-8 として不正なバイト列");
    expect_parse_error("{\"a\": \"\xc0\x80\"}", 11, "1 行 8 列目", "UTF-8"); /* overlong NUL */
    expect_parse_error("{\"a\": \"\xed\xa0\x80\"}", 12, "UTF-8", NULL);     /* surrogate */
    expect_parse_error("{\"a\": \"\xe3\x81\"}", 10, "UTF-8", NULL);         /* cut character */
    expect_parse_error("{\"a\": 1,\n \"b\": [1, 2", 19, "ファイルが途中で終わっています", "2 行");
    expect_parse_error("{\"a\": 1, \"a\": 2}", 16, "重複", "\"a\"");
    expect_parse_error("{\"a\": 1}\0", 9, "NUL 文字", "1 行 9 列目");
    expect_parse_error("", 0, "ファイルが空です", NULL);
    expect_parse_error(" \n\t", 3, "ファイルが空です", NULL);
    expect_parse_error("{\"a\": tru}", 10, "解釈できない語", "tru");
    expect_parse_error("{\"a\": 1,}", 9, "余分な ,", NULL);
    expect_parse_error("[1, 2,]", 7, "余分な ,", NULL);
    expect_parse_error("{\"a\": 1} x", 10, "余分な文字", NULL);
    expect_parse_error("{\"a\": \"\\u0000\"}", 15, "NUL", NULL);
    expect_parse_error("{\"a\": 99999999999999999999}", 27, "整数が大きすぎます", NULL);
    /* A byte-order mark is accepted; "ああ" counts as two columns. */
    json_t *root = parse_ok("\xef\xbb\xbf{\"a\": 1}");
    json_decref(root);
    expect_parse_error("{\"ああ\": x}", 13, "1 行 9 列目", NULL);
}

static void test_syntax(void **state)
{
    (void)state;
    assert_true(snap_is_date("2024-02-29"));
    assert_true(snap_is_date("2000-02-29"));
    assert_false(snap_is_date("1900-02-29"));
    assert_false(snap_is_date("2025-02-29"));
    assert_false(snap_is_date("2025-02-30"));
    assert_false(snap_is_date("2025-04-31"));
    assert_false(snap_is_date("2025-13-01"));
    assert_false(snap_is_date("2025-00-10"));
    assert_false(snap_is_date("2025-1-01"));
    assert_false(snap_is_date("2025-01-01 "));
    assert_false(snap_is_date("R7-01-01"));
    assert_true(snap_is_datetime("2025-04-01T09:30:00+09:00"));
    assert_true(snap_is_datetime("2025-04-01T00:00:00Z"));
    assert_true(snap_is_datetime("2025-04-01T23:59:59-05:30"));
    assert_false(snap_is_datetime("2025-04-01T24:00:00Z"));
    assert_false(snap_is_datetime("2025-04-01T09:30:00"));
    assert_false(snap_is_datetime("2025-04-01 09:30:00+09:00"));
    assert_false(snap_is_datetime("2025-02-30T09:30:00Z"));
    assert_false(snap_is_datetime("2025-04-01T09:30:00+0900"));
    char id64[65], id65[66];
    memset(id64, 'a', 64);
    id64[64] = '\0';
    memset(id65, 'a', 65);
    id65[65] = '\0';
    assert_true(snap_is_id(id64));
    assert_false(snap_is_id(id65));
    assert_true(snap_is_id("P-001_x.y"));
    assert_false(snap_is_id(""));
    assert_false(snap_is_id("P 001"));
    assert_false(snap_is_id("職員1"));
    assert_true(snap_is_retention("1y"));
    assert_true(snap_is_retention("99y"));
    assert_true(snap_is_retention("permanent"));
    assert_true(snap_is_retention("while_in_use"));
    assert_false(snap_is_retention("0y"));
    assert_false(snap_is_retention("05y"));
    assert_false(snap_is_retention("100y"));
    assert_false(snap_is_retention("5"));
    assert_true(snap_is_email("a@b.example"));
    assert_false(snap_is_email("a b@c"));
    assert_false(snap_is_email("@c"));
    char buf[32];
    /* Clipping never cuts a character in half. */
    snap_clip("あいうえおかきくけこ", buf, sizeof buf, 10);
    assert_string_equal(buf, "あいう…");
    assert_true(snap_utf8_valid(buf, strlen(buf)));
}

static void test_roundtrip(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_err err;
    mm_err_clear(&err);
    struct mm_problems pr = {0};
    json_t *root = parse_ok(SNAP);
    assert_int_equal(snapshot_import(st, root, 0, NULL, &pr, &err), MM_OK);
    assert_int_equal(pr.len, 0);
    json_decref(root);

    json_t *out = NULL;
    assert_int_equal(snapshot_export(st, NULL, &out, &err), MM_OK);
    /* Sorted by id, every field present, defaults filled, booleans as booleans. */
    json_t *depts = json_object_get(out, "departments");
    assert_string_equal(json_string_value(json_object_get(json_array_get(depts, 0), "id")), "D1");
    assert_string_equal(json_string_value(json_object_get(json_array_get(depts, 2), "id")), "D3");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(depts, 1), "sort")), 0);
    json_t *p1 = json_array_get(json_object_get(out, "people"), 0);
    assert_string_equal(json_string_value(json_object_get(p1, "id")), "P1");
    assert_true(json_is_null(json_object_get(p1, "kana")));
    assert_int_equal(json_object_size(p1), 11);
    json_t *acc = json_array_get(json_object_get(out, "accounts"), 0);
    assert_true(json_is_true(json_object_get(acc, "privileged")));
    assert_true(json_is_false(json_object_get(acc, "shared")));
    /* Organization lists keep their order; parameters come out sorted by key. */
    json_t *org = json_object_get(out, "organization");
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(json_object_get(org, "bodies"), 0), "code")),
        "z");
    void *it = json_object_iter(json_object_get(org, "parameters"));
    assert_string_equal(json_object_iter_key(it), "login_attempt_limit");
    json_t *r2 = json_array_get(json_object_get(out, "role_assignments"), 1);
    assert_string_equal(json_string_value(json_object_get(r2, "scope_id")), "S1");

    char *text1 = NULL, *text2 = NULL;
    assert_int_equal(snapshot_dump(out, &text1, &err), MM_OK);
    json_decref(out);
    assert_true(text1[strlen(text1) - 1] == '\n');
    assert_non_null(strstr(text1, "試験村")); /* not \u-escaped */

    /* Into a second database, and out again: the same bytes. */
    struct store *st2 = open_memory();
    json_t *again = parse_ok(text1);
    assert_int_equal(snapshot_import(st2, again, 0, NULL, &pr, &err), MM_OK);
    json_decref(again);
    assert_int_equal(snapshot_export(st2, NULL, &out, &err), MM_OK);
    assert_int_equal(snapshot_dump(out, &text2, &err), MM_OK);
    json_decref(out);
    assert_string_equal(text1, text2);
    free(text1);
    free(text2);
    mm_problems_free(&pr);
    store_close(st2);
    store_close(st);
}

static void test_refusal_and_replace(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_err err;
    mm_err_clear(&err);
    struct mm_problems pr = {0};
    json_t *root = parse_ok(SNAP);
    assert_int_equal(snapshot_export(st, NULL, &(json_t *){NULL}, &err), MM_EREFUSED);
    assert_int_equal(snapshot_import(st, root, 0, NULL, &pr, &err), MM_OK);
    long long n = rows(st);
    assert_true(n > 10);
    assert_int_equal(snapshot_import(st, root, 0, NULL, &pr, &err), MM_EREFUSED);
    assert_non_null(strstr(err.msg, "--replace"));
    assert_int_equal(snapshot_check(st, root, 0, &pr, &err), MM_EREFUSED);
    assert_int_equal(snapshot_check(st, root, 1, &pr, &err), MM_OK);
    assert_int_equal(rows(st), n);
    /* Replace with a changed snapshot: old rows gone, new ones in. */
    json_object_set_new(json_object_get(root, "organization"), "name", json_string("新村"));
    json_array_remove(json_object_get(root, "accounts"), 0);
    assert_int_equal(snapshot_import(st, root, 1, NULL, &pr, &err), MM_OK);
    assert_int_equal(rows(st), n - 1);
    long long c = -1;
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM account", &c, &err), MM_OK);
    assert_int_equal(c, 0);
    assert_int_equal(pr.len, 0);
    json_decref(root);
    store_close(st);
}

/* Applies `edit` to a fresh copy of SNAP, validates, and returns the problems (caller frees). */
static void validate_edit(struct store *st, void (*edit)(json_t *), struct mm_problems *pr,
                          int want)
{
    json_t *root = parse_ok(SNAP);
    edit(root);
    struct mm_err err;
    mm_err_clear(&err);
    long long before = rows(st);
    assert_int_equal(snapshot_import(st, root, 1, NULL, pr, &err), want);
    assert_int_equal(rows(st), before);
    json_decref(root);
}

static json_t *el(json_t *root, const char *list, size_t i)
{
    return json_array_get(json_object_get(root, list), i);
}

static void edit_many(json_t *r)
{
    json_object_set_new(el(r, "assets", 0), "confidentiality", json_string("4"));
    json_object_set_new(el(r, "assets", 0), "integrity", json_integer(2));
    json_object_set_new(el(r, "departments", 0), "parent", json_string("D9"));
    json_object_set_new(el(r, "departments", 1), "parent", json_string("D2"));
    json_object_set_new(el(r, "people", 0), "left_on", json_null());
    json_object_set_new(el(r, "people", 1), "status", json_string("on_leave"));
    json_object_set_new(el(r, "people", 1), "emial", json_string("x@y"));
    json_object_set_new(el(r, "role_assignments", 0), "scope_id", json_string("D1"));
    json_object_set_new(el(r, "role_assignments", 1), "valid_to", json_string("2023-01-01"));
    json_object_set_new(el(r, "systems", 0), "rto_hours", json_real(24.0));
    json_object_set_new(el(r, "accounts", 0), "id", json_string("C 1"));
    json_object_del(el(r, "accounts", 0), "mfa");
    json_object_set_new(json_object_get(json_object_get(r, "organization"), "parameters"),
                        "login_attempt_limit", json_string("-3"));
    json_object_set_new(json_object_get(r, "organization"), "kind", json_string("県"));
    json_object_set_new(r, "extra", json_true());
}

static void test_problems_have_paths(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_problems pr = {0};
    validate_edit(st, edit_many, &pr, MM_EINPUT);
    static const struct {
        const char *where, *text;
    } want[] = {
        {"$.assets[0].confidentiality", "機密性の区分「4」は定義されていません（3A, 3B, 3C, 2, 1 のいずれか）"},
        {"$.assets[0].integrity", "型が違います（文字列が必要ですが数値です）"},
        {"$.departments[0].parent", "部署「D9」は departments にありません"},
        {"$.departments[1].parent", "部局（bukyoku）は最上位"},
        {"$.people[0].left_on", "退職日が必須"},
        {"$.people[1].status_since", "on_leave"},
        {"$.people[1].emial", "「email」の書き間違い"},
        {"$.role_assignments[0].scope_id", "organization（全庁）のときは null"},
        {"$.role_assignments[1].valid_to", "終了日 2023-01-01 が開始日 2024-04-01 より前"},
        {"$.systems[0].rto_hours", "整数が必要ですが数値（小数）です"},
        {"$.accounts[0].id", "使えません"},
        {"$.accounts[0].mfa", "必須の項目がありません"},
        {"$.organization.parameters.login_attempt_limit", "整数"},
        {"$.organization.kind", "団体の種類「県」は定義されていません"},
        {"$.extra", "この形式にありません"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const char *msg = problem_at(&pr, want[i].where);
        if (!msg || !strstr(msg, want[i].text))
            fail_msg("at %s: want «%s», got «%s»", want[i].where, want[i].text, msg ? msg : "(none)");
    }
    mm_problems_free(&pr);
    store_close(st);
}

static void edit_cycle(json_t *r)
{
    /* D2 → D3 → D2, both below nothing: a loop. */
    json_object_set_new(el(r, "departments", 0), "parent", json_string("D3"));
    json_object_set_new(el(r, "departments", 2), "parent", json_string("D2"));
}

static void edit_version(json_t *r)
{
    json_object_set_new(r, "version", json_integer(SNAPSHOT_VERSION + 1));
}

static void edit_not_object(json_t *r)
{
    json_array_append_new(json_object_get(r, "people"), json_string("P3"));
    json_object_set_new(r, "assets", json_object());
    json_object_del(r, "accounts");
}

static void test_cycle_and_structure(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_problems pr = {0};
    validate_edit(st, edit_cycle, &pr, MM_EINPUT);
    assert_int_equal(pr.len, 1);
    assert_non_null(strstr(pr.items[0].msg, "循環"));
    assert_non_null(strstr(pr.items[0].msg, "D2 → D3 → D2"));
    mm_problems_free(&pr);

    validate_edit(st, edit_version, &pr, MM_EREFUSED);
    assert_int_equal(pr.len, 0);

    validate_edit(st, edit_not_object, &pr, MM_EINPUT);
    assert_non_null(problem_at(&pr, "$.people[2]"));
    assert_non_null(strstr(problem_at(&pr, "$.assets"), "配列が必要"));
    assert_non_null(strstr(problem_at(&pr, "$.accounts"), "必須"));
    mm_problems_free(&pr);
    store_close(st);
}

static void edit_conf4(json_t *r)
{
    json_object_set_new(el(r, "assets", 0), "confidentiality", json_string("4"));
}

/* The allowed codes are whatever the database's lookup table holds. */
static void test_codes_come_from_the_database(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_err err;
    mm_err_clear(&err);
    struct mm_problems pr = {0};
    validate_edit(st, edit_conf4, &pr, MM_EINPUT);
    assert_int_equal(pr.len, 1);
    mm_problems_free(&pr);
    assert_int_equal(store_exec(st,
                                "INSERT INTO confidentiality_class (code, rank, label) "
                                "VALUES ('4', 6, '試験用の区分')",
                                &err),
                     MM_OK);
    json_t *root = parse_ok(SNAP);
    edit_conf4(root);
    assert_int_equal(snapshot_validate(st, root, &pr, &err), MM_OK);
    assert_int_equal(pr.len, 0);
    json_decref(root);
    /* And the message lists the table's codes, the new one first (highest rank). */
    root = parse_ok(SNAP);
    json_object_set_new(el(root, "assets", 0), "confidentiality", json_string("5"));
    assert_int_equal(snapshot_validate(st, root, &pr, &err), MM_EINPUT);
    assert_non_null(strstr(pr.items[0].msg, "（4, 3A, 3B, 3C, 2, 1 のいずれか）"));
    json_decref(root);
    mm_problems_free(&pr);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_refusal_and_replace),
        cmocka_unit_test(test_problems_have_paths),
        cmocka_unit_test(test_cycle_and_structure),
        cmocka_unit_test(test_codes_come_from_the_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
