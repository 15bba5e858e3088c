/*
 * snapshot.h — the organization snapshot (docs/snapshot.md): the whole organization as one
 * JSON document, written by `mamori export` and read by `mamori import` and the demo.
 *
 * Import is all-or-nothing: the document is validated completely first (every problem is
 * reported with its JSON path in Japanese); only a valid document is written, in one
 * transaction. export → import → export yields identical bytes.
 */
#ifndef MM_SNAPSHOT_H
#define MM_SNAPSHOT_H

#include <jansson.h>
#include <stddef.h>

#include "auditlog/auditlog.h"
#include "store/store.h"
#include "util/err.h"

#define SNAPSHOT_FORMAT "mamori-snapshot"
#define SNAPSHOT_VERSION 1

/* Optional progress report for long imports and exports. */
struct snapshot_progress {
    void (*fn)(void *ctx, const char *stage, size_t done, size_t total);
    void *ctx;
};

/*
 * Parses snapshot text. `name` (a file name) is used in messages, which give line and column
 * for syntax errors, invalid UTF-8 and truncation. On success *out is a new reference the
 * caller releases with json_decref.
 */
int snapshot_parse(const char *name, const char *text, size_t len, json_t **out,
                   struct mm_err *err);

/* Reads the organization into a new JSON object (caller json_decref's *out). */
int snapshot_export(struct store *st, const struct snapshot_progress *prog, json_t **out,
                    struct mm_err *err);

/* Serialises a snapshot exactly as `mamori export` writes it (caller frees *text). */
int snapshot_dump(json_t *root, char **text, struct mm_err *err);

/*
 * Validates `root` and loads it. Problems go to `problems` (path + Japanese message) and the
 * function returns MM_EINPUT with the database untouched. A database that already holds an
 * organization is refused (MM_EREFUSED) unless `replace` is set, in which case the old data
 * is removed in the same transaction as the load. The change log gets, in that transaction,
 * an `import` entry (`replace`, with the counts removed, when data was replaced) and a
 * `create` per loaded entity (docs/changelog-format.md), by the command-line user
 * (audit_actor_cli).
 */
int snapshot_import(struct store *st, json_t *root, int replace,
                    const struct snapshot_progress *prog, struct mm_problems *problems,
                    struct mm_err *err);

/* The same, recording `actor` (borrowed) in the change log. */
int snapshot_import_by(struct store *st, const struct audit_actor *actor, json_t *root,
                       int replace, const struct snapshot_progress *prog,
                       struct mm_problems *problems, struct mm_err *err);

#endif
