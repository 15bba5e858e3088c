/*
 * page_incidents.h — インシデント (対策基準 5.3, 7.3) in the browser and the API, shared by
 * page_incidents*.c: who may see and change an incident, the actions that pages and API run
 * alike, and the handlers of the route table in page_incidents.c.
 *
 * Access (grants on resource `incident`, schema 014): a user sees an incident when a read grant
 * reaches its 課室 or its reporter (reach 'own'), or one of its affected systems, or when a step
 * of its chain reached them. Acknowledging a step: the people the step reached, or a CSIRT
 * member / 統括 for a step that reached nobody. Recording an action needs a write grant on the
 * 課室 or an affected system (not the reporter's 'own'); triage, outward duties and closing
 * need that and a CSIRT role or 統括.
 */
#ifndef MM_WEB_PAGE_INCIDENTS_H
#define MM_WEB_PAGE_INCIDENTS_H

#include <jansson.h>

#include "web/app.h"

#define INC_RESOURCE "incident"

/* Member text of a JSON object ("" when absent or not a string). */
const char *inc_js(const json_t *o, const char *key);

/* Loads the incident for the user: NULL after answering 403 / 404 / 500. */
json_t *inc_load_visible(struct web_ctx *c, const char *id);

/* What the user's roles allow on a loaded incident (can: whatever its state, for deciding 403;
 * may: and it is still open, for offering the forms). Act = record actions; triage = also
 * triage, complete duties and close. */
int inc_can_act(const struct web_ctx *c, const json_t *inc);
int inc_can_triage(const struct web_ctx *c, const json_t *inc);
int inc_may_act(const struct web_ctx *c, const json_t *inc);
int inc_may_triage(const struct web_ctx *c, const json_t *inc);
/* Whether step `step` of the loaded incident is the user's to acknowledge (reached them, or
 * reached nobody and the user is CSIRT / 統括), and whether it awaits that now. */
int inc_step_is_mine(const struct web_ctx *c, const json_t *inc, const json_t *step);
int inc_may_ack(const struct web_ctx *c, const json_t *inc, const json_t *step);
/* Whether the user may read the 緊急連絡網 (an incident read grant beyond 'own'). */
int inc_may_see_contacts(struct web_ctx *c, int *out, struct mm_err *err);

/* ---- the actions, shared by the pages and the API ---- */

/* Reads one input field (form field or JSON member) into out[size]; 1 when present. */
struct inc_input {
    const struct web_ctx *c;
    const json_t *body; /* the API's JSON body, or NULL for a form */
};
int inc_field(const struct inc_input *in, const char *name, char *out, size_t size);

/* An engine message for people using the pages and the API: without the trailing hint naming a
 * `mamori incident` command (the CLI's next step). */
void inc_message(const char *msg, char *buf, size_t size);

enum inc_verb { INC_ACK, INC_TRIAGE, INC_ACTION, INC_DUTY, INC_CLOSE, INC_VERB_N };

/* The verb named by a path segment ("ack", "triage", "action", "duty", "close"), or -1. */
int inc_verb_of(const char *name);
const char *inc_verb_name(enum inc_verb v);

/*
 * Runs a verb on the loaded incident for the user. Returns MM_OK; MM_EREFUSED with *denied = 1
 * when the user may not (answer 403); otherwise the engine's code with err->msg (MM_EINPUT: bad
 * input, MM_EREFUSED: refused by the rules, e.g. containment before evidence).
 */
int inc_run(struct web_ctx *c, const json_t *inc, enum inc_verb v, const struct inc_input *in,
            int *denied, struct mm_err *err);

/* Files a new report by the signed-in user; id_out receives the id. */
int inc_file(struct web_ctx *c, const struct inc_input *in, char id_out[64], struct mm_err *err);

/* The incidents the user may see (ids as object keys) — for the list and the API. */
int inc_visible_ids(struct web_ctx *c, json_t **out, struct mm_err *err);
/* The user's visible incidents from incident_list, filtered by status / severity / overdue. */
int inc_list_visible(struct web_ctx *c, const char *status, const char *severity, int overdue,
                     json_t **out, struct mm_err *err);

/* ---- handlers ---- */

void inc_page_list(struct web_ctx *c, char *const *args);
void inc_page_new(struct web_ctx *c, char *const *args);
void inc_post_new(struct web_ctx *c, char *const *args);
void inc_page_show(struct web_ctx *c, char *const *args);
void inc_post_verb(struct web_ctx *c, char *const *args);
void inc_get_pdf(struct web_ctx *c, char *const *args);
void inc_page_contacts(struct web_ctx *c, char *const *args);

/* Renders the incident page (used again after a refused POST, with `notice` and status). */
void inc_render_show(struct web_ctx *c, const json_t *inc, int status, const char *notice,
                     int is_error);

void inc_api_list(struct web_ctx *c, char *const *args);
void inc_api_create(struct web_ctx *c, char *const *args);
void inc_api_get(struct web_ctx *c, char *const *args);
void inc_api_verb(struct web_ctx *c, char *const *args);
void inc_api_contacts(struct web_ctx *c, char *const *args);

#endif
