/*
 * checkpoint.c — the Ed25519 signing key (kept outside the database, mode 0600), the pinned
 * public key beside the database, and signed checkpoints of the chain head.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auditlog/auditlog.h"
#include "auditlog/chain.h"

#define KEY_HEADER "mamori-auditlog-ed25519-seed-v1\n"

int auditlog_key_paths_for_file(const char *dbfile, struct auditlog_keypaths *out,
                                struct mm_err *err)
{
    memset(out, 0, sizeof *out);
    const char *env = getenv("MAMORI_KEY");
    if (!dbfile)
        dbfile = "";
    if (strlen(dbfile) > 4000)
        return mm_err_set(err, MM_EINPUT, "データベースのパスが長すぎます");
    if (env && *env) {
        if ((size_t)snprintf(out->key, sizeof out->key, "%s", env) >= sizeof out->key - 8)
            return mm_err_set(err, MM_EINPUT, "MAMORI_KEY のパスが長すぎます");
    } else if (dbfile[0]) {
        snprintf(out->key, sizeof out->key, "%.4080s.key", dbfile);
    } else {
        return mm_err_set(err, MM_EINPUT,
                          "署名鍵の場所が決まりません。環境変数 MAMORI_KEY に鍵ファイルのパスを"
                          "指定してください");
    }
    snprintf(out->pub, sizeof out->pub, "%.4080s.pub", dbfile[0] ? dbfile : out->key);
    return MM_OK;
}

int auditlog_key_paths(struct store *st, struct auditlog_keypaths *out, struct mm_err *err)
{
    char dbfile[4096] = "";
    /* SQLite names the file behind the main schema; other backends have none. */
    struct store_stmt *s;
    struct mm_err ignored;
    mm_err_clear(&ignored);
    if (store_prepare(st, "SELECT file FROM pragma_database_list WHERE name = 'main'", &s,
                      &ignored) == MM_OK) {
        if (store_step(s, &ignored) == STORE_ROW && store_col_text(s, 0))
            snprintf(dbfile, sizeof dbfile, "%s", store_col_text(s, 0));
        store_finalize(s);
    }
    return auditlog_key_paths_for_file(dbfile, out, err);
}

int auditlog_trusted_key(struct store *st, const char *pubarg, unsigned char pk[32], int *have,
                         char *source, size_t size, struct mm_err *err)
{
    *have = 0;
    if (pubarg) {
        snprintf(source, size, "%s", pubarg);
        int rc = auditlog_pubkey_arg(pubarg, pk, err);
        *have = rc == MM_OK;
        return rc;
    }
    struct auditlog_keypaths kp;
    struct mm_err ignored;
    mm_err_clear(&ignored);
    if (auditlog_key_paths(st, &kp, &ignored) != MM_OK) {
        snprintf(source, size, "（鍵の場所なし）");
        return MM_OK;
    }
    snprintf(source, size, "%s", kp.pub);
    return auditlog_pin_read(kp.pub, pk, have, err);
}

/* Writes `data` to `path` only if it does not exist yet: temp file, fsync, link. */
static int write_new_file(const char *path, const char *data, mode_t mode, struct mm_err *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return mm_err_set(err, MM_EINTERNAL, "%s を作れません: %s", tmp, strerror(errno));
    size_t len = strlen(data);
    int ok = write(fd, data, len) == (ssize_t)len && fchmod(fd, mode) == 0 && fsync(fd) == 0;
    int saved = errno;
    close(fd);
    if (!ok) {
        unlink(tmp);
        return mm_err_set(err, MM_EINTERNAL, "%s に書き込めません: %s", tmp, strerror(saved));
    }
    if (link(tmp, path) != 0) {
        saved = errno;
        unlink(tmp);
        if (saved == EEXIST)
            return mm_err_set(err, MM_EREFUSED, "%s はすでにあります", path);
        return mm_err_set(err, MM_EINTERNAL, "%s を作れません: %s", path, strerror(saved));
    }
    unlink(tmp);
    return MM_OK;
}

/* Reads a whole small text file into buf; *found = 0 when it does not exist. */
static int read_small(const char *path, char *buf, size_t size, int *found, struct mm_err *err)
{
    *found = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return MM_OK;
        return mm_err_set(err, MM_EINTERNAL, "%s を読めません: %s", path, strerror(errno));
    }
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return mm_err_set(err, MM_EINTERNAL, "%s を読めません: %s", path, strerror(errno));
    buf[n] = '\0';
    *found = 1;
    return MM_OK;
}

/* Parses the first 64 hex digits of text (after an optional header line). */
static int parse_hex_line(const char *text, unsigned char out[32])
{
    char hex[65];
    size_t n = 0;
    for (const char *p = text; *p && n < 64; p++) {
        if (*p == '\n' || *p == '\r' || *p == ' ')
            continue;
        hex[n++] = *p;
    }
    hex[n] = '\0';
    return n == 64 ? chain_hex32(hex, out) : -1;
}

int auditlog_pin_read(const char *path, unsigned char pk[32], int *found, struct mm_err *err)
{
    char buf[512];
    int rc = read_small(path, buf, sizeof buf, found, err);
    if (rc || !*found)
        return rc;
    if (parse_hex_line(buf, pk) != 0)
        return mm_err_set(err, MM_EREFUSED,
                          "%s: 固定された公開鍵の形式が正しくありません（16進 64 桁）", path);
    return MM_OK;
}

int auditlog_pubkey_arg(const char *arg, unsigned char pk[32], struct mm_err *err)
{
    if (strlen(arg) == 64 && chain_hex32(arg, pk) == 0)
        return MM_OK;
    int found = 0;
    int rc = auditlog_pin_read(arg, pk, &found, err);
    if (rc)
        return rc;
    if (!found)
        return mm_err_set(err, MM_EINPUT,
                          "公開鍵 %s が見つかりません（ファイルか 16 進 64 桁で指定）", arg);
    return MM_OK;
}

/* Loads the seed at kp->key; *found = 0 when absent. Refuses a key others can read. */
static int key_load(const char *path, unsigned char pk[32], unsigned char sk[64], int *found,
                    struct mm_err *err)
{
    char buf[512];
    int rc = read_small(path, buf, sizeof buf, found, err);
    if (rc || !*found)
        return rc;
    struct stat sb;
    if (stat(path, &sb) == 0 && (sb.st_mode & 077))
        return mm_err_set(err, MM_EREFUSED,
                          "署名鍵 %s を他の利用者が読めます（モード %03o）。chmod 600 %s を"
                          "実行してください",
                          path, (unsigned)(sb.st_mode & 0777), path);
    unsigned char seed[32];
    size_t hl = strlen(KEY_HEADER);
    if (strncmp(buf, KEY_HEADER, hl) != 0 || parse_hex_line(buf + hl, seed) != 0)
        return mm_err_set(err, MM_EREFUSED, "%s: 署名鍵の形式が正しくありません", path);
    crypto_sign_seed_keypair(pk, sk, seed);
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(buf, sizeof buf);
    return MM_OK;
}

static int pin_write(const char *path, const unsigned char pk[32], struct mm_err *err)
{
    char line[80];
    chain_tohex(pk, 32, line);
    strcat(line, "\n");
    return write_new_file(path, line, 0644, err);
}

/* Loads (creating if needed) the signing key and checks it against the pin. */
static int key_get(const struct auditlog_keypaths *kp, unsigned char pk[32], unsigned char sk[64],
                   int *created, struct mm_err *err)
{
    if (sodium_init() < 0)
        return mm_err_set(err, MM_EINTERNAL, "libsodium を初期化できません");
    if (created)
        *created = 0;
    unsigned char pin[32];
    int have_pin = 0, have_key = 0;
    int rc = auditlog_pin_read(kp->pub, pin, &have_pin, err);
    if (rc)
        return rc;
    rc = key_load(kp->key, pk, sk, &have_key, err);
    if (rc)
        return rc;
    if (!have_key) {
        if (have_pin)
            return mm_err_set(err, MM_EREFUSED,
                              "署名鍵 %s がありません。公開鍵が %s に固定されているため、新しい鍵"
                              "は作りません（元の鍵を戻すか MAMORI_KEY で場所を指定してください）",
                              kp->key, kp->pub);
        unsigned char seed[32];
        randombytes_buf(seed, sizeof seed);
        char text[160];
        char hex[65];
        chain_tohex(seed, 32, hex);
        snprintf(text, sizeof text, "%s%s\n", KEY_HEADER, hex);
        sodium_memzero(hex, sizeof hex);
        rc = write_new_file(kp->key, text, 0600, err);
        sodium_memzero(text, sizeof text);
        sodium_memzero(seed, sizeof seed);
        if (rc == MM_EREFUSED) /* made by another process meanwhile: use that one */
            mm_err_clear(err);
        else if (rc)
            return rc;
        rc = key_load(kp->key, pk, sk, &have_key, err);
        if (rc)
            return rc;
        if (!have_key)
            return mm_err_set(err, MM_EINTERNAL, "署名鍵 %s を読めません", kp->key);
        if (created)
            *created = 1;
    }
    if (!have_pin) {
        rc = pin_write(kp->pub, pk, err);
        if (rc == MM_EREFUSED) { /* pinned by another process meanwhile: check it */
            mm_err_clear(err);
            rc = auditlog_pin_read(kp->pub, pin, &have_pin, err);
            if (rc)
                return rc;
        } else if (rc) {
            return rc;
        } else {
            memcpy(pin, pk, 32);
            have_pin = 1;
        }
    }
    if (have_pin && sodium_memcmp(pin, pk, 32) != 0)
        return mm_err_set(err, MM_EREFUSED, "署名鍵 %s は %s に固定された公開鍵と一致しません",
                          kp->key, kp->pub);
    return MM_OK;
}

int auditlog_key_ensure(const struct auditlog_keypaths *kp, int *created, struct mm_err *err)
{
    unsigned char pk[32], sk[64];
    int rc = key_get(kp, pk, sk, created, err);
    sodium_memzero(sk, sizeof sk);
    return rc;
}

int auditlog_checkpoint(struct store *st, const struct auditlog_keypaths *kp, long long *seq_out,
                        int *already, struct mm_err *err)
{
    *already = 0;
    *seq_out = 0;
    struct store_stmt *s;
    long long seq = 0;
    char head[65] = "";
    int rc =
        store_prepare(st, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        seq = store_col_int(s, 0);
        snprintf(head, sizeof head, "%s", store_col_text(s, 1) ? store_col_text(s, 1) : "");
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = mm_err_set(err, MM_EREFUSED, "変更ログにまだ記録がないため、署名できません");
    }
    store_finalize(s);
    if (rc)
        return rc;
    unsigned char headbin[32];
    if (chain_hex32(head, headbin) != 0)
        return mm_err_set(err, MM_EREFUSED, "変更ログの seq %lld のハッシュが壊れています", seq);
    *seq_out = seq;

    long long n = 0;
    rc = store_prepare(st, "SELECT COUNT(*) FROM audit_checkpoint WHERE seq = ?", &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, seq);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        n = store_col_int(s, 0);
        rc = MM_OK;
    }
    store_finalize(s);
    if (rc)
        return rc;
    if (n > 0) {
        *already = 1;
        return MM_OK;
    }

    unsigned char pk[32], sk[64];
    rc = key_get(kp, pk, sk, NULL, err);
    if (rc) {
        sodium_memzero(sk, sizeof sk);
        return rc;
    }
    char at[AUDITLOG_TIME_LEN];
    auditlog_now(at);
    struct strbuf msg = STRBUF_INIT;
    chain_checkpoint_message(seq, head, at, &msg);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, (const unsigned char *)msg.buf, msg.len, sk);
    sodium_memzero(sk, sizeof sk);
    strbuf_release(&msg);
    char pkhex[65], sighex[2 * crypto_sign_BYTES + 1];
    chain_tohex(pk, 32, pkhex);
    chain_tohex(sig, crypto_sign_BYTES, sighex);

    rc = store_prepare(st,
                       "INSERT INTO audit_checkpoint (seq, head_hash, at, public_key, signature)"
                       " VALUES (?, ?, ?, ?, ?)",
                       &s, err);
    if (rc)
        return rc;
    store_bind_int(s, 1, seq);
    store_bind_text(s, 2, head);
    store_bind_text(s, 3, at);
    store_bind_text(s, 4, pkhex);
    store_bind_text(s, 5, sighex);
    rc = store_step(s, err);
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}
