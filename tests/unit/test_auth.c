/* test_auth.c — sign-in to mamori: password policy and argon2id, unknown user vs wrong password,
 * lockout and its release (time and unlock), TOTP window and replay, recovery codes, TOTP
 * required for role holders, sessions (idle, absolute, CSRF, logout), API tokens, and that no
 * secret reaches the database in clear or the change log at all. Time is a parameter: no sleep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <liboath/oath.h>
#include <sodium.h>

#include "auth/auth.h"

#define T0 ((time_t)1780000000) /* 2026-05-28 JST */

static struct mm_err err;
static const struct audit_actor admin = {"cli:test"};

static void exec(struct store *st, const char *sql)
{
    mm_err_clear(&err);
    assert_int_equal(store_exec(st, sql, &err), MM_OK);
}

/* A store with two people: E1 holds the CISO role, S1 holds none. */
static struct store *open_db(const char *path)
{
    struct store *st = NULL;
    mm_err_clear(&err);
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &st, &err), MM_OK);
    exec(st, "INSERT INTO person (id, name, employment, status) VALUES "
             "('E1', '役職 太郎', 'regular', 'active'), ('S1', '職員 花子', 'regular', 'active')");
    exec(st, "INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from) "
             "VALUES ('RA1', 'ciso', 'E1', 'organization', '2026-04-01')");
    return st;
}

static void add_user(struct store *st, const char *login, const char *person, char pw[65])
{
    mm_err_clear(&err);
    assert_int_equal(auth_user_add(st, &admin, login, person, T0, pw, 65, &err), MM_OK);
}

static void set_password(struct store *st, const char *login, const char *old, const char *pw)
{
    mm_err_clear(&err);
    assert_int_equal(auth_user_change_password(st, login, old, pw, T0, &err), MM_OK);
}

static void totp_code(const char *secret, time_t at, char out[7])
{
    char *bin = NULL;
    size_t n = 0;
    assert_int_equal(oath_base32_decode(secret, strlen(secret), &bin, &n), OATH_OK);
    assert_int_equal(oath_totp_generate(bin, n, at, 30, 0, 6, out), OATH_OK);
    free(bin);
}

static struct auth_login_result login(struct store *st, const char *l, const char *p,
                                      const char *code, time_t now)
{
    struct auth_login_result r;
    mm_err_clear(&err);
    assert_int_equal(auth_login(st, l, p, code, "192.0.2.10", "test-agent", now, &r, &err), MM_OK);
    return r;
}

/* Enrolls TOTP for `login` at `now`; returns the secret in `secret` and the recovery codes. */
static void enroll(struct store *st, const char *login, time_t now, char secret[64],
                   char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN])
{
    struct auth_totp_enrollment e;
    mm_err_clear(&err);
    assert_int_equal(auth_totp_begin(st, &admin, login, "テスト市", now, &e, &err), MM_OK);
    assert_non_null(strstr(e.uri, "otpauth://totp/"));
    assert_non_null(strstr(e.uri, e.secret));
    assert_non_null(strstr(e.svg, "<svg"));
    strcpy(secret, e.secret);
    auth_totp_enrollment_free(&e);
    char c[7];
    totp_code(secret, now, c);
    mm_err_clear(&err);
    assert_int_equal(auth_totp_confirm(st, &admin, login, c, now, codes, &err), MM_OK);
}

static void test_password_policy(void **state)
{
    (void)state;
    struct store *st = open_db(":memory:");
    static const char *const bad[] = {"Short1!",       "abcdefghijklmnop", "1234567890123",
                                      "ABCDEFGHIJKLMN", "!!!!!!!!!!!!!!", "あいうえおかきくけこさしす"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        mm_err_clear(&err);
        assert_int_equal(auth_password_check(st, "taro", bad[i], &err), MM_EINPUT);
        assert_true(strlen(err.msg) > 0);
    }
    mm_err_clear(&err);
    assert_int_equal(auth_password_check(st, "taro", "Short1!", &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "12 文字以上"));
    mm_err_clear(&err);
    assert_int_equal(auth_password_check(st, "Taro.Yamada99", "taro.yamada99", &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "ログイン名"));
    mm_err_clear(&err);
    assert_int_equal(auth_password_check(st, "taro", "abcdefghijklmnop", &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "2種類以上"));
    /* Code points, not bytes: 11 kana and one digit are 12 characters and two classes. */
    mm_err_clear(&err);
    assert_int_equal(auth_password_check(st, "taro", "あいうえおかきくけこさ1", &err), MM_OK);
    mm_err_clear(&err);
    assert_int_equal(auth_password_check(st, "taro", "correct horse 7", &err), MM_OK);
    /* The profile's parameter decides the length. */
    exec(st, "INSERT INTO org_parameter (key, value) VALUES ('password_min_length', '20')");
    mm_err_clear(&err);
    assert_int_equal(auth_password_check(st, "taro", "correct horse 7", &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "20 文字以上"));
    char pw[65];
    mm_err_clear(&err);
    assert_int_equal(auth_password_generate(st, "taro", pw, sizeof pw, &err), MM_OK);
    assert_int_equal(strlen(pw), 20);
    assert_int_equal(auth_password_check(st, "taro", pw, &err), MM_OK);
    store_close(st);
}

static void test_hash_verify(void **state)
{
    (void)state;
    char h[256];
    mm_err_clear(&err);
    assert_int_equal(auth_password_hash("Kanri-Pass-2026", h, sizeof h, &err), MM_OK);
    assert_int_equal(strncmp(h, "$argon2id$", 10), 0);
    assert_true(auth_password_verify(h, "Kanri-Pass-2026"));
    assert_false(auth_password_verify(h, "Kanri-Pass-2027"));
    assert_false(auth_password_verify(h, ""));
    assert_false(auth_password_verify("not a hash", "Kanri-Pass-2026"));
    char h2[256];
    assert_int_equal(auth_password_hash("Kanri-Pass-2026", h2, sizeof h2, &err), MM_OK);
    assert_string_not_equal(h, h2); /* salted */
}

static void stored_hash(struct store *st, const char *login_name, char *out, size_t size)
{
    struct store_stmt *s;
    mm_err_clear(&err);
    assert_int_equal(store_prepare(st, "SELECT password_hash FROM app_user WHERE login = ?", &s,
                                   &err),
                     MM_OK);
    store_bind_text(s, 1, login_name);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    snprintf(out, size, "%s", store_col_text(s, 0));
    store_finalize(s);
}

/* The limits in use (19 MiB, 2 passes); a hash of an earlier version's limits (64 MiB) still
 * signs in and is replaced by one of today's limits, while a wrong password leaves it alone. */
static void test_rehash_on_sign_in(void **state)
{
    (void)state;
    char h[crypto_pwhash_STRBYTES];
    mm_err_clear(&err);
    assert_int_equal(auth_password_hash("Kanri-Pass-2026", h, sizeof h, &err), MM_OK);
    assert_non_null(strstr(h, "$m=19456,t=2,p=1$"));
    assert_false(auth_password_needs_rehash(h));

    struct store *st = open_db(":memory:");
    char pw[65];
    add_user(st, "hanako", "S1", pw);
    char old[crypto_pwhash_STRBYTES];
    assert_int_equal(crypto_pwhash_str(old, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE),
                     0);
    assert_true(auth_password_needs_rehash(old));
    struct store_stmt *s;
    mm_err_clear(&err);
    assert_int_equal(store_prepare(st, "UPDATE app_user SET password_hash = ? WHERE login = 'hanako'",
                                   &s, &err),
                     MM_OK);
    store_bind_text(s, 1, old);
    assert_int_equal(store_step(s, &err), STORE_DONE);
    store_finalize(s);

    assert_int_equal(login(st, "hanako", "Wrong-pass-123", NULL, T0 + 1).outcome, AUTH_DENIED);
    char now[crypto_pwhash_STRBYTES] = "";
    stored_hash(st, "hanako", now, sizeof now);
    assert_string_equal(now, old);

    struct auth_login_result r = login(st, "hanako", pw, NULL, T0 + 2);
    assert_int_not_equal(r.outcome, AUTH_DENIED);
    stored_hash(st, "hanako", now, sizeof now);
    assert_string_not_equal(now, old);
    assert_non_null(strstr(now, "$m=19456,t=2,p=1$"));
    assert_true(auth_password_verify(now, pw));
    store_close(st);
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_unknown_same_as_wrong(void **state)
{
    (void)state;
    struct store *st = open_db(":memory:");
    char pw[65];
    add_user(st, "hanako", "S1", pw);
    double best_unknown = 1e9, best_wrong = 1e9;
    for (int i = 0; i < 3; i++) {
        double t = seconds();
        struct auth_login_result a = login(st, "nobody", "Wrong-pass-123", NULL, T0);
        double u = seconds() - t;
        t = seconds();
        struct auth_login_result b = login(st, "hanako", "Wrong-pass-123", NULL, T0);
        double w = seconds() - t;
        best_unknown = u < best_unknown ? u : best_unknown;
        best_wrong = w < best_wrong ? w : best_wrong;
        assert_int_equal(a.outcome, AUTH_DENIED);
        assert_int_equal(b.outcome, AUTH_DENIED);
        assert_string_equal(a.message, b.message);
        assert_string_equal(a.token, "");
        assert_string_equal(b.token, "");
    }
    /* Both do one argon2id verification: neither is several times faster. */
    assert_true(best_unknown > best_wrong / 3 && best_wrong > best_unknown / 3);
    /* A disabled user with the right password gets the same answer. */
    mm_err_clear(&err);
    assert_int_equal(auth_user_disable(st, &admin, "hanako", T0, &err), MM_OK);
    struct auth_login_result c = login(st, "hanako", pw, NULL, T0);
    assert_int_equal(c.outcome, AUTH_DENIED);
    struct auth_login_result d = login(st, "nobody", "x", NULL, T0);
    assert_string_equal(c.message, d.message);
    store_close(st);
}

static void test_lockout(void **state)
{
    (void)state;
    struct store *st = open_db(":memory:");
    char pw[65];
    add_user(st, "hanako", "S1", pw);
    for (int i = 1; i < 5; i++)
        assert_int_equal(login(st, "hanako", "Wrong-pass-123", NULL, T0 + i).outcome, AUTH_DENIED);
    struct auth_login_result r = login(st, "hanako", "Wrong-pass-123", NULL, T0 + 5);
    assert_int_equal(r.outcome, AUTH_LOCKED);
    assert_int_equal(r.locked_until, (long long)T0 + 5 + 15 * 60);
    /* Locked: even the right password is refused, and nothing is counted or opened. */
    r = login(st, "hanako", pw, NULL, T0 + 60);
    assert_int_equal(r.outcome, AUTH_LOCKED);
    assert_string_equal(r.token, "");
    struct auth_user u;
    assert_int_equal(auth_user_get(st, "hanako", T0 + 60, &u, &err), MM_OK);
    assert_true(u.locked_until > 0);
    /* Released when the period has passed. */
    r = login(st, "hanako", pw, NULL, T0 + 5 + 15 * 60);
    assert_int_equal(r.outcome, AUTH_CHANGE_PASSWORD);
    assert_int_equal(strlen(r.token), 64);
    /* After release one failure does not lock again (counting restarted). */
    assert_int_equal(login(st, "hanako", "nope-Nope-123", NULL, T0 + 2000).outcome, AUTH_DENIED);
    /* Lock again, then an administrator unlocks. */
    for (int i = 0; i < 5; i++)
        r = login(st, "hanako", "Wrong-pass-123", NULL, T0 + 3000 + i);
    assert_int_equal(r.outcome, AUTH_LOCKED);
    mm_err_clear(&err);
    assert_int_equal(auth_user_unlock(st, &admin, "hanako", T0 + 3010, &err), MM_OK);
    assert_int_equal(login(st, "hanako", pw, NULL, T0 + 3011).outcome, AUTH_CHANGE_PASSWORD);
    mm_err_clear(&err);
    assert_int_equal(auth_user_unlock(st, &admin, "hanako", T0 + 3012, &err), MM_EREFUSED);
    assert_int_equal(auth_user_unlock(st, &admin, "nobody", T0 + 3012, &err), MM_EREFUSED);
    /* The limit comes from the profile. */
    exec(st, "INSERT INTO org_parameter (key, value) VALUES ('login_attempt_limit', '2')");
    assert_int_equal(login(st, "hanako", "Wrong-pass-123", NULL, T0 + 4000).outcome, AUTH_DENIED);
    assert_int_equal(login(st, "hanako", "Wrong-pass-123", NULL, T0 + 4001).outcome, AUTH_LOCKED);
    store_close(st);
}

static void test_totp_window_and_replay(void **state)
{
    (void)state;
    struct store *st = open_db(":memory:");
    char pw[65], secret[64], codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN], c[7];
    add_user(st, "taro", "E1", pw);
    set_password(st, "taro", pw, "Yakuba-Kanri-2026");
    enroll(st, "taro", T0, secret, codes);

    time_t t1 = T0 + 300;
    totp_code(secret, t1 - 30, c); /* one step behind: accepted */
    struct auth_login_result r = login(st, "taro", "Yakuba-Kanri-2026", c, t1);
    assert_int_equal(r.outcome, AUTH_OK);
    r = login(st, "taro", "Yakuba-Kanri-2026", c, t1); /* the same code again: replay */
    assert_int_equal(r.outcome, AUTH_TOTP_INVALID);
    assert_string_equal(r.token, "");

    time_t t2 = T0 + 600;
    totp_code(secret, t2 + 60, c); /* two steps ahead */
    assert_int_equal(login(st, "taro", "Yakuba-Kanri-2026", c, t2).outcome, AUTH_TOTP_INVALID);
    totp_code(secret, t2 - 60, c); /* two steps behind */
    assert_int_equal(login(st, "taro", "Yakuba-Kanri-2026", c, t2).outcome, AUTH_TOTP_INVALID);
    assert_int_equal(login(st, "taro", "Yakuba-Kanri-2026", "12345", t2).outcome,
                     AUTH_TOTP_INVALID);
    totp_code(secret, t2 + 30, c); /* one step ahead */
    assert_int_equal(login(st, "taro", "Yakuba-Kanri-2026", c, t2).outcome, AUTH_OK);
    totp_code(secret, t2, c); /* a step older than the last accepted one: refused */
    assert_int_equal(login(st, "taro", "Yakuba-Kanri-2026", c, t2).outcome, AUTH_TOTP_INVALID);
    /* A right code with a wrong password is still a wrong password. */
    totp_code(secret, T0 + 900, c);
    assert_int_equal(login(st, "taro", "Wrong-pass-123", c, T0 + 900).outcome, AUTH_DENIED);
    store_close(st);
}

static void test_two_step_and_recovery_codes(void **state)
{
    (void)state;
    struct store *st = open_db(":memory:");
    char pw[65], secret[64], codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN], c[7];
    add_user(st, "taro", "E1", pw);
    set_password(st, "taro", pw, "Yakuba-Kanri-2026");
    enroll(st, "taro", T0, secret, codes);
    for (int i = 0; i < AUTH_RECOVERY_CODES; i++) {
        assert_int_equal(strlen(codes[i]), 11);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(codes[i], codes[j]);
    }
    /* Without a code: a pending session that only the second step can use. */
    struct auth_login_result p = login(st, "taro", "Yakuba-Kanri-2026", NULL, T0 + 100);
    assert_int_equal(p.outcome, AUTH_TOTP_NEEDED);
    struct auth_session s;
    mm_err_clear(&err);
    assert_int_equal(auth_session_get(st, p.token, T0 + 101, &s, &err), MM_OK);
    assert_int_equal(s.stage, AUTH_STAGE_TOTP);
    struct auth_login_result r;
    mm_err_clear(&err);
    assert_int_equal(auth_login_code(st, p.token, "000000", NULL, NULL, T0 + 102, &r, &err), MM_OK);
    if (r.outcome != AUTH_TOTP_INVALID) { /* 000000 could be the real code once in a million */
        totp_code(secret, T0 + 102, c);
        assert_string_equal(c, "000000");
    }
    totp_code(secret, T0 + 130, c);
    assert_int_equal(auth_login_code(st, p.token, c, NULL, NULL, T0 + 130, &r, &err), MM_OK);
    assert_int_equal(r.outcome, AUTH_OK);
    assert_string_not_equal(r.token, p.token);
    mm_err_clear(&err);
    assert_int_equal(auth_session_get(st, p.token, T0 + 131, &s, &err), MM_EREFUSED);
    assert_int_equal(auth_session_get(st, r.token, T0 + 131, &s, &err), MM_OK);
    assert_int_equal(s.stage, AUTH_STAGE_FULL);
    assert_string_equal(s.login, "taro");
    /* A full session cannot be fed to the second step. */
    struct auth_login_result again;
    assert_int_equal(auth_login_code(st, r.token, c, NULL, NULL, T0 + 132, &again, &err), MM_OK);
    assert_int_equal(again.outcome, AUTH_DENIED);

    /* Recovery codes: each works once, written in any case, with or without the dash. */
    r = login(st, "taro", "Yakuba-Kanri-2026", codes[0], T0 + 200);
    assert_int_equal(r.outcome, AUTH_OK);
    r = login(st, "taro", "Yakuba-Kanri-2026", codes[0], T0 + 201);
    assert_int_equal(r.outcome, AUTH_TOTP_INVALID);
    char upper[16];
    size_t k = 0;
    for (const char *q = codes[1]; *q; q++)
        if (*q != '-')
            upper[k++] = (char)(*q >= 'a' && *q <= 'z' ? *q - 32 : *q);
    upper[k] = '\0';
    assert_int_equal(login(st, "taro", "Yakuba-Kanri-2026", upper, T0 + 202).outcome, AUTH_OK);
    assert_int_equal(login(st, "taro", "Yakuba-Kanri-2026", codes[1], T0 + 203).outcome,
                     AUTH_TOTP_INVALID);
    store_close(st);
}

static void test_totp_required_for_roles(void **state)
{
    (void)state;
    struct store *st = open_db(":memory:");
    char pw1[65], pw2[65];
    add_user(st, "taro", "E1", pw1);
    add_user(st, "hanako", "S1", pw2);
    /* First sign-in: change the initial password, then (role holder) enroll. */
    struct auth_login_result r = login(st, "taro", pw1, NULL, T0);
    assert_int_equal(r.outcome, AUTH_CHANGE_PASSWORD);
    assert_int_equal(r.stage, AUTH_STAGE_PASSWORD);
    set_password(st, "taro", pw1, "Yakuba-Kanri-2026");
    struct auth_login_result adv;
    mm_err_clear(&err);
    assert_int_equal(auth_session_advance(st, r.token, T0 + 1, &adv, &err), MM_OK);
    assert_int_equal(adv.outcome, AUTH_ENROLL_REQUIRED);
    r = login(st, "taro", "Yakuba-Kanri-2026", NULL, T0 + 2);
    assert_int_equal(r.outcome, AUTH_ENROLL_REQUIRED);
    struct auth_user u;
    assert_int_equal(auth_user_get(st, "taro", T0, &u, &err), MM_OK);
    assert_true(u.role_holder && u.totp_required);
    /* Someone with no role signs in with the password alone. */
    set_password(st, "hanako", pw2, "Shokuin-Pass-2026");
    assert_int_equal(login(st, "hanako", "Shokuin-Pass-2026", NULL, T0).outcome, AUTH_OK);
    /* A role that ended yesterday no longer counts. */
    exec(st, "UPDATE role_assignment SET valid_to = '2026-05-27' WHERE id = 'RA1'");
    assert_int_equal(login(st, "taro", "Yakuba-Kanri-2026", NULL, T0 + 3).outcome, AUTH_OK);
    exec(st, "UPDATE role_assignment SET valid_to = NULL WHERE id = 'RA1'");
    /* The profile may require TOTP of everyone. */
    exec(st, "INSERT INTO org_parameter (key, value) VALUES ('totp_required_for_all', 'true')");
    assert_int_equal(login(st, "hanako", "Shokuin-Pass-2026", NULL, T0 + 4).outcome,
                     AUTH_ENROLL_REQUIRED);
    /* After enrollment from the restricted session, advancing gives a full one. */
    char secret[64], codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN];
    r = login(st, "taro", "Yakuba-Kanri-2026", NULL, T0 + 5);
    assert_int_equal(r.outcome, AUTH_ENROLL_REQUIRED);
    enroll(st, "taro", T0 + 6, secret, codes);
    assert_int_equal(auth_session_advance(st, r.token, T0 + 7, &adv, &err), MM_OK);
    assert_int_equal(adv.outcome, AUTH_OK);
    store_close(st);
}

static void test_sessions(void **state)
{
    (void)state;
    struct store *st = open_db(":memory:");
    char pw[65];
    add_user(st, "hanako", "S1", pw);
    set_password(st, "hanako", pw, "Shokuin-Pass-2026");
    struct auth_login_result r = login(st, "hanako", "Shokuin-Pass-2026", NULL, T0);
    assert_int_equal(r.outcome, AUTH_OK);
    assert_int_equal(r.previous_login_at, 0);
    struct auth_session s;
    /* Idle: 29 minutes apart is fine, 30 is too long. */
    assert_int_equal(auth_session_get(st, r.token, T0 + 29 * 60, &s, &err), MM_OK);
    assert_int_equal(s.last_seen_at, (long long)T0 + 29 * 60);
    /* Within AUTH_SEEN_STEP of the last write a request only reads: last_seen_at stays. */
    assert_int_equal(auth_session_get(st, r.token, T0 + 29 * 60 + AUTH_SEEN_STEP - 1, &s, &err),
                     MM_OK);
    assert_int_equal(s.last_seen_at, (long long)T0 + 29 * 60);
    mm_err_clear(&err);
    assert_int_equal(auth_session_get(st, r.token, T0 + 59 * 60, &s, &err), MM_EREFUSED);
    assert_non_null(strstr(err.msg, "操作がなかった"));
    assert_int_equal(auth_session_get(st, r.token, T0 + 59 * 60 + 1, &s, &err), MM_EREFUSED);

    /* Absolute: active every 20 minutes, still over after session_absolute_hours (10). */
    struct auth_login_result r2 = login(st, "hanako", "Shokuin-Pass-2026", NULL, T0 + 7200);
    assert_int_equal(r2.previous_login_at, (long long)T0);
    assert_string_equal(r2.previous_login_from, "192.0.2.10");
    time_t t = T0 + 7200;
    for (; t + 1200 < T0 + 7200 + 10 * 3600; t += 1200) {
        mm_err_clear(&err);
        assert_int_equal(auth_session_get(st, r2.token, t, &s, &err), MM_OK);
    }
    mm_err_clear(&err);
    assert_int_equal(auth_session_get(st, r2.token, T0 + 7200 + 10 * 3600, &s, &err), MM_EREFUSED);
    assert_non_null(strstr(err.msg, "有効期限"));

    /* CSRF: derived from the token, checked against the stored hash. */
    struct auth_login_result r3 = login(st, "hanako", "Shokuin-Pass-2026", NULL, T0 + 90000);
    char csrf[AUTH_TOKEN_LEN];
    auth_csrf_token(r3.token, csrf);
    assert_string_equal(csrf, r3.csrf);
    assert_true(auth_csrf_check(st, r3.token, r3.csrf));
    assert_false(auth_csrf_check(st, r3.token, r.csrf));
    assert_false(auth_csrf_check(st, r3.token, ""));
    assert_false(auth_csrf_check(st, r.token, r.csrf)); /* session gone */
    /* Logout ends it; a second logout is refused. */
    mm_err_clear(&err);
    assert_int_equal(auth_logout(st, r3.token, T0 + 90001, &err), MM_OK);
    assert_int_equal(auth_session_get(st, r3.token, T0 + 90002, &s, &err), MM_EREFUSED);
    assert_int_equal(auth_logout(st, r3.token, T0 + 90003, &err), MM_EREFUSED);
    assert_int_equal(auth_session_get(st, "short", T0, &s, &err), MM_EREFUSED);
    /* A reset ends every session of the user. */
    struct auth_login_result r4 = login(st, "hanako", "Shokuin-Pass-2026", NULL, T0 + 95000);
    char npw[65];
    assert_int_equal(auth_user_reset(st, &admin, "hanako", 0, T0 + 95001, npw, sizeof npw, &err),
                     MM_OK);
    assert_int_equal(auth_session_get(st, r4.token, T0 + 95002, &s, &err), MM_EREFUSED);
    assert_int_equal(login(st, "hanako", "Shokuin-Pass-2026", NULL, T0 + 95003).outcome,
                     AUTH_DENIED);
    assert_int_equal(login(st, "hanako", npw, NULL, T0 + 95004).outcome, AUTH_CHANGE_PASSWORD);
    store_close(st);
}

static void test_api_tokens(void **state)
{
    (void)state;
    struct store *st = open_db(":memory:");
    char pw[65], tok[AUTH_API_TOKEN_LEN], login_out[AUTH_LOGIN_MAX + 1];
    long long id = 0, uid = 0;
    add_user(st, "hanako", "S1", pw);
    mm_err_clear(&err);
    assert_int_equal(auth_api_token_add(st, &admin, "hanako", "集計スクリプト", T0, tok, &id, &err),
                     MM_OK);
    assert_int_equal(id, 1);
    assert_int_equal(strncmp(tok, "mamori_", 7), 0);
    assert_int_equal(auth_api_token_check(st, tok, T0 + 1, &uid, login_out, &err), MM_OK);
    assert_string_equal(login_out, "hanako");
    assert_true(uid > 0);
    char bad[AUTH_API_TOKEN_LEN];
    strcpy(bad, tok);
    bad[10] = bad[10] == 'a' ? 'b' : 'a';
    assert_int_equal(auth_api_token_check(st, bad, T0 + 1, &uid, login_out, &err), MM_EREFUSED);
    assert_int_equal(auth_api_token_add(st, &admin, "hanako", "", T0, tok, &id, &err), MM_EINPUT);
    assert_int_equal(auth_api_token_add(st, &admin, "nobody", "x", T0, bad, &id, &err), MM_EREFUSED);
    assert_int_equal(auth_api_token_revoke(st, &admin, 1, T0 + 2, &err), MM_OK);
    assert_int_equal(auth_api_token_check(st, tok, T0 + 3, &uid, login_out, &err), MM_EREFUSED);
    assert_int_equal(auth_api_token_revoke(st, &admin, 1, T0 + 2, &err), MM_EREFUSED);
    assert_int_equal(auth_api_token_revoke(st, &admin, 99, T0 + 2, &err), MM_EREFUSED);
    /* Disabling the user stops its other tokens. */
    assert_int_equal(auth_api_token_add(st, &admin, "hanako", "別の用途", T0, tok, &id, &err), MM_OK);
    assert_int_equal(auth_user_disable(st, &admin, "hanako", T0 + 4, &err), MM_OK);
    assert_int_equal(auth_api_token_check(st, tok, T0 + 5, &uid, login_out, &err), MM_EREFUSED);
    store_close(st);
}

static void test_qr_svg(void **state)
{
    (void)state;
    char *a = auth_qr_svg("otpauth://totp/x:y?secret=ABC");
    char *b = auth_qr_svg("otpauth://totp/x:y?secret=ABC");
    char *c = auth_qr_svg("otpauth://totp/x:y?secret=ABD");
    assert_non_null(a);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strncmp(a, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39), 0);
    assert_non_null(strstr(a, "<path fill=\"#000\" d=\"M4 4h7v1h-7z")); /* finder pattern */
    assert_null(strstr(a, "<script"));
    free(a), free(b), free(c);
}

/* ---- no secret stored in clear, none in the change log ---- */

struct secrets {
    const char *items[32];
    size_t n;
};

static int memfind(const char *hay, size_t len, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; m && i + m <= len; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

static void assert_file_lacks(const char *path, const struct secrets *s)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return; /* e.g. no -wal file */
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    for (size_t i = 0; i < s->n; i++)
        if (memfind(buf, (size_t)len, s->items[i]))
            fail_msg("%s contains a secret: %s", path, s->items[i]);
    free(buf);
}

struct log_scan {
    const struct secrets *s;
    char actions[4096];
};

static int scan_entry(void *ctx, const struct auditlog_entry *e)
{
    struct log_scan *ls = ctx;
    const char *fields[] = {e->actor, e->action, e->entity_type, e->entity_id, e->before, e->after};
    for (size_t f = 0; f < 6; f++)
        for (size_t i = 0; fields[f] && i < ls->s->n; i++)
            if (strstr(fields[f], ls->s->items[i]))
                fail_msg("change log entry %lld holds a secret in %s", e->seq, fields[f]);
    if (strlen(ls->actions) + strlen(e->action) + 2 < sizeof ls->actions) {
        strcat(ls->actions, e->action);
        strcat(ls->actions, " ");
    }
    return 0;
}

static void test_no_secret_stored_or_logged(void **state)
{
    (void)state;
    char dir[] = "/tmp/mamori-auth-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], wal[300];
    snprintf(path, sizeof path, "%s/m.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct store *st = open_db(path);
    char pw[65], secret[64], codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN], c[7],
        tok[AUTH_API_TOKEN_LEN], npw[65];
    long long id;
    add_user(st, "taro", "E1", pw);
    set_password(st, "taro", pw, "Yakuba-Kanri-2026");
    enroll(st, "taro", T0, secret, codes);
    totp_code(secret, T0 + 60, c);
    struct auth_login_result r = login(st, "taro", "Yakuba-Kanri-2026", c, T0 + 60);
    assert_int_equal(r.outcome, AUTH_OK);
    struct auth_login_result rr = login(st, "taro", "Yakuba-Kanri-2026", codes[2], T0 + 61);
    assert_int_equal(rr.outcome, AUTH_OK);
    for (int i = 0; i < 5; i++)
        login(st, "taro", "Wrong-pass-123", NULL, T0 + 100 + i);
    login(st, "nobody", "Wrong-pass-456", NULL, T0 + 110);
    mm_err_clear(&err);
    assert_int_equal(auth_user_unlock(st, &admin, "taro", T0 + 120, &err), MM_OK);
    assert_int_equal(auth_api_token_add(st, &admin, "taro", "監視", T0, tok, &id, &err), MM_OK);
    assert_int_equal(auth_api_token_revoke(st, &admin, id, T0 + 130, &err), MM_OK);
    assert_int_equal(auth_logout(st, rr.token, T0 + 140, &err), MM_OK);
    struct auth_session s;
    assert_int_equal(auth_session_get(st, r.token, T0 + 60 + 3600, &s, &err), MM_EREFUSED);
    assert_int_equal(auth_user_reset(st, &admin, "taro", 1, T0 + 200, npw, sizeof npw, &err), MM_OK);
    assert_int_equal(auth_user_disable(st, &admin, "taro", T0 + 300, &err), MM_OK);

    struct secrets sec = {{0}, 0};
    sec.items[sec.n++] = pw;
    sec.items[sec.n++] = "Yakuba-Kanri-2026";
    sec.items[sec.n++] = "Wrong-pass-123";
    sec.items[sec.n++] = "Wrong-pass-456";
    sec.items[sec.n++] = npw;
    sec.items[sec.n++] = secret;
    sec.items[sec.n++] = c;
    sec.items[sec.n++] = tok;
    sec.items[sec.n++] = tok + 7; /* without its prefix */
    sec.items[sec.n++] = r.token;
    sec.items[sec.n++] = r.csrf;
    sec.items[sec.n++] = rr.token;
    for (int i = 0; i < AUTH_RECOVERY_CODES; i++)
        sec.items[sec.n++] = codes[i];

    /* The change log holds every event and none of the secrets (nor any hash of them). */
    struct log_scan ls = {&sec, ""};
    mm_err_clear(&err);
    assert_int_equal(auditlog_each(st, &(struct auditlog_filter){0}, scan_entry, &ls, &err), MM_OK);
    static const char *const want[] = {
        "user.create",       "user.password_change", "user.totp_enroll_begin", "user.totp_enroll",
        "user.login",        "user.recovery_code_used", "user.login_failed",  "user.locked",
        "user.unlock",       "api_token.create",     "api_token.revoke",       "user.logout",
        "user.session_expired", "user.reset",        "user.disable"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char w[64];
        snprintf(w, sizeof w, "%s ", want[i]);
        if (!strstr(ls.actions, w))
            fail_msg("no change-log entry %s in: %s", want[i], ls.actions);
    }
    assert_null(strstr(ls.actions, "$argon2"));
    store_close(st);

    /* The database file keeps no secret in clear (hashes only). */
    assert_file_lacks(path, &sec);
    assert_file_lacks(wal, &sec);
    unlink(path);
    unlink(wal);
    char shm[300];
    snprintf(shm, sizeof shm, "%s-shm", path);
    unlink(shm);
    snprintf(shm, sizeof shm, "%s.key", path);
    unlink(shm);
    snprintf(shm, sizeof shm, "%s.pub", path);
    unlink(shm);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_policy),
        cmocka_unit_test(test_hash_verify),
        cmocka_unit_test(test_rehash_on_sign_in),
        cmocka_unit_test(test_unknown_same_as_wrong),
        cmocka_unit_test(test_lockout),
        cmocka_unit_test(test_totp_window_and_replay),
        cmocka_unit_test(test_two_step_and_recovery_codes),
        cmocka_unit_test(test_totp_required_for_roles),
        cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_api_tokens),
        cmocka_unit_test(test_qr_svg),
        cmocka_unit_test(test_no_secret_stored_or_logged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
