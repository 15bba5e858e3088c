/*
 * auditlog.h — the tamper-evident change log (docs/changelog-format.md).
 *
 * Every change is appended, inside the caller's write transaction, as one entry: UTC time,
 * actor, action, entity and the before/after values with secrets redacted. Entries form a
 * BLAKE2b-256 hash chain; checkpoints sign the chain head with an Ed25519 key kept outside the
 * database. auditlog_verify walks the chain and the checkpoints in constant memory and names
 * the first broken entry. Nothing here prints; the CLI renders results.
 */
#ifndef MM_AUDITLOG_H
#define MM_AUDITLOG_H

#include <jansson.h>
#include <stddef.h>

#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"

/* Checkpoints are made automatically when seq is a multiple of this. */
#define AUDITLOG_CHECKPOINT_EVERY 1000

#define AUDITLOG_HASH_HEX 65 /* 64 hex digits + NUL */
#define AUDITLOG_TIME_LEN 32 /* room for YYYY-MM-DDTHH:MM:SS.mmmZ + NUL */

/* Who made a change: "cli:<unix user>", "user:<login>", "system:<job>" … (borrowed text). */
struct audit_actor {
    const char *id;
};

/* Fills `buf` with "cli:<unix user>" for the effective user and points actor->id at it. */
void audit_actor_cli(struct audit_actor *actor, char *buf, size_t size);

/*
 * Appends one entry. Call it INSIDE the caller's open write transaction (store_begin), after
 * the change itself, so the entry commits or rolls back with it. `before` and `after` are
 * borrowed (not modified, not stolen); NULL or JSON null means "none" (create / delete).
 * Fields named in the redaction list (auditlog_is_secret_field) are replaced by "[redacted]"
 * at any depth. `entity_id` may be NULL. Cost is independent of the log's length: it reads
 * only the chain head. Every AUDITLOG_CHECKPOINT_EVERY entries a checkpoint is signed if the
 * signing key is available (see auditlog_key_paths); a missing key never fails the append.
 * On success *seq_out (if not NULL) receives the new entry's seq.
 */
int auditlog_append(struct store *st, const struct audit_actor *actor, const char *action,
                    const char *entity_type, const char *entity_id, json_t *before, json_t *after,
                    struct mm_err *err);
int auditlog_append_seq(struct store *st, const struct audit_actor *actor, const char *action,
                        const char *entity_type, const char *entity_id, json_t *before,
                        json_t *after, long long *seq_out, struct mm_err *err);

/* Whether a JSON field of this name holds a secret (case-insensitive; see the docs' list). */
int auditlog_is_secret_field(const char *name);

/* A new reference to a deep copy of `v` with secret fields redacted (NULL if v is NULL). */
json_t *auditlog_redact(json_t *v);

/* ---- reading ---- */

/* One entry as stored; every pointer is borrowed and valid only during the callback. */
struct auditlog_entry {
    long long seq;
    const char *at; /* UTC */
    const char *actor, *action, *entity_type;
    const char *entity_id;        /* may be NULL */
    const char *before, *after;   /* JSON text or NULL */
    const char *prev_hash, *hash; /* hex */
};

/* Filters for show/export; NULL members do not filter. Times are UTC in the stored format. */
struct auditlog_filter {
    const char *entity_type, *entity_id, *actor, *action;
    const char *since; /* at >= since */
    const char *until; /* at < until */
    long long limit;   /* 0 = all; otherwise the newest `limit` (still shown oldest first) */
};

/* Calls fn for each matching entry in seq order; fn returns non-zero to stop with that code. */
int auditlog_each(struct store *st, const struct auditlog_filter *f,
                  int (*fn)(void *ctx, const struct auditlog_entry *e), void *ctx,
                  struct mm_err *err);

/* Serialisations of one entry (appended to sb, without a trailing newline). */
void auditlog_format_json(const struct auditlog_entry *e, struct strbuf *sb);
/* RFC 5424 line; `host` is the HOSTNAME field ("-" if NULL). */
void auditlog_format_syslog(const struct auditlog_entry *e, const char *host, struct strbuf *sb);
/* ArcSight CEF:0 line. */
void auditlog_format_cef(const struct auditlog_entry *e, struct strbuf *sb);

/* ---- time ---- */

/* Current UTC time in the stored format. */
void auditlog_now(char out[AUDITLOG_TIME_LEN]);
/* Stored UTC time → "YYYY-MM-DD HH:MM:SS" in JST (UTC+9); copies the input if unparseable. */
void auditlog_time_jst(const char *utc, char out[AUDITLOG_TIME_LEN]);
/*
 * A user's date argument → stored UTC format. Accepts YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] in
 * JST, or the same ending in Z for UTC. With `end` set, a bare date means the end of that day
 * (the next day's 00:00 JST), so --until 2026-03-31 includes the whole 31st.
 */
int auditlog_parse_time_arg(const char *arg, int end, char out[AUDITLOG_TIME_LEN],
                            struct mm_err *err);

/* ---- keys and checkpoints ---- */

struct auditlog_keypaths {
    char key[4096]; /* secret key: $MAMORI_KEY, else <db file>.key */
    char pub[4096]; /* pinned public key: <db file>.pub, else <$MAMORI_KEY>.pub */
};

/* Where the signing key and the pinned public key of this database live. */
int auditlog_key_paths(struct store *st, struct auditlog_keypaths *out, struct mm_err *err);
/* The same for a database file path (before or without opening it). */
int auditlog_key_paths_for_file(const char *dbfile, struct auditlog_keypaths *out,
                                struct mm_err *err);

/*
 * The public key checkpoints must carry: from `pubarg` (a file or 64 hex digits) when given,
 * else the pin file beside the database. *have = 0 when there is no pin (not an error).
 * `source` receives where the key came from, for messages.
 */
int auditlog_trusted_key(struct store *st, const char *pubarg, unsigned char pk[32], int *have,
                         char *source, size_t size, struct mm_err *err);

/*
 * Makes sure the signing key exists (created with mode 0600 if absent, and its public key
 * pinned) and that it matches the pin. `*created` (if not NULL) is set when a key was made.
 * Refuses (MM_EREFUSED) to make a new key when a pin exists: checkpoints signed by it would
 * be rejected.
 */
int auditlog_key_ensure(const struct auditlog_keypaths *kp, int *created, struct mm_err *err);

/*
 * Reads the pinned public key file. *found = 0 when the file does not exist (not an error).
 */
int auditlog_pin_read(const char *path, unsigned char pk[32], int *found, struct mm_err *err);

/* Parses a public key file or 64 hex digits (for --pubkey). */
int auditlog_pubkey_arg(const char *arg, unsigned char pk[32], struct mm_err *err);

/*
 * Signs the current chain head with the key at kp->key (creating it if needed) and stores the
 * checkpoint. Call inside a write transaction. *seq_out receives the seq signed; when the head
 * was already signed nothing is added and *already is set. An empty log is refused.
 */
int auditlog_checkpoint(struct store *st, const struct auditlog_keypaths *kp, long long *seq_out,
                        int *already, struct mm_err *err);

/* ---- verification ---- */

enum auditlog_break {
    AUDIT_OK = 0,
    AUDIT_BREAK_GAP,          /* an entry is missing (seq jumps) */
    AUDIT_BREAK_ORDER,        /* an entry stands where another belongs (reordered) */
    AUDIT_BREAK_LINK,         /* prev_hash does not match the previous entry's hash */
    AUDIT_BREAK_HASH,         /* content does not match its hash (edited) */
    AUDIT_BREAK_FIELD,        /* a stored field is malformed */
    AUDIT_BREAK_CP_HEAD,      /* a checkpoint's head hash differs from the chain */
    AUDIT_BREAK_CP_BEYOND,    /* a checkpoint names a seq past the end (entries removed) */
    AUDIT_BREAK_CP_SIGNATURE, /* a checkpoint's signature is invalid */
    AUDIT_BREAK_CP_KEY        /* a checkpoint was signed by a key other than the pinned one */
};

struct auditlog_verify_result {
    long long entries;     /* entries checked */
    long long checkpoints; /* checkpoints checked */
    long long head_seq;    /* last seq (0 for an empty log) */
    char head_hash[AUDITLOG_HASH_HEX];
    long long last_checkpoint_seq; /* 0 when none */
    enum auditlog_break kind;      /* AUDIT_OK when intact */
    long long broken_seq;          /* the first broken entry, or the checkpoint's seq */
    char what[768];                /* Japanese explanation of the break */
};

/* Japanese name of a break kind (static text). */
const char *auditlog_break_name(enum auditlog_break k);

/*
 * Walks every entry and checkpoint in seq order with constant memory and stops at the first
 * break. `pinned` (32 bytes) is the trusted public key; when NULL, every checkpoint must carry
 * the key of the first checkpoint. Returns MM_OK whether or not the log is intact (see
 * res->kind); an error code only when the database could not be read.
 */
int auditlog_verify(struct store *st, const unsigned char *pinned,
                    void (*progress)(void *ctx, long long done, long long total), void *ctx,
                    struct auditlog_verify_result *res, struct mm_err *err);

/* ---- whole-database checks (SQLite) ---- */

/* PRAGMA integrity_check and foreign_key_check; each problem goes to `p`. */
int auditlog_db_integrity(struct store *st, struct mm_problems *p, struct mm_err *err);
int auditlog_db_foreign_keys(struct store *st, struct mm_problems *p, struct mm_err *err);

#endif
