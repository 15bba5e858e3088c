/* test_auditlog.c — the change log library: chain and rollback, redaction of secrets, tamper
 * location, checkpoints (automatic, other key rejected), time arguments and line formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "auditlog/auditlog.h"

static char dbpath[256], keypath[300];

static void remove_files(void)
{
    const char *suffix[] = {"", "-wal", "-shm", ".key", ".pub", NULL};
    char p[400];
    for (int i = 0; suffix[i]; i++) {
        snprintf(p, sizeof p, "%s%s", dbpath, suffix[i]);
        unlink(p);
    }
    unlink(keypath);
    snprintf(p, sizeof p, "%s.pub", keypath);
    unlink(p);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/mamori-test-auditlog-%d.db", (int)getpid());
    snprintf(keypath, sizeof keypath, "/tmp/mamori-test-auditlog-%d.other.key", (int)getpid());
    unsetenv("MAMORI_KEY");
    remove_files();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unsetenv("MAMORI_KEY");
    remove_files();
    return 0;
}

static struct store *open_db(void)
{
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(dbpath, STORE_OPEN_CREATE, &st, &err), MM_OK);
    return st;
}

static const struct audit_actor tester = {"user:tester"};

static void append_n(struct store *st, int n)
{
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_begin(st, &err), MM_OK);
    for (int i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "A-%d", i);
        json_t *after = json_pack("{s:s, s:i}", "name", "住民基本台帳", "n", i);
        assert_int_equal(auditlog_append(st, &tester, "create", "asset", id, NULL, after, &err),
                         MM_OK);
        json_decref(after);
    }
    assert_int_equal(store_commit(st, &err), MM_OK);
}

static void verify(struct store *st, struct auditlog_verify_result *r, const unsigned char *pin)
{
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(auditlog_verify(st, pin, NULL, NULL, r, &err), MM_OK);
}

static void test_chain_and_rollback(void **state)
{
    (void)state;
    struct store *st = open_db();
    struct mm_err err;
    mm_err_clear(&err);
    append_n(st, 3);

    /* An entry written in a transaction that rolls back disappears with the change. */
    assert_int_equal(store_begin(st, &err), MM_OK);
    long long seq = 0;
    assert_int_equal(
        auditlog_append_seq(st, &tester, "delete", "asset", "A-1", NULL, NULL, &seq, &err), MM_OK);
    assert_int_equal(seq, 4);
    store_rollback(st);

    struct auditlog_verify_result r;
    verify(st, &r, NULL);
    assert_int_equal(r.kind, AUDIT_OK);
    assert_int_equal(r.entries, 3);
    assert_int_equal(r.head_seq, 3);

    /* The next append continues at 4 and links to 3. */
    assert_int_equal(store_begin(st, &err), MM_OK);
    json_t *before = json_pack("{s:s}", "name", "旧");
    json_t *after = json_pack("{s:s}", "name", "新");
    assert_int_equal(
        auditlog_append_seq(st, &tester, "update", "asset", "A-1", before, after, &seq, &err),
        MM_OK);
    json_decref(before);
    json_decref(after);
    assert_int_equal(store_commit(st, &err), MM_OK);
    assert_int_equal(seq, 4);
    verify(st, &r, NULL);
    assert_int_equal(r.kind, AUDIT_OK);
    assert_int_equal(r.head_seq, 4);

    /* Missing required fields are refused before anything is written. */
    assert_int_equal(auditlog_append(st, &tester, "", "asset", NULL, NULL, NULL, &err), MM_EINPUT);
    assert_int_equal(auditlog_append(st, &tester, "create", "asset", "\xff\xfe", NULL, NULL, &err),
                     MM_EINPUT);
    store_close(st);
}

static int count_text(struct store *st, const char *needle)
{
    struct store_stmt *s;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(
        store_prepare(st,
                      "SELECT COUNT(*) FROM audit_log WHERE instr(coalesce(before_json,"
                      " '') || coalesce(after_json, ''), ?) > 0",
                      &s, &err),
        MM_OK);
    store_bind_text(s, 1, needle);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    int n = (int)store_col_int(s, 0);
    store_finalize(s);
    return n;
}

static void test_secrets_redacted(void **state)
{
    (void)state;
    assert_true(auditlog_is_secret_field("password"));
    assert_true(auditlog_is_secret_field("Password_Hash"));
    assert_true(auditlog_is_secret_field("totp_secret"));
    assert_true(auditlog_is_secret_field("recovery_codes"));
    assert_true(auditlog_is_secret_field("admin_password"));
    assert_true(auditlog_is_secret_field("api_token"));
    assert_false(auditlog_is_secret_field("name"));
    assert_false(auditlog_is_secret_field("password_changed_at"));
    assert_false(auditlog_is_secret_field("hash"));

    struct store *st = open_db();
    struct mm_err err;
    mm_err_clear(&err);
    json_t *before = json_pack("{s:s, s:s}", "login", "yamada", "password_hash", "SECRET-1");
    json_t *after = json_pack("{s:s, s:s, s:{s:s}, s:[{s:s}, {s:[s]}]}", "login", "yamada",
                              "password_hash", "SECRET-2", "mfa", "totp_secret", "SECRET-3",
                              "sessions", "token", "SECRET-4", "recovery_codes", "SECRET-5");
    assert_int_equal(store_begin(st, &err), MM_OK);
    assert_int_equal(auditlog_append(st, &tester, "update", "user", "yamada", before, after, &err),
                     MM_OK);
    assert_int_equal(store_commit(st, &err), MM_OK);
    /* The caller's values are not modified. */
    assert_string_equal(json_string_value(json_object_get(after, "password_hash")), "SECRET-2");
    json_decref(before);
    json_decref(after);

    assert_int_equal(count_text(st, "SECRET"), 0);
    assert_int_equal(count_text(st, "yamada"), 1);
    assert_int_equal(count_text(st, "\"password_hash\":\"[redacted]\""), 1);
    assert_int_equal(count_text(st, "\"totp_secret\":\"[redacted]\""), 1);
    struct auditlog_verify_result r;
    verify(st, &r, NULL);
    assert_int_equal(r.kind, AUDIT_OK);
    store_close(st);
}

/* Runs fixed tamper SQL (triggers dropped first) and returns the verification result. */
static struct auditlog_verify_result tamper(const char *sql)
{
    remove_files();
    struct store *st = open_db();
    append_n(st, 10);
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_exec(st,
                                "DROP TRIGGER audit_log_no_update;"
                                "DROP TRIGGER audit_log_no_delete;",
                                &err),
                     MM_OK);
    assert_int_equal(store_exec(st, sql, &err), MM_OK);
    struct auditlog_verify_result r;
    verify(st, &r, NULL);
    store_close(st);
    return r;
}

static void test_tamper_located(void **state)
{
    (void)state;
    /* The triggers refuse edits made through SQL. */
    struct store *st = open_db();
    append_n(st, 2);
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_not_equal(store_exec(st, "UPDATE audit_log SET actor = 'x' WHERE seq = 1", &err),
                         MM_OK);
    assert_int_not_equal(store_exec(st, "DELETE FROM audit_log WHERE seq = 2", &err), MM_OK);
    store_close(st);

    struct auditlog_verify_result r;
    r = tamper("UPDATE audit_log SET entity_id = 'A-99' WHERE seq = 6");
    assert_int_equal(r.kind, AUDIT_BREAK_HASH);
    assert_int_equal(r.broken_seq, 6);
    assert_int_equal(r.entries, 5);

    r = tamper("UPDATE audit_log SET before_json = '{}' WHERE seq = 1");
    assert_int_equal(r.kind, AUDIT_BREAK_HASH);
    assert_int_equal(r.broken_seq, 1);

    r = tamper("DELETE FROM audit_log WHERE seq = 3");
    assert_int_equal(r.kind, AUDIT_BREAK_GAP);
    assert_int_equal(r.broken_seq, 3);

    r = tamper("DELETE FROM audit_log WHERE seq IN (4, 5, 6)");
    assert_int_equal(r.kind, AUDIT_BREAK_GAP);
    assert_int_equal(r.broken_seq, 4);

    r = tamper("UPDATE audit_log SET seq = -1 WHERE seq = 8;"
               "UPDATE audit_log SET seq = 8 WHERE seq = 9;"
               "UPDATE audit_log SET seq = 9 WHERE seq = -1;");
    assert_int_equal(r.kind, AUDIT_BREAK_ORDER);
    assert_int_equal(r.broken_seq, 8);

    r = tamper("UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE seq = 1)"
               " WHERE seq = 5");
    assert_int_equal(r.kind, AUDIT_BREAK_ORDER);
    assert_int_equal(r.broken_seq, 5);

    r = tamper("UPDATE audit_log SET hash = 'zz' WHERE seq = 2");
    assert_int_equal(r.kind, AUDIT_BREAK_FIELD);
    assert_int_equal(r.broken_seq, 2);
}

static void test_checkpoints(void **state)
{
    (void)state;
    struct store *st = open_db();
    struct mm_err err;
    mm_err_clear(&err);
    /* The interval signs automatically, creating the key beside the database. */
    append_n(st, AUDITLOG_CHECKPOINT_EVERY + 5);
    long long n = 0;
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM audit_checkpoint", &n, &err), MM_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_query_int(st, "SELECT seq FROM audit_checkpoint", &n, &err), MM_OK);
    assert_int_equal(n, AUDITLOG_CHECKPOINT_EVERY);
    char p[400];
    snprintf(p, sizeof p, "%s.key", dbpath);
    assert_int_equal(access(p, R_OK), 0);

    struct auditlog_keypaths kp;
    assert_int_equal(auditlog_key_paths(st, &kp, &err), MM_OK);
    unsigned char pin[32];
    int found = 0;
    assert_int_equal(auditlog_pin_read(kp.pub, pin, &found, &err), MM_OK);
    assert_true(found);

    struct auditlog_verify_result r;
    verify(st, &r, pin);
    assert_int_equal(r.kind, AUDIT_OK);
    assert_int_equal(r.checkpoints, 1);

    /* On demand, at the head. */
    long long seq = 0;
    int already = 0;
    assert_int_equal(store_begin(st, &err), MM_OK);
    assert_int_equal(auditlog_checkpoint(st, &kp, &seq, &already, &err), MM_OK);
    assert_int_equal(store_commit(st, &err), MM_OK);
    assert_int_equal(seq, AUDITLOG_CHECKPOINT_EVERY + 5);
    assert_false(already);

    /* Another key (via $MAMORI_KEY, with its own pin) signs the next head... */
    append_n(st, 1);
    struct auditlog_keypaths other;
    snprintf(other.key, sizeof other.key, "%s", keypath);
    snprintf(other.pub, sizeof other.pub, "%s.pub", keypath);
    assert_int_equal(store_begin(st, &err), MM_OK);
    assert_int_equal(auditlog_checkpoint(st, &other, &seq, &already, &err), MM_OK);
    assert_int_equal(store_commit(st, &err), MM_OK);
    /* ...and is rejected against the pinned key, at that checkpoint. */
    verify(st, &r, pin);
    assert_int_equal(r.kind, AUDIT_BREAK_CP_KEY);
    assert_int_equal(r.broken_seq, AUDITLOG_CHECKPOINT_EVERY + 6);
    /* Without a pin the first checkpoint's key is the reference: still rejected. */
    verify(st, &r, NULL);
    assert_int_equal(r.kind, AUDIT_BREAK_CP_KEY);
    /* Trusting only the other key rejects the first checkpoint instead. */
    unsigned char other_pin[32];
    assert_int_equal(auditlog_pin_read(other.pub, other_pin, &found, &err), MM_OK);
    verify(st, &r, other_pin);
    assert_int_equal(r.kind, AUDIT_BREAK_CP_KEY);
    assert_int_equal(r.broken_seq, AUDITLOG_CHECKPOINT_EVERY);

    /* A key whose pin differs is refused for signing. */
    struct auditlog_keypaths mixed = kp;
    snprintf(mixed.key, sizeof mixed.key, "%s", keypath);
    assert_int_equal(auditlog_key_ensure(&mixed, NULL, &err), MM_EREFUSED);
    store_close(st);
}

static void test_time_args(void **state)
{
    (void)state;
    char out[AUDITLOG_TIME_LEN];
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(auditlog_parse_time_arg("2026-04-01", 0, out, &err), MM_OK);
    assert_string_equal(out, "2026-03-31T15:00:00.000Z");
    assert_int_equal(auditlog_parse_time_arg("2026-03-31", 1, out, &err), MM_OK);
    assert_string_equal(out, "2026-03-31T15:00:00.000Z");
    assert_int_equal(auditlog_parse_time_arg("2026-04-01T09:30", 0, out, &err), MM_OK);
    assert_string_equal(out, "2026-04-01T00:30:00.000Z");
    assert_int_equal(auditlog_parse_time_arg("2026-04-01T09:30:15Z", 1, out, &err), MM_OK);
    assert_string_equal(out, "2026-04-01T09:30:16.000Z");
    assert_int_equal(auditlog_parse_time_arg("2026-02-30", 0, out, &err), MM_EINPUT);
    assert_int_equal(auditlog_parse_time_arg("yesterday", 0, out, &err), MM_EINPUT);
    assert_int_equal(auditlog_parse_time_arg("2026-04-01x", 0, out, &err), MM_EINPUT);

    auditlog_time_jst("2026-12-31T15:00:00.000Z", out);
    assert_string_equal(out, "2027-01-01 00:00:00");
}

static void test_formats(void **state)
{
    (void)state;
    struct auditlog_entry e = {.seq = 42,
                               .at = "2026-04-01T00:00:00.123Z",
                               .actor = "user:a]b\"c=d|e",
                               .action = "update",
                               .entity_type = "asset",
                               .entity_id = "A\n1",
                               .before = "{\"x\":1}",
                               .after = "{\"x\":2}",
                               .prev_hash = "00",
                               .hash = "ab"};
    struct strbuf sb = STRBUF_INIT;
    auditlog_format_json(&e, &sb);
    json_error_t jerr;
    json_t *j = json_loads(sb.buf, 0, &jerr);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "actor")), "user:a]b\"c=d|e");
    assert_string_equal(json_string_value(json_object_get(j, "entity_id")), "A\n1");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "after"), "x")), 2);
    assert_string_equal(json_string_value(json_object_get(j, "at_jst")),
                        "2026-04-01 09:00:00+09:00");
    json_decref(j);

    strbuf_reset(&sb);
    auditlog_format_syslog(&e, "host name", &sb);
    assert_non_null(strstr(sb.buf, "<110>1 2026-04-01T00:00:00.123Z hostname mamori - update "));
    assert_non_null(strstr(sb.buf, "actor=\"user:a\\]b\\\"c=d|e\""));
    assert_non_null(strstr(sb.buf, "entity_id=\"A 1\""));
    assert_null(strchr(sb.buf, '\n'));

    strbuf_reset(&sb);
    auditlog_format_cef(&e, &sb);
    assert_true(strncmp(sb.buf, "CEF:0|mamori|mamori|", 20) == 0);
    assert_non_null(strstr(sb.buf, "|update|mamori change: update asset|3|rt=1775001600123 "));
    assert_non_null(strstr(sb.buf, "suser=user:a]b\"c\\=d|e"));
    assert_non_null(strstr(sb.buf, "cs1=asset:A\\n1"));
    assert_non_null(strstr(sb.buf, "cn1=42"));
    assert_null(strchr(sb.buf, '\n'));
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chain_and_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secrets_redacted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tamper_located, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkpoints, setup, teardown),
        cmocka_unit_test(test_time_args),
        cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
