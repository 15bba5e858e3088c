/*
 * approval_route.c — resolving a kind's route to people: each step's role is looked up in its
 * scope (全庁, the requester's 課室 or 部局, the system concerned or its 部局) among the role
 * assignments valid on the day; where the holder is the requester (兼務の禁止, 1.(8)①) or
 * nobody holds the role, the step moves up request_escalation, and stops with a message when
 * there is nobody above.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approval/approval_impl.h"

void approval_route_free(struct approval_route *r)
{
    free(r->steps);
    r->steps = NULL;
    r->n = 0;
}

static const char *role_label(struct store *st, const char *role, char *buf, size_t size)
{
    struct mm_err e;
    if (ap_text(st, "SELECT label FROM role WHERE code = ?", buf, size, NULL, &e, "s", role) ||
        !buf[0])
        snprintf(buf, size, "%s", role);
    return buf;
}

#define HOLDER_VALID \
    " AND r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?)" \
    " AND p.status <> 'retired' ORDER BY r.valid_from DESC, r.id LIMIT 1"

/* The holder of `role` for one department (exactly that department). */
static int holder_in_department(struct store *st, const char *role, const char *dept,
                                const char *today, char *out, size_t size, struct mm_err *err)
{
    return ap_text(st,
                   "SELECT r.person_id FROM role_assignment r JOIN person p ON p.id = r.person_id "
                   "WHERE r.role = ? AND r.scope_department_id = ?" HOLDER_VALID,
                   out, size, NULL, err, "ssss", role, dept, today, today);
}

/* The holder of `role` for a department or, failing that, the nearest department above it. */
static int holder_up_from(struct store *st, const char *role, const char *dept, const char *today,
                          char *out, size_t size, struct mm_err *err)
{
    char cur[APPROVAL_ID_MAX];
    snprintf(cur, sizeof cur, "%s", dept ? dept : "");
    out[0] = '\0';
    for (int depth = 0; cur[0] && depth < 12; depth++) {
        int rc = holder_in_department(st, role, cur, today, out, size, err);
        if (rc || out[0])
            return rc;
        char parent[APPROVAL_ID_MAX];
        rc = ap_text(st, "SELECT parent_id FROM department WHERE id = ?", parent, sizeof parent,
                     NULL, err, "s", cur);
        if (rc)
            return rc;
        snprintf(cur, sizeof cur, "%s", parent);
    }
    return MM_OK;
}

struct ctx {
    const char *requester, *dept, *system, *system_dept, *today;
};

static int find_holder(struct store *st, const struct ctx *c, const char *role, const char *scope,
                       char *out, size_t size, struct mm_err *err)
{
    out[0] = '\0';
    if (strcmp(scope, "organization") == 0)
        return ap_text(st,
                       "SELECT r.person_id FROM role_assignment r JOIN person p "
                       "ON p.id = r.person_id WHERE r.role = ? AND r.scope_type = 'organization'"
                       HOLDER_VALID,
                       out, size, NULL, err, "sss", role, c->today, c->today);
    if (strcmp(scope, "system") == 0)
        return c->system ? ap_text(st,
                                   "SELECT r.person_id FROM role_assignment r JOIN person p "
                                   "ON p.id = r.person_id WHERE r.role = ? "
                                   "AND r.scope_system_id = ?" HOLDER_VALID,
                                   out, size, NULL, err, "ssss", role, c->system, c->today,
                                   c->today)
                         : MM_OK;
    if (strcmp(scope, "system_bukyoku") == 0)
        return holder_up_from(st, role, c->system_dept, c->today, out, size, err);
    return holder_up_from(st, role, c->dept, c->today, out, size, err); /* requester_* */
}

static const char *scope_label(const char *scope)
{
    static const char *const t[][2] = {{"organization", "全庁"},
                                       {"requester_kashitsu", "申請者の課室"},
                                       {"requester_bukyoku", "申請者の部局"},
                                       {"system", "申請の情報システム"},
                                       {"system_bukyoku", "情報システムを所管する部局"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(t[i][0], scope) == 0)
            return t[i][1];
    return scope;
}

/* Resolves one route row to a person, escalating as needed; fills step. */
static int resolve_one(struct store *st, const struct ctx *c, const char *role0,
                       const char *scope0, struct approval_step *step, struct mm_err *err)
{
    char role[32], scope[32], who[APPROVAL_ID_MAX], lab[160];
    snprintf(role, sizeof role, "%s", role0);
    snprintf(scope, sizeof scope, "%s", scope0);
    snprintf(step->route_role, sizeof step->route_role, "%s", role0);
    step->escalation[0] = '\0';
    for (int hop = 0; hop < 8; hop++) {
        int rc = find_holder(st, c, role, scope, who, sizeof who, err);
        if (rc)
            return rc;
        int self = who[0] && strcmp(who, c->requester) == 0;
        if (who[0] && !self) {
            snprintf(step->role, sizeof step->role, "%s", role);
            snprintf(step->scope, sizeof step->scope, "%s", scope);
            snprintf(step->person_id, sizeof step->person_id, "%s", who);
            ap_text(st, "SELECT name FROM person WHERE id = ?", step->person_name,
                    sizeof step->person_name, NULL, err, "s", who);
            return MM_OK;
        }
        char why[300];
        role_label(st, role, lab, sizeof lab);
        if (self)
            snprintf(why, sizeof why, "%s（%s）は申請者本人のため（兼務の禁止 1.(8)①）", lab,
                     scope_label(scope));
        else
            snprintf(why, sizeof why, "%s（%s）を担う職員がいないため", lab, scope_label(scope));
        char next[32], nscope[32];
        int found = 0;
        rc = ap_text(st, "SELECT next_role FROM request_escalation WHERE role = ?", next,
                     sizeof next, &found, err, "s", role);
        if (!rc && found)
            rc = ap_text(st, "SELECT next_scope FROM request_escalation WHERE role = ?", nscope,
                         sizeof nscope, NULL, err, "s", role);
        if (rc)
            return rc;
        if (!found)
            return mm_err_set(err, MM_EREFUSED,
                              "この申請を決定できる人がいません: %sで、上位の役割もありません。"
                              "役割の割当てを見直すか、申請者を変えてください",
                              why);
        size_t used = strlen(step->escalation);
        char up[160];
        role_label(st, next, up, sizeof up);
        snprintf(step->escalation + used, sizeof step->escalation - used, "%s%s、%sへ回しました",
                 used ? "。" : "", why, up);
        snprintf(role, sizeof role, "%s", next);
        snprintf(scope, sizeof scope, "%s", nscope);
    }
    return mm_err_set(err, MM_EINTERNAL, "役割の上位をたどれません（request_escalation の循環）");
}

int approval_resolve(struct store *st, const char *kind, const char *requester_id,
                     const struct approval_value *values, size_t nvalues, const char *today,
                     struct approval_route *out, struct mm_err *err)
{
    memset(out, 0, sizeof *out);
    char dept[APPROVAL_ID_MAX], sysdept[APPROVAL_ID_MAX];
    int rc = ap_text(st, "SELECT department_id FROM person WHERE id = ?", dept, sizeof dept, NULL,
                     err, "s", requester_id ? requester_id : "");
    if (rc)
        return rc;
    const char *system = ap_value(values, nvalues, "system");
    rc = ap_text(st, "SELECT department_id FROM system WHERE id = ?", sysdept, sizeof sysdept,
                 NULL, err, "s", system ? system : "");
    if (rc)
        return rc;
    struct ctx c = {requester_id ? requester_id : "", dept, system, sysdept, today};
    struct store_stmt *s;
    rc = ap_prepare(st,
                    "SELECT step, role, scope, mode, when_field, when_test, when_value "
                    "FROM request_route WHERE kind = ? ORDER BY step, role, scope",
                    &s, err, "s", kind);
    if (rc)
        return rc;
    size_t cap = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (store_col_text(s, 4)) {
            int hit = 0;
            rc = ap_test(st, store_col_text(s, 5), ap_value(values, nvalues, store_col_text(s, 4)),
                         store_col_text(s, 6), &hit, err);
            if (rc)
                break;
            if (!hit)
                continue;
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 4;
            out->steps = realloc(out->steps, cap * sizeof *out->steps);
        }
        struct approval_step *p = &out->steps[out->n];
        memset(p, 0, sizeof *p);
        p->step = (int)store_col_int(s, 0);
        snprintf(p->mode, sizeof p->mode, "%s", store_col_text(s, 3));
        char r[32], sc[32];
        snprintf(r, sizeof r, "%s", store_col_text(s, 1));
        snprintf(sc, sizeof sc, "%s", store_col_text(s, 2));
        rc = resolve_one(st, &c, r, sc, p, err);
        if (rc)
            break;
        snprintf(p->route_role, sizeof p->route_role, "%s", r);
        snprintf(p->scope, sizeof p->scope, "%s", sc);
        out->n++;
    }
    store_finalize(s);
    if (rc != STORE_DONE) {
        approval_route_free(out);
        return rc ? rc : MM_EINTERNAL;
    }
    if (!out->n)
        return mm_err_set(err, MM_EREFUSED, "申請の種類「%s」には経路がありません", kind);
    return MM_OK;
}

int ap_store_route(struct store *st, long long id, int round, const struct approval_route *r,
                   const char *kind_label, struct mm_err *err)
{
    int first = r->n ? r->steps[0].step : 0;
    for (size_t i = 0; i < r->n; i++) {
        const struct approval_step *p = &r->steps[i];
        int rc = ap_exec(st,
                         "INSERT INTO request_approval (request_id, round, step, role, route_role, "
                         "scope, mode, person_id, escalation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         err, "iiissssss", id, (long long)round, (long long)p->step, p->role,
                         p->route_role, p->scope, p->mode, p->person_id,
                         p->escalation[0] ? p->escalation : NULL);
        if (!rc && p->step == first) {
            char msg[400];
            snprintf(msg, sizeof msg, "申請 #%lld「%s」の決定をお願いします", id, kind_label);
            rc = ap_notify(st, p->person_id, id, msg, err);
        }
        if (rc)
            return rc;
    }
    return MM_OK;
}
