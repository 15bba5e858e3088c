/*
 * fuzz_snapshot.c — libFuzzer harness for the snapshot reader: arbitrary bytes go through
 * snapshot_parse and, when they parse, through snapshot_import (validation and, for valid
 * input, the load) against one in-memory database opened once. Each import uses --replace,
 * so a successful load is replaced by the next; a failed one leaves the database untouched.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "io/snapshot.h"

static struct store *st;

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
    }
    mm_problems_free(&problems);
    json_decref(root);
    return 0;
}
