/*
 * page_incidents_run.c — the changes to an incident that the pages and the API share: reading
 * the input (a form field or a JSON member), deciding whether the user may, and calling the
 * engine (which runs each change in one write transaction with its change-log entry).
 */
#include "web/page_incidents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident/incident.h"

#define MAX_IDS 32
#define ID_LEN 64

int inc_field(const struct inc_input *in, const char *name, char *out, size_t size)
{
    out[0] = '\0';
    if (!in->body)
        return app_form(in->c, name, out, size);
    const json_t *v = json_object_get(in->body, name);
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (strlen(s) >= size)
            return 0;
        snprintf(out, size, "%s", s);
    } else if (json_is_integer(v)) {
        snprintf(out, size, "%lld", (long long)json_integer_value(v));
    } else if (json_is_boolean(v)) {
        snprintf(out, size, "%s", json_is_true(v) ? "1" : "0");
    } else if (json_is_array(v)) {
        size_t i, used = 0;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            const char *s = json_string_value(e);
            if (!s || used + strlen(s) + 2 > size)
                return 0;
            used += (size_t)snprintf(out + used, size - used, "%s%s", used ? " " : "", s);
        }
    } else {
        return 0;
    }
    return 1;
}

/* Splits ids written with spaces, commas or 読点 into ids[]; returns the count. */
static size_t split_ids(char *text, char ids[MAX_IDS][ID_LEN], const char *ptrs[MAX_IDS])
{
    static const char *const seps[] = {"、", "，", ","};
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++)
        for (char *p = strstr(text, seps[k]); p; p = strstr(p, seps[k]))
            memset(p, ' ', strlen(seps[k]));
    size_t n = 0;
    for (char *tok = strtok(text, " \t\r\n"); tok && n < MAX_IDS; tok = strtok(NULL, " \t\r\n")) {
        snprintf(ids[n], ID_LEN, "%s", tok);
        ptrs[n] = ids[n];
        n++;
    }
    return n;
}

static const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

/* A yes/no field: a form's checkbox is 1 when present, else 0; the API keeps it (-1) when
 * absent. */
static int flag(const struct inc_input *in, const char *name)
{
    char v[8];
    if (!inc_field(in, name, v, sizeof v))
        return in->body ? -1 : 0;
    return strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0;
}

int inc_file(struct web_ctx *c, const struct inc_input *in, char id_out[64], struct mm_err *err)
{
    if (!c->person_id[0])
        return mm_err_set(err, MM_EINPUT,
                          "この利用者は職員の台帳と結び付いていないため、報告できません。"
                          "情報セキュリティ管理者に連絡してください。");
    char title[512], desc[8000], occurred[64], systems[1024], assets[1024], ext[8];
    char oname[256], ocontact[256];
    inc_field(in, "title", title, sizeof title);
    inc_field(in, "description", desc, sizeof desc);
    inc_field(in, "occurred_at", occurred, sizeof occurred);
    inc_field(in, "systems", systems, sizeof systems);
    inc_field(in, "assets", assets, sizeof assets);
    inc_field(in, "outside_name", oname, sizeof oname);
    inc_field(in, "outside_contact", ocontact, sizeof ocontact);
    int external = inc_field(in, "external", ext, sizeof ext) &&
                   (strcmp(ext, "1") == 0 || strcmp(ext, "on") == 0);
    if (!title[0] || !desc[0])
        return mm_err_set(err, MM_EINPUT, "件名と内容（何が起きたか）を入力してください。");
    if (external && !oname[0])
        return mm_err_set(err, MM_EINPUT,
                          "外部からの連絡では、連絡してきた人の名前を入力してください。");
    char sids[MAX_IDS][ID_LEN], aids[MAX_IDS][ID_LEN];
    const char *sp[MAX_IDS], *ap[MAX_IDS];
    struct incident_report r = {
        .title = title,
        .description = desc,
        .source = external ? "external" : "internal",
        .reporter_id = c->person_id,
        .outside_name = external ? opt(oname) : NULL,
        .outside_contact = external ? opt(ocontact) : NULL,
        .occurred_at = opt(occurred),
    };
    r.nsystems = split_ids(systems, sids, sp);
    r.system_ids = sp;
    r.nassets = split_ids(assets, aids, ap);
    r.asset_ids = ap;
    char id[INCIDENT_ID_LEN];
    int rc = incident_report(c->st, &c->actor, &r, NULL, id, err);
    if (!rc)
        snprintf(id_out, 64, "%s", id);
    return rc;
}

void inc_message(const char *msg, char *buf, size_t size)
{
    snprintf(buf, size, "%s", msg ? msg : "");
    /* The engine's messages end with the CLI command to use next; the pages have their forms. */
    char *cli = strstr(buf, "mamori incident");
    if (!cli)
        return;
    *cli = '\0';
    char *last = NULL;
    for (char *p = strstr(buf, "。"); p; p = strstr(p + 1, "。"))
        last = p;
    if (last)
        last[strlen("。")] = '\0';
}

static const char *const verb_names[INC_VERB_N] = {"ack", "triage", "action", "duty", "close"};

int inc_verb_of(const char *name)
{
    for (int i = 0; i < INC_VERB_N; i++)
        if (strcmp(name, verb_names[i]) == 0)
            return i;
    return -1;
}

const char *inc_verb_name(enum inc_verb v)
{
    return verb_names[v];
}

static const json_t *find_step(const json_t *inc, const char *step_id)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(inc, "steps"), i, s)
    {
        if (strcmp(inc_js(s, "id"), step_id) == 0)
            return s;
    }
    return NULL;
}

static int run_ack(struct web_ctx *c, const json_t *inc, const struct inc_input *in, int *denied,
                   struct mm_err *err)
{
    char step[INCIDENT_ID_LEN + 8];
    inc_field(in, "step", step, sizeof step);
    const json_t *s = find_step(inc, step);
    if (!s)
        return mm_err_set(err, MM_EINPUT, "受領する段階を指定してください。");
    if (!inc_step_is_mine(c, inc, s)) {
        *denied = 1;
        return MM_EREFUSED;
    }
    return incident_ack(c->st, &c->actor, step, opt(c->person_id), NULL, err);
}

static const char *const triage_flags[] = {
    "personal_info",       "specific_personal", "sensitive_personal",
    "ordinance_sensitive", "property_damage",   "improper_purpose",
    "crime_suspected",     "press_release",     "provider_involved",
};

static int run_triage(struct web_ctx *c, const json_t *inc, const struct inc_input *in,
                      struct mm_err *err)
{
    struct incident_triage t;
    incident_triage_init(&t);
    char judgement[32], severity[32], persons[24], note[4000], systems[1024], assets[1024];
    inc_field(in, "judgement", judgement, sizeof judgement);
    inc_field(in, "severity", severity, sizeof severity);
    inc_field(in, "persons_affected", persons, sizeof persons);
    int have_note = inc_field(in, "note", note, sizeof note);
    inc_field(in, "add_systems", systems, sizeof systems);
    inc_field(in, "add_assets", assets, sizeof assets);
    t.judgement = opt(judgement);
    t.severity = opt(severity);
    int *fields[] = {&t.personal_info,       &t.specific_personal, &t.sensitive_personal,
                     &t.ordinance_sensitive, &t.property_damage,   &t.improper_purpose,
                     &t.crime_suspected,     &t.press_release,     &t.provider_involved};
    for (size_t i = 0; i < sizeof triage_flags / sizeof *triage_flags; i++)
        *fields[i] = flag(in, triage_flags[i]);
    if (persons[0]) {
        char *end;
        long long n = strtoll(persons, &end, 10);
        if (*end || n < 0)
            return mm_err_set(err, MM_EINPUT, "本人の数は 0 以上の整数で入力してください。");
        t.persons_affected = n;
    }
    if (have_note)
        t.note = note;
    char sids[MAX_IDS][ID_LEN], aids[MAX_IDS][ID_LEN];
    const char *sp[MAX_IDS], *ap[MAX_IDS];
    t.nadd_systems = split_ids(systems, sids, sp);
    t.add_systems = sp;
    t.nadd_assets = split_ids(assets, aids, ap);
    t.add_assets = ap;
    t.triaged_by = opt(c->person_id);
    return incident_triage(c->st, &c->actor, inc_js(inc, "id"), &t, NULL, err);
}

static int run_action(struct web_ctx *c, const json_t *inc, const struct inc_input *in,
                      struct mm_err *err)
{
    char kind[32], desc[4000], done_at[64];
    inc_field(in, "kind", kind, sizeof kind);
    inc_field(in, "description", desc, sizeof desc);
    inc_field(in, "done_at", done_at, sizeof done_at);
    if (!kind[0] || !desc[0])
        return mm_err_set(err, MM_EINPUT, "対応の種類と内容を入力してください。");
    return incident_action_add(c->st, &c->actor, inc_js(inc, "id"), kind, desc, opt(c->person_id),
                               opt(done_at), NULL, NULL, err);
}

static int run_duty(struct web_ctx *c, const json_t *inc, const struct inc_input *in,
                    struct mm_err *err)
{
    char kind[32], ref[512], done_at[64];
    inc_field(in, "kind", kind, sizeof kind);
    inc_field(in, "reference", ref, sizeof ref);
    inc_field(in, "done_at", done_at, sizeof done_at);
    if (!kind[0])
        return mm_err_set(err, MM_EINPUT, "済ませた対外対応を指定してください。");
    return incident_duty_done(c->st, &c->actor, inc_js(inc, "id"), kind, opt(ref),
                              opt(c->person_id), opt(done_at), NULL, err);
}

static int run_close(struct web_ctx *c, const json_t *inc, const struct inc_input *in,
                     struct mm_err *err)
{
    char outcome[4000];
    inc_field(in, "outcome", outcome, sizeof outcome);
    return incident_close(c->st, &c->actor, inc_js(inc, "id"), opt(outcome), opt(c->person_id),
                          NULL, err);
}

int inc_run(struct web_ctx *c, const json_t *inc, enum inc_verb v, const struct inc_input *in,
            int *denied, struct mm_err *err)
{
    *denied = 0;
    if (v == INC_ACK)
        return run_ack(c, inc, in, denied, err);
    int allowed = v == INC_ACTION ? inc_can_act(c, inc) : inc_can_triage(c, inc);
    if (!allowed) {
        *denied = 1;
        return MM_EREFUSED;
    }
    switch (v) {
    case INC_TRIAGE:
        return run_triage(c, inc, in, err);
    case INC_ACTION:
        return run_action(c, inc, in, err);
    case INC_DUTY:
        return run_duty(c, inc, in, err);
    default:
        return run_close(c, inc, in, err);
    }
}
