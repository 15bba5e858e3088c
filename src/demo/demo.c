/*
 * demo.c — demo_snapshot(): builds the fictitious city こもれび市 (demo_build.c and
 * demo_registers.c), plants the documented gaps (demo_gaps*.c) and writes the result as a
 * mamori-snapshot version 1 document (docs/snapshot.md), every field present, arrays in id
 * order like `mamori export`. For --scale the city is written several times with id prefixes.
 */
#include "demo/demo.h"

#include <stdlib.h>
#include <string.h>

#include "demo/demo_model.h"
#include "io/snapshot.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static void set(json_t *o, const char *key, json_t *v)
{
    if (!v || json_object_set_new(o, key, v) != 0)
        abort(); /* only when memory runs out */
}

static void append(json_t *arr, json_t *v)
{
    if (!v || json_array_append_new(arr, v) != 0)
        abort();
}

/* One copy of the city being written: its records and the prefix of its ids. */
struct copy {
    struct demo *d;
    const char *pf; /* "" for the first copy, "kNN-" after */
};

/* A prefixed id (new reference). */
static json_t *pid(const struct copy *c, const char *raw)
{
    if (!raw)
        return json_null();
    if (!c->pf[0])
        return json_string(raw);
    return json_string(demo_fmt(c->d, "%s%s", c->pf, raw));
}

static json_t *dept_ref(const struct copy *c, int i)
{
    return pid(c, i >= 0 ? c->d->depts[i].id : NULL);
}

static json_t *person_ref(const struct copy *c, int i)
{
    return pid(c, i >= 0 ? c->d->people[i].id : NULL);
}

static json_t *system_ref(const struct copy *c, int i)
{
    return pid(c, i >= 0 ? c->d->systems[i].id : NULL);
}

static const char *asset_id(const struct copy *c, int i)
{
    return demo_fmt(c->d, "as%05d", i + 1);
}

/* A growable list of items for one top-level array, filled copy after copy. */
struct items {
    json_t **v;
    size_t n, cap;
};

static json_t *add(struct items *l)
{
    json_t **slot = demo_push(&l->v, &l->n, &l->cap, sizeof *slot);
    *slot = json_object();
    if (!*slot)
        abort();
    return *slot;
}

static int by_id(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    return strcmp(json_string_value(json_object_get(x, "id")),
                  json_string_value(json_object_get(y, "id")));
}

/* The items in id order as a new array; empties the list. */
static json_t *sorted_array(struct items *l)
{
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_id);
    json_t *arr = json_array();
    if (!arr)
        abort();
    for (size_t i = 0; i < l->n; i++)
        append(arr, l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
    return arr;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

/* Sorts an array of strings in place (nested id lists are sorted). */
static json_t *sort_strings(json_t *arr)
{
    size_t n = json_array_size(arr);
    if (n < 2)
        return arr;
    json_t **v = malloc(n * sizeof *v);
    if (!v)
        abort();
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(arr, i));
    qsort(v, n, sizeof *v, by_string);
    json_array_clear(arr);
    for (size_t i = 0; i < n; i++)
        append(arr, v[i]);
    free(v);
    return arr;
}

static int by_key(const void *a, const void *b, const char *key)
{
    return strcmp(json_string_value(json_object_get(*(json_t *const *)a, key)),
                  json_string_value(json_object_get(*(json_t *const *)b, key)));
}
static int by_software(const void *a, const void *b)
{
    return by_key(a, b, "software");
}
static int by_person(const void *a, const void *b)
{
    return by_key(a, b, "person");
}
static int by_clause(const void *a, const void *b)
{
    return by_key(a, b, "clause");
}

/* Sorts an array of objects in place by one string member. */
static json_t *sort_objects(json_t *arr, int (*cmp)(const void *, const void *))
{
    size_t n = json_array_size(arr);
    if (n < 2)
        return arr;
    json_t **v = malloc(n * sizeof *v);
    if (!v)
        abort();
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(arr, i));
    qsort(v, n, sizeof *v, cmp);
    json_array_clear(arr);
    for (size_t i = 0; i < n; i++)
        append(arr, v[i]);
    free(v);
    return arr;
}

static json_t *person_list(const struct copy *c, const struct demo_ints *l)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < l->n; i++)
        append(arr, person_ref(c, l->v[i]));
    return sort_strings(arr);
}

static json_t *asset_list(const struct copy *c, const struct demo_ints *l)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < l->n; i++)
        append(arr, pid(c, asset_id(c, l->v[i])));
    return sort_strings(arr);
}

/* The organization profile: written once, from the first copy. */
static json_t *organization(struct demo *d)
{
    json_t *o = json_object();
    set(o, "name", json_string(d->org_name));
    set(o, "kind", json_string(d->org_kind));
    set(o, "prefecture", str_or_null(d->org_prefecture));
    set(o, "policy_title", str_or_null(d->policy_title));
    set(o, "policy_date", str_or_null(d->policy_date ? demo_shift(d, d->policy_date) : NULL));
    const char *note = d->org_note;
    const char *mark = note ? strstr(note, "{ref}") : NULL;
    if (mark)
        note = demo_fmt(d, "%.*s%s%s", (int)(mark - note), note, d->ref, mark + 5);
    set(o, "note", str_or_null(note));
    json_t *bodies = json_array(), *excluded = json_array(), *incl = json_array(),
           *params = json_object(), *recos = json_array();
    for (size_t i = 0; i < d->n_bodies; i++) {
        json_t *b = json_object();
        set(b, "code", json_string(d->bodies[i].a));
        set(b, "name", json_string(d->bodies[i].b));
        set(b, "note", str_or_null(d->bodies[i].c));
        append(bodies, b);
    }
    for (size_t i = 0; i < d->n_excluded; i++) {
        json_t *x = json_object();
        set(x, "name", json_string(d->excluded[i].a));
        set(x, "reason", str_or_null(d->excluded[i].b));
        append(excluded, x);
    }
    for (size_t i = 0; i < d->n_inclusions; i++) {
        json_t *x = json_object();
        set(x, "name", json_string(d->inclusions[i].a));
        set(x, "domain", json_string(d->inclusions[i].b));
        set(x, "note", str_or_null(d->inclusions[i].c));
        append(incl, x);
    }
    for (size_t i = 0; i < d->n_params; i++)
        set(params, d->params[i].a, json_string(d->params[i].b));
    for (size_t i = 0; i < d->n_recos; i++) {
        json_t *x = json_object();
        set(x, "clause", json_string(d->recos[i].clause));
        set(x, "adopted", json_boolean(d->recos[i].adopted));
        set(x, "note", str_or_null(d->recos[i].note));
        append(recos, x);
    }
    set(o, "bodies", bodies);
    set(o, "excluded_networks", excluded);
    set(o, "network_inclusions", incl);
    set(o, "parameters", params);
    set(o, "recommendations", sort_objects(recos, by_clause));
    return o;
}

enum {
    R_DEPTS,
    R_PEOPLE,
    R_SYSTEMS,
    R_ROLES,
    R_ASSETS,
    R_ACCOUNTS,
    R_CONNECTIONS,
    R_AREAS,
    R_DEVICES,
    R_SOFTWARE,
    R_CONTRACTORS,
    R_CONTRACTS,
    R_CLOUDS,
    R_COURSES,
    N_REGISTERS
};

/* Top-level array names in the order of docs/snapshot.md. */
static const char *const register_names[N_REGISTERS] = {
    "departments", "people",      "systems",        "role_assignments", "assets",
    "accounts",    "connections", "managed_areas",  "devices",          "software",
    "contractors", "contracts",   "cloud_services", "training_courses"};

static void departments(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_depts; i++) {
        const struct demo_dept *u = &d->depts[i];
        json_t *o = add(l);
        set(o, "id", pid(c, u->id));
        set(o, "name", json_string(u->name));
        set(o, "level", json_string(u->level));
        set(o, "parent", dept_ref(c, u->parent));
        set(o, "body", json_string(u->body));
        set(o, "sort", json_integer(u->sort));
    }
}

static void people(const struct copy *c, struct items *l)
{
    struct demo *d = c->d;
    for (size_t i = 0; i < d->n_people; i++) {
        const struct demo_person *p = &d->people[i];
        json_t *o = add(l);
        set(o, "id", pid(c, p->id));
        set(o, "name", json_string(p->name));
        set(o, "kana", str_or_null(p->kana));
        set(o, "department", dept_ref(c, p->dept));
        set(o, "title", str_or_null(p->title));
        set(o, "employment", json_string(p->employment));
        set(o, "status", json_string(p->status));
        set(o, "status_since", str_or_null(p->status_since));
        set(o, "hired_on", str_or_null(p->hired_on));
        set(o, "left_on", str_or_null(p->left_on));
        set(o, "email",
            str_or_null(p->email && c->pf[0] ? demo_fmt(d, "%s%s", c->pf, p->email) : p->email));
    }
}

static void systems(const struct copy *c, struct items *l)
{
    struct demo *d = c->d;
    const char *updated = demo_shift(d, "2026-03-31");
    for (size_t i = 0; i < d->n_systems; i++) {
        const struct demo_system *s = &d->systems[i];
        json_t *o = add(l);
        set(o, "id", pid(c, s->id));
        set(o, "name", json_string(s->name));
        set(o, "domain", json_string(s->domain));
        set(o, "hosting", json_string(s->hosting));
        set(o, "department", dept_ref(c, s->dept));
        set(o, "rto_hours", s->rto > 0 ? json_integer(s->rto) : json_null());
        set(o, "mfa", json_true());
        set(o, "vendor", str_or_null(s->vendor));
        set(o, "last_updated", json_string(updated));
        set(o, "note", str_or_null(s->note));
    }
}

static void roles(const struct copy *c, struct items *l)
{
    struct demo *d = c->d;
    for (size_t i = 0; i < d->n_roles; i++) {
        const struct demo_role *r = &d->roles[i];
        json_t *o = add(l);
        set(o, "id", pid(c, demo_fmt(d, "ra%04zu", i + 1)));
        set(o, "role", json_string(r->role));
        set(o, "person", person_ref(c, r->person));
        set(o, "scope_type", json_string(r->scope_type));
        set(o, "scope_id",
            r->scope_sys >= 0 ? system_ref(c, r->scope_sys) : dept_ref(c, r->scope_dept));
        set(o, "valid_from", json_string(r->valid_from));
        set(o, "valid_to", str_or_null(r->valid_to));
        set(o, "note", str_or_null(r->note));
    }
}

static void assets(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_assets; i++) {
        const struct demo_asset *a = &d->assets[i];
        json_t *o = add(l);
        set(o, "id", pid(c, asset_id(c, (int)i)));
        set(o, "name", json_string(a->name));
        set(o, "department", dept_ref(c, a->dept));
        set(o, "manager", person_ref(c, a->manager));
        set(o, "medium", json_string(a->medium));
        set(o, "system", system_ref(c, a->sys));
        set(o, "location", str_or_null(a->location));
        set(o, "confidentiality", json_string(a->c));
        set(o, "integrity", json_string(a->i));
        set(o, "availability", json_string(a->a));
        set(o, "retention", str_or_null(a->retention));
        set(o, "personal_info", json_boolean(a->personal));
        set(o, "note", str_or_null(a->note));
    }
}

static void accounts(const struct copy *c, struct items *l)
{
    struct demo *d = c->d;
    for (size_t i = 0; i < d->n_accounts; i++) {
        const struct demo_account *a = &d->accounts[i];
        json_t *o = add(l);
        set(o, "id", pid(c, demo_fmt(d, "ac-%s-%s", d->systems[a->sys].id, a->login)));
        set(o, "system", system_ref(c, a->sys));
        set(o, "login", json_string(a->login));
        set(o, "holder", person_ref(c, a->holder));
        set(o, "privileged", json_boolean(a->privileged));
        set(o, "shared", json_boolean(a->shared));
        set(o, "mfa", json_boolean(a->mfa));
        set(o, "status", json_string(a->status));
        set(o, "created_on", str_or_null(a->created_on));
        set(o, "last_login", str_or_null(a->last_login));
    }
}

static void connections(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_conns; i++) {
        const struct demo_conn *x = &d->conns[i];
        json_t *o = add(l);
        set(o, "id", pid(c, x->id));
        set(o, "name", json_string(x->name));
        set(o, "from_domain", json_string(x->from_domain));
        set(o, "from_system", system_ref(c, x->from_sys));
        set(o, "to_domain", str_or_null(x->to_domain));
        set(o, "to_system", system_ref(c, x->to_sys));
        set(o, "to_external", str_or_null(x->to_external));
        set(o, "purpose", json_string(x->purpose));
        set(o, "sanitization", json_string(x->sanitization));
        set(o, "via", json_string(x->via));
        set(o, "restricted_ip", json_boolean(x->restricted_ip));
        set(o, "restricted_port", json_boolean(x->restricted_port));
        set(o, "encrypted", json_boolean(x->encrypted));
        set(o, "department", dept_ref(c, x->dept));
        set(o, "approved_on", str_or_null(x->approved_on));
        set(o, "approved_by", person_ref(c, x->approved_on ? x->approved_by : -1));
        set(o, "note", str_or_null(x->note));
    }
}

static void managed_areas(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_areas; i++) {
        const struct demo_area *a = &d->areas[i];
        json_t *o = add(l);
        set(o, "id", pid(c, a->id));
        set(o, "name", json_string(a->name));
        set(o, "department", dept_ref(c, a->dept));
        set(o, "floor", json_integer(a->floor));
        set(o, "access_control", json_string(a->access_control));
        set(o, "locked", json_boolean(a->locked));
        set(o, "fire_measures", json_boolean(a->fire));
        set(o, "water_measures", json_boolean(a->water));
        set(o, "seismic", json_boolean(a->seismic));
        set(o, "note", str_or_null(a->note));
        set(o, "permitted", person_list(c, &a->permitted));
    }
}

static void devices(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_devices; i++) {
        const struct demo_device *v = &d->devices[i];
        json_t *o = add(l);
        set(o, "id", pid(c, v->id));
        set(o, "name", json_string(v->name));
        set(o, "kind", json_string(v->kind));
        set(o, "domain", str_or_null(v->domain));
        set(o, "system", system_ref(c, v->sys));
        set(o, "department", dept_ref(c, v->dept));
        set(o, "holder", person_ref(c, v->holder));
        set(o, "ownership", json_string(v->ownership));
        set(o, "location", json_string(v->location));
        set(o, "area", pid(c, v->area >= 0 ? d->areas[v->area].id : NULL));
        set(o, "usb_policy", str_or_null(v->usb_policy));
        set(o, "mfa", json_boolean(v->mfa));
        set(o, "encrypted", json_boolean(v->encrypted));
        set(o, "registered", json_boolean(v->registered));
        set(o, "wire_locked", json_boolean(v->wire_locked));
        set(o, "os_supported", json_boolean(v->os_supported));
        set(o, "last_patched_on", str_or_null(v->patched_on));
        set(o, "av_updated_on", str_or_null(v->av_on));
        set(o, "offsite_approved_on", str_or_null(v->offsite_approved_on));
        set(o, "disposed_on", str_or_null(v->disposed_on));
        set(o, "note", str_or_null(v->note));
        set(o, "assets", asset_list(c, &v->assets));
        json_t *sw = json_array();
        for (size_t k = 0; k < v->software.n; k++) {
            const struct demo_software *s = &d->software[v->software.v[k]];
            json_t *x = json_object();
            set(x, "software", json_string(s->id)); /* one list for all copies: no prefix */
            set(x, "version", str_or_null(s->version));
            append(sw, x);
        }
        set(o, "software", sort_objects(sw, by_software));
    }
}

static void software(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_software; i++) {
        const struct demo_software *s = &d->software[i];
        json_t *o = add(l);
        set(o, "id", json_string(s->id));
        set(o, "name", json_string(s->name));
        set(o, "vendor", str_or_null(s->vendor));
        set(o, "allowed", json_boolean(s->allowed));
        set(o, "approved_on", str_or_null(s->approved_on));
        set(o, "support_ends", str_or_null(s->support_ends));
        set(o, "note", str_or_null(s->note));
    }
}

static void contractors(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_contractors; i++) {
        const struct demo_contractor *x = &d->contractors[i];
        json_t *o = add(l);
        set(o, "id", pid(c, x->id));
        set(o, "name", json_string(x->name));
        set(o, "corporate_number", str_or_null(x->corporate_number));
        set(o, "isms_certified", json_boolean(x->isms));
        set(o, "privacy_mark", json_boolean(x->pmark));
        set(o, "note", str_or_null(x->note));
        set(o, "staff", person_list(c, &x->staff));
    }
}

static void contracts(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_contracts; i++) {
        const struct demo_contract *x = &d->contracts[i];
        json_t *o = add(l);
        set(o, "id", pid(c, x->id));
        set(o, "title", json_string(x->title));
        set(o, "contractor", pid(c, d->contractors[x->contractor].id));
        set(o, "department", dept_ref(c, x->dept));
        set(o, "system", system_ref(c, x->sys));
        set(o, "start_on", json_string(x->start_on));
        set(o, "end_on", str_or_null(x->end_on));
        set(o, "max_confidentiality", json_string(x->max_c));
        set(o, "personal_info", json_boolean(x->personal));
        set(o, "nda", json_boolean(x->nda));
        set(o, "subcontracting", json_boolean(x->subcontracting));
        set(o, "subcontract_approved", json_boolean(x->subcontract_approved));
        set(o, "last_checked_on", str_or_null(x->checked_on));
        set(o, "note", str_or_null(x->note));
        json_t *items = json_array();
        for (int k = 0; k < DEMO_CONTRACT_ITEMS; k++)
            if (x->items & (1u << k))
                append(items, json_string(demo_contract_items[k]));
        set(o, "items", sort_strings(items));
    }
}

static void cloud_services(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_clouds; i++) {
        const struct demo_cloud *x = &d->clouds[i];
        json_t *o = add(l);
        set(o, "id", pid(c, x->id));
        set(o, "name", json_string(x->name));
        set(o, "provider", json_string(x->provider));
        set(o, "service_model", json_string(x->model));
        set(o, "ismap_listed", json_boolean(x->ismap));
        set(o, "department", dept_ref(c, x->dept));
        set(o, "system", system_ref(c, x->sys));
        set(o, "contract", pid(c, x->contract >= 0 ? d->contracts[x->contract].id : NULL));
        set(o, "max_confidentiality", json_string(x->max_c));
        set(o, "requested_by", person_ref(c, x->requested_by));
        set(o, "approved_by", person_ref(c, x->approved_by));
        set(o, "approved_on", str_or_null(x->approved_on));
        set(o, "manager", person_ref(c, x->manager));
        set(o, "use_start", str_or_null(x->use_start));
        set(o, "use_end", str_or_null(x->use_end));
        set(o, "exit_terms_confirmed", json_boolean(x->exit_terms));
        set(o, "data_in_japan", json_boolean(x->in_japan));
        set(o, "note", str_or_null(x->note));
        set(o, "assets", asset_list(c, &x->assets));
    }
}

static void training_courses(const struct copy *c, struct items *l)
{
    const struct demo *d = c->d;
    for (size_t i = 0; i < d->n_courses; i++) {
        const struct demo_course *x = &d->courses[i];
        json_t *o = add(l);
        set(o, "id", pid(c, x->id));
        set(o, "title", json_string(x->title));
        set(o, "kind", json_string(x->kind));
        set(o, "fiscal_year", json_integer(x->fiscal_year));
        set(o, "mandatory", json_boolean(x->mandatory));
        set(o, "held_on", str_or_null(x->held_on));
        set(o, "note", str_or_null(x->note));
        json_t *att = json_array();
        for (size_t k = 0; k < x->n_att; k++) {
            json_t *a = json_object();
            set(a, "person", person_ref(c, x->att[k].person));
            set(a, "completed_on", json_string(x->att[k].on));
            append(att, a);
        }
        set(o, "attendance", sort_objects(att, by_person));
    }
}

/* Builds one copy of the city with its gaps (struct demo to demo_free). */
static int build(struct demo *d, unsigned seed, const char *ref, struct mm_err *err)
{
    demo_init(d, seed, ref);
    int rc = demo_build(d, err);
    d->n_assets_clean = (int)d->n_assets;
    if (!rc)
        rc = demo_plant_gaps(d, err);
    if (!rc)
        rc = demo_build_registers(d, err);
    if (!rc)
        rc = demo_plant_register_gaps(d, err);
    if (rc)
        demo_free(d);
    return rc;
}

int demo_snapshot_scaled(unsigned seed, const char *reference_date, int scale, json_t **out,
                         struct mm_err *err)
{
    *out = NULL;
    if (!demo_valid_date(reference_date))
        return mm_err_set(err, MM_EINPUT,
                          "基準日「%s」は YYYY-MM-DD 形式の正しい日付ではありません",
                          reference_date ? reference_date : "");
    if (scale < 1 || scale > DEMO_SCALE_MAX)
        return mm_err_set(err, MM_EINPUT, "規模 %d は 1〜%d で指定してください", scale,
                          DEMO_SCALE_MAX);
    static void (*const writers[N_REGISTERS])(const struct copy *, struct items *) = {
        departments,   people,  systems,  roles,       assets,    accounts,       connections,
        managed_areas, devices, software, contractors, contracts, cloud_services, training_courses};
    struct items lists[N_REGISTERS];
    memset(lists, 0, sizeof lists);
    json_t *org = NULL;
    for (int k = 1; k <= scale; k++) {
        struct demo d;
        int rc = build(&d, seed + (unsigned)(k - 1), reference_date, err);
        if (rc) {
            for (int r = 0; r < N_REGISTERS; r++)
                json_decref(sorted_array(&lists[r]));
            json_decref(org);
            return rc;
        }
        struct copy c = {&d, k == 1 ? "" : demo_fmt(&d, "k%02d-", k)};
        if (k == 1)
            org = organization(&d);
        for (int r = 0; r < N_REGISTERS; r++)
            if (r != R_SOFTWARE || k == 1)
                writers[r](&c, &lists[r]);
        demo_free(&d);
    }
    json_t *root = json_object();
    if (!root)
        abort();
    set(root, "format", json_string(SNAPSHOT_FORMAT));
    set(root, "version", json_integer(SNAPSHOT_VERSION));
    set(root, "organization", org);
    for (int r = 0; r < N_REGISTERS; r++)
        set(root, register_names[r], sorted_array(&lists[r]));
    *out = root;
    return MM_OK;
}

int demo_snapshot(unsigned seed, const char *reference_date, json_t **out, struct mm_err *err)
{
    return demo_snapshot_scaled(seed, reference_date, 1, out, err);
}
