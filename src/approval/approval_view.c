/*
 * approval_view.c — reading requests for the pages, the JSON API and the CLI: one request in
 * full, lists by filter, the kinds with their fields and routes; and changing a route in data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approval/approval_impl.h"

static json_t *col_json(struct store_stmt *s, int i)
{
    const char *t = store_col_text(s, i);
    return t ? json_string(t) : json_null();
}

/* Runs a query and returns its rows as an array of objects keyed by `keys` (NULL-terminated). */
static int rows_json(struct store_stmt *s, const char *const *keys, json_t *arr,
                     struct mm_err *err)
{
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        json_t *o = json_object();
        for (int i = 0; keys[i]; i++)
            json_object_set_new(o, keys[i], col_json(s, i));
        json_array_append_new(arr, o);
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

/* The display text of a choice or bool value. */
static const char *display(const char *type, const char *choices, const char *value, char *buf,
                           size_t size)
{
    if (strcmp(type, "bool") == 0)
        return strcmp(value, "1") == 0 ? "はい" : "いいえ";
    if (strcmp(type, "choice") == 0 && choices) {
        size_t n = strlen(value);
        for (const char *p = choices; p && *p;) {
            const char *bar = strchr(p, '|');
            size_t len = bar ? (size_t)(bar - p) : strlen(p);
            if (len > n && strncmp(p, value, n) == 0 && p[n] == '=') {
                snprintf(buf, size, "%.*s", (int)(len - n - 1), p + n + 1);
                return buf;
            }
            p = bar ? bar + 1 : NULL;
        }
    }
    return value;
}

static int values_json(struct store *st, long long id, json_t *o, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = ap_prepare(st,
                        "SELECT v.field, COALESCE(f.label, v.field), v.value, "
                        "COALESCE(f.type, 'text'), f.choices, "
                        "CASE f.type "
                        " WHEN 'class' THEN (SELECT c.label FROM confidentiality_class c "
                        "  WHERE c.code = v.value) "
                        " WHEN 'person' THEN (SELECT x.name || '（' || x.id || '）' FROM person x "
                        "  WHERE x.id = v.value) "
                        " WHEN 'system' THEN (SELECT x.name || '（' || x.id || '）' FROM system x "
                        "  WHERE x.id = v.value) "
                        " WHEN 'asset' THEN (SELECT x.name || '（' || x.id || '）' FROM asset x "
                        "  WHERE x.id = v.value) END "
                        "FROM request_value v JOIN request r ON r.id = v.request_id "
                        "LEFT JOIN request_field f ON f.kind = r.kind AND f.code = v.field "
                        "WHERE v.request_id = ? ORDER BY COALESCE(f.sort, 999), v.field",
                        &s, err, "i", id);
    if (rc)
        return rc;
    json_t *arr = json_array();
    while ((rc = store_step(s, err)) == STORE_ROW) {
        char buf[300];
        json_t *v = json_pack("{s:s, s:s, s:s}", "field", store_col_text(s, 0), "label",
                              store_col_text(s, 1), "value", store_col_text(s, 2));
        const char *shown = store_col_text(s, 5) ? store_col_text(s, 5)
                                                  : display(store_col_text(s, 3),
                                                            store_col_text(s, 4),
                                                            store_col_text(s, 2), buf, sizeof buf);
        json_object_set_new(v, "display", json_string(shown));
        json_array_append_new(arr, v);
    }
    store_finalize(s);
    json_object_set_new(o, "values", arr);
    return rc == STORE_DONE ? MM_OK : rc;
}

static int approvals_json(struct store *st, long long id, const char *today, json_t *o,
                          struct mm_err *err)
{
    struct store_stmt *s;
    static const char *const keys[] = {
        "round",      "step",       "role",       "role_label", "route_role", "scope",
        "mode",       "person_id",  "name",       "escalation", "decision",   "decided_by",
        "decided_by_name", "instrument", "comment", "decided_at", "absent", "delegates", NULL};
    int rc = ap_prepare(
        st,
        "SELECT a.round, a.step, a.role, ro.label, a.route_role, a.scope, a.mode, a.person_id, "
        " p.name, a.escalation, a.decision, a.decided_by, db.name, d.instrument, a.comment, "
        " a.decided_at, "
        " (SELECT MIN(x.absent_from || '〜' || x.absent_to || COALESCE('（' || x.reason || '）', ''))"
        "  FROM request_absence x WHERE x.person_id = a.person_id AND x.absent_from <= ? "
        "  AND x.absent_to >= ?), "
        " (SELECT group_concat(q.name || '（' || g.instrument || '、' || g.valid_to || 'まで）', '、')"
        "  FROM request_delegation g JOIN person q ON q.id = g.delegate_id "
        "  WHERE g.delegator_id = a.person_id AND g.role = a.role AND g.valid_from <= ? "
        "  AND g.valid_to >= ?) "
        "FROM request_approval a JOIN role ro ON ro.code = a.role "
        "LEFT JOIN person p ON p.id = a.person_id LEFT JOIN person db ON db.id = a.decided_by "
        "LEFT JOIN request_delegation d ON d.id = a.delegation_id "
        "WHERE a.request_id = ? ORDER BY a.round, a.step, a.route_role",
        &s, err, "ssssi", today, today, today, today, id);
    if (rc)
        return rc;
    json_t *arr = json_array();
    rc = rows_json(s, keys, arr, err);
    /* round and step as numbers */
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        for (int k = 0; k < 2; k++) {
            json_t *t = json_object_get(v, keys[k]);
            if (json_is_string(t))
                json_object_set_new(v, keys[k], json_integer(atoll(json_string_value(t))));
        }
    }
    json_object_set_new(o, "approvals", arr);
    return rc;
}

int approval_get_json(struct store *st, long long id, const char *today, json_t **out,
                      struct mm_err *err)
{
    *out = NULL;
    struct store_stmt *s;
    static const char *const keys[] = {
        "kind",       "kind_label", "clauses",     "title",      "requester_id", "requester_name",
        "department_id", "system_id", "state",     "state_label", "valid_from",  "valid_until",
        "filed_on",   "decided_on", "conditions",  "closed_on",  NULL};
    int rc = ap_prepare(st,
                        "SELECT r.kind, k.label, k.clauses, r.title, r.requester_id, p.name, "
                        "r.department_id, r.system_id, r.state, s.label, r.valid_from, "
                        "r.valid_until, r.filed_on, r.decided_on, r.conditions, r.closed_on, "
                        "r.round, r.emergency, COALESCE(r.renewal_of, 0), "
                        "COALESCE(r.risk_acceptance_id, 0) "
                        "FROM request r JOIN request_kind k ON k.code = r.kind "
                        "JOIN request_state s ON s.code = r.state "
                        "LEFT JOIN person p ON p.id = r.requester_id WHERE r.id = ?",
                        &s, err, "i", id);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc != STORE_ROW) {
        store_finalize(s);
        return rc == STORE_DONE ? mm_err_set(err, MM_EINPUT, "申請 #%lld はありません", id) : rc;
    }
    json_t *o = json_pack("{s:I}", "id", (json_int_t)id);
    for (int i = 0; keys[i]; i++)
        json_object_set_new(o, keys[i], col_json(s, i));
    json_object_set_new(o, "round", json_integer(store_col_int(s, 16)));
    json_object_set_new(o, "emergency", json_boolean(store_col_int(s, 17)));
    json_object_set_new(o, "renewal_of", store_col_int(s, 18) ? json_integer(store_col_int(s, 18))
                                                               : json_null());
    json_object_set_new(o, "risk_acceptance_id",
                        store_col_int(s, 19) ? json_integer(store_col_int(s, 19)) : json_null());
    const char *state = store_col_text(s, 8), *until = store_col_text(s, 11);
    int permitted = strcmp(state, "approved") == 0 || strcmp(state, "conditional") == 0;
    json_object_set_new(o, "expired", json_boolean(permitted && until && strcmp(until, today) < 0));
    store_finalize(s);
    rc = values_json(st, id, o, err);
    if (!rc)
        rc = approvals_json(st, id, today, o, err);
    long long cur = 0;
    if (!rc)
        rc = ap_int(st,
                    "SELECT COALESCE(MIN(a.step), 0) FROM request_approval a JOIN request r "
                    "ON r.id = a.request_id AND a.round = r.round WHERE r.id = ? "
                    "AND r.state = 'pending' AND a.decision IS NULL AND a.decided_at IS NULL",
                    &cur, err, "i", id);
    json_object_set_new(o, "current_step", json_integer(cur));
    if (!rc) {
        static const char *const akeys[] = {"id", "name", "size", "sha256", "added_at", NULL};
        json_t *arr = json_array();
        rc = ap_prepare(st,
                        "SELECT id, name, size, sha256, added_at FROM request_attachment "
                        "WHERE request_id = ? ORDER BY id",
                        &s, err, "i", id);
        if (!rc)
            rc = rows_json(s, akeys, arr, err);
        json_object_set_new(o, "attachments", arr);
    }
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return MM_OK;
}

int approval_list_json(struct store *st, const struct approval_filter *f, const char *today,
                       json_t **out, struct mm_err *err)
{
    static const char *const keys[] = {"id",        "kind",        "kind_label",
                                       "title",     "requester_id", "requester_name",
                                       "state",     "state_label", "filed_on",
                                       "valid_until", NULL};
    struct store_stmt *s;
    const char *person = f->person_id, *awaiting = f->awaiting;
    int rc = ap_prepare(
        st,
        "SELECT r.id, r.kind, k.label, r.title, r.requester_id, p.name, r.state, s.label, "
        " r.filed_on, r.valid_until FROM request r JOIN request_kind k ON k.code = r.kind "
        "JOIN request_state s ON s.code = r.state LEFT JOIN person p ON p.id = r.requester_id "
        "WHERE (? IS NULL OR r.state = ?) AND (? IS NULL OR r.kind = ?) "
        "AND (? IS NULL OR r.requester_id = ? OR EXISTS (SELECT 1 FROM request_approval a "
        "  WHERE a.request_id = r.id AND (a.person_id = ? OR a.decided_by = ?))) "
        "AND (? IS NULL OR (r.state = 'pending' AND EXISTS (SELECT 1 FROM request_approval a "
        "  WHERE a.request_id = r.id AND a.round = r.round AND a.decision IS NULL "
        "  AND a.decided_at IS NULL "
        "  AND a.step = (SELECT MIN(b.step) FROM request_approval b WHERE b.request_id = r.id "
        "   AND b.round = r.round AND b.decision IS NULL AND b.decided_at IS NULL) "
        "  AND (a.person_id = ? OR EXISTS (SELECT 1 FROM request_delegation g "
        "   WHERE g.delegate_id = ? AND g.delegator_id = a.person_id AND g.role = a.role "
        "   AND g.valid_from <= ? AND g.valid_to >= ?))))) "
        "ORDER BY r.id DESC LIMIT ?",
        &s, err, "sssssssssssssi", f->state, f->state, f->kind, f->kind, person, person, person,
        person, awaiting, awaiting, awaiting, today, today, f->limit > 0 ? f->limit : 500LL);
    if (rc)
        return rc;
    json_t *arr = json_array();
    rc = rows_json(s, keys, arr, err);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        json_object_set_new(v, "id", json_integer(atoll(json_string_value(json_object_get(v, "id")))));
        const char *st8 = json_string_value(json_object_get(v, "state"));
        const char *until = json_string_value(json_object_get(v, "valid_until"));
        int permitted = st8 && (strcmp(st8, "approved") == 0 || strcmp(st8, "conditional") == 0);
        json_object_set_new(v, "expired", json_boolean(permitted && until && strcmp(until, today) < 0));
    }
    if (rc) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    return MM_OK;
}

int approval_kinds_json(struct store *st, json_t **out, struct mm_err *err)
{
    static const char *const kkeys[] = {"code",  "label", "clauses", "mark_clause", "grant_type",
                                        "register", "basis", NULL};
    static const char *const fkeys[] = {"code", "label", "type", "required", "choices", NULL};
    static const char *const rfkeys[] = {"field", "test", "value", "field2", "test2", "value2",
                                         "message", NULL};
    static const char *const rtkeys[] = {"step", "role", "role_label", "scope", "mode",
                                         "when_field", "when_test", "when_value", NULL};
    struct store_stmt *s;
    json_t *arr = json_array();
    int rc = ap_prepare(st,
                        "SELECT code, label, clauses, mark_clause, grant_type, register, basis "
                        "FROM request_kind ORDER BY sort",
                        &s, err, "");
    if (!rc)
        rc = rows_json(s, kkeys, arr, err);
    size_t i;
    json_t *k;
    json_array_foreach(arr, i, k)
    {
        const char *code = json_string_value(json_object_get(k, "code"));
        json_t *fields = json_array(), *refusals = json_array(), *route = json_array();
        if (!rc)
            rc = ap_prepare(st,
                            "SELECT code, label, type, CAST(required AS TEXT), choices "
                            "FROM request_field WHERE kind = ? ORDER BY sort",
                            &s, err, "s", code);
        if (!rc)
            rc = rows_json(s, fkeys, fields, err);
        if (!rc)
            rc = ap_prepare(st,
                            "SELECT field, test, value, field2, test2, value2, message "
                            "FROM request_refusal WHERE kind = ? ORDER BY code",
                            &s, err, "s", code);
        if (!rc)
            rc = rows_json(s, rfkeys, refusals, err);
        if (!rc)
            rc = ap_prepare(st,
                            "SELECT CAST(r.step AS TEXT), r.role, o.label, r.scope, r.mode, "
                            "r.when_field, r.when_test, r.when_value FROM request_route r "
                            "JOIN role o ON o.code = r.role WHERE r.kind = ? "
                            "ORDER BY r.step, r.role",
                            &s, err, "s", code);
        if (!rc)
            rc = rows_json(s, rtkeys, route, err);
        json_object_set_new(k, "fields", fields);
        json_object_set_new(k, "refusals", refusals);
        json_object_set_new(k, "route", route);
    }
    if (rc) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    return MM_OK;
}

int approval_route_set(struct store *st, const struct audit_actor *actor, const char *kind,
                       int step, const char *role, const char *scope, const char *mode, int remove,
                       struct mm_err *err)
{
    long long n = 0;
    int rc = ap_int(st, "SELECT COUNT(*) FROM request_kind WHERE code = ?", &n, err, "s", kind);
    if (!rc && !n)
        rc = mm_err_set(err, MM_EINPUT, "申請の種類「%s」はありません", kind);
    if (!rc)
        rc = ap_int(st, "SELECT COUNT(*) FROM role WHERE code = ?", &n, err, "s", role);
    if (!rc && !n)
        rc = mm_err_set(err, MM_EINPUT, "役割「%s」はありません", role);
    if (!rc)
        rc = ap_int(st, "SELECT COUNT(*) FROM request_scope WHERE code = ?", &n, err, "s", scope);
    if (!rc && !n)
        rc = mm_err_set(err, MM_EINPUT,
                        "範囲「%s」はありません（organization, requester_kashitsu, "
                        "requester_bukyoku, system, system_bukyoku）",
                        scope);
    if (!rc && !remove && strcmp(mode, "all") != 0 && strcmp(mode, "any") != 0)
        rc = mm_err_set(err, MM_EINPUT, "決定の仕方は all（及び）か any（又は）です");
    if (!rc && step < 1)
        rc = mm_err_set(err, MM_EINPUT, "段階は 1 以上の整数です");
    if (rc)
        return rc;
    rc = store_begin(st, err);
    if (rc)
        return rc;
    json_t *row = json_pack("{s:s, s:i, s:s, s:s, s:s}", "kind", kind, "step", step, "role", role,
                            "scope", scope, "mode", remove ? "" : mode);
    rc = ap_exec(st,
                 "DELETE FROM request_route WHERE kind = ? AND step = ? AND role = ? AND scope = ?",
                 err, "siss", kind, (long long)step, role, scope);
    if (!rc && !remove)
        rc = ap_exec(st,
                     "INSERT INTO request_route (kind, step, role, scope, mode) VALUES (?, ?, ?, ?, ?)",
                     err, "sisss", kind, (long long)step, role, scope, mode);
    if (!rc)
        rc = ap_int(st, "SELECT COUNT(*) FROM request_route WHERE kind = ?", &n, err, "s", kind);
    if (!rc && !n)
        rc = mm_err_set(err, MM_EREFUSED, "経路の最後の段階は消せません（「%s」）", kind);
    if (!rc)
        rc = auditlog_append(st, actor, remove ? "delete" : "update", "request_route", kind,
                             remove ? row : NULL, remove ? NULL : row, err);
    json_decref(row);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int approval_can_decide(struct store *st, long long id, const char *person_id, const char *today,
                        int *can, struct mm_err *err)
{
    long long n = 0;
    *can = 0;
    int rc = ap_int(
        st,
        "SELECT COUNT(*) FROM request r JOIN request_approval a ON a.request_id = r.id "
        "AND a.round = r.round WHERE r.id = ? AND r.state = 'pending' AND r.requester_id <> ? "
        "AND a.decision IS NULL AND a.decided_at IS NULL "
        "AND a.step = (SELECT MIN(b.step) FROM request_approval b WHERE b.request_id = r.id "
        " AND b.round = r.round AND b.decision IS NULL AND b.decided_at IS NULL) "
        "AND (a.person_id = ? OR EXISTS (SELECT 1 FROM request_delegation g "
        " WHERE g.delegate_id = ? AND g.delegator_id = a.person_id AND g.role = a.role "
        " AND g.valid_from <= ? AND g.valid_to >= ?))",
        &n, err, "isssss", id, person_id ? person_id : "", person_id ? person_id : "",
        person_id ? person_id : "", today, today);
    *can = n > 0;
    return rc;
}
