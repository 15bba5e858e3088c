/*
 * incident.h — 情報セキュリティインシデント (対策基準 5.3, 7.3): reporting, the reporting chain,
 * CSIRT triage, response actions, outward duties and the 緊急連絡網. docs/incidents.md.
 *
 * The chain (5.3(1) internal, 5.3(2) external) is resolved from the current role assignments:
 *   stage 1  the 情報セキュリティ管理者 of the reporting 課室, and (internal) the 統一的な窓口 = CSIRT
 *   stage 2  the 統括情報セキュリティ責任者, and the 情報システム管理者 of each affected system
 *   stage 3  the CISO and the 情報セキュリティ責任者 of the 部局 (external: once judged an incident)
 * Each hand-over is a step with handed_over_at and due_at = handed_over_at + the stage's interval
 * (local parameters incident_step{1,2,3}_ack_minutes). When every step of a stage is
 * acknowledged the next stage is handed over at that moment. A step is overdue while it is not
 * acknowledged after due_at.
 *
 * Every change runs in ONE write transaction (the functions call store_begin/store_commit
 * themselves) with one change-log entry (entity "incident", before/after = incident_get JSON);
 * on any error everything is rolled back. Nothing here prints.
 *
 * Times: JST text "YYYY-MM-DDTHH:MM:SS+09:00". Every function that writes takes `now` in that
 * form (or NULL for the clock), so tests and the demo can fix the time.
 */
#ifndef MM_INCIDENT_H
#define MM_INCIDENT_H

#include <jansson.h>
#include <stddef.h>
#include <time.h>

#include "auditlog/auditlog.h"
#include "store/store.h"
#include "util/err.h"

#define INCIDENT_TIME_LEN 32
#define INCIDENT_ID_LEN 40

/* ---- time ---- */

/* Formats t as JST "YYYY-MM-DDTHH:MM:SS+09:00". */
void incident_time_format(time_t t, char out[INCIDENT_TIME_LEN]);
/*
 * Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (JST), or the same ending in "Z" or "+09:00"
 * (a space may stand for T). A bare date is 00:00 JST. MM_EINPUT with a Japanese message.
 */
int incident_time_parse(const char *s, time_t *out, struct mm_err *err);
/* Normalises a user's time (as incident_time_parse) into the stored form. */
int incident_time_norm(const char *s, char out[INCIDENT_TIME_LEN], struct mm_err *err);
/* For people: 「令和8年6月1日 09:15」 from a stored time; a date alone without the time; the
 * text unchanged when it cannot be read; "" for NULL. */
void incident_time_display(const char *t, char *buf, size_t size);
/* For sentences: 「令和8年11月24日 9時57分」 (JST) from a stored time; otherwise as
 * incident_time_display. */
void incident_time_spoken(const char *t, char *buf, size_t size);
/* `now` if given (normalised), else the clock. */
int incident_now(const char *now, char out[INCIDENT_TIME_LEN], struct mm_err *err);

/* ---- reporting ---- */

struct incident_report {
    /* NULL: the next "INC-YYYY-NNNN" of the year of the report. Given (records carried over from
     * a paper register, the demo): used as is; it must be unused, letters, digits and '-'. */
    const char *id;
    const char *title;       /* required */
    const char *description; /* required */
    const char *source;      /* "internal" (default) or "external" */
    /* internal: the member of staff reporting; external: the one who received the report */
    const char *reporter_id;
    const char *outside_name, *outside_contact; /* external: the resident or party */
    const char *department_id; /* NULL: the reporter's department */
    const char *occurred_at;   /* optional, any incident_time_parse form */
    const char *const *system_ids; /* affected systems, optional */
    size_t nsystems;
    const char *const *asset_ids; /* affected assets, optional */
    size_t nassets;
};

/*
 * Records a report and hands it to stage 1 of the chain. id_out receives its id.
 * MM_EINPUT when a person, department, system or asset does not exist or text is missing.
 */
int incident_report(struct store *st, const struct audit_actor *actor,
                    const struct incident_report *r, const char *now,
                    char id_out[INCIDENT_ID_LEN], struct mm_err *err);

/*
 * Acknowledges a step (id "INC-…-NN"), by `person_id` (may be NULL). Refuses (MM_EREFUSED) a
 * step already acknowledged or an incident that is closed. When the stage is complete, the next
 * stage is handed over at `now`.
 */
int incident_ack(struct store *st, const struct audit_actor *actor, const char *step_id,
                 const char *person_id, const char *now, struct mm_err *err);

/* ---- triage (5.3(3)①) ---- */

/* Tri-state fields: -1 = leave as is, 0 = no, 1 = yes. */
struct incident_triage {
    const char *judgement; /* "incident" | "not_incident" | "undetermined" | NULL (keep) */
    const char *severity;  /* "low" … "critical" | NULL (keep) */
    int personal_info, specific_personal, sensitive_personal, ordinance_sensitive;
    int property_damage, improper_purpose, crime_suspected, press_release, provider_involved;
    long long persons_affected; /* -1 keep */
    const char *const *add_systems;
    size_t nadd_systems;
    const char *const *add_assets;
    size_t nadd_assets;
    const char *note;      /* NULL keep */
    const char *triaged_by; /* person id, optional */
};

/* A triage with every field "keep". */
void incident_triage_init(struct incident_triage *t);

/*
 * Applies the triage, recomputes the outward duties (incident_duties_plan) and, where the chain
 * now reaches further (new affected systems at stage 2; stage 3 of an external report once it is
 * judged an incident), hands the new steps over at `now`.
 */
int incident_triage(struct store *st, const struct audit_actor *actor, const char *incident_id,
                    const struct incident_triage *t, const char *now, struct mm_err *err);

/* ---- actions (7.3 解説 ③, 5.3(3)③④) ---- */

/*
 * Records an action of kind evidence|containment|recovery|monitoring|root_cause|
 * prevention_plan|note. Enforces the order of 7.3 解説 ③(キ): containment is refused
 * (MM_EREFUSED) until evidence preservation has been recorded; recovery and monitoring likewise.
 * `done_at` NULL = now. action_id_out (may be NULL) receives the new id.
 */
int incident_action_add(struct store *st, const struct audit_actor *actor,
                        const char *incident_id, const char *kind, const char *description,
                        const char *done_by, const char *done_at, const char *now,
                        char action_id_out[INCIDENT_ID_LEN], struct mm_err *err);

/* ---- outward duties ---- */

/* One computed duty: what the rules require now for an incident. */
struct incident_duty_plan {
    const char *kind;  /* static */
    char due_at[INCIDENT_TIME_LEN];
    char basis[256];   /* Japanese: which rule and parameter */
};

/*
 * Computes the duties an incident requires from its stored triage and the local parameters.
 * out must hold INCIDENT_DUTY_MAX entries; *n receives the count. Reads only.
 */
#define INCIDENT_DUTY_MAX 12
int incident_duties_plan(struct store *st, const char *incident_id,
                         struct incident_duty_plan *out, size_t *n, struct mm_err *err);

/* Marks a duty (by kind) done, with a reference (受付番号 etc., may be NULL). */
int incident_duty_done(struct store *st, const struct audit_actor *actor,
                       const char *incident_id, const char *kind, const char *reference,
                       const char *done_by, const char *done_at, const char *now,
                       struct mm_err *err);

/* ---- closing ---- */

/*
 * Closes an incident. Refused (MM_EREFUSED, err lists what is missing) unless it was triaged;
 * for an incident: evidence, root cause and prevention plan recorded, every duty done and every
 * step acknowledged; for an external report: an outcome to tell the reporter.
 */
int incident_close(struct store *st, const struct audit_actor *actor, const char *incident_id,
                   const char *outcome, const char *closed_by, const char *now,
                   struct mm_err *err);

/* ---- reading ---- */

/*
 * The whole incident as JSON (ISO times; labels included): fields of the incident, systems,
 * assets, steps (with people, state pending|overdue|done|late), actions, duties (with state),
 * and "overdue" counts against `now`. MM_EINPUT (err names it) when the id is unknown.
 */
int incident_get(struct store *st, const char *incident_id, const char *now, json_t **out,
                 struct mm_err *err);

struct authz_principal;

/* Filters for incident_list; NULL members do not filter. */
struct incident_filter {
    const char *status;       /* reported|responding|closed, or "open" = not closed */
    const char *department_id;
    int overdue_only;         /* only incidents with an overdue step or duty at `now` */
    /* Web pages: only the rows authz allows `who` to read as `resource` (department = the
     * incident's 課室, person = the reporter), by authz_filter_sql/authz_filter_bind. */
    const struct authz_principal *who;
    const char *resource;
};

/*
 * Summaries, newest first: id, title, status (+label), judgement, severity, reported_at,
 * department, overdue_steps, overdue_duties, next_due (the earliest open due time).
 */
int incident_list(struct store *st, const struct incident_filter *f, const char *now,
                  json_t **out, struct mm_err *err);

/*
 * What awaits a person: the unacknowledged steps of open incidents that reached them, oldest
 * due first: {step_id, incident_id, title, stage, role_label, scope_name, handed_over_at,
 * due_at, state, state_label}. For the web pages' 「対応を待っているもの」 and for deciding
 * whether a signed-in person may acknowledge a step (incident_step_reaches).
 */
int incident_awaiting(struct store *st, const char *person_id, const char *now, json_t **out,
                      struct mm_err *err);
/* Whether the step reached the person (*yes = 1) — the step's own people, nobody else. */
int incident_step_reaches(struct store *st, const char *step_id, const char *person_id, int *yes,
                          struct mm_err *err);

/* The state of a due item: "done", "late" (done after due), "overdue", "pending". */
const char *incident_due_state(const char *due_at, const char *done_at, const char *now);
/* Japanese for a state: 「完了」「期限後に完了」「期限超過」「期限内」. */
const char *incident_due_state_label(const char *state);

/* Human-readable timeline (reported, hand-overs, acknowledgements, triage, actions, duties,
 * closing) sorted by time: array of {at, kind, text}. */
int incident_timeline(struct store *st, const char *incident_id, json_t **out,
                      struct mm_err *err);

/* ---- 緊急連絡網 (7.3(2)①) ---- */

/*
 * The emergency contact list from the role assignments current on `today` (YYYY-MM-DD): every
 * position the chain can reach (CISO, 副CISO, 統括, CSIRT, 情報セキュリティ責任者 per 部局,
 * 情報セキュリティ管理者 per 課室・出先機関, 情報システム管理者 per system), one entry per holder.
 * Entries: {role, role_label, scope_id, scope_name, person_id, person_name, email, status,
 * assignment_id, gap}; gap is null, "no_holder" (a position nobody holds), "holder_left" (the
 * holder has retired or been transferred) or "no_contact" (no e-mail registered).
 * *gaps receives the number of entries with a gap (may be NULL).
 */
int incident_contacts(struct store *st, const char *today, json_t **out, size_t *gaps,
                      struct mm_err *err);

/* Japanese for a contact gap code. */
const char *incident_gap_label(const char *gap);

#endif
