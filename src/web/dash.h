/*
 * dash.h — the data behind the dashboard, findings, check-run and catalog pages and their
 * JSON API: the latest full-scope check run, findings filtered by what the user may read
 * (authz resource `finding`, target = the finding's department and system, and for the 'own'
 * reach the person a finding is about), aggregates made with GROUP BY on one run, and the
 * rules' headers (parsed once from the embedded data/rules files).
 *
 * Every query binds its values; identifiers (sort columns) come from tables in dash.c chosen by
 * exact match. Strings in the structs below are owned by the struct (freed by its *_free).
 */
#ifndef MM_WEB_DASH_H
#define MM_WEB_DASH_H

#include <jansson.h>
#include <stddef.h>

#include "authz/authz.h"
#include "rules/rules.h"
#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"

#define DASH_FULL_SCOPE "all"
#define DASH_SECTIONS 9 /* 対策基準 1 … 9 */

/* ---- rules ---- */

/* The rule with this id (parsed once from the embedded files), or NULL. Thread-safe. */
const struct rule *dash_rule(const char *id);
/* All rules, sorted by id. */
size_t dash_rule_count(void);
const struct rule *dash_rule_at(size_t i);
/* The 対策基準 section (1 … 9) of a clause id ("6.2(1)②" → 6), 0 when it has none. */
int dash_clause_section(const char *clause);
/* The section of a rule: that of its first clause. */
int dash_rule_section(const struct rule *r);

/* ---- labels ---- */

const char *dash_severity_label(const char *code); /* "high" → 「高」 */
int dash_severity_rank(const char *code);         /* critical 4 … low 1, 0 unknown */
const char *dash_entity_label(const char *type);   /* "account" → 「アカウント」 */
/* Whether /r/{type} is a register page (the entity can be linked). */
int dash_entity_has_register(const char *type);
/* Appends s percent-encoded as one URL path segment or query value. */
void dash_url_escape(struct strbuf *sb, const char *s);

/* ---- runs ---- */

struct dash_run {
    long long id, prev_id; /* prev_id: the run before it in the same scope, 0 when none */
    char started_at[32], as_of[11], scope[512], actor[160];
    long long rules_run, findings;
    long long news, resolved; /* against prev_id (filled by dash_run_get and dash_runs) */
};

/* The latest run of the full scope; *found = 0 when none. */
int dash_latest_run(struct store *st, struct dash_run *out, int *found, struct mm_err *err);
/* The same without news/resolved (cheaper: no comparison with the previous run). */
int dash_latest_run_id(struct store *st, struct dash_run *out, int *found, struct mm_err *err);
/* Fills r->news and r->resolved. */
int dash_run_changes(struct store *st, struct dash_run *r, struct mm_err *err);
/* Run `id`; *found = 0 when none. */
int dash_run_get(struct store *st, long long id, struct dash_run *out, int *found,
                 struct mm_err *err);
/* Runs newest first, page (1-based) of `per`; *total receives the count. Caller frees *out. */
int dash_runs(struct store *st, int page, int per, struct dash_run **out, size_t *n,
              long long *total, struct mm_err *err);

/* ---- findings ---- */

struct dash_finding {
    char *fingerprint, *rule_id, *severity, *entity_type, *entity_id, *entity_label;
    char *department_id, *department_name, *system_id, *system_name, *detail;
    char *role, *role_label, *responsible;
    int accepted, is_new;
    long long run_id;
};

struct dash_query {
    long long run_id;  /* the run to list */
    long long prev_id; /* for 新規: the previous run of the same scope (0: all are new) */
    const char *section, *severity, *department, *rule; /* exact filters; NULL or "" = any */
    int only_new, only_accepted, only_open;
    const char *sort; /* a key of the sort table (severity, rule, department, entity) */
    int desc;
    int page, per;
};

struct dash_list {
    struct dash_finding *v;
    size_t n;
    long long total;
};

/* Sort keys offered for findings lists (NULL-terminated), and whether s is one of them. */
extern const char *const dash_sort_keys[];
int dash_sort_ok(const char *s);

int dash_findings(struct store *st, const struct authz_principal *who, const struct dash_query *q,
                  struct dash_list *out, struct mm_err *err);
void dash_list_free(struct dash_list *l);
void dash_finding_free(struct dash_finding *f);

/* The finding's authz target (department, system, and the person when it is about one). */
struct authz_target dash_finding_target(const struct dash_finding *f);

/* The departments that have findings in run `run` the user may read, for a filter's choices:
 * [{"id","name","count"}] in the register's order. */
int dash_finding_departments(struct store *st, const struct authz_principal *who, long long run,
                             json_t **out, struct mm_err *err);

/* The latest stored occurrence of fingerprint fp; *found = 0 when it was never found. */
int dash_finding_latest(struct store *st, const char *fp, struct dash_finding *out, int *found,
                        struct mm_err *err);

/* History of one fingerprint: each run of its scope (first seen … resolved). */
struct dash_history_row {
    long long run_id;
    char started_at[32], as_of[11];
    int seen, accepted;
};
int dash_finding_history(struct store *st, const char *fp, struct dash_history_row **out,
                         size_t *n, struct mm_err *err);

/* Accepted risks recorded for a rule and entity, newest first, as JSON objects. */
int dash_risks(struct store *st, const char *rule, const char *etype, const char *eid,
               json_t **out, struct mm_err *err);

/* ---- the dashboard ---- */

/*
 * The dashboard's figures for this user as a JSON object (owned by the caller):
 * {"run":{…}|null, "total", "open", "accepted", "new", "by_severity":{code:n},
 *  "by_section":[{"section":1,"title":…,"critical":n,…,"total":n}…],
 *  "by_department":[{"id","name","count"}… top 10, then {"id":null,"name":"その他",…}],
 *  "trend":[{"run","as_of","started_at","count"}…], "awaiting":{"count":n,"items":[…≤20]}}
 * Counts are of open findings (not accepted) the user may read. Cached per run and user reach.
 */
int dash_summary(struct store *st, const struct authz_principal *who, const char *today,
                 json_t **out, struct mm_err *err);

/*
 * Runs every rule as `mamori check` does (as_of = today, actor = the user), stores the run,
 * then records one change-log entry for it (create check_run) in its own write transaction.
 * *id receives the run id, *nfindings its number of findings.
 */
struct audit_actor;
int dash_run_check(struct store *st, const struct audit_actor *actor, const char *today,
                   long long *id, size_t *nfindings, struct mm_err *err);

/*
 * The check run named by `arg` (a path segment) for a page or the API: 1 with *out filled when
 * the user may read check runs and it exists; otherwise 0, with 403, 404 or 500 answered.
 */
struct web_ctx;
int dash_run_visible(struct web_ctx *c, const char *arg, struct dash_run *out);

json_t *dash_finding_json(const struct dash_finding *f);
json_t *dash_run_json(const struct dash_run *r);

#endif
