/*
 * audit.h — 情報セキュリティ監査 (対策基準 9.1): plans drafted by the 監査統括責任者 and approved
 * by the 委員会 (9.1(3)①); scope by 部局・課室, system, contractor or cloud service; teams whose
 * members must be independent of every audited unit (9.1(2)①, 1.(8)②) unless a reason why it
 * cannot be avoided is recorded; findings with severity, clause and evidence; 改善計画 with
 * owner and due date (9.1(7)①), progress reports, and verification of closure by the auditors;
 * and the search for the same problem in other units (9.1(7)②).
 *
 * A member of an approved plan's team receives role assignments `auditor` (schema 007) for the
 * plan's 部局・課室 and system scopes over the plan's period, which give read access there.
 */
#ifndef MM_AUDIT_H
#define MM_AUDIT_H

#include "pdca/pdca.h"

struct audit_plan_new {
    const char *id, *title, *kind; /* kind: internal, external, mutual, follow_up */
    int fiscal_year;               /* 0: the 年度 of starts_on */
    const char *starts_on, *ends_on, *items;
};
/* The acting person must hold audit_chief; they become the plan's chief. */
int audit_plan_create(struct store *st, const struct pdca_actor *a, const struct audit_plan_new *p,
                      struct mm_err *err);

/* kind: department, system, contractor, cloud_service. Only while the plan is a draft. */
int audit_scope_add(struct store *st, const struct pdca_actor *a, const char *plan,
                    const char *kind, const char *target, struct mm_err *err);

/* Records the 委員会's approval (by a 委員 or the 統括 as its secretariat). */
int audit_plan_approve(struct store *st, const struct pdca_actor *a, const char *plan,
                       const char *approved_on, const char *ref, struct mm_err *err);

/*
 * Why `person` is not independent of the plan's scope: fn is called once per reason (the scope
 * it concerns and a Japanese sentence). *count receives the number of reasons.
 */
typedef int (*audit_conflict_fn)(void *ctx, const char *scope_kind, const char *target,
                                 const char *reason);
int audit_independence(struct store *st, const char *plan, const char *person, audit_conflict_fn fn,
                       void *ctx, int *count, struct mm_err *err);

/* Adds a member; refused (MM_EREFUSED, reasons in the message) when not independent and no
 * `waiver` (the reason it cannot be avoided) is given. */
int audit_team_add(struct store *st, const struct pdca_actor *a, const char *plan,
                   const char *person, int lead, const char *waiver, struct mm_err *err);

struct audit_finding_new {
    const char *plan_id, *scope_kind, *target_id, *severity, *clause_id, *title, *detail, *cause;
    int cross_cutting;
    const char *recorded_on;
};
/* By a member of the plan's team, on an approved plan, within its scope. */
int audit_finding_add(struct store *st, const struct pdca_actor *a, const struct audit_finding_new *f,
                      long long *id, struct mm_err *err);

/* The CISO (or 副CISO) instructs an 改善計画: owner is the 管理者 of the unit (or the 統括 for a
 * cross-cutting finding). */
int audit_improvement_plan(struct store *st, const struct pdca_actor *a, long long finding_id,
                           const char *owner, const char *actions, const char *due_on,
                           long long *plan_id, struct mm_err *err);

/* The owner reports progress; 100 marks the plan complete and awaiting verification. */
int audit_progress_report(struct store *st, const struct pdca_actor *a, long long plan_id,
                          const char *reported_on, int percent, const char *summary,
                          struct mm_err *err);
/* The same, giving the report's id (for evidence files) in *report_id. */
int audit_progress_report_id(struct store *st, const struct pdca_actor *a, long long plan_id,
                             const char *reported_on, int percent, const char *summary,
                             long long *report_id, struct mm_err *err);

/* A member of the audit team (not the owner) confirms closure, or reopens with a note. */
int audit_verify(struct store *st, const struct pdca_actor *a, long long plan_id,
                 const char *decided_on, int closed, const char *note, struct mm_err *err);

/* Other 部局 where the finding's clause shows up: open automated findings of the newest full
 * run, self-assessment answers 一部実施/未実施 of the newest campaign, other audit findings. */
struct audit_similar_row {
    const char *department_id, *name;
    long long check_findings, assessment_gaps, audit_findings;
};
int audit_search_similar(struct store *st, long long finding_id,
                         int (*fn)(void *ctx, const struct audit_similar_row *r), void *ctx,
                         struct mm_err *err);

#endif
