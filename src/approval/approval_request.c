/*
 * approval_request.c — filing a request, deciding it step by step (with 代決), 差戻し and
 * amendment, withdrawal, the end report and renewal. Each operation is one write transaction
 * with its change-log entry; the mail for the inbox notices it made goes out after the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approval/approval_impl.h"

static int log_change(struct store *st, const struct audit_actor *actor, const char *action,
                      long long id, json_t *before, struct mm_err *err)
{
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", id);
    json_t *after = ap_request_json(st, id);
    int rc = auditlog_append(st, actor, action, "request", ids, before, after, err);
    json_decref(after);
    return rc;
}

static int insert_values(struct store *st, long long id, const struct ap_values *v,
                         struct mm_err *err)
{
    int rc = ap_exec(st, "DELETE FROM request_value WHERE request_id = ?", err, "i", id);
    for (size_t i = 0; !rc && i < v->n; i++)
        rc = ap_exec(st, "INSERT INTO request_value (request_id, field, value) VALUES (?, ?, ?)",
                     err, "iss", id, v->v[i].field, v->v[i].value);
    return rc;
}

/* Validation, refusals and route for kind k; fills norm and route. */
static int prepare(struct store *st, const struct approval_kind *k, const char *requester,
                   const struct approval_value *values, size_t n, const char *today,
                   struct ap_values *norm, struct approval_route *route,
                   struct mm_problems *problems, struct mm_err *err)
{
    int rc = ap_validate(st, k, values, n, norm, problems, err);
    if (rc)
        return rc;
    rc = approval_check_refusals(st, k->code, norm->v, norm->n, err);
    if (!rc)
        rc = approval_resolve(st, k->code, requester, norm->v, norm->n, today, route, err);
    if (rc)
        ap_values_free(norm);
    return rc;
}

static int create_in_tx(struct store *st, const struct audit_actor *actor,
                        const struct approval_new *q, const struct approval_kind *k,
                        const struct ap_values *norm, const struct approval_route *route,
                        long long *id_out, struct mm_err *err)
{
    long long id;
    char now[AUDITLOG_TIME_LEN], dept[APPROVAL_ID_MAX], name[128], title[512];
    size_t chars = 0;
    for (const char *p = q->title ? q->title : ""; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80; /* UTF-8 lead bytes: one per character */
    if (chars > APPROVAL_TITLE_MAX)
        return mm_err_set(err, MM_EINPUT, "件名は %d 文字以内にしてください（%zu 文字）",
                          APPROVAL_TITLE_MAX, chars);
    auditlog_now(now);
    int rc = ap_next_id(st, "request", &id, err);
    if (!rc)
        rc = ap_text(st, "SELECT department_id FROM person WHERE id = ?", dept, sizeof dept, NULL,
                     err, "s", q->requester_id);
    if (!rc)
        rc = ap_text(st, "SELECT name FROM person WHERE id = ?", name, sizeof name, NULL, err, "s",
                     q->requester_id);
    if (rc)
        return rc;
    snprintf(title, sizeof title, "%s", q->title && *q->title ? q->title : "");
    if (!title[0])
        snprintf(title, sizeof title, "%s（%s）", k->label, name);
    const char *from = ap_value(norm->v, norm->n, "from");
    rc = ap_exec(st,
                 "INSERT INTO request (id, kind, title, requester_id, department_id, system_id, "
                 "state, round, emergency, valid_from, valid_until, renewal_of, "
                 "risk_acceptance_id, filed_on, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, 'pending', 1, ?, ?, ?, ?, ?, ?, ?, ?)",
                 err, "isssssisssssss", id, k->code, title, q->requester_id, dept[0] ? dept : NULL,
                 ap_value(norm->v, norm->n, "system"), (long long)(q->emergency ? 1 : 0),
                 from ? from : q->today, ap_value(norm->v, norm->n, "until"), NULL, NULL,
                 q->today, now, now);
    if (!rc && q->renewal_of)
        rc = ap_exec(st, "UPDATE request SET renewal_of = ? WHERE id = ?", err, "ii",
                     q->renewal_of, id);
    if (!rc && q->risk_acceptance_id)
        rc = ap_exec(st, "UPDATE request SET risk_acceptance_id = ? WHERE id = ?", err, "ii",
                     q->risk_acceptance_id, id);
    if (!rc)
        rc = insert_values(st, id, norm, err);
    if (!rc)
        rc = ap_store_route(st, id, 1, route, k->label, err);
    if (!rc)
        rc = log_change(st, actor, "create", id, NULL, err);
    *id_out = id;
    return rc;
}

int approval_create(struct store *st, const struct audit_actor *actor, const struct approval_new *q,
                    long long *id_out, struct mm_problems *problems, struct mm_err *err)
{
    struct approval_kind k;
    int rc = ap_need_person(st, q->requester_id, "申請者", err);
    if (!rc)
        rc = approval_kind_load(st, q->kind, &k, err);
    if (rc)
        return rc;
    if (q->emergency && !k.emergency) {
        rc = mm_err_set(err, MM_EINPUT, "「%s」は緊急時の事後決定ができない申請です", k.label);
        approval_kind_free(&k);
        return rc;
    }
    struct ap_values norm;
    struct approval_route route;
    rc = prepare(st, &k, q->requester_id, q->values, q->nvalues, q->today, &norm, &route,
                 problems, err);
    if (rc) {
        approval_kind_free(&k);
        return rc;
    }
    long long mark = ap_last_notice(st);
    rc = store_begin(st, err);
    if (!rc)
        rc = create_in_tx(st, actor, q, &k, &norm, &route, id_out, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    else
        ap_mail_after(st, mark);
    ap_values_free(&norm);
    approval_route_free(&route);
    approval_kind_free(&k);
    return rc;
}

/* ---- the state of one request ---- */

struct req {
    long long id;
    char kind[40], state[16], requester[APPROVAL_ID_MAX], dept[APPROVAL_ID_MAX];
    char until[16], from[16];
    int round;
};

static int load_req(struct store *st, long long id, struct req *r, struct mm_err *err)
{
    memset(r, 0, sizeof *r);
    struct store_stmt *s;
    int rc = ap_prepare(st,
                        "SELECT kind, state, requester_id, COALESCE(department_id, ''), round, "
                        "COALESCE(valid_until, ''), COALESCE(valid_from, '') "
                        "FROM request WHERE id = ?",
                        &s, err, "i", id);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        r->id = id;
        snprintf(r->kind, sizeof r->kind, "%s", store_col_text(s, 0));
        snprintf(r->state, sizeof r->state, "%s", store_col_text(s, 1));
        snprintf(r->requester, sizeof r->requester, "%s", store_col_text(s, 2));
        snprintf(r->dept, sizeof r->dept, "%s", store_col_text(s, 3));
        r->round = (int)store_col_int(s, 4);
        snprintf(r->until, sizeof r->until, "%s", store_col_text(s, 5));
        snprintf(r->from, sizeof r->from, "%s", store_col_text(s, 6));
        rc = MM_OK;
    } else if (rc == STORE_DONE)
        rc = mm_err_set(err, MM_EINPUT, "申請 #%lld はありません", id);
    store_finalize(s);
    return rc;
}

static int refuse_state(const struct req *r, const char *what, struct mm_err *err)
{
    return mm_err_set(err, MM_EREFUSED, "申請 #%lld は「%s」のため%sできません", r->id,
                      approval_state_label(r->state), what);
}

static int is_state(const struct req *r, const char *a, const char *b)
{
    return strcmp(r->state, a) == 0 || (b && strcmp(r->state, b) == 0);
}

/* The lowest step of the round that is not complete (0 when all are). */
static int current_step(struct store *st, const struct req *r, int *step, struct mm_err *err)
{
    long long v = 0;
    int rc = ap_int(st,
                    "SELECT COALESCE(MIN(a.step), 0) FROM request_approval a "
                    "WHERE a.request_id = ? AND a.round = ? AND NOT ("
                    " (a.mode = 'all' AND NOT EXISTS (SELECT 1 FROM request_approval b "
                    "   WHERE b.request_id = a.request_id AND b.round = a.round AND b.step = a.step"
                    "   AND (b.decision IS NULL OR b.decision NOT IN ('approve', 'conditional'))))"
                    " OR (a.mode = 'any' AND EXISTS (SELECT 1 FROM request_approval b "
                    "   WHERE b.request_id = a.request_id AND b.round = a.round AND b.step = a.step"
                    "   AND b.decision IN ('approve', 'conditional'))))",
                    &v, err, "ii", r->id, (long long)r->round);
    *step = (int)v;
    return rc;
}

/* Which delegation lets `who` decide for `holder` in `role` today (0 when none). */
static int delegation_for(struct store *st, const char *who, const char *holder, const char *role,
                          const char *today, long long *id, struct mm_err *err)
{
    return ap_int(st,
                  "SELECT COALESCE(MIN(id), 0) FROM request_delegation WHERE delegate_id = ? "
                  "AND delegator_id = ? AND role = ? AND valid_from <= ? AND valid_to >= ?",
                  id, err, "sssss", who, holder, role, today, today);
}

/* Marks the open rows of the step that `who` may decide; *n gets how many. */
static int record_decision(struct store *st, const struct req *r, int step,
                           const struct approval_decision *d, int *n, struct mm_err *err)
{
    struct store_stmt *s;
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    *n = 0;
    int rc = ap_prepare(st,
                        "SELECT route_role, scope, person_id, role FROM request_approval "
                        "WHERE request_id = ? AND round = ? AND step = ? AND decision IS NULL",
                        &s, err, "iii", r->id, (long long)r->round, (long long)step);
    if (rc)
        return rc;
    struct row {
        char route_role[32], scope[32], person[APPROVAL_ID_MAX], role[32];
    } rows[16];
    size_t nr = 0;
    while ((rc = store_step(s, err)) == STORE_ROW && nr < 16) {
        snprintf(rows[nr].route_role, 32, "%s", store_col_text(s, 0));
        snprintf(rows[nr].scope, 32, "%s", store_col_text(s, 1));
        snprintf(rows[nr].person, APPROVAL_ID_MAX, "%s", store_col_text(s, 2));
        snprintf(rows[nr].role, 32, "%s", store_col_text(s, 3));
        nr++;
    }
    store_finalize(s);
    if (rc != STORE_DONE && rc != STORE_ROW)
        return rc;
    for (size_t i = 0; i < nr; i++) {
        long long deleg = 0;
        if (strcmp(rows[i].person, d->person_id) != 0) {
            rc = delegation_for(st, d->person_id, rows[i].person, rows[i].role, d->today, &deleg,
                                err);
            if (rc)
                return rc;
            if (!deleg)
                continue;
        }
        rc = ap_exec(st,
                     "UPDATE request_approval SET decision = ?, decided_by = ?, delegation_id = ?, "
                     "comment = ?, decided_at = ? WHERE request_id = ? AND round = ? AND step = ? "
                     "AND route_role = ? AND scope = ?",
                     err, "sssssiiiss", d->decision, d->person_id, NULL,
                     d->comment && *d->comment ? d->comment : NULL, now, r->id,
                     (long long)r->round, (long long)step, rows[i].route_role, rows[i].scope);
        if (!rc && deleg)
            rc = ap_exec(st,
                         "UPDATE request_approval SET delegation_id = ? WHERE request_id = ? "
                         "AND round = ? AND step = ? AND route_role = ? AND scope = ?",
                         err, "iiiiss", deleg, r->id, (long long)r->round, (long long)step,
                         rows[i].route_role, rows[i].scope);
        if (rc)
            return rc;
        (*n)++;
    }
    return MM_OK;
}

static int notify_step(struct store *st, const struct req *r, int step, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = ap_prepare(st,
                        "SELECT DISTINCT person_id FROM request_approval WHERE request_id = ? "
                        "AND round = ? AND step = ? AND decision IS NULL",
                        &s, err, "iii", r->id, (long long)r->round, (long long)step);
    if (rc)
        return rc;
    char msg[200];
    snprintf(msg, sizeof msg, "申請 #%lld の決定をお願いします（前の段階の決定が済みました）", r->id);
    char who[16][APPROVAL_ID_MAX];
    size_t n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW && n < 16)
        snprintf(who[n++], APPROVAL_ID_MAX, "%s", store_col_text(s, 0));
    store_finalize(s);
    for (size_t i = 0; i < n; i++)
        if ((rc = ap_notify(st, who[i], r->id, msg, err)))
            return rc;
    return MM_OK;
}

/* The registers an approval updates (request_kind.register). */
static int update_cloud(struct store *st, const struct audit_actor *actor, const struct req *r,
                        const struct approval_decision *d, struct mm_err *err)
{
    if (!d->manager_id || !*d->manager_id)
        return mm_err_set(err, MM_EINPUT,
                          "クラウドサービスの利用を許可するときは、クラウドサービス管理者を指名して"
                          "ください（8.3(5)③、--manager）");
    int rc = ap_need_person(st, d->manager_id, "クラウドサービス管理者", err);
    if (rc)
        return rc;
    if (strcmp(d->manager_id, r->requester) == 0)
        return mm_err_set(err, MM_EREFUSED,
                          "申請者をクラウドサービス管理者に指名することはできません（職務の分離、"
                          "8.3 解説）");
    char csid[48];
    snprintf(csid, sizeof csid, "CS-REQ-%lld", r->id);
    rc = ap_exec(st,
                 "INSERT INTO cloud_service (id, name, provider, service_model, ismap_listed, "
                 "department_id, system_id, max_confidentiality, requested_by, approved_by, "
                 "approved_on, manager_id, use_start, use_end, note) "
                 "SELECT ?, n.value, p.value, m.value, CAST(i.value AS INTEGER), ?, "
                 " (SELECT value FROM request_value WHERE request_id = ? AND field = 'system'), "
                 " c.value, ?, ?, ?, ?, ?, ?, ? "
                 "FROM request_value n, request_value p, request_value m, request_value i, "
                 " request_value c "
                 "WHERE n.request_id = ? AND n.field = 'name' AND p.request_id = n.request_id "
                 "AND p.field = 'provider' AND m.request_id = n.request_id AND m.field = 'model' "
                 "AND i.request_id = n.request_id AND i.field = 'ismap' "
                 "AND c.request_id = n.request_id AND c.field = 'confidentiality'",
                 err, "ssisssssssi", csid, r->dept, r->id, r->requester, d->person_id, d->today,
                 d->manager_id, r->from[0] ? r->from : NULL, r->until[0] ? r->until : NULL,
                 "利用申請により承認", r->id);
    if (rc)
        return rc;
    json_t *after = json_pack("{s:s, s:s, s:s, s:I}", "id", csid, "manager_id", d->manager_id,
                              "approved_by", d->person_id, "request_id", (json_int_t)r->id);
    rc = auditlog_append(st, actor, "create", "cloud_service", csid, NULL, after, err);
    json_decref(after);
    if (!rc) {
        char msg[200];
        snprintf(msg, sizeof msg, "クラウドサービス管理者に指名されました（申請 #%lld、%s）", r->id,
                 csid);
        rc = ap_notify(st, d->manager_id, r->id, msg, err);
    }
    return rc;
}

static int update_software(struct store *st, const struct audit_actor *actor, const struct req *r,
                           const struct approval_decision *d, struct mm_err *err)
{
    char name[256], vendor[256], swid[APPROVAL_ID_MAX];
    int rc = ap_text(st, "SELECT value FROM request_value WHERE request_id = ? AND field = 'name'",
                     name, sizeof name, NULL, err, "i", r->id);
    if (!rc)
        rc = ap_text(st,
                     "SELECT value FROM request_value WHERE request_id = ? AND field = 'vendor'",
                     vendor, sizeof vendor, NULL, err, "i", r->id);
    if (!rc)
        rc = ap_text(st, "SELECT MIN(id) FROM software WHERE name = ?", swid, sizeof swid, NULL,
                     err, "s", name);
    if (rc)
        return rc;
    const char *action = swid[0] ? "update" : "create";
    if (swid[0])
        rc = ap_exec(st, "UPDATE software SET allowed = 1, approved_on = ? WHERE id = ?", err,
                     "ss", d->today, swid);
    else {
        snprintf(swid, sizeof swid, "SW-REQ-%lld", r->id);
        rc = ap_exec(st,
                     "INSERT INTO software (id, name, vendor, allowed, approved_on, note) "
                     "VALUES (?, ?, ?, 1, ?, ?)",
                     err, "sssss", swid, name, vendor, d->today, "導入申請により許可");
    }
    if (rc)
        return rc;
    json_t *after = json_pack("{s:s, s:s, s:b, s:s, s:I}", "id", swid, "name", name, "allowed", 1,
                              "approved_on", d->today, "request_id", (json_int_t)r->id);
    rc = auditlog_append(st, actor, action, "software", swid, NULL, after, err);
    json_decref(after);
    return rc;
}

/* Notices to the roles the kind names for an approval (6.2(1)③(エ)). */
static int notify_roles(struct store *st, const struct req *r, const char *roles,
                        struct mm_err *err)
{
    char list[200];
    snprintf(list, sizeof list, "%s", roles ? roles : "");
    char msg[200];
    snprintf(msg, sizeof msg, "申請 #%lld が認められました（通知）", r->id);
    for (char *save = NULL, *role = strtok_r(list, " ", &save); role;
         role = strtok_r(NULL, " ", &save)) {
        static const char *const scopes[][2] = {{"ism", "requester_kashitsu"},
                                                {"isr", "requester_bukyoku"},
                                                {"sysm", "system"}};
        const char *scope = "organization";
        for (size_t i = 0; i < 3; i++)
            if (strcmp(scopes[i][0], role) == 0)
                scope = scopes[i][1];
        char sys[APPROVAL_ID_MAX];
        ap_text(st, "SELECT COALESCE(system_id, '') FROM request WHERE id = ?", sys, sizeof sys,
                NULL, err, "i", r->id);
        /* Look the holder up the way a route step would, without escalation. */
        struct approval_value v = {"system", sys[0] ? sys : NULL};
        struct mm_err e;
        char who[APPROVAL_ID_MAX] = "";
        if (strcmp(scope, "organization") == 0)
            ap_text(st,
                    "SELECT person_id FROM role_assignment WHERE role = ? "
                    "AND scope_type = 'organization' AND valid_from <= ? "
                    "AND (valid_to IS NULL OR valid_to >= ?) ORDER BY valid_from DESC LIMIT 1",
                    who, sizeof who, NULL, &e, "sss", role, r->from, r->from);
        else if (strcmp(scope, "system") == 0 && v.value)
            ap_text(st,
                    "SELECT person_id FROM role_assignment WHERE role = ? AND scope_system_id = ? "
                    "ORDER BY valid_from DESC LIMIT 1",
                    who, sizeof who, NULL, &e, "ss", role, v.value);
        else
            ap_text(st,
                    "SELECT person_id FROM role_assignment WHERE role = ? "
                    "AND scope_department_id IN (?, (SELECT parent_id FROM department WHERE id = ?))"
                    " ORDER BY valid_from DESC LIMIT 1",
                    who, sizeof who, NULL, &e, "sss", role, r->dept, r->dept);
        if (who[0]) {
            int rc = ap_notify(st, who, r->id, msg, err);
            if (rc)
                return rc;
        }
    }
    return MM_OK;
}

static int finish_approval(struct store *st, const struct audit_actor *actor, const struct req *r,
                           const struct approval_decision *d, struct mm_err *err)
{
    long long cond = 0;
    int rc = ap_int(st,
                    "SELECT COUNT(*) FROM request_approval WHERE request_id = ? AND round = ? "
                    "AND decision = 'conditional'",
                    &cond, err, "ii", r->id, (long long)r->round);
    if (!rc)
        rc = ap_exec(st,
                     "UPDATE request SET state = ?, decided_on = ?, conditions = (SELECT "
                     " group_concat(DISTINCT comment) FROM request_approval WHERE request_id = ? "
                     " AND round = ? AND decision = 'conditional') WHERE id = ?",
                     err, "ssiii", cond ? "conditional" : "approved", d->today, r->id,
                     (long long)r->round, r->id);
    struct approval_kind k;
    if (!rc)
        rc = approval_kind_load(st, r->kind, &k, err);
    if (rc)
        return rc;
    if (k.register_kind && strcmp(k.register_kind, "cloud_service") == 0)
        rc = update_cloud(st, actor, r, d, err);
    else if (k.register_kind && strcmp(k.register_kind, "software") == 0)
        rc = update_software(st, actor, r, d, err);
    if (!rc && k.notify_roles)
        rc = notify_roles(st, r, k.notify_roles, err);
    if (!rc) {
        char msg[300];
        snprintf(msg, sizeof msg, "申請 #%lld「%s」は%sされました", r->id, k.label,
                 cond ? "条件付きで許可" : "許可");
        rc = ap_notify(st, r->requester, r->id, msg, err);
    }
    approval_kind_free(&k);
    return rc;
}

/* In an 又は step one decision is enough: the others' rows are closed as not needed. */
static int close_any_step(struct store *st, const struct req *r, int step, struct mm_err *err)
{
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    return ap_exec(st,
                   "UPDATE request_approval SET decided_at = ?, comment = ? WHERE request_id = ? "
                   "AND round = ? AND step = ? AND mode = 'any' AND decision IS NULL "
                   "AND EXISTS (SELECT 1 FROM request_approval b WHERE b.request_id = ? "
                   " AND b.round = ? AND b.step = ? AND b.decision IN ('approve', 'conditional'))",
                   err, "ssiiiiii", now, "他の決定者の決定で足りたため不要（又は）", r->id,
                   (long long)r->round, (long long)step, r->id, (long long)r->round,
                   (long long)step);
}

static int decide_in_tx(struct store *st, const struct audit_actor *actor,
                        const struct approval_decision *d, struct mm_err *err)
{
    struct req r;
    int rc = load_req(st, d->request_id, &r, err);
    if (rc)
        return rc;
    if (!is_state(&r, "pending", NULL))
        return refuse_state(&r, "決定", err);
    if (strcmp(r.requester, d->person_id) == 0)
        return mm_err_set(err, MM_EREFUSED,
                          "申請者本人は自分の申請を決定できません（兼務の禁止 1.(8)①）");
    int step = 0, n = 0;
    rc = current_step(st, &r, &step, err);
    if (rc)
        return rc;
    json_t *before = ap_request_json(st, r.id);
    rc = record_decision(st, &r, step, d, &n, err);
    if (!rc && !n) {
        char names[300];
        ap_text(st,
                "SELECT group_concat(p.name, '、') FROM request_approval a JOIN person p "
                "ON p.id = a.person_id WHERE a.request_id = ? AND a.round = ? AND a.step = ? "
                "AND a.decision IS NULL",
                names, sizeof names, NULL, err, "iii", r.id, (long long)r.round, (long long)step);
        rc = mm_err_set(err, MM_EREFUSED,
                        "「%s」はこの申請のいまの決定者ではなく、代決の委任も受けていません"
                        "（いまの決定者: %s）",
                        d->person_id, names[0] ? names : "なし");
    }
    char msg[300];
    if (!rc && strcmp(d->decision, APPROVAL_REJECT) == 0) {
        rc = ap_exec(st, "UPDATE request SET state = 'rejected', decided_on = ? WHERE id = ?", err,
                     "si", d->today, r.id);
        snprintf(msg, sizeof msg, "申請 #%lld は却下されました: %s", r.id, d->comment);
        if (!rc)
            rc = ap_notify(st, r.requester, r.id, msg, err);
    } else if (!rc && strcmp(d->decision, APPROVAL_RETURN) == 0) {
        rc = ap_exec(st, "UPDATE request SET state = 'returned' WHERE id = ?", err, "i", r.id);
        snprintf(msg, sizeof msg, "申請 #%lld が差し戻されました: %s", r.id, d->comment);
        if (!rc)
            rc = ap_notify(st, r.requester, r.id, msg, err);
    } else if (!rc) {
        int next = 0;
        rc = close_any_step(st, &r, step, err);
        if (!rc)
            rc = current_step(st, &r, &next, err);
        if (!rc && next)
            rc = next != step ? notify_step(st, &r, next, err) : MM_OK;
        else if (!rc)
            rc = finish_approval(st, actor, &r, d, err);
    }
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    if (!rc)
        rc = ap_exec(st, "UPDATE request SET updated_at = ? WHERE id = ?", err, "si", now, r.id);
    if (!rc)
        rc = log_change(st, actor, "update", r.id, before, err);
    json_decref(before);
    return rc;
}

int approval_decide(struct store *st, const struct audit_actor *actor,
                    const struct approval_decision *d, struct mm_err *err)
{
    static const char *const ok[] = {APPROVAL_APPROVE, APPROVAL_CONDITIONAL, APPROVAL_REJECT,
                                     APPROVAL_RETURN};
    int known = 0;
    for (size_t i = 0; d->decision && i < 4; i++)
        known |= strcmp(d->decision, ok[i]) == 0;
    if (!known)
        return mm_err_set(err, MM_EINPUT,
                          "決定は approve（許可）、conditional（条件付き許可）、reject（却下）、"
                          "return（差戻し）のいずれかです");
    if (strcmp(d->decision, APPROVAL_APPROVE) != 0 && (!d->comment || !*d->comment))
        return mm_err_set(err, MM_EINPUT, "%sには理由（条件）をコメントに書いてください",
                          approval_decision_label(d->decision));
    int rc = ap_need_person(st, d->person_id, "決定者", err);
    if (rc)
        return rc;
    long long mark = ap_last_notice(st);
    rc = store_begin(st, err);
    if (!rc)
        rc = decide_in_tx(st, actor, d, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    else
        ap_mail_after(st, mark);
    return rc;
}

/* ---- amend, withdraw, close, renew ---- */

static int need_requester(const struct req *r, const char *person_id, const char *what,
                          struct mm_err *err)
{
    if (person_id && strcmp(r->requester, person_id) == 0)
        return MM_OK;
    return mm_err_set(err, MM_EREFUSED, "申請 #%lld を%sできるのは申請者（%s）だけです", r->id,
                      what, r->requester);
}

/* Stored values merged with the given ones (given win). Strings owned by *own. */
static int merged_values(struct store *st, long long id, const struct approval_value *given,
                         size_t n, struct approval_value **out, size_t *nout, char ***own,
                         struct mm_err *err)
{
    struct store_stmt *s;
    int rc = ap_prepare(st, "SELECT field, value FROM request_value WHERE request_id = ?", &s, err,
                        "i", id);
    if (rc)
        return rc;
    size_t cap = n + 64, k = 0;
    struct approval_value *v = calloc(cap, sizeof *v);
    char **o = calloc(cap * 2, sizeof *o);
    size_t no = 0;
    for (size_t i = 0; i < n; i++)
        v[k++] = given[i];
    while ((rc = store_step(s, err)) == STORE_ROW && k < cap) {
        const char *f = store_col_text(s, 0);
        int given_empty = 0;
        for (size_t i = 0; i < n; i++)
            given_empty |= given[i].field && strcmp(given[i].field, f) == 0;
        if (given_empty)
            continue;
        o[no] = strdup(f);
        o[no + 1] = strdup(store_col_text(s, 1));
        v[k].field = o[no];
        v[k].value = o[no + 1];
        no += 2;
        k++;
    }
    store_finalize(s);
    *out = v;
    *nout = k;
    *own = o;
    return rc == STORE_DONE ? MM_OK : rc;
}

static void free_owned(char **o)
{
    for (size_t i = 0; o && o[i]; i++)
        free(o[i]);
    free(o);
}

int approval_amend(struct store *st, const struct audit_actor *actor, long long id,
                   const char *person_id, const struct approval_value *values, size_t nvalues,
                   const char *today, struct mm_problems *problems, struct mm_err *err)
{
    long long mark = ap_last_notice(st);
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    struct req r;
    struct approval_kind k = {0};
    struct approval_value *merged = NULL;
    char **own = NULL;
    size_t nm = 0;
    json_t *before = NULL;
    rc = load_req(st, id, &r, err);
    if (!rc)
        rc = need_requester(&r, person_id, "変更", err);
    long long decided = 0;
    if (!rc)
        rc = ap_int(st,
                    "SELECT COUNT(*) FROM request_approval WHERE request_id = ? AND round = ? "
                    "AND decision IS NOT NULL",
                    &decided, err, "ii", id, (long long)r.round);
    if (!rc && !(is_state(&r, "returned", NULL) || (is_state(&r, "pending", NULL) && !decided)))
        rc = mm_err_set(err, MM_EREFUSED,
                        "申請 #%lld は%sのため変更できません%s", id,
                        is_state(&r, "pending", NULL) ? "決定が始まっている" : "決定済み",
                        is_state(&r, "pending", NULL) ? "。取り下げて新しく申請してください" : "");
    if (!rc)
        rc = approval_kind_load(st, r.kind, &k, err);
    if (!rc)
        rc = merged_values(st, id, values, nvalues, &merged, &nm, &own, err);
    struct ap_values norm = {0};
    struct approval_route route = {0};
    if (!rc)
        rc = prepare(st, &k, r.requester, merged, nm, today, &norm, &route, problems, err);
    if (!rc) {
        before = ap_request_json(st, id);
        int round = is_state(&r, "returned", NULL) ? r.round + 1 : r.round;
        char now[AUDITLOG_TIME_LEN];
        auditlog_now(now);
        const char *from = ap_value(norm.v, norm.n, "from");
        rc = insert_values(st, id, &norm, err);
        if (!rc && round == r.round)
            rc = ap_exec(st, "DELETE FROM request_approval WHERE request_id = ? AND round = ?",
                         err, "ii", id, (long long)round);
        if (!rc)
            rc = ap_exec(st,
                         "UPDATE request SET state = 'pending', round = ?, system_id = ?, "
                         "valid_from = ?, valid_until = ?, updated_at = ? WHERE id = ?",
                         err, "issssi", (long long)round, ap_value(norm.v, norm.n, "system"),
                         from ? from : today, ap_value(norm.v, norm.n, "until"), now, id);
        if (!rc)
            rc = ap_store_route(st, id, round, &route, k.label, err);
        if (!rc)
            rc = log_change(st, actor, "update", id, before, err);
        ap_values_free(&norm);
        approval_route_free(&route);
    }
    json_decref(before);
    free(merged);
    free_owned(own);
    approval_kind_free(&k);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    else
        ap_mail_after(st, mark);
    return rc;
}

/* One state change by the requester: withdraw or close. */
static int requester_change(struct store *st, const struct audit_actor *actor, long long id,
                            const char *person_id, const char *today, int closing,
                            const char *reason, struct mm_err *err)
{
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    struct req r;
    rc = load_req(st, id, &r, err);
    if (!rc)
        rc = need_requester(&r, person_id, closing ? "終了" : "取り下げ", err);
    if (!rc && closing && !is_state(&r, "approved", "conditional"))
        rc = refuse_state(&r, "終了報告", err);
    if (!rc && !closing && !is_state(&r, "pending", "returned"))
        rc = refuse_state(&r, "取り下げ", err);
    if (!rc) {
        json_t *before = ap_request_json(st, id);
        char now[AUDITLOG_TIME_LEN];
        auditlog_now(now);
        rc = ap_exec(st,
                     "UPDATE request SET state = ?, closed_on = ?, conditions = COALESCE(?, "
                     "conditions), updated_at = ? WHERE id = ?",
                     err, "ssssi", closing ? "closed" : "withdrawn", today,
                     closing ? NULL : reason, now, id);
        if (!rc)
            rc = log_change(st, actor, "update", id, before, err);
        json_decref(before);
    }
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int approval_withdraw(struct store *st, const struct audit_actor *actor, long long id,
                      const char *person_id, const char *reason, const char *today,
                      struct mm_err *err)
{
    return requester_change(st, actor, id, person_id, today, 0,
                            reason && *reason ? reason : NULL, err);
}

int approval_close(struct store *st, const struct audit_actor *actor, long long id,
                   const char *person_id, const char *today, struct mm_err *err)
{
    return requester_change(st, actor, id, person_id, today, 1, NULL, err);
}

int approval_renew(struct store *st, const struct audit_actor *actor, long long id,
                   const char *person_id, const char *new_until, const char *today,
                   long long *new_id, struct mm_problems *problems, struct mm_err *err)
{
    struct req r;
    int rc = load_req(st, id, &r, err);
    if (!rc)
        rc = need_requester(&r, person_id, "更新", err);
    if (!rc && !is_state(&r, "approved", "conditional"))
        rc = refuse_state(&r, "更新", err);
    if (!rc && !r.until[0])
        rc = mm_err_set(err, MM_EINPUT, "申請 #%lld には期限がないため更新は要りません", id);
    if (rc)
        return rc;
    char from[16];
    snprintf(from, sizeof from, "%s", strcmp(today, r.until) > 0 ? today : r.until);
    struct approval_value given[2] = {{"until", new_until}, {"from", from}};
    struct approval_kind k;
    rc = approval_kind_load(st, r.kind, &k, err);
    if (rc)
        return rc;
    int has_from = 0;
    for (size_t i = 0; i < k.nfields; i++)
        has_from |= strcmp(k.fields[i].code, "from") == 0;
    approval_kind_free(&k);
    struct approval_value *merged = NULL;
    char **own = NULL;
    size_t nm = 0;
    rc = merged_values(st, id, given, has_from ? 2 : 1, &merged, &nm, &own, err);
    if (!rc) {
        struct approval_new q = {r.kind, NULL, r.requester, merged, nm, 0, id, 0, today};
        rc = approval_create(st, actor, &q, new_id, problems, err);
    }
    free(merged);
    free_owned(own);
    return rc;
}

int approval_from_risk(struct store *st, const struct audit_actor *actor, long long risk_id,
                       const char *requester_id, const char *measures, const char *today,
                       long long *id_out, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = ap_prepare(st,
                        "SELECT rule_id, entity_type, entity_id, reason, expires_on "
                        "FROM risk_acceptance WHERE id = ?",
                        &s, err, "i", risk_id);
    if (rc)
        return rc;
    char rule[600] = "", reason[1100] = "", until[16] = "";
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        snprintf(rule, sizeof rule, "規則 %s の不備（%s:%s）", store_col_text(s, 0),
                 store_col_text(s, 1), store_col_text(s, 2));
        snprintf(reason, sizeof reason, "%s", store_col_text(s, 3));
        snprintf(until, sizeof until, "%s", store_col_text(s, 4));
        rc = MM_OK;
    } else if (rc == STORE_DONE)
        rc = mm_err_set(err, MM_EINPUT, "リスク受容 #%lld はありません", risk_id);
    store_finalize(s);
    if (rc)
        return rc;
    long long dup = 0;
    rc = ap_int(st,
                "SELECT COUNT(*) FROM request WHERE risk_acceptance_id = ? "
                "AND state NOT IN ('withdrawn', 'rejected')",
                &dup, err, "i", risk_id);
    if (!rc && dup)
        rc = mm_err_set(err, MM_EREFUSED, "リスク受容 #%lld はすでに例外措置として申請されています",
                        risk_id);
    if (rc)
        return rc;
    struct approval_value v[] = {{"rule", rule},
                                 {"reason", reason},
                                 {"measures", measures},
                                 {"until", until}};
    struct approval_new q = {"exception", NULL, requester_id, v, 4, 0, 0, risk_id, today};
    return approval_create(st, actor, &q, id_out, NULL, err);
}
