/*
 * request_load.c — reads one approval request (schema 010, src/approval) into the plain
 * description request_print.c renders: the kind, the requester, each field with its value shown
 * as people read it (choice labels, はい/いいえ, classification labels, names of people, systems
 * and departments, 和暦 dates), every round of the route with decisions, 代決 and escalation,
 * and the change-log entries of the request. Reads only; every value is bound.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/strbuf.h"

struct loaded {
    struct request_print r;
    struct request_print_field *fields;
    struct request_print_step *steps;
    char **owned;
    size_t nowned;
};

static const char *keep(struct loaded *L, const char *s)
{
    if (!s)
        return NULL;
    L->owned = realloc(L->owned, (L->nowned + 1) * sizeof *L->owned);
    char *p = strdup(s);
    if (!L->owned || !p)
        abort();
    return L->owned[L->nowned++] = p;
}

static void loaded_free(struct loaded *L)
{
    for (size_t i = 0; i < L->nowned; i++)
        free(L->owned[i]);
    free(L->owned);
    free(L->fields);
    free(L->steps);
}

static int prepare_id(struct store *st, const char *sql, long long id, struct store_stmt **s,
                      struct mm_err *err)
{
    int rc = store_prepare(st, sql, s, err);
    if (rc == MM_OK)
        store_bind_int(*s, 1, id);
    return rc;
}

static int finish(struct store_stmt *s, int step_rc)
{
    store_finalize(s);
    return step_rc == STORE_DONE ? MM_OK : step_rc;
}

/* ---- the request ------------------------------------------------------------------------- */

static int load_head(struct store *st, long long id, struct loaded *L, char *kind, size_t ksize,
                     struct mm_err *err)
{
    static const char sql[] =
        "SELECT r.title, k.label, k.clauses, k.basis, COALESCE(p.name, r.requester_id),"
        " d.name, r.filed_on, s.label, r.round, r.emergency, r.valid_from, r.valid_until,"
        " r.conditions, r.kind"
        " FROM request r JOIN request_kind k ON k.code = r.kind"
        " JOIN request_state s ON s.code = r.state"
        " LEFT JOIN person p ON p.id = r.requester_id"
        " LEFT JOIN department d ON d.id = r.department_id WHERE r.id = ?";
    struct store_stmt *s;
    int rc = prepare_id(st, sql, id, &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_DONE) {
        store_finalize(s);
        return mm_err_set(err, MM_EINPUT, "申請 %lld はありません（mamori request list で確認できます）",
                          id);
    }
    if (rc != STORE_ROW) {
        store_finalize(s);
        return rc;
    }
    struct request_print *r = &L->r;
    r->id = id;
    const char **text[] = {&r->title,     &r->kind_label,  &r->clauses,    &r->basis,
                           &r->requester, &r->department,  &r->submitted_at, &r->state_label};
    for (int i = 0; i < 8; i++)
        *text[i] = keep(L, store_col_text(s, i));
    r->round = (int)store_col_int(s, 8);
    r->emergency = (int)store_col_int(s, 9);
    r->valid_from = keep(L, store_col_text(s, 10));
    r->valid_until = keep(L, store_col_text(s, 11));
    r->conditions = keep(L, store_col_text(s, 12));
    snprintf(kind, ksize, "%s", store_col_text(s, 13));
    store_finalize(s);
    return MM_OK;
}

/* ---- field values as people read them ---------------------------------------------------- */

/* Field types whose value is the id of a row with a name. */
static const struct {
    const char *type, *sql;
    int with_id; /* 「名前（id）」, or the label alone */
} named[] = {
    {"class", "SELECT label FROM confidentiality_class WHERE code = ?", 0},
    {"person", "SELECT name FROM person WHERE id = ?", 1},
    {"system", "SELECT name FROM system WHERE id = ?", 1},
    {"department", "SELECT name FROM department WHERE id = ?", 1},
    {"asset", "SELECT name FROM asset WHERE id = ?", 1},
};

static void named_value(struct store *st, const char *sql, int with_id, const char *v,
                        struct strbuf *out)
{
    struct store_stmt *s;
    struct mm_err e;
    const char *name = NULL;
    if (store_prepare(st, sql, &s, &e) != MM_OK) {
        strbuf_addstr(out, v);
        return;
    }
    store_bind_text(s, 1, v);
    if (store_step(s, &e) == STORE_ROW)
        name = store_col_text(s, 0);
    if (name && !with_id)
        strbuf_addstr(out, name);
    else if (name && strcmp(name, v) != 0)
        strbuf_addf(out, "%s（%s）", name, v);
    else
        strbuf_addstr(out, v);
    store_finalize(s);
}

/* "code=ラベル|code=ラベル": the label of `v`, or v itself. */
static void choice_value(const char *choices, const char *v, struct strbuf *out)
{
    size_t n = strlen(v);
    for (const char *p = choices; p && *p;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > n && strncmp(p, v, n) == 0 && p[n] == '=') {
            strbuf_add(out, p + n + 1, len - n - 1);
            return;
        }
        p = end ? end + 1 : NULL;
    }
    strbuf_addstr(out, v);
}

static void display_value(struct store *st, const char *type, const char *choices, const char *v,
                          struct strbuf *out)
{
    if (!strcmp(type, "bool")) {
        int yes = !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "はい");
        strbuf_addstr(out, yes ? "はい" : "いいえ");
        return;
    }
    if (!strcmp(type, "choice")) {
        choice_value(choices, v, out);
        return;
    }
    if (!strcmp(type, "date")) {
        char buf[64];
        report_wareki(v, buf, sizeof buf);
        strbuf_addstr(out, buf);
        return;
    }
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (!strcmp(type, named[i].type)) {
            named_value(st, named[i].sql, named[i].with_id, v, out);
            return;
        }
    strbuf_addstr(out, v);
}

static int load_fields(struct store *st, long long id, const char *kind, struct loaded *L,
                       struct mm_err *err)
{
    static const char sql[] =
        "SELECT f.label, f.type, f.choices, v.value FROM request_value v"
        " JOIN request_field f ON f.code = v.field AND f.kind = ?"
        " WHERE v.request_id = ? ORDER BY f.sort";
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, kind);
    store_bind_int(s, 2, id);
    size_t n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        L->fields = realloc(L->fields, (n + 1) * sizeof *L->fields);
        if (!L->fields)
            abort();
        struct strbuf v = STRBUF_INIT;
        display_value(st, store_col_text(s, 1), store_col_text(s, 2), store_col_text(s, 3), &v);
        L->fields[n].label = keep(L, store_col_text(s, 0));
        L->fields[n].value = keep(L, v.buf);
        strbuf_release(&v);
        n++;
    }
    L->r.fields = L->fields;
    L->r.nfields = n;
    return finish(s, rc);
}

/* ---- the route, every round ------------------------------------------------------------- */

static int load_steps(struct store *st, long long id, struct loaded *L, struct mm_err *err)
{
    static const char sql[] =
        "SELECT a.round, a.step, rl.label, COALESCE(p.name, a.person_id), dc.label, a.comment,"
        " a.decided_at, a.escalation, a.delegation_id, COALESCE(dp.name, a.decided_by),"
        " dl.instrument"
        " FROM request_approval a JOIN role rl ON rl.code = a.role"
        " LEFT JOIN person p ON p.id = a.person_id"
        " LEFT JOIN request_decision dc ON dc.code = a.decision"
        " LEFT JOIN person dp ON dp.id = a.decided_by"
        " LEFT JOIN request_delegation dl ON dl.id = a.delegation_id"
        " WHERE a.request_id = ? ORDER BY a.round, a.step, rl.sort, a.scope";
    struct store_stmt *s;
    int rc = prepare_id(st, sql, id, &s, err);
    if (rc)
        return rc;
    size_t n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        L->steps = realloc(L->steps, (n + 1) * sizeof *L->steps);
        if (!L->steps)
            abort();
        struct request_print_step *p = &L->steps[n++];
        *p = (struct request_print_step){.round = (int)store_col_int(s, 0),
                                         .step = (int)store_col_int(s, 1)};
        p->role = keep(L, store_col_text(s, 2));
        p->person = keep(L, store_col_text(s, 3));
        p->decision = keep(L, store_col_text(s, 4));
        p->comment = keep(L, store_col_text(s, 5));
        p->decided_at = keep(L, store_col_text(s, 6));
        p->escalation = keep(L, store_col_text(s, 7));
        if (!store_col_is_null(s, 8)) {
            struct strbuf sb = STRBUF_INIT;
            strbuf_addf(&sb, "%s（%s）", store_col_text(s, 9) ? store_col_text(s, 9) : "",
                        store_col_text(s, 10) ? store_col_text(s, 10) : "");
            p->delegation = keep(L, sb.buf);
            strbuf_release(&sb);
        }
    }
    L->r.steps = L->steps;
    L->r.nsteps = n;
    return finish(s, rc);
}

/* 「変更記録 第3・5・9号（mamori log show --entity request:42）」 */
static int load_changelog(struct store *st, long long id, struct loaded *L, struct mm_err *err)
{
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", id);
    struct store_stmt *s;
    int rc = store_prepare(
        st, "SELECT seq FROM audit_log WHERE entity_type = 'request' AND entity_id = ? ORDER BY seq",
        &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, ids);
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, "変更記録");
    size_t n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW)
        strbuf_addf(&sb, "%s%lld", n++ ? "・" : " 第", store_col_int(s, 0));
    strbuf_addf(&sb, "%s（mamori log show --entity request:%lld）", n ? "号" : "", id);
    L->r.changelog_ref = keep(L, sb.buf);
    strbuf_release(&sb);
    return finish(s, rc);
}

static int organization(struct store *st, struct loaded *L, const char **org, struct mm_err *err)
{
    struct store_stmt *s;
    *org = NULL;
    int rc = store_prepare(st, "SELECT name FROM organization WHERE id = 1", &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *org = keep(L, store_col_text(s, 0));
        rc = STORE_DONE;
    }
    return finish(s, rc);
}

int report_request_pdf(struct store *st, long long id, const struct report_out *out,
                       struct mm_err *err)
{
    struct loaded L = {0};
    char kind[64];
    const char *org = NULL;
    int rc = load_head(st, id, &L, kind, sizeof kind, err);
    if (!rc)
        rc = load_fields(st, id, kind, &L, err);
    if (!rc)
        rc = load_steps(st, id, &L, err);
    if (!rc)
        rc = load_changelog(st, id, &L, err);
    if (!rc)
        rc = organization(st, &L, &org, err);
    if (!rc)
        rc = request_print_pdf(&L.r, org, out, err);
    loaded_free(&L);
    return rc;
}
