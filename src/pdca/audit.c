/*
 * audit.c — 監査: plans, scope, teams and independence, findings, 改善計画 (audit.h).
 */
#include "pdca/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "pdca/pdca_impl.h"

static int need_role(struct store *st, const struct pdca_actor *a, const char *const *roles,
                     size_t n, const char *what, struct mm_err *err)
{
    if (!a->person_id || !*a->person_id)
        return mm_err_set(err, MM_EINPUT, "誰が行うか（職員 ID）を指定してください");
    int yes = 0, rc = MM_OK;
    for (size_t i = 0; i < n && !yes && !rc; i++)
        rc = pdca_holds_role(st, a->person_id, roles[i], a->today, NULL, NULL, &yes, err);
    if (!rc && !yes)
        rc = mm_err_set(err, MM_EREFUSED, "職員「%s」は%sの役割を持っていません", a->person_id,
                        what);
    return rc;
}

static const char *const CHIEF[] = {"audit_chief"};
static const char *const CISO[] = {"ciso", "vice_ciso"};
static const char *const COMMITTEE[] = {"committee", "toukatsu"};

struct plan {
    char status[32], starts[16], ends[16], chief[128], kind[32];
};

static int load_plan(struct store *st, const char *id, struct plan *p, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT status, starts_on, ends_on, chief_id, kind FROM audit_plan "
                          "WHERE id = ?",
                          "t", &s, err, id);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        snprintf(p->status, sizeof p->status, "%s", store_col_text(s, 0));
        snprintf(p->starts, sizeof p->starts, "%s", store_col_text(s, 1));
        snprintf(p->ends, sizeof p->ends, "%s", store_col_text(s, 2));
        snprintf(p->chief, sizeof p->chief, "%s", store_col_text(s, 3));
        snprintf(p->kind, sizeof p->kind, "%s", store_col_text(s, 4));
    }
    store_finalize(s);
    if (rc == STORE_DONE)
        return mm_err_set(err, MM_EREFUSED, "監査実施計画「%s」はありません", id ? id : "");
    return rc == STORE_ROW ? MM_OK : rc;
}

int audit_plan_create(struct store *st, const struct pdca_actor *a, const struct audit_plan_new *p,
                      struct mm_err *err)
{
    if (!p->id || !*p->id || !p->title || !*p->title)
        return mm_err_set(err, MM_EINPUT, "計画の ID と題名を指定してください");
    if (!pdca_date_ok(p->starts_on) || !pdca_date_ok(p->ends_on) ||
        strcmp(p->starts_on, p->ends_on) > 0)
        return mm_err_set(err, MM_EINPUT,
                          "監査の期間（開始日・終了日、YYYY-MM-DD、開始 ≦ 終了）が正しくありません");
    int fy = p->fiscal_year ? p->fiscal_year : pdca_fiscal_year(p->starts_on);
    const char *kind = p->kind ? p->kind : "internal";
    int rc = store_begin(st, err), found = 0;
    char b[8];
    if (!rc)
        rc = need_role(st, a, CHIEF, 1, "情報セキュリティ監査統括責任者", err);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found, "SELECT 1 FROM audit_kind WHERE code = ?", "t",
                       kind);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EINPUT,
                        "監査の種類「%s」は使えません（internal, external, mutual, follow_up）", kind);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found, "SELECT 1 FROM audit_plan WHERE id = ?", "t",
                       p->id);
    if (!rc && found)
        rc = mm_err_set(err, MM_EREFUSED, "監査実施計画「%s」は既にあります", p->id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO audit_plan (id, fiscal_year, title, kind, chief_id, starts_on, "
                       "ends_on, items, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft')",
                       "titttttt", p->id, (long long)fy, p->title, kind, a->person_id,
                       p->starts_on, p->ends_on, p->items);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:o, s:s}", "id", p->id,
                                   "fiscal_year", fy, "title", p->title, "kind", kind, "chief_id",
                                   a->person_id, "starts_on", p->starts_on, "ends_on", p->ends_on,
                                   "items", pdca_js(p->items), "status", "draft");
    return pdca_finish(st, rc, a, "create", "audit_plan", p->id, NULL, after, err);
}

/* ---- independence ---- */

#define MAXB 32
/* The units a scope audits: 部局 ids, a system, a contractor, people named on a cloud service. */
struct unit {
    char buk[MAXB][128];
    int nbuk;
    char system[128], contractor[128], people[3][128];
};

static int add_buk_of(struct store *st, struct unit *u, const char *dept, struct mm_err *err)
{
    char b[128];
    int rc = pdca_bukyoku_of(st, dept, b, err);
    if (rc || !b[0])
        return rc;
    for (int i = 0; i < u->nbuk; i++)
        if (!strcmp(u->buk[i], b))
            return MM_OK;
    if (u->nbuk < MAXB)
        snprintf(u->buk[u->nbuk++], 128, "%s", b);
    return MM_OK;
}

/* Rows of (department, system, person, person, person) per scope kind; target bound once. */
static const struct {
    const char *kind, *sql, *what;
} scope_sql[] = {
    {"department", "SELECT id, NULL, NULL, NULL, NULL FROM department WHERE id = ?", "部局・課室"},
    {"system", "SELECT department_id, id, NULL, NULL, NULL FROM system WHERE id = ?", "情報システム"},
    {"contractor",
     "SELECT c.department_id, c.system_id, NULL, NULL, NULL FROM contract c "
     "WHERE c.contractor_id = ? UNION ALL SELECT NULL, NULL, NULL, NULL, NULL "
     "FROM contractor WHERE id = ?",
     "委託事業者"},
    {"cloud_service",
     "SELECT department_id, system_id, manager_id, requested_by, approved_by FROM cloud_service "
     "WHERE id = ?",
     "クラウドサービス"},
};

static int scope_kind_index(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof scope_sql / sizeof *scope_sql; i++)
        if (!strcmp(scope_sql[i].kind, kind))
            return (int)i;
    return -1;
}

static int scope_unit(struct store *st, const char *kind, const char *target, struct unit *u,
                      int *exists, struct mm_err *err)
{
    memset(u, 0, sizeof *u);
    *exists = 0;
    int k = scope_kind_index(kind);
    if (k < 0)
        return mm_err_set(err, MM_EINPUT,
                          "監査対象の種類「%s」は使えません（department, system, contractor, "
                          "cloud_service）",
                          kind ? kind : "");
    struct store_stmt *s;
    int rc = pdca_prepare(st, scope_sql[k].sql, k == 2 ? "tt" : "t", &s, err, target, target);
    if (rc)
        return rc;
    char depts[MAXB][128];
    int nd = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        *exists = 1;
        const char *d = store_col_text(s, 0), *sys = store_col_text(s, 1);
        if (d && nd < MAXB)
            snprintf(depts[nd++], 128, "%s", d);
        if (sys && k != 2)
            snprintf(u->system, sizeof u->system, "%s", sys);
        for (int p = 0; p < 3; p++) {
            const char *x = store_col_text(s, 2 + p);
            snprintf(u->people[p], 128, "%s", x ? x : "");
        }
    }
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    rc = MM_OK;
    if (k == 2)
        snprintf(u->contractor, sizeof u->contractor, "%s", target);
    for (int i = 0; i < nd && !rc; i++)
        rc = add_buk_of(st, u, depts[i], err);
    return rc;
}

static int in_units(const struct unit *u, const char *buk)
{
    for (int i = 0; buk && buk[0] && i < u->nbuk; i++)
        if (!strcmp(u->buk[i], buk))
            return 1;
    return 0;
}

struct conflicts {
    audit_conflict_fn fn;
    void *ctx;
    int count;
    const char *kind, *target;
};

static int conflict(struct conflicts *c, const char *fmt, const char *x, const char *y)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, x, y);
    c->count++;
    return c->fn ? c->fn(c->ctx, c->kind, c->target, msg) : 0;
}

/* The roles the person holds during the plan (auditor roles aside), with the 部局 they reach. */
struct held {
    char label[128], dept[128], system[128], buk[128];
};

static int load_held(struct store *st, const char *person, const struct plan *p, struct held **out,
                     int *n, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT r.label, COALESCE(ra.scope_department_id, sy.department_id, ''), "
                          "COALESCE(ra.scope_system_id, '') FROM role_assignment ra "
                          "JOIN role r ON r.code = ra.role "
                          "LEFT JOIN system sy ON sy.id = ra.scope_system_id "
                          "WHERE ra.person_id = ? AND ra.role <> 'auditor' "
                          "AND ra.scope_type <> 'organization' AND ra.valid_from <= ? "
                          "AND (ra.valid_to IS NULL OR ra.valid_to >= ?)",
                          "ttt", &s, err, person, p->ends, p->starts);
    if (rc)
        return rc;
    struct held *h = NULL;
    int cap = 0;
    *n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            h = realloc(h, (size_t)cap * sizeof *h);
            if (!h)
                abort();
        }
        snprintf(h[*n].label, 128, "%s", store_col_text(s, 0));
        snprintf(h[*n].dept, 128, "%s", store_col_text(s, 1));
        snprintf(h[*n].system, 128, "%s", store_col_text(s, 2));
        h[*n].buk[0] = 0;
        (*n)++;
    }
    store_finalize(s);
    for (int i = 0; rc == STORE_DONE && i < *n; i++)
        if (pdca_bukyoku_of(st, h[i].dept, h[i].buk, err))
            rc = err->code;
    *out = h;
    return rc == STORE_DONE ? MM_OK : rc;
}

/* 「総合政策部（bu01）」 for messages. */
static const char *dept_label(struct store *st, const char *id, char *buf, size_t size)
{
    char name[256] = "";
    struct mm_err e;
    pdca_text(st, &e, name, sizeof name, NULL, "SELECT name FROM department WHERE id = ?", "t", id);
    snprintf(buf, size, "%s（%s）", name, id);
    return buf;
}

static int check_scope(struct store *st, const struct unit *u, const char *person_buk,
                       const char *person, const struct held *h, int nh, struct conflicts *c,
                       struct mm_err *err)
{
    int rc = 0;
    char lb[400];
    if (in_units(u, person_buk))
        rc = conflict(c, "所属する部局 %s が監査の対象（%s）に含まれます",
                      dept_label(st, person_buk, lb, sizeof lb), c->target);
    for (int i = 0; i < nh && !rc; i++) {
        if (u->system[0] && !strcmp(h[i].system, u->system))
            rc = conflict(c, "監査の対象の情報システム（%s）で「%s」の役割を担っています",
                          u->system, h[i].label);
        else if (in_units(u, h[i].buk))
            rc = conflict(c, "監査の対象の部局 %s で「%s」の役割を担っています",
                          dept_label(st, h[i].buk, lb, sizeof lb), h[i].label);
    }
    for (int p = 0; p < 3 && !rc; p++)
        if (u->people[p][0] && !strcmp(u->people[p], person))
            rc = conflict(c, "監査の対象のクラウドサービス（%s）の%s又は承認者です", c->target,
                          "管理者・申請者");
    if (!rc && u->contractor[0]) {
        char b[8];
        int found = 0;
        rc = pdca_text(st, err, b, sizeof b, &found,
                       "SELECT 1 FROM contractor_staff WHERE contractor_id = ? AND person_id = ?",
                       "tt", u->contractor, person);
        if (!rc && found)
            rc = conflict(c, "監査の対象の委託事業者（%s）の要員です%s", u->contractor, "");
    }
    return rc;
}

int audit_independence(struct store *st, const char *plan, const char *person, audit_conflict_fn fn,
                       void *ctx, int *count, struct mm_err *err)
{
    struct plan p;
    struct conflicts c = {fn, ctx, 0, NULL, NULL};
    char dept[128], buk[128] = "";
    int found = 0;
    *count = 0;
    int rc = load_plan(st, plan, &p, err);
    if (!rc)
        rc = pdca_text(st, err, dept, sizeof dept, &found,
                       "SELECT COALESCE(department_id, '') FROM person WHERE id = ?", "t", person);
    if (!rc && !found)
        return mm_err_set(err, MM_EREFUSED, "職員「%s」はいません", person);
    if (!rc && dept[0])
        rc = pdca_bukyoku_of(st, dept, buk, err);
    struct held *h = NULL;
    int nh = 0;
    if (!rc)
        rc = load_held(st, person, &p, &h, &nh, err);
    struct store_stmt *s = NULL;
    if (!rc)
        rc = pdca_prepare(st, "SELECT kind, target_id FROM audit_scope WHERE plan_id = ? "
                          "ORDER BY kind, target_id", "t", &s, err, plan);
    char (*scopes)[2][128] = NULL;
    int ns = 0;
    while (s && (rc = store_step(s, err)) == STORE_ROW) {
        scopes = realloc(scopes, (size_t)(ns + 1) * sizeof *scopes);
        if (!scopes)
            abort();
        snprintf(scopes[ns][0], 128, "%s", store_col_text(s, 0));
        snprintf(scopes[ns][1], 128, "%s", store_col_text(s, 1));
        ns++;
    }
    store_finalize(s);
    rc = rc == STORE_DONE ? MM_OK : rc;
    for (int i = 0; i < ns && !rc; i++) {
        struct unit u;
        int exists;
        c.kind = scopes[i][0];
        c.target = scopes[i][1];
        rc = scope_unit(st, c.kind, c.target, &u, &exists, err);
        if (!rc)
            rc = check_scope(st, &u, buk, person, h, nh, &c, err);
    }
    free(scopes);
    free(h);
    *count = c.count;
    return rc;
}

/* Collects the reasons into one message. */
static int to_text(void *ctx, const char *kind, const char *target, const char *reason)
{
    (void)kind;
    (void)target;
    struct strbuf *sb = ctx;
    if (sb->len < 700)
        strbuf_addf(sb, "%s%s", sb->len ? "／" : "", reason);
    return 0;
}

/* ---- auditor role assignments (schema 007) ---- */

static int grant_reads(struct store *st, const char *plan, const char *person, const struct plan *p,
                       struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT sc.target_id, CASE WHEN sc.kind = 'system' THEN 'system' "
                          "WHEN d.level = 'bukyoku' THEN 'bukyoku' ELSE 'kashitsu' END "
                          "FROM audit_scope sc LEFT JOIN department d ON d.id = sc.target_id "
                          "AND sc.kind = 'department' WHERE sc.plan_id = ? "
                          "AND sc.kind IN ('department', 'system') ORDER BY sc.kind, sc.target_id",
                          "t", &s, err, plan);
    if (rc)
        return rc;
    char rows[64][2][128];
    int n = 0;
    while ((rc = store_step(s, err)) == STORE_ROW && n < 64) {
        snprintf(rows[n][0], 128, "%s", store_col_text(s, 0));
        snprintf(rows[n][1], 128, "%s", store_col_text(s, 1));
        n++;
    }
    store_finalize(s);
    rc = rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
    for (int i = 0; i < n && !rc; i++) {
        char id[400];
        snprintf(id, sizeof id, "ra-audit-%s-%s-%d", plan, person, i + 1);
        int sys = !strcmp(rows[i][1], "system");
        rc = pdca_exec(st, err,
                       "INSERT INTO role_assignment (id, role, person_id, scope_type, "
                       "scope_department_id, scope_system_id, valid_from, valid_to, note) "
                       "VALUES (?, 'auditor', ?, ?, ?, ?, ?, ?, ?)",
                       "tttttttt", id, person, rows[i][1], sys ? NULL : rows[i][0],
                       sys ? rows[i][0] : NULL, p->starts, p->ends, plan);
    }
    return rc;
}

int audit_scope_add(struct store *st, const struct pdca_actor *a, const char *plan,
                    const char *kind, const char *target, struct mm_err *err)
{
    struct plan p;
    struct unit u;
    int exists = 0, found = 0;
    char b[8];
    int rc = store_begin(st, err);
    if (!rc)
        rc = need_role(st, a, CHIEF, 1, "情報セキュリティ監査統括責任者", err);
    if (!rc)
        rc = load_plan(st, plan, &p, err);
    if (!rc && strcmp(p.status, "draft"))
        rc = mm_err_set(err, MM_EREFUSED, "承認された計画「%s」の対象は変えられません", plan);
    if (!rc)
        rc = scope_unit(st, kind, target, &u, &exists, err);
    if (!rc && !exists)
        rc = mm_err_set(err, MM_EREFUSED, "%s「%s」はありません",
                        scope_sql[scope_kind_index(kind)].what, target);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found,
                       "SELECT 1 FROM audit_scope WHERE plan_id = ? AND kind = ? AND target_id = ?",
                       "ttt", plan, kind, target);
    if (!rc && found)
        rc = mm_err_set(err, MM_EREFUSED, "「%s」は既に計画の対象です", target);
    if (!rc)
        rc = pdca_exec(st, err, "INSERT INTO audit_scope (plan_id, kind, target_id) VALUES (?, ?, ?)",
                       "ttt", plan, kind, target);
    /* Members already on the team must stay independent (or have their waiver). */
    struct store_stmt *s = NULL;
    if (!rc)
        rc = pdca_prepare(st, "SELECT person_id FROM audit_team_member WHERE plan_id = ? "
                          "AND waiver IS NULL", "t", &s, err, plan);
    char members[64][128];
    int nm = 0;
    while (s && (rc = store_step(s, err)) == STORE_ROW && nm < 64)
        snprintf(members[nm++], 128, "%s", store_col_text(s, 0));
    store_finalize(s);
    rc = rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
    for (int i = 0; i < nm && !rc; i++) {
        struct strbuf sb = STRBUF_INIT;
        int n = 0;
        rc = audit_independence(st, plan, members[i], to_text, &sb, &n, err);
        if (!rc && n)
            rc = mm_err_set(err, MM_EREFUSED,
                            "チームの%sが独立性を失うため、対象に加えられません: %s", members[i],
                            sb.buf);
        strbuf_release(&sb);
    }
    char key[400];
    snprintf(key, sizeof key, "%s/%s/%s", plan, kind, target);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:s, s:s}", "plan_id", plan, "kind", kind, "target_id",
                                   target);
    return pdca_finish(st, rc, a, "create", "audit_scope", key, NULL, after, err);
}

int audit_plan_approve(struct store *st, const struct pdca_actor *a, const char *plan,
                       const char *approved_on, const char *ref, struct mm_err *err)
{
    if (!pdca_date_ok(approved_on))
        return mm_err_set(err, MM_EINPUT, "承認日「%s」は YYYY-MM-DD の日付ではありません",
                          approved_on ? approved_on : "");
    struct plan p;
    long long scopes = 0, team = 0;
    int rc = store_begin(st, err);
    if (!rc)
        rc = need_role(st, a, COMMITTEE, 2, "情報セキュリティ委員会（委員又は事務局の統括）", err);
    if (!rc)
        rc = load_plan(st, plan, &p, err);
    if (!rc && strcmp(p.status, "draft"))
        rc = mm_err_set(err, MM_EREFUSED, "計画「%s」は既に承認されています", plan);
    if (!rc)
        rc = pdca_int(st, err, &scopes, "SELECT COUNT(*) FROM audit_scope WHERE plan_id = ?", "t",
                      plan);
    if (!rc)
        rc = pdca_int(st, err, &team, "SELECT COUNT(*) FROM audit_team_member WHERE plan_id = ?",
                      "t", plan);
    if (!rc && (!scopes || !team))
        rc = mm_err_set(err, MM_EREFUSED,
                        "計画「%s」には監査の対象と監査チームの両方が必要です（対象 %lld、チーム %lld 人）",
                        plan, scopes, team);
    if (!rc)
        rc = pdca_exec(st, err,
                       "UPDATE audit_plan SET status = 'approved', approved_on = ?, approval_ref = ? "
                       "WHERE id = ?",
                       "ttt", approved_on, ref, plan);
    struct store_stmt *s = NULL;
    if (!rc)
        rc = pdca_prepare(st, "SELECT person_id FROM audit_team_member WHERE plan_id = ?", "t", &s,
                          err, plan);
    char members[64][128];
    int nm = 0;
    while (s && (rc = store_step(s, err)) == STORE_ROW && nm < 64)
        snprintf(members[nm++], 128, "%s", store_col_text(s, 0));
    store_finalize(s);
    rc = rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
    for (int i = 0; i < nm && !rc; i++)
        rc = grant_reads(st, plan, members[i], &p, err);
    json_t *before = rc ? NULL : json_pack("{s:s}", "status", "draft");
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:s, s:o}", "status", "approved", "approved_on",
                                   approved_on, "approval_ref", pdca_js(ref));
    return pdca_finish(st, rc, a, "update", "audit_plan", plan, before, after, err);
}

int audit_team_add(struct store *st, const struct pdca_actor *a, const char *plan,
                   const char *person, int lead, const char *waiver, struct mm_err *err)
{
    struct plan p;
    struct strbuf why = STRBUF_INIT;
    int n = 0, found = 0;
    char b[8], now[32];
    pdca_now(now);
    if (waiver && !*waiver)
        waiver = NULL;
    int rc = store_begin(st, err);
    if (!rc)
        rc = need_role(st, a, CHIEF, 1, "情報セキュリティ監査統括責任者", err);
    if (!rc)
        rc = load_plan(st, plan, &p, err);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found,
                       "SELECT 1 FROM audit_team_member WHERE plan_id = ? AND person_id = ?", "tt",
                       plan, person);
    if (!rc && found)
        rc = mm_err_set(err, MM_EREFUSED, "職員「%s」は既に計画「%s」のチームにいます", person,
                        plan);
    if (!rc)
        rc = audit_independence(st, plan, person, to_text, &why, &n, err);
    if (!rc && n && !waiver)
        rc = mm_err_set(err, MM_EREFUSED,
                        "職員「%s」は被監査部門から独立していないため、監査チームに加えられません"
                        "（9.1(2)①、1.(8)②）: %s。止むを得ない場合は理由を記録してください",
                        person, why.buf);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO audit_team_member (plan_id, person_id, lead, waiver, added_at) "
                       "VALUES (?, ?, ?, ?, ?)",
                       "ttitt", plan, person, (long long)(lead != 0), n ? waiver : NULL, now);
    if (!rc && strcmp(p.status, "draft"))
        rc = grant_reads(st, plan, person, &p, err);
    char key[300];
    snprintf(key, sizeof key, "%s/%s", plan, person);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:s, s:b, s:o, s:s}", "plan_id", plan, "person_id",
                                   person, "lead", lead != 0, "waiver",
                                   pdca_js(n ? waiver : NULL), "conflicts", why.buf);
    strbuf_release(&why);
    return pdca_finish(st, rc, a, "create", "audit_team_member", key, NULL, after, err);
}

/* ---- findings and 改善計画 ---- */

static int on_team(struct store *st, const char *plan, const char *person, int *yes,
                   struct mm_err *err)
{
    char b[8];
    return pdca_text(st, err, b, sizeof b, yes,
                     "SELECT 1 FROM audit_team_member WHERE plan_id = ? AND person_id = ?", "tt",
                     plan, person ? person : "");
}

int audit_finding_add(struct store *st, const struct pdca_actor *a, const struct audit_finding_new *f,
                      long long *id, struct mm_err *err)
{
    if (!f->title || !*f->title)
        return mm_err_set(err, MM_EINPUT, "指摘の題名を書いてください");
    if (!pdca_date_ok(f->recorded_on))
        return mm_err_set(err, MM_EINPUT, "記録日「%s」は YYYY-MM-DD の日付ではありません",
                          f->recorded_on ? f->recorded_on : "");
    struct plan p;
    int yes = 0, found = 0;
    char b[8], rev[64], dept[128] = "", sys[128] = "";
    int rc = store_begin(st, err);
    if (!rc)
        rc = load_plan(st, f->plan_id, &p, err);
    if (!rc && !strcmp(p.status, "draft"))
        rc = mm_err_set(err, MM_EREFUSED,
                        "計画「%s」は委員会の承認前です。承認された計画でのみ指摘を記録できます",
                        f->plan_id);
    if (!rc)
        rc = on_team(st, f->plan_id, a->person_id, &yes, err);
    if (!rc && !yes)
        rc = mm_err_set(err, MM_EREFUSED, "指摘を記録できるのは計画「%s」の監査チームの者です",
                        f->plan_id);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found,
                       "SELECT 1 FROM audit_scope WHERE plan_id = ? AND kind = ? AND target_id = ?",
                       "ttt", f->plan_id, f->scope_kind, f->target_id);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "「%s」（%s）は計画「%s」の監査の対象ではありません",
                        f->target_id ? f->target_id : "", f->scope_kind ? f->scope_kind : "",
                        f->plan_id);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found,
                       "SELECT 1 FROM finding_severity WHERE code = ?", "t", f->severity);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EINPUT, "重大度「%s」は使えません（critical, high, medium, low）",
                        f->severity ? f->severity : "");
    if (!rc)
        rc = catalog_current_revision(st, rev, sizeof rev, err);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found,
                       "SELECT 1 FROM catalog_clause WHERE revision = ? AND id = ?", "tt", rev,
                       f->clause_id);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EINPUT, "条項「%s」は条項集 %s にありません",
                        f->clause_id ? f->clause_id : "", rev);
    /* The unit that owns the finding, for the 管理者 who must answer it. */
    if (!rc)
        rc = pdca_text(st, err, dept, sizeof dept, NULL,
                       "SELECT CASE ? WHEN 'department' THEN ? "
                       "WHEN 'system' THEN (SELECT department_id FROM system WHERE id = ?) "
                       "WHEN 'cloud_service' THEN (SELECT department_id FROM cloud_service "
                       "WHERE id = ?) END",
                       "tttt", f->scope_kind, f->target_id, f->target_id, f->target_id);
    if (!rc)
        rc = pdca_text(st, err, sys, sizeof sys, NULL,
                       "SELECT CASE ? WHEN 'system' THEN ? WHEN 'cloud_service' THEN "
                       "(SELECT system_id FROM cloud_service WHERE id = ?) END",
                       "ttt", f->scope_kind, f->target_id, f->target_id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO audit_finding (plan_id, scope_kind, target_id, department_id, "
                       "system_id, severity, clause_id, title, detail, cause, cross_cutting, "
                       "status, recorded_by, recorded_on) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
                       "ttttttttttitt", f->plan_id, f->scope_kind, f->target_id,
                       dept[0] ? dept : NULL, sys[0] ? sys : NULL, f->severity, f->clause_id,
                       f->title, f->detail, f->cause, (long long)(f->cross_cutting != 0),
                       a->person_id, f->recorded_on);
    if (!rc)
        rc = pdca_int(st, err, id, "SELECT MAX(id) FROM audit_finding", "");
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", rc ? 0 : *id);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:s}",
                                   "plan_id", f->plan_id, "scope_kind", f->scope_kind, "target_id",
                                   f->target_id, "severity", f->severity, "clause_id",
                                   f->clause_id, "title", f->title, "detail", pdca_js(f->detail),
                                   "cause", pdca_js(f->cause), "cross_cutting",
                                   f->cross_cutting != 0, "recorded_by", a->person_id);
    return pdca_finish(st, rc, a, "create", "audit_finding", idtxt, NULL, after, err);
}

struct finding {
    char plan[128], dept[128], sys[128], status[32];
    long long cross;
};

static int load_finding(struct store *st, long long id, struct finding *f, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT plan_id, COALESCE(department_id, ''), COALESCE(system_id, ''), "
                          "status, cross_cutting FROM audit_finding WHERE id = ?",
                          "i", &s, err, id);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        snprintf(f->plan, sizeof f->plan, "%s", store_col_text(s, 0));
        snprintf(f->dept, sizeof f->dept, "%s", store_col_text(s, 1));
        snprintf(f->sys, sizeof f->sys, "%s", store_col_text(s, 2));
        snprintf(f->status, sizeof f->status, "%s", store_col_text(s, 3));
        f->cross = store_col_int(s, 4);
    }
    store_finalize(s);
    if (rc == STORE_DONE)
        return mm_err_set(err, MM_EREFUSED, "監査の指摘「%lld」はありません", id);
    return rc == STORE_ROW ? MM_OK : rc;
}

/* 9.1(7): the 管理者 of the unit (a system's 管理者 for a system), or the 統括 when cross-cutting. */
static int owner_ok(struct store *st, const struct finding *f, const char *owner, const char *today,
                    struct mm_err *err, int *yes)
{
    char buk[128] = "";
    int rc = MM_OK;
    *yes = 0;
    if (f->cross)
        return pdca_holds_role(st, owner, "toukatsu", today, NULL, NULL, yes, err);
    if (f->dept[0])
        rc = pdca_bukyoku_of(st, f->dept, buk, err);
    if (!rc && buk[0] && strcmp(buk, f->dept)) { /* a 課室: its own 管理者 */
        long long n = 0;
        rc = pdca_int(st, err, &n,
                      "SELECT COUNT(*) FROM role_assignment WHERE person_id = ? AND role = 'ism' "
                      "AND scope_department_id = ? AND valid_from <= ? "
                      "AND (valid_to IS NULL OR valid_to >= ?)",
                      "tttt", owner, f->dept, today, today);
        *yes = n > 0;
    } else if (!rc) /* a 部局: a 管理者 of one of its 課室 */
        rc = pdca_holds_role(st, owner, "ism", today, buk[0] ? buk : NULL, NULL, yes, err);
    if (!rc && !*yes && f->sys[0])
        rc = pdca_holds_role(st, owner, "sysm", today, NULL, f->sys, yes, err);
    if (!rc && !*yes && !f->dept[0]) { /* a contractor: any current 管理者 may own it */
        long long n = 0;
        rc = pdca_int(st, err, &n,
                      "SELECT COUNT(*) FROM role_assignment WHERE person_id = ? AND role = 'ism' "
                      "AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
                      "ttt", owner, today, today);
        *yes = n > 0;
    }
    return rc;
}

int audit_improvement_plan(struct store *st, const struct pdca_actor *a, long long finding_id,
                           const char *owner, const char *actions, const char *due_on,
                           long long *plan_id, struct mm_err *err)
{
    if (!actions || !*actions)
        return mm_err_set(err, MM_EINPUT, "改善の内容を書いてください");
    if (!pdca_date_ok(due_on) || strcmp(due_on, a->today) < 0)
        return mm_err_set(err, MM_EINPUT, "期限「%s」は今日以降の YYYY-MM-DD の日付にしてください",
                          due_on ? due_on : "");
    struct finding f;
    int yes = 0;
    int rc = store_begin(st, err);
    if (!rc)
        rc = need_role(st, a, CISO, 2, "CISO（又は副CISO）", err);
    if (!rc)
        rc = load_finding(st, finding_id, &f, err);
    if (!rc && strcmp(f.status, "open"))
        rc = mm_err_set(err, MM_EREFUSED, "指摘 %lld には既に改善計画があります", finding_id);
    if (!rc)
        rc = owner_ok(st, &f, owner, a->today, err, &yes);
    if (!rc && !yes)
        rc = mm_err_set(err, MM_EREFUSED,
                        f.cross ? "横断的な指摘の改善計画は統括情報セキュリティ責任者が担います"
                                  "（9.1(7)②）。「%s」はその役割を持っていません"
                                : "改善計画は指摘を所管する情報セキュリティ管理者（システムでは"
                                  "情報システム管理者）が担います（9.1(7)①）。「%s」はその役割を"
                                  "持っていません",
                        owner ? owner : "");
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO improvement_plan (finding_id, owner_id, actions, instructed_on, "
                       "due_on) VALUES (?, ?, ?, ?, ?)",
                       "itttt", finding_id, owner, actions, a->today, due_on);
    if (!rc)
        rc = pdca_int(st, err, plan_id, "SELECT id FROM improvement_plan WHERE finding_id = ?", "i",
                      finding_id);
    if (!rc)
        rc = pdca_exec(st, err, "UPDATE audit_finding SET status = 'planned' WHERE id = ?", "i",
                       finding_id);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", rc ? 0 : *plan_id);
    json_t *after = rc ? NULL
                       : json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "finding_id",
                                   (json_int_t)finding_id, "owner_id", owner, "actions", actions,
                                   "instructed_on", a->today, "due_on", due_on, "instructed_by",
                                   a->person_id);
    return pdca_finish(st, rc, a, "create", "improvement_plan", idtxt, NULL, after, err);
}

struct iplan {
    long long finding, progress;
    char owner[128], completed[16], verified[16];
};

static int load_iplan(struct store *st, long long id, struct iplan *p, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT finding_id, owner_id, progress, COALESCE(completed_on, ''), "
                          "COALESCE(verified_on, '') FROM improvement_plan WHERE id = ?",
                          "i", &s, err, id);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        p->finding = store_col_int(s, 0);
        snprintf(p->owner, sizeof p->owner, "%s", store_col_text(s, 1));
        p->progress = store_col_int(s, 2);
        snprintf(p->completed, sizeof p->completed, "%s", store_col_text(s, 3));
        snprintf(p->verified, sizeof p->verified, "%s", store_col_text(s, 4));
    }
    store_finalize(s);
    if (rc == STORE_DONE)
        return mm_err_set(err, MM_EREFUSED, "改善計画「%lld」はありません", id);
    return rc == STORE_ROW ? MM_OK : rc;
}

int audit_progress_report(struct store *st, const struct pdca_actor *a, long long plan_id,
                          const char *reported_on, int percent, const char *summary,
                          struct mm_err *err)
{
    return audit_progress_report_id(st, a, plan_id, reported_on, percent, summary, NULL, err);
}

int audit_progress_report_id(struct store *st, const struct pdca_actor *a, long long plan_id,
                             const char *reported_on, int percent, const char *summary,
                             long long *report_id, struct mm_err *err)
{
    if (percent < 0 || percent > 100)
        return mm_err_set(err, MM_EINPUT, "進捗率は 0〜100 の整数です（%d）", percent);
    if (!pdca_date_ok(reported_on))
        return mm_err_set(err, MM_EINPUT, "報告日「%s」は YYYY-MM-DD の日付ではありません",
                          reported_on ? reported_on : "");
    if (!summary || !*summary)
        return mm_err_set(err, MM_EINPUT, "進捗の内容を書いてください");
    struct iplan p;
    int rc = store_begin(st, err);
    if (!rc)
        rc = load_iplan(st, plan_id, &p, err);
    if (!rc && (!a->person_id || strcmp(p.owner, a->person_id)))
        rc = mm_err_set(err, MM_EREFUSED, "進捗を報告できるのは改善計画の担当者（%s）です",
                        p.owner);
    if (!rc && p.verified[0])
        rc = mm_err_set(err, MM_EREFUSED, "改善計画 %lld は完了が確認済みです", plan_id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO improvement_progress (plan_id, reported_on, percent, summary, "
                       "reported_by) VALUES (?, ?, ?, ?, ?)",
                       "itit" "t", plan_id, reported_on, (long long)percent, summary, a->person_id);
    if (!rc && report_id)
        rc = pdca_int(st, err, report_id, "SELECT MAX(id) FROM improvement_progress WHERE plan_id = ?",
                      "i", plan_id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "UPDATE improvement_plan SET progress = ?, completed_on = ? WHERE id = ?",
                       "iti", (long long)percent, percent == 100 ? reported_on : NULL, plan_id);
    if (!rc)
        rc = pdca_exec(st, err, "UPDATE audit_finding SET status = ? WHERE id = ?", "ti",
                       percent == 100 ? "completed" : "in_progress", p.finding);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", plan_id);
    json_t *before = rc ? NULL : json_pack("{s:I}", "progress", (json_int_t)p.progress);
    json_t *after = rc ? NULL
                       : json_pack("{s:i, s:s, s:s, s:s}", "progress", percent, "reported_on",
                                   reported_on, "summary", summary, "reported_by", a->person_id);
    return pdca_finish(st, rc, a, "update", "improvement_plan", idtxt, before, after, err);
}

int audit_verify(struct store *st, const struct pdca_actor *a, long long plan_id,
                 const char *decided_on, int closed, const char *note, struct mm_err *err)
{
    if (!pdca_date_ok(decided_on))
        return mm_err_set(err, MM_EINPUT, "確認日「%s」は YYYY-MM-DD の日付ではありません",
                          decided_on ? decided_on : "");
    if (!closed && (!note || !*note))
        return mm_err_set(err, MM_EINPUT, "完了と認めないときは理由を書いてください");
    struct iplan p;
    struct finding f;
    int yes = 0;
    int rc = store_begin(st, err);
    if (!rc)
        rc = load_iplan(st, plan_id, &p, err);
    if (!rc)
        rc = load_finding(st, p.finding, &f, err);
    if (!rc)
        rc = on_team(st, f.plan, a->person_id, &yes, err);
    if (!rc && !yes)
        rc = mm_err_set(err, MM_EREFUSED,
                        "完了を確認できるのは指摘をした監査（%s）のチームの者です", f.plan);
    if (!rc && !strcmp(p.owner, a->person_id))
        rc = mm_err_set(err, MM_EREFUSED, "改善計画の担当者は自らの完了を確認できません");
    if (!rc && (!p.completed[0] || p.verified[0]))
        rc = mm_err_set(err, MM_EREFUSED,
                        p.verified[0] ? "改善計画 %lld の完了は既に確認されています"
                                      : "改善計画 %lld はまだ完了が報告されていません",
                        plan_id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO improvement_verification (plan_id, verified_by, decided_on, "
                       "closed, note) VALUES (?, ?, ?, ?, ?)",
                       "ittit", plan_id, a->person_id, decided_on, (long long)(closed != 0), note);
    if (!rc && closed)
        rc = pdca_exec(st, err,
                       "UPDATE improvement_plan SET verified_on = ?, verified_by = ? WHERE id = ?",
                       "tti", decided_on, a->person_id, plan_id);
    if (!rc && !closed)
        rc = pdca_exec(st, err,
                       "UPDATE improvement_plan SET completed_on = NULL, progress = 90 WHERE id = ?",
                       "i", plan_id);
    if (!rc)
        rc = pdca_exec(st, err, "UPDATE audit_finding SET status = ? WHERE id = ?", "ti",
                       closed ? "verified" : "in_progress", p.finding);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", plan_id);
    json_t *after = rc ? NULL
                       : json_pack("{s:b, s:s, s:s, s:o}", "closed", closed != 0, "verified_by",
                                   a->person_id, "decided_on", decided_on, "note", pdca_js(note));
    return pdca_finish(st, rc, a, "update", "improvement_plan", idtxt, NULL, after, err);
}

/* ---- the same problem elsewhere (9.1(7)②) ---- */

int audit_search_similar(struct store *st, long long finding_id,
                         int (*fn)(void *ctx, const struct audit_similar_row *r), void *ctx,
                         struct mm_err *err)
{
    struct finding f;
    char clause[128], own[128] = "";
    long long run = 0, campaign = 0;
    int rc = load_finding(st, finding_id, &f, err);
    if (!rc)
        rc = pdca_text(st, err, clause, sizeof clause, NULL,
                       "SELECT clause_id FROM audit_finding WHERE id = ?", "i", finding_id);
    if (!rc && f.dept[0])
        rc = pdca_bukyoku_of(st, f.dept, own, err);
    if (!rc)
        rc = pdca_int(st, err, &run,
                      "SELECT COALESCE(MAX(id), 0) FROM check_run WHERE scope = 'all'", "");
    if (!rc)
        rc = pdca_int(st, err, &campaign, "SELECT COALESCE(MAX(id), 0) FROM assessment_campaign",
                      "");
    if (rc)
        return rc;
    /* Every department with its 部局 first (the tree is shallow: at most four levels). */
    struct store_stmt *s;
    rc = pdca_prepare(
        st,
        "WITH RECURSIVE up(id, top) AS (SELECT id, id FROM department WHERE level = 'bukyoku' "
        "UNION ALL SELECT d.id, up.top FROM department d JOIN up ON d.parent_id = up.id "
        "WHERE d.level <> 'bukyoku') "
        "SELECT b.id, b.name, "
        "(SELECT COUNT(*) FROM finding x WHERE x.run_id = ? AND x.accepted = 0 AND x.rule_id IN "
        " (SELECT cc.ref FROM catalog_coverage cc WHERE cc.kind = 'rule' AND cc.clause_id = ?) "
        " AND (x.department_id IN (SELECT id FROM up WHERE top = b.id) OR x.system_id IN "
        " (SELECT sy.id FROM system sy WHERE sy.department_id IN (SELECT id FROM up WHERE top = b.id)))), "
        "(SELECT COUNT(*) FROM assessment_question q JOIN assessment sa ON sa.id = q.assessment_id "
        " WHERE sa.campaign_id = ? AND sa.department_id = b.id AND q.clause_id = ? "
        " AND q.answer IN ('partial', 'not_done')), "
        "(SELECT COUNT(*) FROM audit_finding af WHERE af.clause_id = ? AND af.id <> ? "
        " AND af.department_id IN (SELECT id FROM up WHERE top = b.id)) "
        "FROM department b WHERE b.level = 'bukyoku' AND b.id <> ? ORDER BY b.sort, b.id",
        "itittit", &s, err, run, clause, campaign, clause, clause, finding_id, own);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct audit_similar_row r = {store_col_text(s, 0), store_col_text(s, 1),
                                      store_col_int(s, 2), store_col_int(s, 3),
                                      store_col_int(s, 4)};
        if (!r.check_findings && !r.assessment_gaps && !r.audit_findings)
            continue;
        if ((rc = fn(ctx, &r)))
            break;
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}
