/*
 * incident_response.c — CSIRT triage (5.3(3)①), the outward duties computed from it and the
 * local parameters, response actions in the order of 7.3 解説 ③ (evidence before containment),
 * and closing.
 */
#include "incident/incident_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/params.h"

/* The triage as stored, for the duty rules. */
struct facts {
    char source[16], judgement[16];
    char reported_at[INCIDENT_TIME_LEN], triaged_at[INCIDENT_TIME_LEN];
    int personal, specific, sensitive, ordinance, property, improper, crime, press, provider;
    long long persons; /* -1 unknown */
    int cloud_system;  /* an affected system is hosted in a cloud */
};

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static int load_facts(struct store *st, const char *id, struct facts *f, struct mm_err *err)
{
    memset(f, 0, sizeof *f);
    const char *p[] = {id};
    struct store_stmt *s;
    int rc = inc_prepare(st,
                         "SELECT source, judgement, reported_at, triaged_at, personal_info, "
                         "specific_personal, sensitive_personal, ordinance_sensitive, "
                         "property_damage, improper_purpose, crime_suspected, press_release, "
                         "provider_involved, persons_affected FROM incident WHERE id = ?",
                         p, 1, &s, err);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        copy(f->source, sizeof f->source, store_col_text(s, 0));
        copy(f->judgement, sizeof f->judgement, store_col_text(s, 1));
        copy(f->reported_at, sizeof f->reported_at, store_col_text(s, 2));
        copy(f->triaged_at, sizeof f->triaged_at, store_col_text(s, 3));
        int *flags[] = {&f->personal, &f->specific, &f->sensitive, &f->ordinance, &f->property,
                        &f->improper, &f->crime,    &f->press,     &f->provider};
        for (int i = 0; i < 9; i++)
            *flags[i] = (int)store_col_int(s, 4 + i);
        f->persons = store_col_is_null(s, 13) ? -1 : store_col_int(s, 13);
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = mm_err_set(err, MM_EINPUT, "インシデント「%s」は見つかりません", id);
    }
    store_finalize(s);
    if (rc)
        return rc;
    long long cloud = 0;
    rc = inc_int(st,
                 "SELECT COUNT(*) FROM incident_system i JOIN system s ON s.id = i.system_id "
                 "WHERE i.incident_id = ? AND s.hosting IN ('gov_cloud', 'other_cloud')",
                 p, 1, 0, &cloud, err);
    f->cloud_system = cloud > 0;
    return rc;
}

/* ---- the duty rules ---- */

enum trigger { T_INCIDENT, T_PPC, T_CRIME, T_PRESS, T_PROVIDER, T_EXTERNAL };
enum basis { B_TRIAGED, B_REPORTED };

static const struct duty_rule {
    const char *kind;
    enum trigger trig;
    const char *param;     /* the interval */
    const char *param_alt; /* used instead when the incident may have an improper purpose */
    int days;              /* 1: days counted on the calendar (end of day); 0: hours */
    enum basis basis;
    const char *why;       /* Japanese: the source of the duty */
} rules[] = {
    {"mic", T_INCIDENT, "incident_mic_report_hours", NULL, 0, B_TRIAGED,
     "対策基準 1(9)⑤（CSIRT は総務省へ報告）"},
    {"prefecture", T_INCIDENT, "incident_prefecture_report_hours", NULL, 0, B_TRIAGED,
     "対策基準 1(9)⑤（都道府県へ報告）"},
    {"ppc_prompt", T_PPC, "incident_ppc_prompt_days", NULL, 1, B_REPORTED,
     "個人情報保護法 第68条第1項、施行規則 第43条・第44条（速報は「速やかに」）"},
    {"ppc_final", T_PPC, "incident_ppc_final_days", "incident_ppc_final_improper_days", 1,
     B_REPORTED, "個人情報保護法 第68条第1項、施行規則 第44条（確報）"},
    {"data_subject", T_PPC, "incident_subject_notice_days", NULL, 1, B_REPORTED,
     "個人情報保護法 第68条第2項、施行規則 第45条（本人への通知）"},
    {"police", T_CRIME, "incident_police_hours", NULL, 0, B_TRIAGED,
     "対策基準 6.5(3)・7.3 解説（犯罪のおそれ）"},
    {"press", T_PRESS, "incident_press_hours", NULL, 0, B_TRIAGED,
     "対策基準 1(9)⑥（報道機関への通知・公表）"},
    {"provider", T_PROVIDER, "incident_provider_hours", NULL, 0, B_TRIAGED,
     "対策基準 5.3(1)⑤・7.3(1)②（クラウドサービス事業者・委託先）"},
    {"reporter", T_EXTERNAL, "incident_reporter_reply_days", NULL, 1, B_TRIAGED,
     "対策基準 5.3 解説 注5（報告者への結果の連絡）"},
};

/* 個人情報保護法施行規則 第43条 (行政機関等): the events that must be reported. */
static int ppc_reportable(const struct facts *f, long long threshold)
{
    if (!f->personal && !f->specific)
        return 0;
    return f->sensitive || f->ordinance || f->property || f->improper || f->specific ||
           (f->persons >= 0 && f->persons > threshold);
}

static int triggered(const struct duty_rule *r, const struct facts *f, long long threshold)
{
    int incident = !strcmp(f->judgement, "incident");
    switch (r->trig) {
    case T_INCIDENT: return incident;
    case T_PPC: return incident && ppc_reportable(f, threshold);
    case T_CRIME: return incident && f->crime;
    case T_PRESS: return incident && f->press;
    case T_PROVIDER: return incident && (f->provider || f->cloud_system);
    case T_EXTERNAL: return !strcmp(f->source, "external") && strcmp(f->judgement, "undetermined");
    }
    return 0;
}

int incident_duties_plan(struct store *st, const char *incident_id,
                         struct incident_duty_plan *out, size_t *n, struct mm_err *err)
{
    struct facts f;
    long long threshold = 0;
    *n = 0;
    int rc = load_facts(st, incident_id, &f, err);
    if (!rc)
        rc = params_get_int(st, "incident_ppc_persons_threshold", &threshold, err);
    for (size_t i = 0; !rc && i < sizeof rules / sizeof rules[0]; i++) {
        const struct duty_rule *r = &rules[i];
        if (!triggered(r, &f, threshold))
            continue;
        const char *param = r->param_alt && f.improper ? r->param_alt : r->param;
        long long v = 0;
        if ((rc = params_get_int(st, param, &v, err)))
            break;
        const char *base = r->basis == B_REPORTED || !f.triaged_at[0] ? f.reported_at
                                                                       : f.triaged_at;
        struct incident_duty_plan *d = &out[(*n)++];
        d->kind = r->kind;
        rc = r->days ? inc_time_end_of_day_after(base, v, d->due_at, err)
                     : inc_time_add_minutes(base, v * 60, d->due_at, err);
        snprintf(d->basis, sizeof d->basis, "%s。%sから %lld %s（%s）", r->why,
                 r->basis == B_REPORTED ? "報告を受けた日" : "評価した時点", v,
                 r->days ? "日" : "時間", param);
    }
    return rc;
}

int inc_sync_duties(struct store *st, const char *incident_id, struct mm_err *err)
{
    struct incident_duty_plan plan[INCIDENT_DUTY_MAX];
    size_t n = 0;
    int rc = incident_duties_plan(st, incident_id, plan, &n, err);
    /* Open duties no longer required go; done ones stay as history. */
    const char *pi[] = {incident_id};
    struct store_stmt *s = NULL;
    if (!rc)
        rc = inc_prepare(st,
                         "SELECT kind FROM incident_duty WHERE incident_id = ? AND done_at IS NULL",
                         pi, 1, &s, err);
    char kinds[16][16];
    size_t nk = 0;
    while (s && (rc = store_step(s, err)) == STORE_ROW)
        if (nk < 16)
            copy(kinds[nk++], sizeof kinds[0], store_col_text(s, 0));
    if (rc == STORE_DONE || rc == STORE_ROW)
        rc = MM_OK;
    if (s)
        store_finalize(s);
    for (size_t k = 0; !rc && k < nk; k++) {
        int keep = 0;
        for (size_t i = 0; i < n; i++)
            keep |= !strcmp(plan[i].kind, kinds[k]);
        const char *p[] = {incident_id, kinds[k]};
        if (!keep)
            rc = inc_exec(st, "DELETE FROM incident_duty WHERE incident_id = ? AND kind = ?", p,
                          2, err);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        char id[INCIDENT_ID_LEN + 16];
        snprintf(id, sizeof id, "%s-%s", incident_id, plan[i].kind);
        const char *p[] = {id, incident_id, plan[i].kind, plan[i].due_at, plan[i].basis};
        rc = inc_exec(st,
                      "INSERT INTO incident_duty (id, incident_id, kind, due_at, basis) "
                      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_id, kind) DO UPDATE SET "
                      "due_at = CASE WHEN incident_duty.done_at IS NULL THEN excluded.due_at "
                      "ELSE incident_duty.due_at END, "
                      "basis = CASE WHEN incident_duty.done_at IS NULL THEN excluded.basis "
                      "ELSE incident_duty.basis END",
                      p, 5, err);
    }
    return rc;
}

/* ---- triage ---- */

void incident_triage_init(struct incident_triage *t)
{
    memset(t, 0, sizeof *t);
    t->personal_info = t->specific_personal = t->sensitive_personal = t->ordinance_sensitive = -1;
    t->property_damage = t->improper_purpose = t->crime_suspected = t->press_release = -1;
    t->provider_involved = -1;
    t->persons_affected = -1;
}

static int lookup_ok(struct store *st, const char *sql, const char *code, const char *what,
                     struct mm_err *err)
{
    long long n = 0;
    const char *p[] = {code};
    int rc = inc_int(st, sql, p, 1, 0, &n, err);
    if (!rc && !n)
        rc = mm_err_set(err, MM_EINPUT, "%s「%s」は使えません", what, code);
    return rc;
}

struct triage_ctx {
    const char *id;
    const struct incident_triage *t;
};

static int do_triage(struct store *st, void *vctx, const char *now, struct mm_err *err)
{
    struct triage_ctx *c = vctx;
    const struct incident_triage *t = c->t;
    int rc = inc_require_open(st, c->id, err);
    if (!rc && t->judgement)
        rc = lookup_ok(st, "SELECT COUNT(*) FROM incident_judgement WHERE code = ?", t->judgement,
                       "評価", err);
    if (!rc && t->severity)
        rc = lookup_ok(st, "SELECT COUNT(*) FROM incident_severity WHERE code = ?", t->severity,
                       "重大度", err);
    if (rc)
        return rc;
    const int vals[] = {t->personal_info,   t->specific_personal, t->sensitive_personal,
                        t->ordinance_sensitive, t->property_damage, t->improper_purpose,
                        t->crime_suspected, t->press_release,     t->provider_involved};
    static const char *const set_sql[] = {
        "UPDATE incident SET personal_info = ? WHERE id = ?",
        "UPDATE incident SET specific_personal = ? WHERE id = ?",
        "UPDATE incident SET sensitive_personal = ? WHERE id = ?",
        "UPDATE incident SET ordinance_sensitive = ? WHERE id = ?",
        "UPDATE incident SET property_damage = ? WHERE id = ?",
        "UPDATE incident SET improper_purpose = ? WHERE id = ?",
        "UPDATE incident SET crime_suspected = ? WHERE id = ?",
        "UPDATE incident SET press_release = ? WHERE id = ?",
        "UPDATE incident SET provider_involved = ? WHERE id = ?"};
    for (size_t i = 0; !rc && i < sizeof vals / sizeof vals[0]; i++) {
        if (vals[i] < 0)
            continue;
        const char *p[] = {vals[i] ? "1" : "0", c->id};
        rc = inc_exec(st, set_sql[i], p, 2, err);
    }
    if (!rc && t->persons_affected >= 0) {
        char v[24];
        snprintf(v, sizeof v, "%lld", t->persons_affected);
        const char *p[] = {v, c->id};
        rc = inc_exec(st, "UPDATE incident SET persons_affected = CAST(? AS INTEGER) WHERE id = ?",
                      p, 2, err);
    }
    if (!rc && t->severity) {
        const char *p[] = {t->severity, c->id};
        rc = inc_exec(st, "UPDATE incident SET severity = ? WHERE id = ?", p, 2, err);
    }
    if (!rc && t->note) {
        const char *p[] = {t->note, c->id};
        rc = inc_exec(st, "UPDATE incident SET triage_note = ? WHERE id = ?", p, 2, err);
    }
    if (!rc && t->triaged_by) {
        const char *p[] = {t->triaged_by};
        long long n = 0;
        rc = inc_int(st, "SELECT COUNT(*) FROM person WHERE id = ?", p, 1, 0, &n, err);
        if (!rc && !n)
            rc = mm_err_set(err, MM_EINPUT, "職員等「%s」は見つかりません", t->triaged_by);
    }
    if (!rc && t->judgement) {
        /* The first judgement fixes triaged_at: the duties count from it. */
        const char *p[] = {t->judgement, now, t->triaged_by, c->id};
        rc = inc_exec(st,
                      "UPDATE incident SET judgement = ?, triaged_at = COALESCE(triaged_at, ?), "
                      "triaged_by = COALESCE(?, triaged_by) WHERE id = ?",
                      p, 4, err);
    }
    const char *pid[] = {c->id};
    if (!rc)
        rc = inc_exec(st,
                      "UPDATE incident SET status = 'responding' WHERE id = ? "
                      "AND status = 'reported' AND judgement = 'incident'",
                      pid, 1, err);
    int stage = 0;
    if (!rc)
        rc = inc_max_stage(st, c->id, &stage, err);
    for (size_t i = 0; !rc && i < t->nadd_systems; i++) {
        rc = inc_add_system(st, c->id, t->add_systems[i], err);
        if (!rc && stage >= 2)
            rc = inc_add_system_step(st, c->id, t->add_systems[i], now, err);
    }
    for (size_t i = 0; !rc && i < t->nadd_assets; i++)
        rc = inc_add_asset(st, c->id, t->add_assets[i], err);
    if (!rc)
        rc = inc_advance(st, c->id, now, err); /* stage 3 of an outside report */
    if (!rc)
        rc = inc_sync_duties(st, c->id, err);
    return rc;
}

int incident_triage(struct store *st, const struct audit_actor *actor, const char *incident_id,
                    const struct incident_triage *t, const char *now, struct mm_err *err)
{
    struct triage_ctx c = {incident_id, t};
    return inc_write(st, actor, "update", incident_id, do_triage, &c, now, err);
}

/* ---- actions ---- */

struct action_ctx {
    const char *id, *kind, *description, *done_by, *done_at;
    char *action_id;
};

static int do_action(struct store *st, void *vctx, const char *now, struct mm_err *err)
{
    struct action_ctx *c = vctx;
    int rc = inc_require_open(st, c->id, err);
    if (!rc)
        rc = lookup_ok(st, "SELECT COUNT(*) FROM incident_action_kind WHERE code = ?", c->kind,
                       "対応の種類", err);
    if (!rc && (!c->description || !*c->description))
        rc = mm_err_set(err, MM_EINPUT, "対応の内容を書いてください");
    char at[INCIDENT_TIME_LEN];
    if (!rc)
        rc = c->done_at ? incident_time_norm(c->done_at, at, err) : incident_now(now, at, err);
    if (!rc && strcmp(at, now) > 0)
        rc = mm_err_set(err, MM_EINPUT, "実施日時 %s が現在 %s より後です", at, now);
    /* 7.3 解説 ③(オ)(キ): logs and the current state are preserved before emergency measures. */
    if (!rc && (!strcmp(c->kind, "containment") || !strcmp(c->kind, "recovery") ||
                !strcmp(c->kind, "monitoring"))) {
        const char *p[] = {c->id, at};
        long long n = 0;
        rc = inc_int(st,
                     "SELECT COUNT(*) FROM incident_action WHERE incident_id = ? "
                     "AND kind = 'evidence' AND done_at <= ?",
                     p, 2, 0, &n, err);
        if (!rc && !n)
            rc = mm_err_set(err, MM_EREFUSED,
                            "証拠保全（ログ・現状の保存）がまだ記録されていません。緊急時対応計画"
                            "（対策基準 7.3 解説 ③(キ)）により、証拠保全を終えてから応急措置・"
                            "復旧を行います。先にインシデント「%s」の証拠保全を記録してください",
                            c->id);
    }
    if (!rc && c->done_by) {
        const char *p[] = {c->done_by};
        long long n = 0;
        rc = inc_int(st, "SELECT COUNT(*) FROM person WHERE id = ?", p, 1, 0, &n, err);
        if (!rc && !n)
            rc = mm_err_set(err, MM_EINPUT, "職員等「%s」は見つかりません", c->done_by);
    }
    long long seq = 0;
    const char *pi[] = {c->id};
    if (!rc)
        rc = inc_int(st, "SELECT COUNT(*) FROM incident_action WHERE incident_id = ?", pi, 1, 0,
                     &seq, err);
    if (!rc) {
        snprintf(c->action_id, INCIDENT_ID_LEN, "%s-A%02lld", c->id, seq + 1);
        const char *p[] = {c->action_id, c->id, c->kind, at, c->done_by, c->description};
        rc = inc_exec(st,
                      "INSERT INTO incident_action (id, incident_id, kind, done_at, done_by, "
                      "description) VALUES (?, ?, ?, ?, ?, ?)",
                      p, 6, err);
    }
    if (!rc)
        rc = inc_exec(st,
                      "UPDATE incident SET status = 'responding' WHERE id = ? "
                      "AND status = 'reported'",
                      pi, 1, err);
    return rc;
}

int incident_action_add(struct store *st, const struct audit_actor *actor,
                        const char *incident_id, const char *kind, const char *description,
                        const char *done_by, const char *done_at, const char *now,
                        char action_id_out[INCIDENT_ID_LEN], struct mm_err *err)
{
    char buf[INCIDENT_ID_LEN];
    struct action_ctx c = {incident_id, kind, description, done_by, done_at,
                           action_id_out ? action_id_out : buf};
    return inc_write(st, actor, "update", incident_id, do_action, &c, now, err);
}

/* ---- duties done ---- */

struct duty_ctx {
    const char *id, *kind, *reference, *done_by, *done_at;
};

static int do_duty(struct store *st, void *vctx, const char *now, struct mm_err *err)
{
    struct duty_ctx *c = vctx;
    int rc = inc_require_open(st, c->id, err);
    char *done = NULL, *due = NULL;
    const char *p[] = {c->id, c->kind};
    if (!rc)
        rc = inc_text(st, "SELECT due_at FROM incident_duty WHERE incident_id = ? AND kind = ?", p,
                      2, &due, err);
    if (!rc && !due)
        rc = mm_err_set(err, MM_EINPUT,
                        "インシデント「%s」に対外対応「%s」はありません",
                        c->id, c->kind);
    if (!rc)
        rc = inc_text(st, "SELECT done_at FROM incident_duty WHERE incident_id = ? AND kind = ?",
                      p, 2, &done, err);
    if (!rc && done)
        rc = mm_err_set(err, MM_EREFUSED, "対外対応「%s」は %s に済んでいます", c->kind, done);
    free(done), free(due);
    char at[INCIDENT_TIME_LEN];
    if (!rc)
        rc = c->done_at ? incident_time_norm(c->done_at, at, err) : incident_now(now, at, err);
    if (!rc && strcmp(at, now) > 0)
        rc = mm_err_set(err, MM_EINPUT, "実施日時 %s が現在 %s より後です", at, now);
    const char *pu[] = {at, c->done_by, c->reference, c->id, c->kind};
    if (!rc)
        rc = inc_exec(st,
                      "UPDATE incident_duty SET done_at = ?, done_by = ?, reference = ? "
                      "WHERE incident_id = ? AND kind = ?",
                      pu, 5, err);
    return rc;
}

int incident_duty_done(struct store *st, const struct audit_actor *actor,
                       const char *incident_id, const char *kind, const char *reference,
                       const char *done_by, const char *done_at, const char *now,
                       struct mm_err *err)
{
    struct duty_ctx c = {incident_id, kind, reference, done_by, done_at};
    return inc_write(st, actor, "update", incident_id, do_duty, &c, now, err);
}

/* ---- closing ---- */

struct close_ctx {
    const char *id, *outcome, *closed_by;
};

static const struct close_check {
    int incident_only;
    const char *sql; /* one `?` (the id); a count > 0 means something is missing */
    const char *missing;
} close_checks[] = {
    {0, "SELECT COUNT(*) FROM incident WHERE id = ? AND judgement = 'undetermined'",
     "CSIRT の評価（インシデントか否か）"},
    {1, "SELECT 1 - COUNT(*) FROM incident_action WHERE incident_id = ? AND kind = 'evidence'",
     "証拠保全の記録"},
    {1, "SELECT 1 - COUNT(*) FROM incident_action WHERE incident_id = ? AND kind = 'root_cause'",
     "原因の究明の記録"},
    {1, "SELECT 1 - COUNT(*) FROM incident_action WHERE incident_id = ? "
        "AND kind = 'prevention_plan'",
     "再発防止計画（委員会への報告）の記録"},
    {1, "SELECT COUNT(*) FROM incident_step WHERE incident_id = ? AND acknowledged_at IS NULL",
     "報告経路のすべての受領"},
    {0, "SELECT COUNT(*) FROM incident_duty WHERE incident_id = ? AND done_at IS NULL",
     "すべての対外対応（報告・通知・連絡）"},
};

static int do_close(struct store *st, void *vctx, const char *now, struct mm_err *err)
{
    struct close_ctx *c = vctx;
    int rc = inc_require_open(st, c->id, err);
    char *judgement = NULL, *source = NULL;
    const char *pi[] = {c->id};
    if (!rc)
        rc = inc_text(st, "SELECT judgement FROM incident WHERE id = ?", pi, 1, &judgement, err);
    if (!rc)
        rc = inc_text(st, "SELECT source FROM incident WHERE id = ?", pi, 1, &source, err);
    char missing[768] = "";
    for (size_t i = 0; !rc && i < sizeof close_checks / sizeof close_checks[0]; i++) {
        if (close_checks[i].incident_only && (!judgement || strcmp(judgement, "incident")))
            continue;
        long long n = 0;
        rc = inc_int(st, close_checks[i].sql, pi, 1, 0, &n, err);
        if (!rc && n > 0)
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                     missing[0] ? "、" : "", close_checks[i].missing);
    }
    if (!rc && source && !strcmp(source, "external") && (!c->outcome || !*c->outcome))
        snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                 missing[0] ? "、" : "", "報告者に伝える結果");
    free(judgement), free(source);
    if (!rc && missing[0])
        rc = mm_err_set(err, MM_EREFUSED, "インシデント「%s」はまだ終結できません。足りないもの: %s",
                        c->id, missing);
    const char *p[] = {now, c->closed_by, c->outcome, c->id};
    if (!rc)
        rc = inc_exec(st,
                      "UPDATE incident SET status = 'closed', closed_at = ?, closed_by = ?, "
                      "outcome = ? WHERE id = ?",
                      p, 4, err);
    return rc;
}

int incident_close(struct store *st, const struct audit_actor *actor, const char *incident_id,
                   const char *outcome, const char *closed_by, const char *now,
                   struct mm_err *err)
{
    struct close_ctx c = {incident_id, outcome, closed_by};
    return inc_write(st, actor, "update", incident_id, do_close, &c, now, err);
}
