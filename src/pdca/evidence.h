/*
 * evidence.h — evidence files attached to a self-assessment answer, an audit finding or a
 * progress report of an 改善計画: stored in the database (base64) with size and SHA-256, so
 * the 監査証拠 stay with the records they support (9.1(6)).
 */
#ifndef MM_EVIDENCE_H
#define MM_EVIDENCE_H

#include <stddef.h>

#include "pdca/pdca.h"

#define EVIDENCE_MAX_BYTES (10 * 1024 * 1024)

/* owner_kind: "question", "finding" or "progress"; the owner row must exist. */
int evidence_add(struct store *st, const struct pdca_actor *a, const char *owner_kind,
                 long long owner_id, const char *file_name, const void *data, size_t len,
                 long long *id, struct mm_err *err);

/* The decoded bytes of one file (caller frees *data). */
int evidence_get(struct store *st, long long id, char **file_name, unsigned char **data,
                 size_t *len, struct mm_err *err);

#endif
