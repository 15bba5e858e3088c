/*
 * snapshot_fields.h — internal to src/io/snapshot_*.c: the snapshot contract (docs/snapshot.md)
 * as data. Each section (departments, people …) lists its fields in the documented order with
 * type, whether required, and which check applies; export, validation and import all walk
 * these tables, so a field is added in one place. Also small helpers they share.
 */
#ifndef MM_SNAPSHOT_FIELDS_H
#define MM_SNAPSHOT_FIELDS_H

#include <stddef.h>

#include "io/snapshot.h"
#include "util/err.h"

enum snap_type {
    SNAP_TEXT, /* JSON string, SQL TEXT */
    SNAP_INT,  /* JSON integer, SQL INTEGER */
    SNAP_BOOL  /* JSON true/false, SQL INTEGER 0/1 */
};

enum snap_check {
    CK_NONE,
    CK_NONEMPTY,  /* text that may not be "" */
    CK_ID,        /* 1–64 of [A-Za-z0-9._-] */
    CK_DATE,      /* YYYY-MM-DD, a real calendar date */
    CK_DATETIME,  /* YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM */
    CK_ENUM,      /* a code of the lookup table `arg` (enum snap_lookup) */
    CK_REF,       /* the id of an element of target `arg` (enum snap_target) */
    CK_SCOPE,     /* role_assignments.scope_id: a department or system, by scope_type */
    CK_RETENTION, /* 1y … 99y, permanent, while_in_use */
    CK_POSITIVE,  /* integer ≥ 1 */
    CK_EMAIL,     /* local@domain without spaces */
    CK_ORG_KIND,  /* one of snap_org_kinds */
    CK_CLAUSE     /* a 推奨事項 of the catalog (catalog_clause.recommended), normalised */
};

/* The database lookup tables enumerations are checked against (read at import time). */
enum snap_lookup {
    LK_DOMAIN,
    LK_HOSTING,
    LK_EMPLOYMENT,
    LK_PERSON_STATUS,
    LK_LEVEL,
    LK_SCOPE_TYPE,
    LK_ROLE,
    LK_MEDIUM,
    LK_CONF,
    LK_INTEG,
    LK_AVAIL,
    LK_ACCOUNT_STATUS,
    LK_EXTERNAL,
    LK_PURPOSE,
    LK_SANITIZATION,
    LK_CARRIER,
    LK_DEVICE_KIND,
    LK_OWNERSHIP,
    LK_DEVICE_LOCATION,
    LK_USB,
    LK_ACCESS_CONTROL,
    LK_CONTRACT_ITEM,
    LK_SERVICE_MODEL,
    LK_TRAINING_KIND,
    LK_COUNT
};

struct snap_lookup_def {
    const char *sql;  /* fixed query: code, label in the order messages list them */
    const char *noun; /* 「機密性の区分」: what a code of this table is called in messages */
};
extern const struct snap_lookup_def snap_lookups[LK_COUNT];

/* What a CK_REF field points at. */
enum snap_target {
    TG_DEPARTMENT,
    TG_PERSON,
    TG_SYSTEM,
    TG_BODY,
    TG_ASSET,
    TG_AREA,
    TG_SOFTWARE,
    TG_CONTRACTOR,
    TG_CONTRACT,
    TG_COUNT
};

struct snap_target_def {
    const char *noun;  /* 「部署」 */
    const char *where; /* 「departments」: where such ids are defined, for messages */
};
extern const struct snap_target_def snap_targets[TG_COUNT];

enum {
    SF_REQUIRED = 1, /* present and not null */
    SF_DEFAULT = 2   /* optional in JSON, NOT NULL in SQL: absent/null means `def` (`tdef` for text) */
};

struct snap_field {
    const char *key;
    enum snap_type type;
    unsigned flags;
    enum snap_check check;
    int arg;       /* enum snap_lookup for CK_ENUM, enum snap_target for CK_REF */
    long long def; /* for SF_DEFAULT */
    const char *tdef; /* for SF_DEFAULT on a SNAP_TEXT field */
};

/*
 * A list nested in each element of a section (managed_areas[].permitted, devices[].software …),
 * stored in a child table keyed by the element's id. A `plain` list holds bare values checked
 * by fields[0] ([person ids], [contract_item codes]); otherwise it holds objects with `fields`.
 * Either way fields[0] is the value a list is sorted by and that may not repeat in one list.
 * select_sql returns the parent's id, then the fields' columns; insert_sql takes the same.
 * Nested lists may be omitted in JSON (meaning empty); export always writes them.
 */
struct snap_nested {
    const char *key;  /* "permitted" */
    const char *noun; /* 「入室を許可された職員等」, for messages */
    int plain;
    const struct snap_field *fields;
    size_t nfields;
    const char *select_sql;
    const char *insert_sql;
};

/*
 * A list of the snapshot: a top-level array (departments …) or an array inside organization
 * (bodies …). select_sql returns the fields' columns in field order; insert_sql takes them in
 * field order (CK_SCOPE takes two placeholders: department, then system), followed, for
 * positional lists, by the 1-based position.
 */
struct snap_section {
    const char *key;      /* JSON key: "people" */
    const char *path;     /* JSON path of the array: "$.people" */
    const char *noun;     /* 「職員等」, for progress and summaries */
    const struct snap_field *fields;
    size_t nfields;
    int positional;       /* kept in file order (organization lists) rather than sorted by id */
    int defines;          /* enum snap_target its first field defines, or -1 */
    const char *select_sql;
    const char *insert_sql;
    const char *entity;   /* change-log entity type: the array's singular name, "person" */
    int optional;         /* may be absent (added within version 1): absent means empty */
    const struct snap_nested *nested; /* lists inside each element, after the fields */
    size_t nnested;
};

enum {
    SEC_DEPARTMENTS,
    SEC_PEOPLE,
    SEC_SYSTEMS,
    SEC_ROLES,
    SEC_ASSETS,
    SEC_ACCOUNTS,
    /* added within version 1 with schema 004; optional on import */
    SEC_CONNECTIONS,
    SEC_AREAS,
    SEC_DEVICES,
    SEC_SOFTWARE,
    SEC_CONTRACTORS,
    SEC_CONTRACTS,
    SEC_CLOUD,
    SEC_TRAINING,
    SEC_COUNT
};
extern const struct snap_section snap_sections[SEC_COUNT]; /* in top-level key order */

enum { OL_BODIES, OL_EXCLUDED, OL_INCLUSIONS, OL_RECOMMENDATIONS, OL_COUNT };
extern const struct snap_section snap_org_lists[OL_COUNT]; /* in organization key order */

/* organization's scalar fields, then its lists and "parameters" follow in that order. */
extern const struct snap_field snap_org_fields[];
extern const size_t snap_org_nfields;
extern const char *const snap_org_select_sql;
extern const char *const snap_org_insert_sql;
extern const char *const snap_org_kinds[]; /* NULL-terminated */

/* Statements that empty the organization and registers, in an order foreign keys accept. */
extern const char *const snap_delete_sql[];
/* One integer: how many organization and register rows the database holds. */
extern const char *const snap_count_sql;

/*
 * The organization as snapshot JSON, read inside the caller's open transaction: export wraps
 * it in a read transaction, import reads the change log's before and after values with it.
 * Without an organization row: MM_EREFUSED if `need_org`, else the registers alone (no
 * "organization" member). Caller json_decref's *out.
 */
int snapshot_read(struct store *st, const struct snapshot_progress *prog, int need_org,
                  json_t **out, struct mm_err *err);

/* Length (1–4) of the well-formed UTF-8 character at s, or 0 if it is not one. */
size_t snap_utf8_seq(const char *s, size_t avail);
/* Whether `s` (of `len` bytes) is well-formed UTF-8. */
int snap_utf8_valid(const char *s, size_t len);

/*
 * Writes `s` into buf for quoting in a message: at most about `max` bytes, cut at a
 * character boundary with "…" appended when cut. Returns buf.
 */
const char *snap_clip(const char *s, char *buf, size_t bufsize, size_t max);

int snap_is_id(const char *s);
int snap_is_date(const char *s);
int snap_is_datetime(const char *s);
int snap_is_retention(const char *s);
int snap_is_email(const char *s);

/*
 * A string → index map (open addressing). Keys are copied. Memory exhaustion aborts, as
 * strbuf does: the import cannot continue meaningfully then.
 */
struct snap_index {
    struct snap_slot {
        char *key;
        size_t val;
    } *slots;
    size_t cap, len;
};
/* Adds key → val; returns 1 if added, 0 if the key was there (its value in *existing). */
int snap_index_put(struct snap_index *ix, const char *key, size_t val, size_t *existing);
/* Returns 1 and sets *val if key is present. */
int snap_index_get(const struct snap_index *ix, const char *key, size_t *val);
void snap_index_free(struct snap_index *ix);

#endif
