/*
 * snapshot_validate.h — checking a snapshot without loading it (`mamori import --dry-run`,
 * and the first half of snapshot_import). Allowed codes are read from the database's lookup
 * tables, so the checks follow the schema the database actually has.
 */
#ifndef MM_SNAPSHOT_VALIDATE_H
#define MM_SNAPSHOT_VALIDATE_H

#include <jansson.h>

#include "store/store.h"
#include "util/err.h"

/*
 * Checks `root` against docs/snapshot.md and the lookup tables in `st`, recording every
 * problem (JSON path + Japanese message) in `problems`. Writes nothing.
 * Returns MM_OK when there is no problem, MM_EINPUT when there are problems, MM_EREFUSED
 * (err filled) for a snapshot of a newer version than this mamori reads, MM_EINTERNAL when
 * the database cannot be read.
 */
int snapshot_validate(struct store *st, json_t *root, struct mm_problems *problems,
                      struct mm_err *err);

/* Sets *rows to how many organization and register rows the database holds. */
int snapshot_count_rows(struct store *st, long long *rows, struct mm_err *err);

/*
 * snapshot_validate, then — unless `replace` — the refusal snapshot_import would give for a
 * database that already holds data (MM_EREFUSED with a message naming --replace).
 */
int snapshot_check(struct store *st, json_t *root, int replace, struct mm_problems *problems,
                   struct mm_err *err);

/* The refusal message for a database holding `rows` rows (used inside the import, too). */
int snapshot_refuse_nonempty(long long rows, struct mm_err *err);

#endif
