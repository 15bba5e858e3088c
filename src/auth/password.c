/*
 * password.c — the password policy of the profile (length, not the login, more than one
 * character class; ガイドライン 6.2(1)③ / (3)③), argon2id hashing with libsodium, and random
 * initial passwords that satisfy the policy.
 */
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "auth/auth.h"
#include "model/params.h"

/* Number of UTF-8 code points (continuation bytes are not counted). */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

enum { CLASS_LOWER = 1, CLASS_UPPER = 2, CLASS_DIGIT = 4, CLASS_SYMBOL = 8, CLASS_OTHER = 16 };

static int char_classes(const char *s)
{
    int c = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            c |= CLASS_LOWER;
        else if (*p >= 'A' && *p <= 'Z')
            c |= CLASS_UPPER;
        else if (*p >= '0' && *p <= '9')
            c |= CLASS_DIGIT;
        else if (*p < 0x80)
            c |= CLASS_SYMBOL;
        else
            c |= CLASS_OTHER;
    }
    return c;
}

int auth_password_check(struct store *st, const char *login, const char *password,
                        struct mm_err *err)
{
    long long min = 12;
    int rc = params_get_int(st, "password_min_length", &min, err);
    if (rc)
        return rc;
    if (!password || !*password)
        return mm_err_set(err, MM_EINPUT, "パスワードが空です");
    if (strlen(password) > AUTH_PASSWORD_MAX)
        return mm_err_set(err, MM_EINPUT, "パスワードは %d バイト以内にしてください",
                          AUTH_PASSWORD_MAX);
    if ((long long)utf8_length(password) < min)
        return mm_err_set(err, MM_EINPUT,
                          "パスワードは %lld 文字以上にしてください（ローカルパラメータ "
                          "password_min_length、対策基準 6.2(1)③）",
                          min);
    if (login && strcasecmp(login, password) == 0)
        return mm_err_set(err, MM_EINPUT,
                          "パスワードにログイン名と同じ文字列は使えません（想像しにくいものにする、"
                          "対策基準 6.2(3)③）");
    int c = char_classes(password);
    if ((c & (c - 1)) == 0)
        return mm_err_set(err, MM_EINPUT,
                          "パスワードは英大文字・英小文字・数字・記号のうち2種類以上を混ぜてください"
                          "（対策基準 6.2(3)③）");
    return MM_OK;
}

/*
 * One argon2id computation at a time in the process: each takes AUTH_PWHASH_MEMLIMIT of memory,
 * so a burst of sign-ins (or of wrong passwords sent on purpose) queues instead of multiplying
 * the server's memory.
 */
static pthread_mutex_t pwhash_lock = PTHREAD_MUTEX_INITIALIZER;

int auth_password_hash(const char *password, char *out, size_t size, struct mm_err *err)
{
    int rc = auth_init(err);
    if (rc)
        return rc;
    if (size < crypto_pwhash_STRBYTES)
        return mm_err_set(err, MM_EINTERNAL, "パスワードハッシュの領域が足りません");
    pthread_mutex_lock(&pwhash_lock);
    rc = crypto_pwhash_str(out, password, strlen(password), AUTH_PWHASH_OPSLIMIT,
                           AUTH_PWHASH_MEMLIMIT);
    pthread_mutex_unlock(&pwhash_lock);
    if (rc != 0)
        return mm_err_set(err, MM_EINTERNAL, "パスワードのハッシュを計算できません（メモリ不足）");
    return MM_OK;
}

int auth_password_verify(const char *hash, const char *password)
{
    struct mm_err err;
    if (auth_init(&err) || !hash || !password)
        return 0;
    pthread_mutex_lock(&pwhash_lock);
    int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    pthread_mutex_unlock(&pwhash_lock);
    return rc == 0;
}

int auth_password_needs_rehash(const char *hash)
{
    return crypto_pwhash_str_needs_rehash(hash, AUTH_PWHASH_OPSLIMIT, AUTH_PWHASH_MEMLIMIT) != 0;
}

int auth_password_generate(struct store *st, const char *login, char *out, size_t size,
                           struct mm_err *err)
{
    /* No look-alikes (0/O, 1/l/I) so the password can be read out from a screen or paper. */
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    int rc = auth_init(err);
    if (rc)
        return rc;
    long long min = 12;
    rc = params_get_int(st, "password_min_length", &min, err);
    if (rc)
        return rc;
    size_t n = min < 16 ? 16 : (size_t)min;
    if (n + 1 > size || n > 64)
        return mm_err_set(err, MM_EINPUT,
                          "password_min_length（%lld）が長すぎて初期パスワードを作れません", min);
    for (int tries = 0; tries < 100; tries++) {
        for (size_t i = 0; i < n; i++)
            out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
        out[n] = '\0';
        int c = char_classes(out);
        if ((c & CLASS_LOWER) && (c & CLASS_UPPER) && (c & CLASS_DIGIT) &&
            auth_password_check(st, login, out, err) == MM_OK)
            return MM_OK;
    }
    return mm_err_set(err, MM_EINTERNAL, "方針に合う初期パスワードを作れません");
}
