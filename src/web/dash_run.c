/*
 * dash_run.c — running the automated check from the web page or the API, and finding the run
 * a page or API path names (dash.h).
 */
#include <stdio.h>

#include "auditlog/auditlog.h"
#include "rules/check.h"
#include "web/app.h"
#include "web/dash.h"

int dash_run_visible(struct web_ctx *c, const char *arg, struct dash_run *out)
{
    if (!authz_allows(c->who, "check_run", AUTHZ_READ, NULL)) {
        app_deny(c);
        return 0;
    }
    long long id;
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (!app_parse_id(arg, &id)) {
        app_not_found(c);
        return 0;
    }
    if (dash_run_get(c->st, id, out, &found, &err)) {
        app_internal(c, &err);
        return 0;
    }
    if (!found)
        app_not_found(c);
    return found;
}

int dash_run_check(struct store *st, const struct audit_actor *actor, const char *today,
                   long long *id, size_t *nfindings, struct mm_err *err)
{
    struct rule_set set = {0};
    struct check_result res = {0};
    struct check_opts o = {.store = 1, .as_of = today, .actor = actor->id};
    int rc = rules_load(st, &set, err);
    if (!rc)
        rc = check_run(st, &set, &o, &res, err);
    if (!rc) {
        *id = res.run_id;
        *nfindings = res.n;
        char idbuf[32];
        snprintf(idbuf, sizeof idbuf, "%lld", res.run_id);
        json_t *after = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I}", "id", (json_int_t)res.run_id,
                                  "as_of", res.as_of, "scope", res.scope, "rules_run",
                                  (json_int_t)res.rules_run, "findings", (json_int_t)res.n,
                                  "resolved", (json_int_t)res.nresolved);
        rc = store_begin(st, err);
        if (!rc)
            rc = auditlog_append(st, actor, "create", "check_run", idbuf, NULL, after, err);
        if (!rc)
            rc = store_commit(st, err);
        if (rc)
            store_rollback(st);
        json_decref(after);
    }
    check_result_free(&res);
    rule_set_free(&set);
    return rc;
}
