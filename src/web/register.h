/*
 * register.h — the registers (台帳) as data: one descriptor per register names its table, its
 * columns (Japanese label, kind, what the list and forms do with it) and how a row's authz
 * target is found. The engine over the descriptors lists (authz filter, exact-match filters,
 * full-text search, sort, paging), reads one row, validates input field by field in Japanese
 * and writes a row with its change-log entry. The HTML pages (page_registers.c) and the JSON
 * API (api_registers.c) are thin layers over it.
 *
 * SQL identifiers come only from these compiled tables, chosen by exact match; every value is
 * bound. Ownership: rows from reg_get are freed with reg_row_free.
 */
#ifndef MM_WEB_REGISTER_H
#define MM_WEB_REGISTER_H

#include <jansson.h>
#include <stddef.h>

#include "auditlog/auditlog.h"
#include "authz/authz.h"
#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"

#define REG_MAXCOL 32
#define REG_MAXFILTER 8
#define REG_VALUE_MAX 1024  /* longest value a form or the API may give (bytes) */
#define REG_PER_DEFAULT 50
#define REG_PER_MAX 500

enum reg_kind { REG_TEXT, REG_INT, REG_BOOL, REG_DATE, REG_CODE, REG_REF };

enum {
    REG_REQUIRED = 1, /* must have a value */
    REG_LIST = 2,     /* shown as a list column */
    REG_SORT = 4,     /* the list may be sorted by it */
    REG_FILTER = 8,   /* f_<name> exact-match filter (code and reference columns) */
    REG_SEARCH = 16,  /* part of the full-text search body (must match 008_search.sql) */
    REG_EDIT = 32,    /* set by the create and edit forms */
};

struct reg_col {
    const char *name;  /* SQL column */
    const char *label; /* Japanese */
    enum reg_kind kind;
    unsigned flags;
    const char *ref;   /* REG_CODE: lookup table (code, label); REG_REF: a reg_ref name */
    long long min, max; /* REG_INT range */
};

/* A referenced table: its name column, and the register its detail page belongs to. */
struct reg_ref {
    const char *name;       /* "person", "department", … */
    const char *table;
    const char *label_col;  /* "name" or "title" */
    const char *reg;        /* register code for links, or NULL */
};

struct reg_desc {
    const char *code;  /* the authz resource and the URL segment */
    const char *table;
    const char *label; /* Japanese name of the register */
    const char *title_col;
    const char *id_hint; /* example of an id for the create form */
    /* The authz target: columns of the row (NULL = none). dept_via_person: a person column
     * whose department stands for the row's when dept_col is NULL or empty. All NULL: the
     * register is not tied to a department (read with any grant, write with an 'all' grant). */
    const char *dept_col, *dept_via_person, *sys_col, *person_col;
    const struct reg_col *cols; /* cols[0] is the id */
    size_t ncols;
};

extern const struct reg_desc *const reg_all[];
extern const size_t reg_count;

const struct reg_desc *reg_find(const char *code);
const struct reg_col *reg_col_find(const struct reg_desc *d, const char *name);
const struct reg_ref *reg_ref_find(const char *name);
int reg_scoped(const struct reg_desc *d);

/* ---- list queries ---- */

struct reg_query {
    char q[256];                  /* search text ("" none) */
    const struct reg_col *sort;   /* NULL: by id */
    int desc;
    long long page, per;          /* 1-based page; per 0 = every row (downloads) */
    size_t nfilters;
    const struct reg_col *fcol[REG_MAXFILTER];
    char fval[REG_MAXFILTER][128];
};

/* Reads q, sort, order, page, per and f_<col> through get(); a bad value is ignored (the
 * default used) rather than refused, as a list link may be stale. */
void reg_query_parse(const struct reg_desc *d,
                     int (*get)(const void *ctx, const char *name, char *out, size_t size),
                     const void *ctx, struct reg_query *q);

/* One row as read: raw values (NULL for SQL NULL), display text (labels for codes and
 * references, else NULL), and the authz target. Borrowed during a callback. */
struct reg_row {
    size_t n;
    char *raw[REG_MAXCOL];
    char *disp[REG_MAXCOL];
    char *dept, *sys, *person;
};

/*
 * Counts and lists the rows matching q that the principal may `action`; fn gets each row of
 * the page (all rows when q->per == 0). *total receives the count.
 */
int reg_list(struct store *st, const struct authz_principal *who, const struct reg_desc *d,
             const struct reg_query *q, long long *total,
             int (*fn)(void *ctx, const struct reg_row *r), void *ctx, struct mm_err *err);

/* One row by id: *found = 0 when none. The row is owned by the caller (reg_row_free). */
int reg_get(struct store *st, const struct reg_desc *d, const char *id, struct reg_row *out,
            int *found, struct mm_err *err);
void reg_row_free(struct reg_row *r);
void reg_row_target(const struct reg_row *r, struct authz_target *t);

/* Whether the principal may do action on a row (scoped or not). */
int reg_allows(const struct authz_principal *who, const struct reg_desc *d,
               enum authz_action action, const struct reg_row *r);

/* The row as a JSON object: raw values typed (int, bool as 0/1, text), plus <col>_label for
 * codes and references. */
json_t *reg_row_json(const struct reg_desc *d, const struct reg_row *r, int labels);

/* ---- input, validation, writing ---- */

struct reg_input {
    int present[REG_MAXCOL];
    char val[REG_MAXCOL][REG_VALUE_MAX];
};

struct reg_errors {
    size_t n;
    char msg[REG_MAXCOL][256]; /* per column ("" = fine) */
    char general[256];
};

/*
 * Merges input over `before` (NULL = a new row) and checks every editable field and the id of
 * a new row: required, formats, real dates, ranges, codes and references that exist, a unique
 * id, and that the resulting row lies inside the principal's WRITE reach. Returns MM_OK with
 * e->n == 0 when valid (`merged` then holds the full row), or an error code on a database
 * failure.
 */
int reg_validate(struct store *st, const struct authz_principal *who, const struct reg_desc *d,
                 const struct reg_row *before, const struct reg_input *in,
                 struct reg_input *merged, struct reg_errors *e, struct mm_err *err);

/*
 * Writes the merged row (insert when before is NULL, else update) and one change-log entry
 * with before/after JSON, in one write transaction; rolls back on any failure.
 */
int reg_save(struct store *st, const struct audit_actor *actor, const struct reg_desc *d,
             const struct reg_row *before, const struct reg_input *merged, struct mm_err *err);

/* The options of a code or reference column for a select: fn(code, label). Reference
 * options are limited to `limit` rows (0 = no limit). */
int reg_options(struct store *st, const struct reg_col *c, long long limit,
                void (*fn)(void *ctx, const char *code, const char *label), void *ctx,
                struct mm_err *err);

/* How many options reg_options would give, counted up to cap + 1 only (-1 on a database
 * error): enough to decide between a select and a typed id without counting a large table. */
long long reg_options_count(struct store *st, const struct reg_col *c, long long cap);

/* Date text for display (和暦 for REG_DATE, はい/いいえ for REG_BOOL, label or raw else). */
void reg_display(const struct reg_col *c, const char *raw, const char *disp, char *buf,
                 size_t size);

/* ---- the HTML pages (page_registers.c, register_form.c, register_export.c) ---- */

struct web_ctx;
/* The register named by the URL segment, after the READ check for the resource: NULL when
 * the answer (404 / 403) has been given. */
const struct reg_desc *reg_page_register(struct web_ctx *c, const char *code);
/* Reads the list query fields of the request's query string. */
void reg_page_query(struct web_ctx *c, const struct reg_desc *d, struct reg_query *q);
/* Appends `name=value` percent-encoded (with a leading & when sb is not empty). */
void reg_url_param(struct strbuf *sb, const char *name, const char *value);
void reg_page_new(struct web_ctx *c, char *const *args);
void reg_page_new_post(struct web_ctx *c, char *const *args);
void reg_page_edit(struct web_ctx *c, char *const *args);
void reg_page_edit_post(struct web_ctx *c, char *const *args);
void reg_page_export(struct web_ctx *c, char *const *args);

#endif
