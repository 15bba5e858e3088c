/*
 * assessment.h — 自己点検 (対策基準 9.2): a 年度 campaign creates one assessment per 部局 (answered
 * by its 情報セキュリティ責任者 with the 管理者, 9.2(1)②), per network domain (the 統括) and per
 * information system (its 情報システム管理者, 9.2(1)①). Questions come from the templates
 * (data, filled from the catalog's ○ marks for the roles of assessment_target_role); each is
 * prefilled from the newest full check run for its clause and scope, or carried over from the
 * previous 年度's answer. Answer → submit → review (return or accept).
 *
 * Prefill order: the previous 年度's answer and comment; then, where a rule checks the clause,
 * the check result wins when it found something (一部実施, with the count in the comment) and
 * fills 実施 only where nothing else answered. Prefilled answers have no answered_by until the
 * respondent confirms or changes them.
 */
#ifndef MM_ASSESSMENT_H
#define MM_ASSESSMENT_H

#include "pdca/pdca.h"

/* Fills the question templates from the catalog when there are none; *added counts rows. */
int assessment_templates_seed(struct store *st, long long *added, struct mm_err *err);

/* A municipality's edit of one template: new text (NULL keeps it) and active (-1 keeps it). */
int assessment_template_set(struct store *st, const struct pdca_actor *a, const char *id,
                            const char *text, int active, struct mm_err *err);

/*
 * A municipality's own question: for a kind of target (bukyoku, network, system) and a role of
 * assessment_target_role, about a clause of the current catalog. The id is chosen by the caller.
 */
int assessment_template_add(struct store *st, const struct pdca_actor *a, const char *id,
                            const char *target_kind, const char *role, const char *clause_id,
                            const char *text, struct mm_err *err);

struct assessment_campaign_opts {
    int fiscal_year;
    const char *title;  /* NULL: 「令和N年度 情報セキュリティ自己点検」 */
    const char *due_on; /* may be NULL */
    int carry_forward;  /* copy the previous 年度's answers */
};
struct assessment_campaign_result {
    long long id, assessments, questions, carried, auto_prefilled, run_id;
};
int assessment_campaign_create(struct store *st, const struct pdca_actor *a,
                               const struct assessment_campaign_opts *o,
                               struct assessment_campaign_result *res, struct mm_err *err);

/*
 * Reads the newest full check run into the 年度's open and returned assessments (after checks
 * ran later in the year): the check columns of every question, and the answers a respondent has
 * not given follow the new result as at creation. *updated counts answers now from the check.
 */
int assessment_refresh_auto(struct store *st, const struct pdca_actor *a, int fiscal_year,
                            long long *updated, struct mm_err *err);

/* Answer codes: done, partial, not_done, na. The person must answer for the question's role. */
int assessment_answer(struct store *st, const struct pdca_actor *a, long long question_id,
                      const char *answer, const char *comment, struct mm_err *err);

/* The lead of the target (assessment_target_role.lead) submits with the 改善策 (9.2(2)). */
int assessment_submit(struct store *st, const struct pdca_actor *a, long long assessment_id,
                      const char *improvement, struct mm_err *err);

/* 統括, CISO or 副CISO (not the submitter) accepts, or returns with a comment. */
int assessment_review(struct store *st, const struct pdca_actor *a, long long assessment_id,
                      int accept, const char *comment, struct mm_err *err);

/* Progress of a campaign per 部局 (department_id NULL: the network assessments, 全庁). */
struct assessment_progress_row {
    const char *department_id, *name;
    long long assessments, submitted, accepted, returned, questions, answered, confirmed;
};
int assessment_progress(struct store *st, int fiscal_year,
                        int (*fn)(void *ctx, const struct assessment_progress_row *r), void *ctx,
                        struct mm_err *err);

/* The id of the campaign of a 年度 (0 when none). */
int assessment_campaign_of(struct store *st, int fiscal_year, long long *id, struct mm_err *err);

#endif
