/*
 * chain.h — internal to src/auditlog/: the canonical serialisation of an entry and the hash
 * that links it to its predecessor (docs/changelog-format.md, "Canonical entry").
 */
#ifndef MM_AUDITLOG_CHAIN_H
#define MM_AUDITLOG_CHAIN_H

#include <stddef.h>

#include "auditlog/auditlog.h"

/* Appends the canonical bytes of `e` (its seq, at, actor, action, entity, before, after). */
void chain_canonical(const struct auditlog_entry *e, struct strbuf *sb);

/* out = BLAKE2b-256(prev || canonical). */
void chain_hash(const unsigned char prev[32], const char *canon, size_t len, unsigned char out[32]);

/* Appends s as a JSON string literal: only ", \ and bytes below 0x20 are escaped. */
void chain_json_string(struct strbuf *sb, const char *s);

/* 64 lowercase hex digits → 32 bytes; returns 0 on success, -1 if malformed. */
int chain_hex32(const char *hex, unsigned char out[32]);
/* 32 bytes → 64 lowercase hex digits + NUL. */
void chain_tohex(const unsigned char *bin, size_t n, char *out);

/* Whether s is valid UTF-8. */
int chain_utf8_valid(const char *s);

/* The message a checkpoint signs. */
void chain_checkpoint_message(long long seq, const char *head_hex, const char *at,
                              struct strbuf *sb);

#endif
