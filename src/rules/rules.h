/*
 * rules.h — the compliance rules: one embedded `data/rules/<ID>.sql` per rule, a header naming
 * the clauses, severity, title, action and responsible role, and one SELECT returning the
 * violating rows (docs/rules.md). This module parses and validates rule files, builds the
 * parameters they bind, and keeps the catalog's coverage table in step with the rule headers.
 * The engine that runs them is check.h.
 */
#ifndef MM_RULES_H
#define MM_RULES_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

#define RULES_PREFIX "data/rules/"

enum rule_severity { SEV_LOW = 1, SEV_MEDIUM = 2, SEV_HIGH = 3, SEV_CRITICAL = 4 };

/* "critical" … "low" → the enum; returns 0, or -1 for anything else. */
int rule_severity_parse(const char *s, enum rule_severity *out);
const char *rule_severity_code(enum rule_severity s);  /* "high" */
const char *rule_severity_label(enum rule_severity s); /* 「高」 */

/*
 * One parsed rule. Every string is owned by the rule (rule_free releases them). `sql` is the
 * SELECT with each `:name` replaced by `?`; params[i] is the name bound to the i-th `?`.
 */
struct rule {
    char *file; /* "data/rules/ACC-001.sql" */
    char *id;
    char **clauses; /* normalised clause ids, in header order */
    size_t nclauses;
    enum rule_severity severity;
    char *title, *action;
    char *responsible; /* a role code */
    char *requires;    /* a 推奨事項 clause id (normalised), or NULL */
    char *sql;
    char **params;
    int *param_lines; /* line of the file where params[i] is written */
    size_t nparams;
    int sql_line; /* line of the file where the SELECT starts */
    int clauses_line, responsible_line, requires_line; /* header lines, for messages */
};

void rule_free(struct rule *r);

/*
 * Parses the text of one rule file without touching a database: header keys, required keys,
 * severity, clause id syntax, id = file name, exactly one SELECT, parameters rewritten to `?`.
 * Errors are MM_EINPUT with a Japanese message that starts with "file:line: ".
 */
int rule_parse(const char *file, const char *text, struct rule *out, struct mm_err *err);

/*
 * Rewrites `:name` parameters of `sql` to `?`, leaving string literals, quoted identifiers,
 * comments and `::` casts untouched. *out is a new string, *names a new array of new strings
 * and *lines (unless `lines` is NULL) a new array giving the 1-based line of `sql` each name
 * is on; the caller frees them. *n receives how many.
 */
void rule_rewrite_params(const char *sql, char **out, char ***names, int **lines, size_t *n);

/* The loaded rules, sorted by id. Owns every rule; free with rule_set_free. */
struct rule_set {
    struct rule *v;
    size_t n;
};
void rule_set_free(struct rule_set *set);
const struct rule *rule_set_find(const struct rule_set *set, const char *id);

/*
 * Checks a parsed rule against the database: the responsible role exists in `role`, every
 * clause (and `requires`) exists in the current catalog revision (`requires` as a 推奨事項),
 * and every parameter is known (see rule_params_known). MM_EINPUT naming the file and line.
 */
int rule_validate(struct store *st, const struct rule *r, struct mm_err *err);

/*
 * Parses and validates every embedded data/rules/<ID>.sql into *set (sorted by id). Duplicate ids
 * are refused. On error *set is left empty.
 */
int rules_load(struct store *st, struct rule_set *set, struct mm_err *err);

/*
 * Makes catalog_coverage rows of kind 'rule' match the headers of the embedded rules that
 * parse and validate (one row per rule and clause, current revision). Writes only when they
 * differ, in one transaction; a rule file with errors is left out (`mamori check` reports it).
 */
int rules_sync_coverage(struct store *st, struct mm_err *err);

/* ---- parameters ---- */

enum rule_param_kind { RP_TEXT, RP_INT };

struct rule_param {
    char *name; /* without the colon */
    enum rule_param_kind kind;
    char *text;   /* RP_TEXT */
    long long iv; /* RP_INT (booleans are 1/0) */
};

/* The values rules may bind, sorted by name. Owns its strings; free with rule_params_free. */
struct rule_params {
    struct rule_param *v;
    size_t n;
    char today[11];             /* YYYY-MM-DD */
};

/*
 * Builds the parameters for a check on `as_of` (YYYY-MM-DD; NULL = today's local date): every
 * key of data/params/parameters.tsv with its effective value (int → integer, bool → 1/0,
 * text → text), `today`, `fiscal_year` (integer), `fiscal_year_start` (YYYY-04-01) and, for
 * each int parameter ending in `_days` or `_months`, `<key>_cutoff` = as_of minus that period
 * (a month back from the 31st lands on the month's last day). Reads org_parameter.
 */
int rule_params_build(struct store *st, const char *as_of, struct rule_params *out,
                      struct mm_err *err);
void rule_params_free(struct rule_params *p);
const struct rule_param *rule_params_find(const struct rule_params *p, const char *name);

/* Whether `name` is a parameter rules may use (defined key or computed name). */
int rule_params_known(const char *name);

/* Date arithmetic on YYYY-MM-DD (valid input assumed); out receives 11 bytes. */
void date_minus_days(const char *iso, long long days, char out[11]);
void date_minus_months(const char *iso, long long months, char out[11]);

#endif
