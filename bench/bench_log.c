/*
 * bench_log.c — change log benchmark: appends per second with the hash chain (many in one
 * transaction, and one per transaction) and the time to verify a log of N entries.
 * Usage: bench_log DB [ENTRIES=1000000] [SINGLE_TX=2000]. DB is created and must not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "auditlog/auditlog.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const struct mm_err *err)
{
    fprintf(stderr, "bench_log: %s\n", err->msg);
    exit(1);
}

/* A register change of typical size: an asset updated, before and after. */
static int append_one(struct store *st, long long i, struct mm_err *err)
{
    static const struct audit_actor actor = {"user:bench"};
    char id[32];
    snprintf(id, sizeof id, "A-%06lld", i % 50000);
    json_t *before = json_pack("{s:s, s:s, s:s, s:s, s:i}", "name", "住民基本台帳データ",
                               "department", "D-SHIMIN", "confidentiality", "3A", "integrity", "2",
                               "revision", (int)(i % 1000));
    json_t *after = json_pack("{s:s, s:s, s:s, s:s, s:i}", "name", "住民基本台帳データ",
                              "department", "D-SHIMIN", "confidentiality", "3B", "integrity", "2",
                              "revision", (int)(i % 1000) + 1);
    int rc = auditlog_append(st, &actor, "update", "asset", id, before, after, err);
    json_decref(before);
    json_decref(after);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_log DB [ENTRIES] [SINGLE_TX]\n");
        return 2;
    }
    const char *path = argv[1];
    long long entries = argc > 2 ? atoll(argv[2]) : 1000000;
    long long single = argc > 3 ? atoll(argv[3]) : 2000;
    struct mm_err err;
    mm_err_clear(&err);
    struct store *st;
    if (store_open(path, STORE_OPEN_CREATE, &st, &err))
        die(&err);

    /* Many appends per transaction (batches of 100,000, like a large import). */
    long long done = 0, batch = 100000;
    double t0 = now(), first_batch = 0;
    long long first_n = 0;
    while (done < entries) {
        long long n = entries - done < batch ? entries - done : batch;
        double tb = now();
        if (store_begin(st, &err))
            die(&err);
        for (long long i = 0; i < n; i++)
            if (append_one(st, done + i, &err))
                die(&err);
        if (store_commit(st, &err))
            die(&err);
        if (done == 0) {
            first_batch = now() - tb;
            first_n = n;
        }
        done += n;
    }
    double fill = now() - t0;
    printf("log.append_in_one_tx   %10.0f appends/s  (%lld entries in one transaction)\n",
           (double)first_n / first_batch, first_n);
    printf("log.append_bulk        %10.0f appends/s  (%lld entries, transactions of %lld)\n",
           (double)entries / fill, entries, batch);

    /* One append per transaction, as the server does for each change. */
    t0 = now();
    for (long long i = 0; i < single; i++) {
        if (store_begin(st, &err) || append_one(st, entries + i, &err) || store_commit(st, &err))
            die(&err);
    }
    double per = now() - t0;
    printf("log.append_per_tx      %10.0f appends/s  (%lld transactions, WAL synchronous=NORMAL)\n",
           (double)single / per, single);
    store_close(st);

    /* Verify the whole chain from a fresh connection (as `mamori log verify` does), twice:
     * right after the writes have been flushed, and again with the file in the page cache. */
    sync();
    for (int run = 1; run <= 2; run++) {
        if (store_open(path, STORE_OPEN_READWRITE, &st, &err))
            die(&err);
        struct auditlog_keypaths kp;
        unsigned char pin[32];
        int found = 0;
        if (auditlog_key_paths(st, &kp, &err) || auditlog_pin_read(kp.pub, pin, &found, &err))
            die(&err);
        struct auditlog_verify_result r;
        t0 = now();
        if (store_begin_read(st, &err) ||
            auditlog_verify(st, found ? pin : NULL, NULL, NULL, &r, &err))
            die(&err);
        double ver = now() - t0;
        store_rollback(st);
        store_close(st);
        if (r.kind != AUDIT_OK) {
            fprintf(stderr, "bench_log: verification failed at seq %lld: %s\n", r.broken_seq,
                    r.what);
            return 1;
        }
        printf("log.verify_run%d        %10.3f s          (%lld entries, %lld checkpoints; target "
               "< 2 s for 1,000,000)\n",
               run, ver, r.entries, r.checkpoints);
    }
    return 0;
}
