/*
 * totp.c — the second factor: RFC 6238 codes (30 s, 6 digits, ±1 step) checked with liboath,
 * enrollment with an otpauth:// URI and its QR code drawn as SVG here (libqrencode gives the
 * modules), and the ten single-use recovery codes stored only as hashes.
 */
#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth_impl.h"
#include "util/strbuf.h"

int auth_totp_valid(const char *secret, const char *code, time_t now, long long *step)
{
    struct mm_err err;
    if (auth_init(&err) || !secret || !*secret || !code || strlen(code) != AUTH_TOTP_DIGITS)
        return 0;
    for (const char *p = code; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    char *bin = NULL;
    size_t binlen = 0;
    if (oath_base32_decode(secret, strlen(secret), &bin, &binlen) != OATH_OK)
        return 0;
    int pos = 0;
    uint64_t counter = 0;
    int rc = oath_totp_validate3(bin, binlen, now, AUTH_TOTP_STEP, 0, 1, &pos, &counter, code);
    sodium_memzero(bin, binlen);
    free(bin);
    if (rc < 0)
        return 0;
    if (step)
        *step = (long long)counter;
    return 1;
}

/* Appends `s` percent-encoded for an otpauth label or query value. */
static void add_uri_component(struct strbuf *sb, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~')
            strbuf_addch(sb, (char)*p);
        else
            strbuf_addf(sb, "%%%02X", *p);
    }
}

char *auth_qr_svg(const char *text)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return NULL;
    const int quiet = 4, w = qr->width, size = w + 2 * quiet;
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addf(&sb,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                "height=\"%d\" shape-rendering=\"crispEdges\" role=\"img\" "
                "aria-label=\"TOTP 登録用 QR コード\">\n"
                "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"",
                size, size, size * 6, size * 6, size, size);
    /* One rectangle per horizontal run of dark modules (bit 0 of each byte is "dark"). */
    for (int y = 0; y < w; y++) {
        for (int x = 0; x < w;) {
            if (!(qr->data[y * w + x] & 1)) {
                x++;
                continue;
            }
            int run = 0;
            while (x + run < w && (qr->data[y * w + x + run] & 1))
                run++;
            strbuf_addf(&sb, "M%d %dh%dv1h-%dz", x + quiet, y + quiet, run, run);
            x += run;
        }
    }
    strbuf_addstr(&sb, "\"/>\n</svg>\n");
    QRcode_free(qr);
    return strbuf_detach(&sb);
}

void auth_totp_enrollment_free(struct auth_totp_enrollment *e)
{
    if (!e)
        return;
    if (e->uri)
        sodium_memzero(e->uri, strlen(e->uri));
    free(e->uri);
    free(e->svg);
    sodium_memzero(e, sizeof *e);
}

int auth_totp_begin(struct store *st, const struct audit_actor *actor, const char *login,
                    const char *issuer, time_t now, struct auth_totp_enrollment *out,
                    struct mm_err *err)
{
    memset(out, 0, sizeof *out);
    int rc = auth_init(err);
    if (rc)
        return rc;
    unsigned char key[20];
    randombytes_buf(key, sizeof key);
    char *b32 = NULL;
    size_t b32len = 0;
    if (oath_base32_encode((const char *)key, sizeof key, &b32, &b32len) != OATH_OK)
        return mm_err_set(err, MM_EINTERNAL, "TOTP の秘密鍵を作れません");
    sodium_memzero(key, sizeof key);
    /* Drop '=' padding: authenticator apps expect none. */
    while (b32len && b32[b32len - 1] == '=')
        b32[--b32len] = '\0';
    copy_text(out->secret, sizeof out->secret, b32);
    sodium_memzero(b32, b32len);
    free(b32);

    rc = store_begin(st, err);
    if (rc)
        return rc;
    struct user_row r;
    int found = 0;
    rc = user_row_get(st, login, 0, now, &r, &found, err);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は登録されていません", login);
    if (!rc && r.u.disabled)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は無効です", login);
    /* While TOTP is enabled the old secret stays in force until the new one is confirmed, so
     * the pending secret of a re-enrollment is kept in the same column only when none is
     * enabled; re-enrolling an enabled user needs `user reset --totp` first. */
    if (!rc && r.u.totp_enabled)
        rc = mm_err_set(err, MM_EREFUSED,
                        "利用者「%s」は TOTP を登録済みです（登録し直すには先に user reset --totp）",
                        login);
    char id[32];
    snprintf(id, sizeof id, "%lld", found ? r.u.id : 0LL);
    if (!rc)
        rc = exec_bound(st, "UPDATE app_user SET totp_secret = ?, totp_enabled = 0 WHERE id = ?",
                        out->secret, id, NULL, NULL, err);
    if (!rc)
        rc = user_log(st, actor->id, "user.totp_enroll_begin", login,
                      json_pack("{s:b}", "totp_pending", 1), err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        sodium_memzero(&r, sizeof r);
        auth_totp_enrollment_free(out);
        return rc;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    const char *iss = issuer && *issuer ? issuer : "mamori";
    strbuf_addstr(&sb, "otpauth://totp/");
    add_uri_component(&sb, iss);
    strbuf_addch(&sb, ':');
    add_uri_component(&sb, login);
    strbuf_addf(&sb, "?secret=%s&issuer=", out->secret);
    add_uri_component(&sb, iss);
    strbuf_addf(&sb, "&algorithm=SHA1&digits=%d&period=%d", AUTH_TOTP_DIGITS, AUTH_TOTP_STEP);
    out->uri = strbuf_detach(&sb);
    out->svg = auth_qr_svg(out->uri);
    sodium_memzero(&r, sizeof r);
    if (!out->svg) {
        auth_totp_enrollment_free(out);
        return mm_err_set(err, MM_EINTERNAL, "QR コードを作れません");
    }
    return MM_OK;
}

void recovery_code_hash(long long user_id, const char *code, char out[65])
{
    char norm[64];
    size_t n = (size_t)snprintf(norm, sizeof norm, "%lld:", user_id);
    for (const char *p = code; *p && n + 1 < sizeof norm; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        norm[n++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
    }
    norm[n] = '\0';
    auth_hash_hex(norm, n, out);
    sodium_memzero(norm, sizeof norm);
}

int recovery_code_use(struct store *st, long long user_id, const char *code, time_t now, int *ok,
                      struct mm_err *err)
{
    *ok = 0;
    if (!code || strlen(code) < 10 || strlen(code) > 20)
        return MM_OK;
    char h[65];
    recovery_code_hash(user_id, code, h);
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "UPDATE user_recovery_code SET used_at = ? "
                           "WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                           &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, now);
    store_bind_int(s, 2, user_id);
    store_bind_text(s, 3, h);
    rc = store_step(s, err);
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    long long used = 0;
    rc = store_prepare(st,
                       "SELECT COUNT(*) FROM user_recovery_code WHERE user_id = ? AND code_hash = ? "
                       "AND used_at = ?",
                       &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, user_id);
    store_bind_text(s, 2, h);
    store_bind_int(s, 3, now);
    rc = store_step(s, err);
    if (rc == STORE_ROW)
        used = store_col_int(s, 0), rc = MM_OK;
    store_finalize(s);
    *ok = used > 0;
    return rc;
}

int auth_totp_confirm(struct store *st, const struct audit_actor *actor, const char *login,
                      const char *code, time_t now,
                      char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN], struct mm_err *err)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789"; /* 32 symbols, 5 bits */
    int rc = auth_init(err);
    if (!rc)
        rc = store_begin(st, err);
    if (rc)
        return rc;
    struct user_row r;
    int found = 0;
    long long step = 0;
    rc = user_row_get(st, login, 0, now, &r, &found, err);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」は登録されていません", login);
    if (!rc && !r.u.totp_pending)
        rc = mm_err_set(err, MM_EREFUSED, "利用者「%s」には登録中の TOTP がありません", login);
    if (!rc && !auth_totp_valid(r.totp_secret, code, now, &step))
        rc = mm_err_set(err, MM_EREFUSED,
                        "確認コードが違います（認証アプリに表示された 6 桁の数字を入力してください）");
    if (!rc) {
        struct store_stmt *s;
        rc = store_prepare(st,
                           "UPDATE app_user SET totp_enabled = 1, totp_last_step = ? WHERE id = ?",
                           &s, err);
        if (!rc) {
            store_bind_int(s, 1, step);
            store_bind_int(s, 2, r.u.id);
            rc = store_step(s, err);
            rc = rc == STORE_DONE ? MM_OK : rc;
            store_finalize(s);
        }
    }
    char id[32];
    snprintf(id, sizeof id, "%lld", found ? r.u.id : 0LL);
    if (!rc)
        rc = exec_bound(st, "DELETE FROM user_recovery_code WHERE user_id = ?", id, NULL, NULL,
                        NULL, err);
    for (int i = 0; !rc && i < AUTH_RECOVERY_CODES; i++) {
        for (int k = 0; k < 11; k++)
            codes[i][k] = k == 5 ? '-' : alphabet[randombytes_uniform(32)];
        codes[i][11] = '\0';
        char h[65];
        recovery_code_hash(r.u.id, codes[i], h);
        rc = exec_bound(st, "INSERT INTO user_recovery_code (user_id, code_hash) VALUES (?, ?)",
                        id, h, NULL, NULL, err);
    }
    if (!rc)
        rc = user_log(st, actor->id, "user.totp_enroll", login,
                      json_pack("{s:b, s:i}", "totp_enabled", 1, "recovery_codes_issued",
                                AUTH_RECOVERY_CODES),
                      err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        sodium_memzero(codes, sizeof(char[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN]));
    }
    sodium_memzero(&r, sizeof r);
    return rc;
}
