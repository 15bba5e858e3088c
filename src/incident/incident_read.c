/*
 * incident_read.c — an incident as JSON (for show, the web pages, the change log and the PDF),
 * the list with overdue counts, and the timeline.
 */
#include "incident/incident_impl.h"

#include "authz/authz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *incident_due_state(const char *due_at, const char *done_at, const char *now)
{
    if (done_at)
        return due_at && strcmp(done_at, due_at) > 0 ? "late" : "done";
    return due_at && now && strcmp(now, due_at) > 0 ? "overdue" : "pending";
}

const char *incident_due_state_label(const char *state)
{
    static const char *const map[][2] = {{"done", "完了"},
                                         {"late", "期限後に完了"},
                                         {"overdue", "期限超過"},
                                         {"pending", "期限内"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (state && !strcmp(state, map[i][0]))
            return map[i][1];
    return "";
}

enum jkind { J_TEXT, J_INT, J_BOOL };
struct jcol {
    const char *key;
    enum jkind kind;
};

/* Appends one object per row of a prepared statement to `arr`, members named by cols. */
static int stmt_json(struct store_stmt *s, const struct jcol *cols, size_t ncols, json_t *arr,
                     struct mm_err *err)
{
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        json_t *o = json_object();
        for (size_t i = 0; i < ncols; i++) {
            json_t *v;
            if (store_col_is_null(s, (int)i))
                v = json_null();
            else if (cols[i].kind == J_INT)
                v = json_integer(store_col_int(s, (int)i));
            else if (cols[i].kind == J_BOOL)
                v = json_boolean(store_col_int(s, (int)i));
            else
                v = json_string(store_col_text(s, (int)i));
            json_object_set_new(o, cols[i].key, v);
        }
        json_array_append_new(arr, o);
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

/* The same for fixed `sql` with text parameters. */
static int rows_json(struct store *st, const char *sql, const char *const *p, size_t n,
                     const struct jcol *cols, size_t ncols, json_t *arr, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = inc_prepare(st, sql, p, n, &s, err);
    return rc ? rc : stmt_json(s, cols, ncols, arr, err);
}

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct jcol incident_cols[] = {
    {"id", J_TEXT},           {"title", J_TEXT},
    {"description", J_TEXT},  {"source", J_TEXT},
    {"source_label", J_TEXT}, {"reporter_id", J_TEXT},
    {"reporter_name", J_TEXT}, {"outside_name", J_TEXT},
    {"outside_contact", J_TEXT}, {"department_id", J_TEXT},
    {"department_name", J_TEXT}, {"occurred_at", J_TEXT},
    {"reported_at", J_TEXT},  {"status", J_TEXT},
    {"status_label", J_TEXT}, {"judgement", J_TEXT},
    {"judgement_label", J_TEXT}, {"severity", J_TEXT},
    {"severity_label", J_TEXT}, {"triaged_at", J_TEXT},
    {"triaged_by", J_TEXT},   {"personal_info", J_BOOL},
    {"specific_personal", J_BOOL}, {"sensitive_personal", J_BOOL},
    {"ordinance_sensitive", J_BOOL}, {"property_damage", J_BOOL},
    {"improper_purpose", J_BOOL}, {"persons_affected", J_INT},
    {"crime_suspected", J_BOOL}, {"press_release", J_BOOL},
    {"provider_involved", J_BOOL}, {"triage_note", J_TEXT},
    {"closed_at", J_TEXT},    {"closed_by", J_TEXT},
    {"outcome", J_TEXT},
};

static const char incident_sql[] =
    "SELECT i.id, i.title, i.description, i.source, so.label, i.reporter_id, i.reporter_name, "
    "i.outside_name, i.outside_contact, i.department_id, i.department_name, i.occurred_at, "
    "i.reported_at, i.status, st.label, i.judgement, j.label, i.severity, sv.label, "
    "i.triaged_at, i.triaged_by, i.personal_info, i.specific_personal, i.sensitive_personal, "
    "i.ordinance_sensitive, i.property_damage, i.improper_purpose, i.persons_affected, "
    "i.crime_suspected, i.press_release, i.provider_involved, i.triage_note, i.closed_at, "
    "i.closed_by, i.outcome "
    "FROM incident i JOIN incident_source so ON so.code = i.source "
    "JOIN incident_status st ON st.code = i.status "
    "JOIN incident_judgement j ON j.code = i.judgement "
    "LEFT JOIN incident_severity sv ON sv.code = i.severity WHERE i.id = ?";

static const struct jcol system_cols[] = {{"id", J_TEXT}, {"name", J_TEXT}};
static const struct jcol asset_cols[] = {
    {"id", J_TEXT},        {"name", J_TEXT},      {"confidentiality", J_TEXT},
    {"integrity", J_TEXT}, {"availability", J_TEXT}, {"personal_info", J_BOOL}};
static const struct jcol step_cols[] = {
    {"id", J_TEXT},         {"stage", J_INT},          {"role", J_TEXT},
    {"role_label", J_TEXT}, {"scope_id", J_TEXT},      {"scope_name", J_TEXT},
    {"handed_over_at", J_TEXT}, {"due_at", J_TEXT},    {"acknowledged_at", J_TEXT},
    {"acknowledged_by", J_TEXT}, {"gap", J_TEXT},      {"clause", J_TEXT}};
static const struct jcol person_cols[] = {
    {"person_id", J_TEXT}, {"name", J_TEXT}, {"assignment_id", J_TEXT}};
static const struct jcol action_cols[] = {
    {"id", J_TEXT},      {"kind", J_TEXT},    {"kind_label", J_TEXT}, {"done_at", J_TEXT},
    {"done_by", J_TEXT}, {"description", J_TEXT}};
static const struct jcol duty_cols[] = {
    {"id", J_TEXT},      {"kind", J_TEXT},    {"kind_label", J_TEXT}, {"clause", J_TEXT},
    {"due_at", J_TEXT},  {"basis", J_TEXT},   {"done_at", J_TEXT},    {"done_by", J_TEXT},
    {"reference", J_TEXT}};

/* Adds "state" and "state_label" to each object of arr from its due and done members. */
static size_t add_states(json_t *arr, const char *done_key, const char *now)
{
    size_t i, overdue = 0;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        const char *st = incident_due_state(json_string_value(json_object_get(o, "due_at")),
                                            json_string_value(json_object_get(o, done_key)), now);
        overdue += !strcmp(st, "overdue");
        json_object_set_new(o, "state", json_string(st));
        json_object_set_new(o, "state_label", json_string(incident_due_state_label(st)));
    }
    return overdue;
}

int incident_get(struct store *st, const char *incident_id, const char *now, json_t **out,
                 struct mm_err *err)
{
    *out = NULL;
    char at[INCIDENT_TIME_LEN];
    int rc = incident_now(now, at, err);
    if (rc)
        return rc;
    const char *p[] = {incident_id};
    json_t *one = json_array();
    rc = rows_json(st, incident_sql, p, 1, incident_cols, NCOLS(incident_cols), one, err);
    if (!rc && json_array_size(one) == 0)
        rc = mm_err_set(err, MM_EINPUT, "インシデント「%s」は見つかりません", incident_id);
    if (rc) {
        json_decref(one);
        return rc;
    }
    json_t *o = json_incref(json_array_get(one, 0));
    json_decref(one);
    json_t *systems = json_array(), *assets = json_array(), *steps = json_array(),
           *actions = json_array(), *duties = json_array();
    rc = rows_json(st,
                   "SELECT system_id, system_name FROM incident_system WHERE incident_id = ? "
                   "ORDER BY system_id",
                   p, 1, system_cols, NCOLS(system_cols), systems, err);
    if (!rc)
        rc = rows_json(st,
                       "SELECT asset_id, asset_name, confidentiality, integrity, availability, "
                       "personal_info FROM incident_asset WHERE incident_id = ? ORDER BY asset_id",
                       p, 1, asset_cols, NCOLS(asset_cols), assets, err);
    if (!rc)
        rc = rows_json(st,
                       "SELECT s.id, s.stage, s.role, c.label, s.scope_id, s.scope_name, "
                       "s.handed_over_at, s.due_at, s.acknowledged_at, s.acknowledged_by, s.gap, "
                       "c.clause FROM incident_step s LEFT JOIN incident_chain_role c "
                       "ON c.stage = s.stage AND c.role = s.role WHERE s.incident_id = ? "
                       "ORDER BY s.id",
                       p, 1, step_cols, NCOLS(step_cols), steps, err);
    size_t i;
    json_t *step;
    json_array_foreach(steps, i, step)
    {
        if (rc)
            break;
        json_t *people = json_array();
        const char *ps[] = {json_string_value(json_object_get(step, "id"))};
        rc = rows_json(st,
                       "SELECT person_id, person_name, role_assignment_id FROM "
                       "incident_step_person WHERE step_id = ? ORDER BY person_id",
                       ps, 1, person_cols, NCOLS(person_cols), people, err);
        json_object_set_new(step, "people", people);
    }
    if (!rc)
        rc = rows_json(st,
                       "SELECT a.id, a.kind, k.label, a.done_at, a.done_by, a.description "
                       "FROM incident_action a JOIN incident_action_kind k ON k.code = a.kind "
                       "WHERE a.incident_id = ? ORDER BY a.done_at, a.id",
                       p, 1, action_cols, NCOLS(action_cols), actions, err);
    if (!rc)
        rc = rows_json(st,
                       "SELECT d.id, d.kind, k.label, k.clause, d.due_at, d.basis, d.done_at, "
                       "d.done_by, d.reference FROM incident_duty d "
                       "JOIN incident_duty_kind k ON k.code = d.kind WHERE d.incident_id = ? "
                       "ORDER BY k.sort",
                       p, 1, duty_cols, NCOLS(duty_cols), duties, err);
    size_t overdue_steps = add_states(steps, "acknowledged_at", at);
    size_t overdue_duties = add_states(duties, "done_at", at);
    json_object_set_new(o, "systems", systems);
    json_object_set_new(o, "assets", assets);
    json_object_set_new(o, "steps", steps);
    json_object_set_new(o, "actions", actions);
    json_object_set_new(o, "duties", duties);
    json_object_set_new(o, "overdue_steps", json_integer((json_int_t)overdue_steps));
    json_object_set_new(o, "overdue_duties", json_integer((json_int_t)overdue_duties));
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return MM_OK;
}

int incident_list(struct store *st, const struct incident_filter *f, const char *now,
                  json_t **out, struct mm_err *err)
{
    char at[INCIDENT_TIME_LEN];
    int rc = incident_now(now, at, err);
    if (rc)
        return rc;
    static const struct jcol cols[] = {
        {"id", J_TEXT},           {"title", J_TEXT},          {"status", J_TEXT},
        {"status_label", J_TEXT}, {"judgement", J_TEXT},      {"judgement_label", J_TEXT},
        {"severity", J_TEXT},     {"severity_label", J_TEXT}, {"source", J_TEXT},
        {"reported_at", J_TEXT},  {"department_id", J_TEXT},  {"department_name", J_TEXT},
        {"overdue_steps", J_INT}, {"overdue_duties", J_INT},  {"next_due", J_TEXT}};
    const char *status = f && f->status ? f->status : NULL;
    int open_only = status && !strcmp(status, "open");
    const char *p[] = {at,     at,     at,
                       status, status, f ? f->department_id : NULL, f ? f->department_id : NULL};
    json_t *arr = json_array();
    /* Every filter is a bound value; a NULL value switches its condition off. The authz
     * condition is program text from authz_filter_sql with our own column names. */
    char sql[4096], cond[1024] = "1 = 1";
    if (f && f->who)
        authz_filter_sql("i.department_id", NULL, "i.reporter_id", cond, sizeof cond);
    snprintf(sql, sizeof sql,
        "SELECT i.id, i.title, i.status, st.label, i.judgement, j.label, i.severity, sv.label, "
        "i.source, i.reported_at, i.department_id, i.department_name, "
        "(SELECT COUNT(*) FROM incident_step s WHERE s.incident_id = i.id "
        " AND s.acknowledged_at IS NULL AND s.due_at < ?), "
        "(SELECT COUNT(*) FROM incident_duty d WHERE d.incident_id = i.id "
        " AND d.done_at IS NULL AND d.due_at < ?), "
        "(SELECT MIN(x.due_at) FROM (SELECT due_at FROM incident_step WHERE incident_id = i.id "
        " AND acknowledged_at IS NULL UNION ALL SELECT due_at FROM incident_duty "
        " WHERE incident_id = i.id AND done_at IS NULL) x WHERE x.due_at >= ?) "
        "FROM incident i JOIN incident_status st ON st.code = i.status "
        "JOIN incident_judgement j ON j.code = i.judgement "
        "LEFT JOIN incident_severity sv ON sv.code = i.severity "
        "WHERE (CAST(? AS TEXT) IS NULL OR i.status = ?) "
        "AND (CAST(? AS TEXT) IS NULL OR i.department_id = ?) AND %s "
        "ORDER BY i.reported_at DESC, i.id DESC",
        cond);
    const char *params[] = {p[0], p[1], p[2], open_only ? NULL : status,
                            open_only ? NULL : status, p[5], p[6]};
    struct store_stmt *s;
    rc = inc_prepare(st, sql, params, 7, &s, err);
    if (!rc && f && f->who &&
        authz_filter_bind(f->who, f->resource ? f->resource : "incident", AUTHZ_READ, s, 8)) {
        store_finalize(s);
        rc = mm_err_set(err, MM_EINTERNAL, "権限の条件を設定できませんでした");
    } else if (!rc) {
        rc = stmt_json(s, cols, NCOLS(cols), arr, err);
    }
    /* "open" and overdue_only filter the rows in memory. */
    json_t *res = json_array();
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        if (open_only && !strcmp(json_string_value(json_object_get(o, "status")), "closed"))
            continue;
        if (f && f->overdue_only &&
            json_integer_value(json_object_get(o, "overdue_steps")) +
                    json_integer_value(json_object_get(o, "overdue_duties")) ==
                0)
            continue;
        json_array_append(res, o);
    }
    json_decref(arr);
    *out = res;
    return MM_OK;
}

int incident_awaiting(struct store *st, const char *person_id, const char *now, json_t **out,
                      struct mm_err *err)
{
    char at[INCIDENT_TIME_LEN];
    int rc = incident_now(now, at, err);
    if (rc)
        return rc;
    static const struct jcol cols[] = {
        {"step_id", J_TEXT},    {"incident_id", J_TEXT}, {"title", J_TEXT},
        {"stage", J_INT},       {"role_label", J_TEXT},  {"scope_name", J_TEXT},
        {"handed_over_at", J_TEXT}, {"due_at", J_TEXT}};
    const char *p[] = {person_id};
    json_t *arr = json_array();
    rc = rows_json(st,
                   "SELECT s.id, i.id, i.title, s.stage, c.label, s.scope_name, s.handed_over_at, "
                   "s.due_at FROM incident_step_person sp "
                   "JOIN incident_step s ON s.id = sp.step_id "
                   "JOIN incident i ON i.id = s.incident_id "
                   "LEFT JOIN incident_chain_role c ON c.stage = s.stage AND c.role = s.role "
                   "WHERE sp.person_id = ? AND s.acknowledged_at IS NULL AND i.status <> 'closed' "
                   "ORDER BY s.due_at, s.id",
                   p, 1, cols, NCOLS(cols), arr, err);
    if (rc) {
        json_decref(arr);
        return rc;
    }
    add_states(arr, "acknowledged_at", at);
    *out = arr;
    return MM_OK;
}

int incident_step_reaches(struct store *st, const char *step_id, const char *person_id, int *yes,
                          struct mm_err *err)
{
    long long n = 0;
    const char *p[] = {step_id, person_id};
    int rc = inc_int(st,
                     "SELECT COUNT(*) FROM incident_step_person WHERE step_id = ? AND person_id = ?",
                     p, 2, 0, &n, err);
    *yes = n > 0;
    return rc;
}

/* ---- timeline ---- */

static void event(json_t *arr, const char *at, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void event(json_t *arr, const char *at, const char *kind, const char *fmt, ...)
{
    if (!at)
        return;
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "at", at, "kind", kind, "text", text));
}

static int later(json_t *x, json_t *y)
{
    return strcmp(json_string_value(json_object_get(x, "at")),
                  json_string_value(json_object_get(y, "at"))) > 0;
}

#define S(o, k) json_string_value(json_object_get((o), (k)))
#define OR(s, d) ((s) ? (s) : (d))

/* Names of the people a step reached, 「、」-separated. */
static void step_people(json_t *step, char *buf, size_t size)
{
    buf[0] = 0;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(step, "people"), i, p)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? "、" : "", OR(S(p, "name"), ""));
    if (!buf[0])
        snprintf(buf, size, "%s", "（担い手なし）");
}

int incident_timeline(struct store *st, const char *incident_id, json_t **out,
                      struct mm_err *err)
{
    json_t *o = NULL;
    int rc = incident_get(st, incident_id, NULL, &o, err);
    if (rc)
        return rc;
    json_t *ev = json_array();
    event(ev, S(o, "occurred_at"), "occurred", "発生（推定）");
    if (!strcmp(S(o, "source"), "external"))
        event(ev, S(o, "reported_at"), "reported", "住民等外部（%s）からの報告を %s が受け付け",
              OR(S(o, "outside_name"), ""), OR(S(o, "reporter_name"), "職員等"));
    else
        event(ev, S(o, "reported_at"), "reported", "%s が報告", OR(S(o, "reporter_name"), "職員等"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(o, "steps"), i, x)
    {
        char people[512], due[96];
        step_people(x, people, sizeof people);
        incident_time_spoken(S(x, "due_at"), due, sizeof due);
        event(ev, S(x, "handed_over_at"), "handover", "第%lld段階 %s%s%s へ報告（受領期限 %s）：%s",
              (long long)json_integer_value(json_object_get(x, "stage")), OR(S(x, "role_label"), ""),
              S(x, "scope_name") ? " " : "", OR(S(x, "scope_name"), ""), due, people);
        event(ev, S(x, "acknowledged_at"), "ack", "%s%s%s が受領%s", OR(S(x, "role_label"), ""),
              S(x, "scope_name") ? " " : "", OR(S(x, "scope_name"), ""),
              !strcmp(S(x, "state"), "late") ? "（期限後）" : "");
    }
    event(ev, S(o, "triaged_at"), "triage", "CSIRT が評価：%s%s%s", S(o, "judgement_label"),
          S(o, "severity_label") ? "、重大度 " : "", OR(S(o, "severity_label"), ""));
    json_array_foreach(json_object_get(o, "actions"), i, x)
        event(ev, S(x, "done_at"), "action", "%s：%s", S(x, "kind_label"), S(x, "description"));
    json_array_foreach(json_object_get(o, "duties"), i, x)
    {
        char due[96];
        incident_time_spoken(S(x, "due_at"), due, sizeof due);
        event(ev, S(x, "done_at"), "duty", "%s（期限 %s）%s%s", S(x, "kind_label"), due,
              S(x, "reference") ? " 番号 " : "", OR(S(x, "reference"), ""));
    }
    event(ev, S(o, "closed_at"), "closed", "終結%s%s", S(o, "outcome") ? "：" : "",
          OR(S(o, "outcome"), ""));
    json_decref(o);
    size_t n = json_array_size(ev);
    json_t **items = calloc(n ? n : 1, sizeof *items);
    if (!items)
        abort();
    for (i = 0; i < n; i++)
        items[i] = json_incref(json_array_get(ev, i));
    for (i = 1; i < n; i++) /* insertion sort: stable, so same-time events keep their order */
        for (size_t k = i; k > 0 && later(items[k - 1], items[k]); k--) {
            json_t *t = items[k];
            items[k] = items[k - 1];
            items[k - 1] = t;
        }
    json_t *sorted = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(sorted, items[i]);
    free(items);
    json_decref(ev);
    *out = sorted;
    return MM_OK;
}
