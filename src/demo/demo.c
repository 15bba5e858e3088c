/*
 * demo.c — demo_snapshot(): builds the fictitious city こもれび市 (demo_build.c), plants the
 * documented gaps (demo_gaps.c) and writes the result as a mamori-snapshot version 1
 * document (docs/snapshot.md), every field present, arrays in id order like `mamori export`.
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

static json_t *dept_ref(const struct demo *d, int i)
{
    return i >= 0 ? json_string(d->depts[i].id) : json_null();
}

static json_t *person_ref(const struct demo *d, int i)
{
    return i >= 0 ? json_string(d->people[i].id) : json_null();
}

static json_t *system_ref(const struct demo *d, int i)
{
    return i >= 0 ? json_string(d->systems[i].id) : json_null();
}

static int by_id(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    return strcmp(json_string_value(json_object_get(x, "id")),
                  json_string_value(json_object_get(y, "id")));
}

/* Appends `items` (new references) to a new array in id order; frees `items`. */
static json_t *sorted_array(json_t **items, size_t n)
{
    qsort(items, n, sizeof *items, by_id);
    json_t *arr = json_array();
    if (!arr)
        abort();
    for (size_t i = 0; i < n; i++)
        if (json_array_append_new(arr, items[i]) != 0)
            abort();
    free(items);
    return arr;
}

static json_t **items_for(size_t n)
{
    json_t **items = calloc(n ? n : 1, sizeof *items);
    if (!items)
        abort();
    return items;
}

static json_t *organization(const struct demo *d)
{
    json_t *o = json_object();
    set(o, "name", json_string(d->org_name));
    set(o, "kind", json_string(d->org_kind));
    set(o, "prefecture", str_or_null(d->org_prefecture));
    set(o, "policy_title", str_or_null(d->policy_title));
    set(o, "policy_date", str_or_null(d->policy_date));
    set(o, "note", str_or_null(d->org_note));
    json_t *bodies = json_array(), *excluded = json_array(), *incl = json_array(),
           *params = json_object();
    for (size_t i = 0; i < d->n_bodies; i++) {
        json_t *b = json_object();
        set(b, "code", json_string(d->bodies[i].a));
        set(b, "name", json_string(d->bodies[i].b));
        set(b, "note", str_or_null(d->bodies[i].c));
        json_array_append_new(bodies, b);
    }
    for (size_t i = 0; i < d->n_excluded; i++) {
        json_t *x = json_object();
        set(x, "name", json_string(d->excluded[i].a));
        set(x, "reason", str_or_null(d->excluded[i].b));
        json_array_append_new(excluded, x);
    }
    for (size_t i = 0; i < d->n_inclusions; i++) {
        json_t *x = json_object();
        set(x, "name", json_string(d->inclusions[i].a));
        set(x, "domain", json_string(d->inclusions[i].b));
        set(x, "note", str_or_null(d->inclusions[i].c));
        json_array_append_new(incl, x);
    }
    for (size_t i = 0; i < d->n_params; i++)
        set(params, d->params[i].a, json_string(d->params[i].b));
    set(o, "bodies", bodies);
    set(o, "excluded_networks", excluded);
    set(o, "network_inclusions", incl);
    set(o, "parameters", params);
    return o;
}

static json_t *departments(const struct demo *d)
{
    json_t **items = items_for(d->n_depts);
    for (size_t i = 0; i < d->n_depts; i++) {
        const struct demo_dept *u = &d->depts[i];
        json_t *o = items[i] = json_object();
        set(o, "id", json_string(u->id));
        set(o, "name", json_string(u->name));
        set(o, "level", json_string(u->level));
        set(o, "parent", dept_ref(d, u->parent));
        set(o, "body", json_string(u->body));
        set(o, "sort", json_integer(u->sort));
    }
    return sorted_array(items, d->n_depts);
}

static json_t *people(const struct demo *d)
{
    json_t **items = items_for(d->n_people);
    for (size_t i = 0; i < d->n_people; i++) {
        const struct demo_person *p = &d->people[i];
        json_t *o = items[i] = json_object();
        set(o, "id", json_string(p->id));
        set(o, "name", json_string(p->name));
        set(o, "kana", str_or_null(p->kana));
        set(o, "department", dept_ref(d, p->dept));
        set(o, "title", str_or_null(p->title));
        set(o, "employment", json_string(p->employment));
        set(o, "status", json_string(p->status));
        set(o, "status_since", str_or_null(p->status_since));
        set(o, "hired_on", str_or_null(p->hired_on));
        set(o, "left_on", str_or_null(p->left_on));
        set(o, "email", str_or_null(p->email));
    }
    return sorted_array(items, d->n_people);
}

static json_t *systems(const struct demo *d)
{
    json_t **items = items_for(d->n_systems);
    for (size_t i = 0; i < d->n_systems; i++) {
        const struct demo_system *s = &d->systems[i];
        json_t *o = items[i] = json_object();
        set(o, "id", json_string(s->id));
        set(o, "name", json_string(s->name));
        set(o, "domain", json_string(s->domain));
        set(o, "hosting", json_string(s->hosting));
        set(o, "department", dept_ref(d, s->dept));
        set(o, "rto_hours", s->rto > 0 ? json_integer(s->rto) : json_null());
        set(o, "mfa", json_true());
        set(o, "vendor", str_or_null(s->vendor));
        set(o, "last_updated", json_string("2026-03-31"));
        set(o, "note", str_or_null(s->note));
    }
    return sorted_array(items, d->n_systems);
}

static json_t *roles(struct demo *d)
{
    json_t **items = items_for(d->n_roles);
    for (size_t i = 0; i < d->n_roles; i++) {
        const struct demo_role *r = &d->roles[i];
        json_t *o = items[i] = json_object();
        set(o, "id", json_string(demo_fmt(d, "ra%04zu", i + 1)));
        set(o, "role", json_string(r->role));
        set(o, "person", person_ref(d, r->person));
        set(o, "scope_type", json_string(r->scope_type));
        set(o, "scope_id", r->scope_sys >= 0 ? system_ref(d, r->scope_sys)
                                              : dept_ref(d, r->scope_dept));
        set(o, "valid_from", json_string(r->valid_from));
        set(o, "valid_to", str_or_null(r->valid_to));
        set(o, "note", str_or_null(r->note));
    }
    return sorted_array(items, d->n_roles);
}

static json_t *assets(struct demo *d)
{
    json_t **items = items_for(d->n_assets);
    for (size_t i = 0; i < d->n_assets; i++) {
        const struct demo_asset *a = &d->assets[i];
        json_t *o = items[i] = json_object();
        set(o, "id", json_string(demo_fmt(d, "as%05zu", i + 1)));
        set(o, "name", json_string(a->name));
        set(o, "department", dept_ref(d, a->dept));
        set(o, "manager", person_ref(d, a->manager));
        set(o, "medium", json_string(a->medium));
        set(o, "system", system_ref(d, a->sys));
        set(o, "location", str_or_null(a->location));
        set(o, "confidentiality", json_string(a->c));
        set(o, "integrity", json_string(a->i));
        set(o, "availability", json_string(a->a));
        set(o, "retention", str_or_null(a->retention));
        set(o, "personal_info", json_boolean(a->personal));
        set(o, "note", str_or_null(a->note));
    }
    return sorted_array(items, d->n_assets);
}

static json_t *accounts(struct demo *d)
{
    json_t **items = items_for(d->n_accounts);
    for (size_t i = 0; i < d->n_accounts; i++) {
        const struct demo_account *a = &d->accounts[i];
        json_t *o = items[i] = json_object();
        set(o, "id", json_string(demo_fmt(d, "ac-%s-%s", d->systems[a->sys].id, a->login)));
        set(o, "system", system_ref(d, a->sys));
        set(o, "login", json_string(a->login));
        set(o, "holder", person_ref(d, a->holder));
        set(o, "privileged", json_boolean(a->privileged));
        set(o, "shared", json_boolean(a->shared));
        set(o, "mfa", json_boolean(a->mfa));
        set(o, "status", json_string(a->status));
        set(o, "created_on", str_or_null(a->created_on));
        set(o, "last_login", str_or_null(a->last_login));
    }
    return sorted_array(items, d->n_accounts);
}

int demo_snapshot(unsigned seed, json_t **out, struct mm_err *err)
{
    struct demo d;
    *out = NULL;
    demo_init(&d, seed);
    int rc = demo_build(&d, err);
    if (!rc)
        rc = demo_plant_gaps(&d, err);
    if (rc) {
        demo_free(&d);
        return rc;
    }
    json_t *root = json_object();
    if (!root)
        abort();
    set(root, "format", json_string(SNAPSHOT_FORMAT));
    set(root, "version", json_integer(SNAPSHOT_VERSION));
    set(root, "organization", organization(&d));
    set(root, "departments", departments(&d));
    set(root, "people", people(&d));
    set(root, "systems", systems(&d));
    set(root, "role_assignments", roles(&d));
    set(root, "assets", assets(&d));
    set(root, "accounts", accounts(&d));
    demo_free(&d);
    *out = root;
    return MM_OK;
}
