/*
 * approval.h — 申請・承認: the approval engine (docs/approvals.md).
 *
 * A request kind is data (schema 010): its clauses, the fields it asks for, hard conditions that
 * refuse it outright, and its route of grantors taken from the catalog's 許/承 marks. A route
 * step names a role and a scope (全庁, the requester's 課室 or 部局, the system concerned …);
 * the engine resolves it to the person holding that role on the day. Where the holder is the
 * requester (兼務の禁止, 1.(8)①) or nobody holds the role, the step moves up the escalation
 * order (request_escalation), or the request is refused with a message naming the role.
 *
 * Every function that changes data does it in one write transaction together with its
 * change-log entry (auditlog_append) and rolls back on any error; none of them prints. Dates
 * are ISO `YYYY-MM-DD` in JST; `today` is always passed in, so tests and the web (c->today)
 * decide what "today" is. Person ids are the ids of the person register.
 *
 * Errors: MM_EINPUT for a malformed value (with every field problem in `problems` when given),
 * MM_EREFUSED for a request the rules refuse (a hard condition, 兼務の禁止 with nobody above,
 * a decision by someone who is not a current grantor, a change to a decided request),
 * MM_EINTERNAL for the database.
 */
#ifndef MM_APPROVAL_H
#define MM_APPROVAL_H

#include <jansson.h>
#include <stddef.h>

#include "auditlog/auditlog.h"
#include "store/store.h"
#include "util/err.h"

#define APPROVAL_ID_MAX 64 /* room for a person, system or role id */
#define APPROVAL_TITLE_MAX 120 /* characters of a request's title */

/* One field value of a request: the field code of the kind and its text. Borrowed. */
struct approval_value {
    const char *field;
    const char *value;
};

/* ---- kinds ---- */

struct approval_field {
    char *code, *label, *type; /* type: text date int bool choice class person system asset department */
    char *choices;             /* choice: "code=ラベル|code=ラベル", else NULL */
    int required, max_len;
};

struct approval_kind {
    char *code, *label, *clauses, *mark_clause, *grant_type, *register_kind, *basis;
    char *notify_roles;
    int needs_until, emergency;
    struct approval_field *fields;
    size_t nfields;
};

/* Loads one kind with its fields; MM_EINPUT when there is no such kind. Free with _free. */
int approval_kind_load(struct store *st, const char *code, struct approval_kind *out,
                       struct mm_err *err);
void approval_kind_free(struct approval_kind *k);

/* ---- routes ---- */

/* One grantor of a resolved route. */
struct approval_step {
    int step;
    char role[32];       /* the role that decides, after escalation */
    char route_role[32]; /* the role the route names */
    char scope[32];
    char mode[8]; /* "all" (及び) or "any" (又は) */
    char person_id[APPROVAL_ID_MAX];
    char person_name[128];
    char escalation[512]; /* empty, or why the step moved up */
};

struct approval_route {
    struct approval_step *steps;
    size_t n;
};
void approval_route_free(struct approval_route *r);

/*
 * Resolves the route of `kind` for a request by `requester_id` with these values, as of
 * `today`, without storing anything (used to preview a request and by the tests). Refusal
 * conditions are not evaluated here (approval_check_refusals does that).
 */
int approval_resolve(struct store *st, const char *kind, const char *requester_id,
                     const struct approval_value *values, size_t nvalues, const char *today,
                     struct approval_route *out, struct mm_err *err);

/* Evaluates the kind's hard conditions: MM_EREFUSED with the first refusal's message. */
int approval_check_refusals(struct store *st, const char *kind, const struct approval_value *values,
                            size_t nvalues, struct mm_err *err);

/* ---- requests ---- */

struct approval_new {
    const char *kind;
    const char *title;        /* NULL: 「<kind label>（<requester name>）」 */
    const char *requester_id; /* the person filing */
    const struct approval_value *values;
    size_t nvalues;
    int emergency;                /* 7.4(2): carried out already, decided afterwards */
    long long renewal_of;         /* 0, or the request this one renews */
    long long risk_acceptance_id; /* 0, or the risk_acceptance this 例外措置 covers */
    const char *today;
};

/*
 * Validates the values (each problem into `problems` if not NULL), checks the hard conditions,
 * resolves the route and files the request; the first step's grantors get an inbox notice.
 */
int approval_create(struct store *st, const struct audit_actor *actor, const struct approval_new *q,
                    long long *id_out, struct mm_problems *problems, struct mm_err *err);

/* Decisions (request_decision codes). */
#define APPROVAL_APPROVE "approve"
#define APPROVAL_CONDITIONAL "conditional"
#define APPROVAL_REJECT "reject"
#define APPROVAL_RETURN "return"

struct approval_decision {
    long long request_id;
    const char *person_id; /* who decides: the grantor, or a delegate deciding by 代決 */
    const char *decision;  /* approve | conditional | reject | return */
    const char *comment;   /* required for conditional (the conditions), reject and return */
    const char *manager_id; /* cloud: the クラウドサービス管理者 named on approval (8.3(5)③) */
    const char *today;
};

/*
 * Records one decision. The decider must be a grantor of the current step whose decision is
 * still open, or hold a valid delegation (代決) from one; never the requester. When the last
 * step is complete the request is 許可 (or 条件付き許可) and the registers are updated: an
 * approved cloud service enters cloud_service with its manager, approved software enters the
 * allowed list. 却下 ends the request; 差戻し returns it to the requester for approval_amend.
 */
int approval_decide(struct store *st, const struct audit_actor *actor,
                    const struct approval_decision *d, struct mm_err *err);

/*
 * Changes the values of a request that is 差戻し (a new round is resolved and starts) or that
 * is 審査中 with no decision yet. Given values replace the stored ones; others are kept.
 * A decided request is refused.
 */
int approval_amend(struct store *st, const struct audit_actor *actor, long long id,
                   const char *person_id, const struct approval_value *values, size_t nvalues,
                   const char *today, struct mm_problems *problems, struct mm_err *err);

/* The requester withdraws a request that is not decided (審査中 or 差戻し). */
int approval_withdraw(struct store *st, const struct audit_actor *actor, long long id,
                      const char *person_id, const char *reason, const char *today,
                      struct mm_err *err);

/* The requester reports that a permitted use has ended (終了). */
int approval_close(struct store *st, const struct audit_actor *actor, long long id,
                   const char *person_id, const char *today, struct mm_err *err);

/*
 * Files a renewal of an approved request: a new request of the same kind and values with
 * `until` set to `new_until` and renewal_of = id. It goes through the route again.
 */
int approval_renew(struct store *st, const struct audit_actor *actor, long long id,
                   const char *person_id, const char *new_until, const char *today,
                   long long *new_id, struct mm_problems *problems, struct mm_err *err);

/*
 * Files a recorded risk acceptance (`mamori check accept`) as an 例外措置 request decided by the
 * CISO: the rule and target become the 遵守が困難な事項, its reason the 合理的な理由, its
 * expiry the 終了予定日; `measures` are the 代替措置. The risk_acceptance row is kept.
 */
int approval_from_risk(struct store *st, const struct audit_actor *actor, long long risk_id,
                       const char *requester_id, const char *measures, const char *today,
                       long long *id_out, struct mm_err *err);

/* ---- delegation (代決) and absence ---- */

struct approval_delegation {
    const char *delegator_id, *role, *delegate_id;
    const char *instrument; /* 代決規程・専決規程・文書番号 … (required) */
    const char *valid_from, *valid_to;
};
int approval_delegate(struct store *st, const struct audit_actor *actor,
                      const struct approval_delegation *q, long long *id_out, struct mm_err *err);

int approval_absence(struct store *st, const struct audit_actor *actor, const char *person_id,
                     const char *from, const char *to, const char *reason, long long *id_out,
                     struct mm_err *err);

/* ---- attachments ---- */

/* Attaches bytes to a request that is not decided; bounded by request_attachment_max_kb. */
int approval_attach(struct store *st, const struct audit_actor *actor, long long id,
                    const char *person_id, const char *name, const unsigned char *data,
                    size_t size, long long *att_id, struct mm_err *err);

/* The bytes of one attachment (malloc'd into *data; the caller frees) and its name. */
int approval_attachment_get(struct store *st, long long att_id, unsigned char **data,
                            size_t *size, char *name, size_t name_size, struct mm_err *err);

/* ---- inbox ---- */

struct approval_notice {
    long long id, request_id; /* request_id 0 when none */
    const char *message, *created_at, *read_at; /* borrowed during the callback */
};

int approval_inbox_each(struct store *st, const char *person_id, int unread_only,
                        int (*fn)(void *ctx, const struct approval_notice *n), void *ctx,
                        struct mm_err *err);

/* Marks one notice (id > 0) or all of the person's notices (id 0) read. */
int approval_inbox_read(struct store *st, const struct audit_actor *actor, const char *person_id,
                        long long notice_id, struct mm_err *err);

/*
 * Puts a notice in the inbox of the requester of every approved request whose period ends
 * within `days` days from today and who has not had that notice yet. *count receives how many.
 */
int approval_remind_expiring(struct store *st, const struct audit_actor *actor, const char *today,
                             int days, int *count, struct mm_err *err);

/* ---- remote-access logins ---- */

struct approval_login {
    const char *person_id, *system_id, *login_at, *source;
};

/* Stores imported remote-access logins (checked by rule APR-003 against the grants). */
int approval_import_logins(struct store *st, const struct audit_actor *actor,
                           const struct approval_login *rows, size_t n, struct mm_problems *problems,
                           struct mm_err *err);

/* ---- e-mail ---- */

/*
 * Sends the inbox notices with id > after_id by e-mail through SMTP (libcurl) when the profile
 * parameter mail_enabled is true (off by default); a person without an e-mail address is
 * skipped. Called by the engine after a commit; failures never undo the change. *sent gets the
 * count. MM_OK and *sent = 0 when mail is off.
 */
int approval_mail_since(struct store *st, long long after_id, int *sent, struct mm_err *err);

/* ---- reading (for pages, the JSON API and the CLI) ---- */

/*
 * The whole request as JSON: id, kind and its label, title, requester (id, name), state and
 * its label, round, emergency, period (valid_from, valid_until), expired (valid_until before
 * `today` while permitted), filed_on, decided_on, conditions, renewal_of, values (array of
 * {field, label, value, display}), approvals (array per round and step: role and its label,
 * route_role, person, name, mode, escalation, decision, decided_by, delegation instrument,
 * comment, decided_at, absent: the absence covering today or null, delegates: valid 代決 for
 * that person and role today), current_step (the step waiting for decisions, 0 when none),
 * attachments (id, name, size, sha256, added_at, no content).
 * New reference in *out. MM_EINPUT when there is no such request.
 */
int approval_get_json(struct store *st, long long id, const char *today, json_t **out,
                      struct mm_err *err);

/*
 * Whether `person_id` may decide request `id` now: it is 審査中, the person is not the
 * requester, and is a grantor of the current step whose decision is open or holds a valid 代決
 * from one on `today`. *can = 1 or 0 (MM_OK either way).
 */
int approval_can_decide(struct store *st, long long id, const char *person_id, const char *today,
                        int *can, struct mm_err *err);

struct approval_filter {
    const char *person_id; /* requests filed by, or awaiting a decision of, this person */
    const char *awaiting;  /* only requests whose current step waits on this person (or a
                              person who delegated to them today) */
    const char *state, *kind;
    long long limit; /* 0 = 500 */
};

/* Matching requests, newest first, as a JSON array of summaries (id, kind, kind_label, title,
 * requester, requester_name, state, state_label, filed_on, valid_until, expired). */
int approval_list_json(struct store *st, const struct approval_filter *f, const char *today,
                       json_t **out, struct mm_err *err);

/* Kinds with fields, refusal conditions and route rows, as a JSON array. */
int approval_kinds_json(struct store *st, json_t **out, struct mm_err *err);

/*
 * Changes a route in data (a municipality's own route): adds or replaces the row (kind, step,
 * role, scope) with `mode`, or removes it when `remove`. A kind keeps at least one row.
 */
int approval_route_set(struct store *st, const struct audit_actor *actor, const char *kind,
                       int step, const char *role, const char *scope, const char *mode, int remove,
                       struct mm_err *err);

/*
 * Records in catalog_coverage (kind 'workflow', ref = kind code) the catalog clauses each
 * request kind covers; writes only when that changed. Meant to run after the catalog is loaded
 * on a writable open, as rules_sync_coverage does for the rules.
 */
int approval_sync_coverage(struct store *st, struct mm_err *err);

/* ---- helpers ---- */

/* Today in JST as YYYY-MM-DD. */
void approval_today_jst(char out[11]);

/* Japanese label of a state / decision code (static text; the code itself if unknown). */
const char *approval_state_label(const char *state);
const char *approval_decision_label(const char *decision);

#endif
