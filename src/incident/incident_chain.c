/*
 * incident_chain.c — reporting and the chain of 5.3(1)/(2): who a report reaches at each stage,
 * resolved from the role assignments current on the day, the hand-overs with their due times,
 * and acknowledgement.
 */
#include "incident/incident_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/params.h"

enum scope_how { BY_KASHITSU, BY_ORG, BY_SYSTEM, BY_BUKYOKU };

/* The chain: stage, role, which assignments count, where the scope comes from. */
static const struct chain_role {
    int stage;
    const char *role;  /* the step's role */
    const char *role2; /* a second role whose holders are reached too (CSIRT members) */
    enum scope_how how;
    int internal_only;
} chain[] = {
    {1, "ism", "ism", BY_KASHITSU, 0},
    {1, "csirt_head", "csirt_member", BY_ORG, 1},
    {2, "toukatsu", "toukatsu", BY_ORG, 0},
    {2, "sysm", "sysm", BY_SYSTEM, 0},
    {3, "ciso", "ciso", BY_ORG, 0},
    {3, "isr", "isr", BY_BUKYOKU, 0},
};

static const char *const stage_param[] = {NULL, "incident_step1_ack_minutes",
                                          "incident_step2_ack_minutes",
                                          "incident_step3_ack_minutes"};

int inc_max_stage(struct store *st, const char *incident_id, int *out, struct mm_err *err)
{
    long long v;
    const char *p[] = {incident_id};
    int rc = inc_int(st, "SELECT MAX(stage) FROM incident_step WHERE incident_id = ?", p, 1, 0,
                     &v, err);
    *out = (int)v;
    return rc;
}

/* The 部局 above a department (itself if it is one); *out NULL when none. */
static int bukyoku_of(struct store *st, const char *dept, char **out, struct mm_err *err)
{
    char *cur = dept ? strdup(dept) : NULL;
    *out = NULL;
    for (int depth = 0; cur && depth < 8; depth++) {
        const char *p[] = {cur};
        char *level = NULL, *parent = NULL;
        int rc = inc_text(st, "SELECT level FROM department WHERE id = ?", p, 1, &level, err);
        if (!rc)
            rc = inc_text(st, "SELECT parent_id FROM department WHERE id = ?", p, 1, &parent, err);
        if (rc) {
            free(cur), free(level), free(parent);
            return rc;
        }
        if (level && !strcmp(level, "bukyoku")) {
            *out = cur;
            free(level), free(parent);
            return MM_OK;
        }
        free(cur), free(level);
        cur = parent;
    }
    free(cur);
    return MM_OK;
}

/* Creates one step and the people it reached. */
static int add_step(struct store *st, const char *incident_id, const struct chain_role *cr,
                    const char *scope_id, const char *now, struct mm_err *err)
{
    long long minutes = 0, seq = 0;
    int rc = params_get_int(st, stage_param[cr->stage], &minutes, err);
    const char *pi[] = {incident_id};
    if (!rc)
        rc = inc_int(st, "SELECT COUNT(*) FROM incident_step WHERE incident_id = ?", pi, 1, 0,
                     &seq, err);
    char due[INCIDENT_TIME_LEN], id[INCIDENT_ID_LEN + 8], today[11];
    if (!rc)
        rc = inc_time_add_minutes(now, minutes, due, err);
    if (rc)
        return rc;
    snprintf(id, sizeof id, "%s-%02lld", incident_id, seq + 1);
    snprintf(today, sizeof today, "%.10s", now);

    char *scope_name = NULL;
    if (scope_id) {
        const char *ps[] = {scope_id};
        rc = inc_text(st,
                      cr->how == BY_SYSTEM ? "SELECT name FROM system WHERE id = ?"
                                           : "SELECT name FROM department WHERE id = ?",
                      ps, 1, &scope_name, err);
    }
    char stage_txt[2] = {(char)('0' + cr->stage), 0};
    const char *pstep[] = {id, incident_id, stage_txt, cr->role, scope_id, scope_name, now, due};
    if (!rc)
        rc = inc_exec(st,
                      "INSERT INTO incident_step (id, incident_id, stage, role, scope_id, "
                      "scope_name, handed_over_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      pstep, 8, err);
    free(scope_name);
    if (rc)
        return rc;

    /* The holders current today: active people are reached; others are a gap. */
    struct store_stmt *s;
    const char *ph_org[] = {cr->role, cr->role2, today, today};
    const char *ph_scoped[] = {cr->role, cr->role2, today, today, scope_id};
    rc = inc_prepare(st,
                     scope_id ? "SELECT ra.id, ra.person_id, p.name, p.status FROM role_assignment ra "
                                "LEFT JOIN person p ON p.id = ra.person_id "
                                "WHERE ra.role IN (?, ?) AND ra.valid_from <= ? "
                                "AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
                                "AND COALESCE(ra.scope_department_id, ra.scope_system_id) = ? "
                                "ORDER BY ra.role, ra.person_id"
                              : "SELECT ra.id, ra.person_id, p.name, p.status FROM role_assignment ra "
                                "LEFT JOIN person p ON p.id = ra.person_id "
                                "WHERE ra.role IN (?, ?) AND ra.valid_from <= ? "
                                "AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
                                "AND ra.scope_type = 'organization' ORDER BY ra.role, ra.person_id",
                     scope_id ? ph_scoped : ph_org, scope_id ? 5 : 4, &s, err);
    if (rc)
        return rc;
    int reached = 0, left = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *status = store_col_text(s, 3);
        if (!status || strcmp(status, "active")) {
            left++;
            continue;
        }
        const char *pp[] = {id, store_col_text(s, 1), store_col_text(s, 2), store_col_text(s, 0)};
        int r2 = inc_exec(st,
                          "INSERT INTO incident_step_person (step_id, person_id, person_name, "
                          "role_assignment_id) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (step_id, person_id) DO NOTHING",
                          pp, 4, err);
        if (r2) {
            store_finalize(s);
            return r2;
        }
        reached++;
    }
    store_finalize(s);
    if (rc != STORE_DONE)
        return rc;
    if (!reached) {
        const char *pg[] = {left ? "holder_left" : "no_holder", id};
        return inc_exec(st, "UPDATE incident_step SET gap = ? WHERE id = ?", pg, 2, err);
    }
    return MM_OK;
}

int inc_hand_over(struct store *st, const char *incident_id, int stage, const char *now,
                  struct mm_err *err)
{
    const char *pi[] = {incident_id};
    char *source = NULL, *dept = NULL;
    int rc = inc_text(st, "SELECT source FROM incident WHERE id = ?", pi, 1, &source, err);
    if (!rc)
        rc = inc_text(st, "SELECT department_id FROM incident WHERE id = ?", pi, 1, &dept, err);
    int internal = source && !strcmp(source, "internal");
    for (size_t i = 0; !rc && i < sizeof chain / sizeof chain[0]; i++) {
        const struct chain_role *cr = &chain[i];
        if (cr->stage != stage || (cr->internal_only && !internal))
            continue;
        if (cr->how == BY_SYSTEM) {
            struct store_stmt *s = NULL;
            rc = inc_prepare(st,
                             "SELECT system_id FROM incident_system WHERE incident_id = ? "
                             "ORDER BY system_id",
                             pi, 1, &s, err);
            char **ids = NULL;
            size_t n = 0;
            while (s && (rc = store_step(s, err)) == STORE_ROW) {
                ids = realloc(ids, (n + 1) * sizeof *ids);
                if (!ids || !(ids[n++] = strdup(store_col_text(s, 0))))
                    abort();
            }
            store_finalize(s);
            if (rc == STORE_DONE)
                rc = MM_OK;
            for (size_t k = 0; k < n; k++) {
                if (!rc)
                    rc = add_step(st, incident_id, cr, ids[k], now, err);
                free(ids[k]);
            }
            free(ids);
        } else if (cr->how == BY_BUKYOKU) {
            char *bu = NULL;
            rc = bukyoku_of(st, dept, &bu, err);
            if (!rc)
                rc = add_step(st, incident_id, cr, bu, now, err);
            free(bu);
        } else {
            rc = add_step(st, incident_id, cr, cr->how == BY_KASHITSU ? dept : NULL, now, err);
        }
    }
    free(source), free(dept);
    return rc;
}

int inc_add_system_step(struct store *st, const char *incident_id, const char *system_id,
                        const char *now, struct mm_err *err)
{
    const char *p[] = {incident_id, system_id};
    long long have = 0;
    int rc = inc_int(st,
                     "SELECT COUNT(*) FROM incident_step WHERE incident_id = ? AND role = 'sysm' "
                     "AND scope_id = ?",
                     p, 2, 0, &have, err);
    if (rc || have)
        return rc;
    for (size_t i = 0; i < sizeof chain / sizeof chain[0]; i++)
        if (chain[i].how == BY_SYSTEM)
            return add_step(st, incident_id, &chain[i], system_id, now, err);
    return MM_OK;
}

int inc_advance(struct store *st, const char *incident_id, const char *now, struct mm_err *err)
{
    int stage = 0;
    int rc = inc_max_stage(st, incident_id, &stage, err);
    if (rc || stage == 0 || stage >= 3)
        return rc;
    const char *p[] = {incident_id};
    long long pending = 0;
    char *source = NULL, *judgement = NULL;
    char stage_txt[2] = {(char)('0' + stage), 0};
    const char *ps[] = {incident_id, stage_txt};
    rc = inc_int(st,
                 "SELECT COUNT(*) FROM incident_step WHERE incident_id = ? AND stage = ? "
                 "AND acknowledged_at IS NULL",
                 ps, 2, 0, &pending, err);
    if (!rc)
        rc = inc_text(st, "SELECT source FROM incident WHERE id = ?", p, 1, &source, err);
    if (!rc)
        rc = inc_text(st, "SELECT judgement FROM incident WHERE id = ?", p, 1, &judgement, err);
    /* 5.3(2)③: an outside report goes on to the CISO 「必要に応じて」 — once it is judged an
     * incident (which 5.3(3)② requires to be reported to the CISO anyway). */
    int go = !rc && pending == 0 &&
             (stage + 1 < 3 || (source && !strcmp(source, "internal")) ||
              (judgement && !strcmp(judgement, "incident")));
    free(source), free(judgement);
    if (go)
        rc = inc_hand_over(st, incident_id, stage + 1, now, err);
    return rc;
}

int inc_add_system(struct store *st, const char *incident_id, const char *system_id,
                   struct mm_err *err)
{
    const char *p[] = {incident_id, system_id};
    long long n = 0;
    int rc = inc_int(st, "SELECT COUNT(*) FROM system WHERE id = ?", p + 1, 1, 0, &n, err);
    if (!rc && !n)
        return mm_err_set(err, MM_EINPUT, "情報システム「%s」は見つかりません", system_id);
    if (!rc)
        rc = inc_exec(st,
                      "INSERT INTO incident_system (incident_id, system_id, system_name) "
                      "SELECT ?, id, name FROM system WHERE id = ? "
                      "ON CONFLICT (incident_id, system_id) DO NOTHING",
                      p, 2, err);
    return rc;
}

int inc_add_asset(struct store *st, const char *incident_id, const char *asset_id,
                  struct mm_err *err)
{
    const char *p[] = {incident_id, asset_id};
    long long n = 0;
    int rc = inc_int(st, "SELECT COUNT(*) FROM asset WHERE id = ?", p + 1, 1, 0, &n, err);
    if (!rc && !n)
        return mm_err_set(err, MM_EINPUT, "情報資産「%s」は見つかりません", asset_id);
    if (!rc)
        rc = inc_exec(st,
                      "INSERT INTO incident_asset (incident_id, asset_id, asset_name, "
                      "confidentiality, integrity, availability, personal_info) "
                      "SELECT ?, id, name, confidentiality, integrity, availability, personal_info "
                      "FROM asset WHERE id = ? ON CONFLICT (incident_id, asset_id) DO NOTHING",
                      p, 2, err);
    return rc;
}

/* ---- report ---- */

struct report_ctx {
    const struct incident_report *r;
    char *id; /* INCIDENT_ID_LEN buffer */
};

static int person_field(struct store *st, const char *sql, const char *id, char **out,
                        struct mm_err *err)
{
    const char *p[] = {id};
    return inc_text(st, sql, p, 1, out, err);
}

static int do_report(struct store *st, void *vctx, const char *now, struct mm_err *err)
{
    struct report_ctx *c = vctx;
    const struct incident_report *r = c->r;
    const char *source = r->source ? r->source : "internal";
    if (strcmp(source, "internal") && strcmp(source, "external"))
        return mm_err_set(err, MM_EINPUT, "報告の種別「%s」は internal か external です", source);
    if (!r->title || !*r->title || !r->description || !*r->description)
        return mm_err_set(err, MM_EINPUT, "件名と内容は必須です");
    if (!strcmp(source, "external") && (!r->outside_name || !*r->outside_name))
        return mm_err_set(err, MM_EINPUT, "住民等外部からの報告には報告者の氏名（名称）が必要です");
    char *rname = NULL, *rdept = NULL, *dname = NULL, *occurred = NULL;
    int rc = MM_OK;
    if (r->reporter_id) {
        rc = person_field(st, "SELECT name FROM person WHERE id = ?", r->reporter_id, &rname, err);
        if (!rc && !rname)
            rc = mm_err_set(err, MM_EINPUT, "職員等「%s」は見つかりません", r->reporter_id);
        if (!rc)
            rc = person_field(st, "SELECT department_id FROM person WHERE id = ?", r->reporter_id,
                              &rdept, err);
    }
    const char *dept = r->department_id ? r->department_id : rdept;
    if (!rc && !dept)
        rc = mm_err_set(err, MM_EINPUT,
                        "報告を受ける課室が分かりません（報告者か課室を指定してください）");
    if (!rc)
        rc = person_field(st, "SELECT name FROM department WHERE id = ?", dept, &dname, err);
    if (!rc && !dname)
        rc = mm_err_set(err, MM_EINPUT, "部署「%s」は見つかりません", dept);
    if (!rc && r->occurred_at) {
        char t[INCIDENT_TIME_LEN];
        rc = incident_time_norm(r->occurred_at, t, err);
        if (!rc && !(occurred = strdup(t)))
            abort();
        if (!rc && strcmp(t, now) > 0)
            rc = mm_err_set(err, MM_EINPUT, "発生日時 %s が報告日時 %s より後です", t, now);
    }
    /* INC-<year>-<nnnn>, numbered within the calendar year of the report. */
    long long last = 0;
    char prefix[16];
    snprintf(prefix, sizeof prefix, "INC-%.4s-", now);
    if (!rc) {
        char like[24];
        snprintf(like, sizeof like, "%s%%", prefix);
        const char *p[] = {like};
        char *max = NULL;
        rc = inc_text(st, "SELECT MAX(id) FROM incident WHERE id LIKE ?", p, 1, &max, err);
        if (max)
            last = atoll(max + strlen(prefix));
        free(max);
    }
    if (!rc && r->id) {
        size_t n = strlen(r->id), ok = n > 0 && n < INCIDENT_ID_LEN - 20;
        for (size_t i = 0; ok && i < n; i++)
            ok = (r->id[i] >= '0' && r->id[i] <= '9') || (r->id[i] >= 'A' && r->id[i] <= 'Z') ||
                 (r->id[i] >= 'a' && r->id[i] <= 'z') || r->id[i] == '-';
        long long used = 0;
        const char *p[] = {r->id};
        if (!ok)
            rc = mm_err_set(err, MM_EINPUT, "インシデントの ID「%s」は英数字と - で書いてください",
                            r->id);
        else
            rc = inc_int(st, "SELECT COUNT(*) FROM incident WHERE id = ?", p, 1, 0, &used, err);
        if (!rc && used)
            rc = mm_err_set(err, MM_EREFUSED, "インシデント「%s」はすでにあります", r->id);
    }
    if (!rc) {
        if (r->id)
            snprintf(c->id, INCIDENT_ID_LEN, "%s", r->id);
        else
            snprintf(c->id, INCIDENT_ID_LEN, "%s%04lld", prefix, last + 1);
        const char *p[] = {c->id,          r->title,          r->description, source,
                           r->reporter_id, rname,             r->outside_name, r->outside_contact,
                           dept,           dname,             occurred,        now};
        rc = inc_exec(st,
                      "INSERT INTO incident (id, title, description, source, reporter_id, "
                      "reporter_name, outside_name, outside_contact, department_id, "
                      "department_name, occurred_at, reported_at, status) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'reported')",
                      p, 12, err);
    }
    for (size_t i = 0; !rc && i < r->nsystems; i++)
        rc = inc_add_system(st, c->id, r->system_ids[i], err);
    for (size_t i = 0; !rc && i < r->nassets; i++)
        rc = inc_add_asset(st, c->id, r->asset_ids[i], err);
    if (!rc)
        rc = inc_hand_over(st, c->id, 1, now, err);
    if (!rc)
        rc = inc_sync_duties(st, c->id, err);
    free(rname), free(rdept), free(dname), free(occurred);
    return rc;
}

int incident_report(struct store *st, const struct audit_actor *actor,
                    const struct incident_report *r, const char *now,
                    char id_out[INCIDENT_ID_LEN], struct mm_err *err)
{
    id_out[0] = 0;
    struct report_ctx c = {r, id_out};
    return inc_write(st, actor, "create", id_out, do_report, &c, now, err);
}

/* ---- acknowledgement ---- */

struct ack_ctx {
    const char *step_id, *person_id, *incident_id;
};

static int do_ack(struct store *st, void *vctx, const char *now, struct mm_err *err)
{
    struct ack_ctx *c = vctx;
    const char *p[] = {c->step_id};
    char *acked = NULL;
    int rc = inc_require_open(st, c->incident_id, err);
    if (!rc)
        rc = inc_text(st, "SELECT acknowledged_at FROM incident_step WHERE id = ?", p, 1, &acked,
                      err);
    if (!rc && acked)
        rc = mm_err_set(err, MM_EREFUSED, "段階「%s」は %s に受領済みです", c->step_id, acked);
    free(acked);
    char *handed = NULL;
    if (!rc)
        rc = inc_text(st, "SELECT handed_over_at FROM incident_step WHERE id = ?", p, 1, &handed,
                      err);
    if (!rc && handed && strcmp(now, handed) < 0)
        rc = mm_err_set(err, MM_EINPUT, "受領の日時 %s が報告された日時 %s より前です", now, handed);
    free(handed);
    if (!rc && c->person_id) {
        char *name = NULL;
        rc = person_field(st, "SELECT name FROM person WHERE id = ?", c->person_id, &name, err);
        if (!rc && !name)
            rc = mm_err_set(err, MM_EINPUT, "職員等「%s」は見つかりません", c->person_id);
        free(name);
    }
    const char *pu[] = {now, c->person_id, c->step_id};
    if (!rc)
        rc = inc_exec(st,
                      "UPDATE incident_step SET acknowledged_at = ?, acknowledged_by = ? "
                      "WHERE id = ?",
                      pu, 3, err);
    if (!rc)
        rc = inc_advance(st, c->incident_id, now, err);
    return rc;
}

int incident_ack(struct store *st, const struct audit_actor *actor, const char *step_id,
                 const char *person_id, const char *now, struct mm_err *err)
{
    const char *p[] = {step_id};
    char *incident_id = NULL;
    int rc = inc_text(st, "SELECT incident_id FROM incident_step WHERE id = ?", p, 1,
                      &incident_id, err);
    if (!rc && !incident_id)
        rc = mm_err_set(err, MM_EINPUT, "報告の段階「%s」は見つかりません", step_id);
    if (!rc) {
        struct ack_ctx c = {step_id, person_id, incident_id};
        rc = inc_write(st, actor, "update", incident_id, do_ack, &c, now, err);
    }
    free(incident_id);
    return rc;
}
