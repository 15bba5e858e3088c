/*
 * params.h — the local parameters (ローカルパラメータ) a municipality may set: password length,
 * attempt limit, intervals, retention periods …  Their definitions (key, type, default, clause,
 * label) are data in data/params/parameters.tsv, embedded in the binary; a body's own values
 * are rows of org_parameter and override the defaults.
 *
 * The definitions are parsed once, on first use, into static storage that lives until the
 * process ends: every `const struct param_def *` returned here is never freed by the caller.
 */
#ifndef MM_PARAMS_H
#define MM_PARAMS_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

enum param_type {
    PARAM_INT,  /* a decimal integer, 0 or more, written without sign or leading zeros */
    PARAM_TEXT, /* any non-empty text */
    PARAM_BOOL  /* "true" or "false" */
};

struct param_def {
    const char *key;           /* "password_min_length" */
    enum param_type type;
    const char *default_value; /* as text, valid for `type` */
    const char *clause;        /* the 対策基準 clause it belongs to, e.g. "6.2(1)③" */
    const char *label;         /* Japanese description */
    int line;                  /* line of data/params/parameters.tsv */
};

/* All definitions in file order. Fails only if the embedded table is malformed. */
int params_list(const struct param_def **defs, size_t *n, struct mm_err *err);

/* The definition of `key`, or NULL when mamori knows no such parameter. */
const struct param_def *params_find(const char *key);

/* 「整数」「文字列」「真偽値」 */
const char *params_type_name(enum param_type type);

/*
 * Checks that `value` is a valid value for `def`. On failure returns MM_EINPUT with a Japanese
 * message in err (naming the expected form, not the key: callers add where it came from).
 */
int params_check(const struct param_def *def, const char *value, struct mm_err *err);

/*
 * The effective value of `key` for the organization in `st`: its org_parameter row, else the
 * default. *value is a new string the caller frees. An unknown key is MM_EINPUT.
 */
int params_get(struct store *st, const char *key, char **value, struct mm_err *err);

/* params_get for PARAM_INT / PARAM_BOOL parameters, converted. A wrong type is MM_EINTERNAL. */
int params_get_int(struct store *st, const char *key, long long *out, struct mm_err *err);
int params_get_bool(struct store *st, const char *key, int *out, struct mm_err *err);

#endif
