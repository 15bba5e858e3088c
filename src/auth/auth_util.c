/*
 * auth_util.c — what the sign-in files share: one-time initialisation of libsodium and
 * liboath, BLAKE2b hex digests, random tokens, and the JST date of a clock value.
 */
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>

#include "auth/auth.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_failed;

static void init_libraries(void)
{
    if (sodium_init() < 0 || oath_init() != OATH_OK)
        init_failed = 1;
}

int auth_init(struct mm_err *err)
{
    pthread_once(&init_once, init_libraries);
    if (init_failed)
        return mm_err_set(err, MM_EINTERNAL, "暗号ライブラリ（libsodium / liboath）を初期化できません");
    return MM_OK;
}

void auth_hash_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, data, len, NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
    sodium_memzero(h, sizeof h);
}

void auth_random_hex(char out[65])
{
    unsigned char r[32];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(out, 65, r, sizeof r);
    sodium_memzero(r, sizeof r);
}

void auth_date_jst(time_t now, char out[11])
{
    time_t t = now + 9 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}
