/*
 * fuzz_snapshot.c — libFuzzer harness for the snapshot reader: arbitrary bytes go through
 * snapshot_parse and, when they parse, through snapshot_import (validation and, for valid
 * input, the load) against an in-memory database. Each import uses --replace, so a
 * successful load is replaced by the next; a failed one leaves the database untouched. Every
 * import also appends to the change log, which must still verify afterwards; the database is
 * reopened every REOPEN_EVERY loads so the log does not grow without bound.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "auditlog/auditlog.h"
#include "io/snapshot.h"

#define REOPEN_EVERY 200

static struct store *st;
static unsigned loads;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mm_err err;
    mm_err_clear(&err);
    if (!st && store_open(":memory:", STORE_OPEN_CREATE, &st, &err) != MM_OK)
        abort();
    json_t *root = NULL;
    if (snapshot_parse("fuzz.json", (const char *)data, size, &root, &err) != MM_OK)
        return 0;
    struct mm_problems problems = {0};
    int rc = snapshot_import(st, root, 1, NULL, &problems, &err);
    /* Problems and success exclude each other; an internal error means a bug here. */
    if ((rc == MM_OK && problems.len) || rc == MM_EINTERNAL)
        abort();
    if (rc == MM_OK) {
        json_t *out = NULL;
        if (snapshot_export(st, NULL, &out, &err) != MM_OK)
            abort();
        json_decref(out);
        if (++loads % REOPEN_EVERY == 0) {
            struct auditlog_verify_result res;
            if (auditlog_verify(st, NULL, NULL, NULL, &res, &err) != MM_OK || res.kind != AUDIT_OK)
                abort();
            store_close(st);
            st = NULL;
        }
    }
    mm_problems_free(&problems);
    json_decref(root);
    return 0;
}
