/*
 * test_demo.c — the demo municipality: same seed and reference date give the same document,
 * the volumes are in the promised ranges, the document keeps the snapshot contract
 * (docs/snapshot.md) and every reference resolves, each gap of docs/demo-gaps.md is present
 * exactly once while the same checks find nothing else, dates follow the reference date, and
 * --scale copies keep all of that per copy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo.h"
#include "util/embedded.h"

#define REF "2026-06-01" /* 令和8年度 */
#define FY 2026
#define REF_MINUS_90 "2026-03-03" /* inactive_account_days */
#define REF_MINUS_365 "2025-06-01"

static json_t *snap;

static int setup(void **state)
{
    (void)state;
    struct mm_err err;
    mm_err_clear(&err);
    if (demo_snapshot(1, REF, &snap, &err) != MM_OK) {
        fprintf(stderr, "demo_snapshot: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    json_decref(snap);
    return 0;
}

static json_t *arr(const char *name)
{
    json_t *a = json_object_get(snap, name);
    assert_true(json_is_array(a));
    return a;
}

static const char *s(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static int b(const json_t *o, const char *key)
{
    return json_is_true(json_object_get(o, key));
}

/* An object keyed by id over one top-level array (new reference). */
static json_t *index_of(const char *name)
{
    json_t *ix = json_object(), *v;
    size_t i;
    json_array_foreach(arr(name), i, v)
    {
        assert_non_null(s(v, "id"));
        assert_null(json_object_get(ix, s(v, "id"))); /* ids are unique */
        json_object_set(ix, s(v, "id"), v);
    }
    return ix;
}

static int in_set(const char *v, const char *const *set)
{
    for (; v && *set; set++)
        if (strcmp(v, *set) == 0)
            return 1;
    return 0;
}

static int is_date(const char *v)
{
    int y, m, d;
    char tail;
    return v && strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 &&
           m <= 12 && d >= 1 && d <= 31;
}

static int current(const json_t *role)
{
    const char *to = s(role, "valid_to");
    return strcmp(s(role, "valid_from"), REF) <= 0 && (!to || strcmp(to, REF) >= 0);
}

static void test_deterministic(void **state)
{
    (void)state;
    struct mm_err err;
    json_t *again = NULL, *other = NULL;
    assert_int_equal(demo_snapshot(1, REF, &again, &err), MM_OK);
    assert_true(json_equal(snap, again));
    char *a = json_dumps(snap, JSON_COMPACT), *c = json_dumps(again, JSON_COMPACT);
    assert_string_equal(a, c);
    free(a);
    free(c);
    assert_int_equal(demo_snapshot(2, REF, &other, &err), MM_OK);
    assert_false(json_equal(snap, other)); /* the seed matters (names, dates) */
    json_decref(again);
    json_decref(other);
    assert_int_equal(demo_snapshot(1, "2026-06-02", &other, &err), MM_OK);
    assert_false(json_equal(snap, other)); /* so does the reference date */
    json_decref(other);
    static const char *const bad[] = {"2026-02-30", "2026/06/01", "2026-6-1", "",
                                      "26-06-01x",  "2026-13-01", NULL};
    for (const char *const *b = bad; *b; b++) {
        other = NULL;
        assert_int_equal(demo_snapshot(1, *b, &other, &err), MM_EINPUT);
        assert_null(other);
    }
    assert_int_equal(demo_snapshot(1, "2028-02-29", &other, &err), MM_OK); /* leap day */
    json_decref(other);
    assert_int_equal(demo_snapshot_scaled(1, REF, 0, &other, &err), MM_EINPUT);
    assert_int_equal(demo_snapshot_scaled(1, REF, DEMO_SCALE_MAX + 1, &other, &err), MM_EINPUT);
}

static void test_volumes(void **state)
{
    (void)state;
    assert_string_equal(s(snap, "format"), "mamori-snapshot");
    assert_int_equal(json_integer_value(json_object_get(snap, "version")), 1);
    json_t *org = json_object_get(snap, "organization");
    assert_string_equal(s(org, "name"), "こもれび市");
    assert_string_equal(s(org, "kind"), "市");
    assert_non_null(strstr(s(org, "note"), "架空"));
    assert_int_equal(json_array_size(json_object_get(org, "bodies")), 9);
    assert_int_equal(json_array_size(json_object_get(org, "excluded_networks")), 2);
    assert_int_equal(json_array_size(json_object_get(org, "network_inclusions")), 1);

    int bu = 0, ka = 0, de = 0;
    json_t *v;
    size_t i;
    json_array_foreach(arr("departments"), i, v)
    {
        bu += strcmp(s(v, "level"), "bukyoku") == 0;
        ka += strcmp(s(v, "level"), "kashitsu") == 0;
        de += strcmp(s(v, "level"), "desaki") == 0;
    }
    assert_in_range(bu, 13, 17);
    assert_in_range(ka, 55, 65);
    assert_in_range(de, 5, 20);
    int fiscal = 0, special = 0;
    json_array_foreach(arr("people"), i, v)
    {
        fiscal += strcmp(s(v, "employment"), "fiscal_year") == 0;
        special += strcmp(s(v, "employment"), "special") == 0;
    }
    size_t np = json_array_size(arr("people"));
    assert_in_range(np, 750, 850);
    assert_in_range(fiscal * 100 / (int)np, 20, 30);
    assert_int_equal(special, 3);
    assert_in_range(json_array_size(arr("systems")), 55, 65);
    assert_in_range(json_array_size(arr("assets")), 1300, 1700);
    assert_in_range(json_array_size(arr("accounts")), 1800, 2700);
    assert_in_range(json_array_size(arr("connections")), 20, 40);
    assert_in_range(json_array_size(arr("managed_areas")), 2, 3);
    assert_in_range(json_array_size(arr("devices")), 800, 1200);
    assert_in_range(json_array_size(arr("software")), 25, 40);
    assert_in_range(json_array_size(arr("contractors")), 12, 20);
    assert_in_range(json_array_size(arr("contracts")), 15, 90);
    assert_in_range(json_array_size(arr("cloud_services")), 5, 50);
    assert_in_range(json_array_size(arr("training_courses")), 4, 12);
    size_t adopted = 0;
    json_array_foreach(json_object_get(org, "recommendations"), i, v) adopted += b(v, "adopted");
    assert_in_range(adopted, 2, 8);
    int domains[3] = {0};
    json_array_foreach(arr("systems"), i, v)
    {
        domains[0] += strcmp(s(v, "domain"), "mynumber") == 0;
        domains[1] += strcmp(s(v, "domain"), "lgwan") == 0;
        domains[2] += strcmp(s(v, "domain"), "internet") == 0;
    }
    for (int k = 0; k < 3; k++)
        assert_true(domains[k] >= 8);
}

/* The contract of docs/snapshot.md, field by field, and every reference resolves. */
static void test_contract_and_references(void **state)
{
    (void)state;
    static const char *const levels[] = {"bukyoku", "kashitsu", "desaki", NULL};
    static const char *const employment[] = {"regular",   "fiscal_year", "special",
                                             "part_time", "contractor",  NULL};
    static const char *const pstatus[] = {"active", "transferred", "on_leave", "retired", NULL};
    static const char *const domains[] = {"mynumber", "lgwan", "internet", NULL};
    static const char *const hosting[] = {"onprem", "datacenter", "gov_cloud", "other_cloud", NULL};
    static const char *const conf[] = {"3A", "3B", "3C", "2", "1", NULL};
    static const char *const two[] = {"2", "1", NULL};
    static const char *const media[] = {"electronic", "removable", "paper", "other", NULL};
    static const char *const astatus[] = {"active", "suspended", "deleted", NULL};
    json_t *depts = index_of("departments"), *people = index_of("people"),
           *systems = index_of("systems"), *v, *bodies = json_object(), *x;
    /* ids unique in every register */
    json_decref(index_of("role_assignments"));
    json_decref(index_of("assets"));
    json_decref(index_of("accounts"));
    size_t i;
    json_array_foreach(json_object_get(json_object_get(snap, "organization"), "bodies"), i, x)
        json_object_set(bodies, s(x, "code"), x);
    json_array_foreach(json_object_get(json_object_get(snap, "organization"), "network_inclusions"),
                       i, x) assert_true(in_set(s(x, "domain"), domains));

    /* parameters: only keys mamori knows */
    const struct embedded_file *pf = embedded_find("data/params/parameters.tsv");
    assert_non_null(pf);
    const char *key;
    json_object_foreach(json_object_get(json_object_get(snap, "organization"), "parameters"), key,
                        x)
    {
        char pat[128];
        snprintf(pat, sizeof pat, "\n%s\t", key);
        assert_non_null(strstr(pf->data, pat));
        assert_true(json_is_string(x));
    }

    json_array_foreach(arr("departments"), i, v)
    {
        assert_true(in_set(s(v, "level"), levels));
        assert_non_null(json_object_get(bodies, s(v, "body")));
        const char *parent = s(v, "parent");
        if (strcmp(s(v, "level"), "bukyoku") == 0) {
            assert_null(parent);
        } else {
            assert_non_null(parent);
            assert_non_null(json_object_get(depts, parent));
        }
    }
    json_array_foreach(arr("people"), i, v)
    {
        assert_true(in_set(s(v, "employment"), employment));
        assert_true(in_set(s(v, "status"), pstatus));
        assert_true(is_date(s(v, "hired_on")));
        assert_true(strcmp(s(v, "hired_on"), REF) <= 0);
        if (s(v, "department"))
            assert_non_null(json_object_get(depts, s(v, "department")));
        if (strcmp(s(v, "status"), "active") != 0)
            assert_true(is_date(s(v, "status_since")));
        if (strcmp(s(v, "status"), "retired") == 0) {
            assert_true(is_date(s(v, "left_on")));
            assert_true(strcmp(s(v, "left_on"), s(v, "hired_on")) > 0);
        } else {
            assert_null(s(v, "left_on"));
        }
    }
    json_array_foreach(arr("systems"), i, v)
    {
        assert_true(in_set(s(v, "domain"), domains));
        assert_true(in_set(s(v, "hosting"), hosting));
        json_t *dep = json_object_get(depts, s(v, "department"));
        assert_non_null(dep);
        assert_string_not_equal(s(dep, "level"), "bukyoku");
        json_t *rto = json_object_get(v, "rto_hours");
        assert_true(json_is_null(rto) || json_integer_value(rto) > 0);
        assert_true(json_is_boolean(json_object_get(v, "mfa")));
    }
    json_array_foreach(arr("role_assignments"), i, v)
    {
        const char *role = s(v, "role"), *st = s(v, "scope_type"), *sid = s(v, "scope_id");
        assert_non_null(json_object_get(people, s(v, "person")));
        assert_true(is_date(s(v, "valid_from")));
        if (s(v, "valid_to"))
            assert_true(strcmp(s(v, "valid_to"), s(v, "valid_from")) >= 0);
        if (strcmp(role, "isr") == 0) {
            assert_string_equal(st, "bukyoku");
            assert_string_equal(s(json_object_get(depts, sid), "level"), "bukyoku");
        } else if (strcmp(role, "ism") == 0) {
            assert_string_equal(st, "kashitsu");
            assert_string_not_equal(s(json_object_get(depts, sid), "level"), "bukyoku");
        } else if (strcmp(role, "sysm") == 0 || strcmp(role, "sys_staff") == 0 ||
                   strcmp(role, "cloud_manager") == 0) {
            assert_string_equal(st, "system");
            assert_non_null(json_object_get(systems, sid));
        } else {
            assert_string_equal(st, "organization");
            assert_null(sid);
        }
    }
    json_array_foreach(arr("assets"), i, v)
    {
        assert_non_null(json_object_get(depts, s(v, "department")));
        assert_non_null(json_object_get(people, s(v, "manager")));
        assert_true(in_set(s(v, "medium"), media));
        assert_true(in_set(s(v, "confidentiality"), conf));
        assert_true(in_set(s(v, "integrity"), two));
        assert_true(in_set(s(v, "availability"), two));
        if (s(v, "system"))
            assert_non_null(json_object_get(systems, s(v, "system")));
        if (strcmp(s(v, "medium"), "electronic") == 0)
            assert_non_null(s(v, "system"));
        else
            assert_non_null(s(v, "location"));
        const char *r = s(v, "retention");
        int years = 0;
        assert_true(strcmp(r, "permanent") == 0 || strcmp(r, "while_in_use") == 0 ||
                    (sscanf(r, "%dy", &years) == 1 && years >= 1 && years <= 99));
    }
    json_t *logins = json_object();
    json_array_foreach(arr("accounts"), i, v)
    {
        assert_non_null(json_object_get(systems, s(v, "system")));
        if (s(v, "holder"))
            assert_non_null(json_object_get(people, s(v, "holder")));
        assert_true(in_set(s(v, "status"), astatus));
        char k[256];
        snprintf(k, sizeof k, "%s/%s", s(v, "system"), s(v, "login"));
        assert_null(json_object_get(logins, k)); /* login unique within its system */
        json_object_set_new(logins, k, json_true());
        assert_true(is_date(s(v, "created_on")));
        const char *ll = s(v, "last_login");
        assert_non_null(ll);
        assert_true(strncmp(ll, s(v, "created_on"), 10) >= 0);
        assert_true(strncmp(ll, REF, 10) < 0);
        /* in use: an active holder's account was used within the last 45 days */
        json_t *h = s(v, "holder") ? json_object_get(people, s(v, "holder")) : NULL;
        if (strcmp(s(v, "status"), "active") == 0 && h && strcmp(s(h, "status"), "active") == 0 &&
            strcmp(s(v, "id"), "ac-sys48-e00580") != 0)
            assert_true(strncmp(ll, "2026-04-17", 10) >= 0);
    }
    json_decref(logins);
    json_decref(bodies);
    json_decref(depts);
    json_decref(people);
    json_decref(systems);
}

/* Counts rows a later check would report, for each planted gap, and expects exactly one. */
static void test_planted_gaps(void **state)
{
    (void)state;
    json_t *people = index_of("people"), *systems = index_of("systems"), *v;
    size_t i;
    int retired_active = 0, transferred_active = 0, no_holder = 0, priv_no_mfa = 0,
        mynumber_no_mfa = 0, c3_internet = 0, a2_no_rto = 0, shared_priv = 0, stale_year = 0,
        stale_param = 0, nonactive_holder_active = 0;
    json_array_foreach(arr("accounts"), i, v)
    {
        int active = strcmp(s(v, "status"), "active") == 0;
        json_t *h = s(v, "holder") ? json_object_get(people, s(v, "holder")) : NULL;
        json_t *sy = json_object_get(systems, s(v, "system"));
        if (active && h && strcmp(s(h, "status"), "retired") == 0)
            retired_active++;
        if (active && h && strcmp(s(h, "status"), "transferred") == 0)
            transferred_active++;
        if (active && h && strcmp(s(h, "status"), "active") != 0)
            nonactive_holder_active++;
        if (!h && !b(v, "shared"))
            no_holder++;
        if (active && b(v, "privileged") && !b(v, "mfa"))
            priv_no_mfa++;
        if (active && strcmp(s(sy, "domain"), "mynumber") == 0 && !b(v, "mfa"))
            mynumber_no_mfa++;
        if (active && b(v, "privileged") && b(v, "shared"))
            shared_priv++;
        if (active && strncmp(s(v, "last_login"), REF_MINUS_365, 10) < 0)
            stale_year++;
        if (active && strncmp(s(v, "last_login"), REF_MINUS_90, 10) < 0)
            stale_param++;
    }
    json_array_foreach(arr("assets"), i, v)
    {
        json_t *sy = s(v, "system") ? json_object_get(systems, s(v, "system")) : NULL;
        const char *c = s(v, "confidentiality");
        if (sy && strcmp(s(sy, "domain"), "internet") == 0 && c[0] == '3')
            c3_internet++;
        if (sy && strcmp(s(v, "availability"), "2") == 0 &&
            json_is_null(json_object_get(sy, "rto_hours")))
            a2_no_rto++;
    }
    assert_int_equal(retired_active, 1);
    assert_int_equal(transferred_active, 1);
    assert_int_equal(nonactive_holder_active, 2);
    assert_int_equal(no_holder, 1);
    assert_int_equal(priv_no_mfa, 1);
    assert_int_equal(mynumber_no_mfa, 1);
    assert_int_equal(shared_priv, 1);
    assert_int_equal(stale_year, 1);
    assert_int_equal(stale_param, 1);
    assert_int_equal(c3_internet, 1);
    assert_int_equal(a2_no_rto, 1);

    /* roles: systems without a 情報システム管理者, units without a 情報セキュリティ管理者,
       current roles held by someone not active, and the organization-wide roles */
    json_t *sysm = json_object(), *ism = json_object(), *isr = json_object(),
           *cloudm = json_object();
    int nonactive_role = 0, ciso = 0, toukatsu = 0, csirt_head = 0, audit = 0, permit = 0;
    json_array_foreach(arr("role_assignments"), i, v)
    {
        if (!current(v))
            continue;
        const char *role = s(v, "role");
        json_t *p = json_object_get(people, s(v, "person"));
        if (strcmp(s(p, "status"), "active") != 0)
            nonactive_role++;
        if (strcmp(role, "sysm") == 0) {
            assert_null(json_object_get(sysm, s(v, "scope_id"))); /* one per system */
            json_object_set_new(sysm, s(v, "scope_id"), json_string(s(v, "person")));
        }
        if (strcmp(role, "ism") == 0)
            json_object_set_new(ism, s(v, "scope_id"), json_string(s(v, "person")));
        if (strcmp(role, "isr") == 0)
            json_object_set_new(isr, s(v, "scope_id"), json_true());
        if (strcmp(role, "cloud_manager") == 0)
            json_object_set_new(cloudm, s(v, "scope_id"), json_true());
        ciso += strcmp(role, "ciso") == 0;
        toukatsu += strcmp(role, "toukatsu") == 0;
        csirt_head += strcmp(role, "csirt_head") == 0;
        audit += strcmp(role, "audit_chief") == 0;
        permit += strcmp(role, "permit_authority") == 0;
    }
    assert_int_equal(nonactive_role, 1);
    assert_int_equal(ciso, 1);
    assert_int_equal(toukatsu, 1);
    assert_int_equal(csirt_head, 1);
    assert_int_equal(audit, 1);
    assert_int_equal(permit, 1);
    int no_sysm = 0, no_cloudm = 0;
    json_array_foreach(arr("systems"), i, v)
    {
        if (!json_object_get(sysm, s(v, "id"))) {
            no_sysm++;
            assert_string_equal(s(v, "id"), "sys39");
        }
        const char *h = s(v, "hosting");
        if ((strcmp(h, "gov_cloud") == 0 || strcmp(h, "other_cloud") == 0) &&
            !json_object_get(cloudm, s(v, "id")))
            no_cloudm++;
    }
    assert_int_equal(no_sysm, 1);
    assert_int_equal(no_cloudm, 0);
    int no_ism = 0, no_isr = 0;
    json_array_foreach(arr("departments"), i, v)
    {
        if (strcmp(s(v, "level"), "bukyoku") == 0) {
            no_isr += !json_object_get(isr, s(v, "id"));
        } else if (!json_object_get(ism, s(v, "id"))) {
            no_ism++;
            assert_string_equal(s(v, "id"), "ka0107");
        }
    }
    assert_int_equal(no_ism, 1);
    assert_int_equal(no_isr, 0);
    /* every asset is managed by the current 情報セキュリティ管理者 of its unit */
    json_array_foreach(arr("assets"), i, v)
    {
        json_t *m = json_object_get(ism, s(v, "department"));
        assert_non_null(m);
        assert_string_equal(json_string_value(m), s(v, "manager"));
    }
    json_decref(sysm);
    json_decref(ism);
    json_decref(isr);
    json_decref(cloudm);
    json_decref(people);
    json_decref(systems);
}

/* Number of elements of a top-level array whose "id" is `id`. */
static json_t *by_id_in(const char *array, const char *id)
{
    json_t *v;
    size_t i;
    json_array_foreach(arr(array), i, v) if (strcmp(s(v, "id"), id) == 0) return v;
    return NULL;
}

/* Each entry of a nested list of strings resolves in `ix`, and the list is sorted and unique. */
static void check_id_list(json_t *list, json_t *ix)
{
    assert_true(json_is_array(list));
    json_t *x;
    size_t i;
    const char *prev = NULL;
    json_array_foreach(list, i, x)
    {
        assert_non_null(json_object_get(ix, json_string_value(x)));
        if (prev)
            assert_true(strcmp(prev, json_string_value(x)) < 0);
        prev = json_string_value(x);
    }
}

static int is_ref_or_null(const json_t *o, const char *key, json_t *ix)
{
    const char *v = s(o, key);
    return json_is_null(json_object_get(o, key)) || (v && json_object_get(ix, v));
}

/* The 004 registers keep the contract and every reference resolves. */
static void test_register_references(void **state)
{
    (void)state;
    json_t *depts = index_of("departments"), *people = index_of("people"),
           *systems = index_of("systems"), *assets = index_of("assets"),
           *areas = index_of("managed_areas"), *software = index_of("software"),
           *contractors = index_of("contractors"), *contracts = index_of("contracts"), *v, *x;
    json_decref(index_of("connections"));
    json_decref(index_of("devices"));
    json_decref(index_of("cloud_services"));
    json_decref(index_of("training_courses"));
    static const char *const domains[] = {"mynumber", "lgwan", "internet", NULL};
    static const char *const conf[] = {"3A", "3B", "3C", "2", "1", NULL};
    size_t i, k;
    json_array_foreach(arr("connections"), i, v)
    {
        assert_true(in_set(s(v, "from_domain"), domains));
        assert_true(!s(v, "to_domain") != !s(v, "to_external")); /* exactly one */
        assert_true(is_ref_or_null(v, "from_system", systems));
        assert_true(is_ref_or_null(v, "to_system", systems));
        assert_non_null(json_object_get(depts, s(v, "department")));
        assert_true(is_ref_or_null(v, "approved_by", people));
        assert_true(json_is_boolean(json_object_get(v, "restricted_ip")));
    }
    json_array_foreach(arr("managed_areas"), i, v)
    {
        assert_non_null(json_object_get(depts, s(v, "department")));
        assert_true(json_array_size(json_object_get(v, "permitted")) > 0);
        check_id_list(json_object_get(v, "permitted"), people);
        json_array_foreach(json_object_get(v, "permitted"), k, x) assert_string_equal(
            s(json_object_get(people, json_string_value(x)), "status"), "active");
    }
    json_array_foreach(arr("devices"), i, v)
    {
        assert_non_null(json_object_get(depts, s(v, "department")));
        assert_true(is_ref_or_null(v, "system", systems));
        assert_true(is_ref_or_null(v, "holder", people));
        assert_true(is_ref_or_null(v, "area", areas));
        if (strcmp(s(v, "location"), "managed_area") == 0)
            assert_non_null(s(v, "area"));
        check_id_list(json_object_get(v, "assets"), assets);
        const char *prev = NULL;
        json_array_foreach(json_object_get(v, "software"), k, x)
        {
            assert_non_null(json_object_get(software, s(x, "software")));
            if (prev)
                assert_true(strcmp(prev, s(x, "software")) < 0);
            prev = s(x, "software");
        }
    }
    json_array_foreach(arr("contractors"), i, v)
    {
        check_id_list(json_object_get(v, "staff"), people);
        json_array_foreach(json_object_get(v, "staff"), k, x) assert_string_equal(
            s(json_object_get(people, json_string_value(x)), "employment"), "contractor");
    }
    json_array_foreach(arr("contracts"), i, v)
    {
        assert_non_null(json_object_get(contractors, s(v, "contractor")));
        assert_non_null(json_object_get(depts, s(v, "department")));
        assert_true(is_ref_or_null(v, "system", systems));
        assert_true(in_set(s(v, "max_confidentiality"), conf));
        assert_true(is_date(s(v, "start_on")));
        assert_true(!s(v, "end_on") || strcmp(s(v, "end_on"), REF) >= 0); /* all current */
        const char *prev = NULL;
        json_array_foreach(json_object_get(v, "items"), k, x)
        {
            if (prev)
                assert_true(strcmp(prev, json_string_value(x)) < 0);
            prev = json_string_value(x);
        }
    }
    json_array_foreach(arr("cloud_services"), i, v)
    {
        assert_non_null(json_object_get(depts, s(v, "department")));
        assert_true(is_ref_or_null(v, "system", systems));
        assert_true(is_ref_or_null(v, "contract", contracts));
        assert_true(is_ref_or_null(v, "requested_by", people));
        assert_true(is_ref_or_null(v, "approved_by", people));
        assert_true(is_ref_or_null(v, "manager", people));
        check_id_list(json_object_get(v, "assets"), assets);
    }
    json_array_foreach(arr("training_courses"), i, v)
    {
        int fy = (int)json_integer_value(json_object_get(v, "fiscal_year"));
        assert_true(fy == FY || fy == FY - 1);
        const char *held = s(v, "held_on");
        char lo[32], hi[32];
        snprintf(lo, sizeof lo, "%04d-04-01", fy);
        snprintf(hi, sizeof hi, "%04d-03-31", fy + 1);
        assert_true(strcmp(held, lo) >= 0 && strcmp(held, hi) <= 0 && strcmp(held, REF) <= 0);
        const char *prev = NULL;
        json_array_foreach(json_object_get(v, "attendance"), k, x)
        {
            assert_non_null(json_object_get(people, s(x, "person")));
            assert_true(strcmp(s(x, "completed_on"), held) >= 0);
            assert_true(strcmp(s(x, "completed_on"), REF) <= 0);
            if (prev)
                assert_true(strcmp(prev, s(x, "person")) < 0);
            prev = s(x, "person");
        }
    }
    /* 推奨事項: sorted, each a 推奨 clause of the embedded catalog */
    const struct embedded_file *cat = embedded_find("data/catalog/r7-03/clauses.tsv");
    assert_non_null(cat);
    const char *prev = NULL;
    json_array_foreach(json_object_get(json_object_get(snap, "organization"), "recommendations"), i,
                       v)
    {
        const char *cl = s(v, "clause");
        if (prev)
            assert_true(strcmp(prev, cl) < 0);
        prev = cl;
        char pat[128];
        snprintf(pat, sizeof pat, "\n%s\t", cl);
        const char *row = strstr(cat->data, pat);
        assert_non_null(row);
        /* fields: id, parent, section, title, recommended */
        const char *f = row + 1;
        for (int n = 0; n < 4; n++)
            f = strchr(f, '\t') + 1;
        assert_true(f[0] == '1' && f[1] == '\t');
    }
    json_decref(depts);
    json_decref(people);
    json_decref(systems);
    json_decref(assets);
    json_decref(areas);
    json_decref(software);
    json_decref(contractors);
    json_decref(contracts);
}

static int is_class3(const char *c)
{
    return c && c[0] == '3';
}

/* Records one hit of a gap predicate: counts it and remembers the id. */
struct hits {
    int n;
    const char *id;
};

static void hit(struct hits *h, const char *id)
{
    h->n++;
    h->id = id;
}

static void expect_one(const struct hits *h, const char *id)
{
    if (h->n != 1)
        fprintf(stderr, "expected one hit (%s), got %d (last %s)\n", id, h->n, h->id ? h->id : "-");
    assert_int_equal(h->n, 1);
    assert_string_equal(h->id, id);
}

/*
 * Gaps 13–25 of docs/demo-gaps.md, each found by its own predicate exactly once, and the
 * properties the rest of the 004 data keeps (nothing else found by the same predicates).
 */
static void test_register_gaps(void **state)
{
    (void)state;
    json_t *people = index_of("people"), *assets = index_of("assets"),
           *software = index_of("software"), *v, *x;
    size_t i, k;
    static const char *const trusted[] = {"intermediate_server", "other_body", "gov_cloud", NULL};
    static const char *const sealed[] = {"blocked", "admin_unlock", NULL};
    struct hits mynumber = {0}, unsanitized = {0}, nonissued3 = {0}, offsite = {0}, usb = {0},
                unallowed = {0}, expired = {0}, items = {0}, nda = {0}, unapproved = {0},
                self_approved = {0}, untrained = {0}, open_area = {0};
    int direct_internet = 0;

    json_array_foreach(arr("connections"), i, v)
    {
        const char *from = s(v, "from_domain"), *to = s(v, "to_domain");
        if (strcmp(from, "mynumber") == 0 &&
            !(strcmp(s(v, "purpose"), "specific_comm") == 0 && b(v, "restricted_ip") &&
              b(v, "restricted_port") && strcmp(s(v, "via"), "internet") != 0 &&
              ((to && strcmp(to, "mynumber") == 0) || in_set(s(v, "to_external"), trusted))))
            hit(&mynumber, s(v, "id"));
        if (to &&
            ((strcmp(from, "lgwan") == 0 && strcmp(to, "internet") == 0) ||
             (strcmp(from, "internet") == 0 && strcmp(to, "lgwan") == 0)) &&
            strcmp(s(v, "sanitization"), "none") == 0)
            hit(&unsanitized, s(v, "id"));
        if (strcmp(from, "mynumber") != 0 && s(v, "to_external") &&
            strcmp(s(v, "to_external"), "internet") == 0 &&
            strcmp(s(v, "via"), "security_cloud") != 0)
            direct_internet++;
        if (to && ((strcmp(from, "mynumber") == 0) != (strcmp(to, "mynumber") == 0)))
            direct_internet++; /* マイナンバー利用事務系 to another segment */
        assert_non_null(s(v, "approved_on"));
    }
    expect_one(&mynumber, "cn24");
    expect_one(&unsanitized, "cn25");
    assert_int_equal(direct_internet, 0);

    json_array_foreach(arr("devices"), i, v)
    {
        const char *kind = s(v, "kind"), *id = s(v, "id");
        int c3 = 0;
        json_array_foreach(json_object_get(v, "assets"), k, x) c3 |=
            is_class3(s(json_object_get(assets, json_string_value(x)), "confidentiality"));
        if (strcmp(s(v, "ownership"), "issued") != 0) {
            assert_true(c3); /* the only device not issued is the gap */
            hit(&nonissued3, id);
        }
        if (strcmp(s(v, "location"), "offsite") == 0 &&
            json_is_null(json_object_get(v, "offsite_approved_on")))
            hit(&offsite, id);
        if (s(v, "domain") && strcmp(s(v, "domain"), "mynumber") == 0 &&
            (strcmp(kind, "pc") == 0 || strcmp(kind, "mobile") == 0) &&
            !in_set(s(v, "usb_policy"), sealed))
            hit(&usb, id);
        json_array_foreach(json_object_get(v, "software"), k, x)
        {
            json_t *sw = json_object_get(software, s(x, "software"));
            if (!b(sw, "allowed"))
                hit(&unallowed, id);
            if (s(sw, "support_ends") && strcmp(s(sw, "support_ends"), REF) < 0)
                hit(&expired, id);
        }
        /* the rest is kept up to date, encrypted, registered and held by active people */
        if (strcmp(kind, "pc") == 0 || strcmp(kind, "server") == 0 || strcmp(kind, "mobile") == 0) {
            assert_true(b(v, "encrypted") && b(v, "registered") && b(v, "os_supported"));
            assert_true(strcmp(s(v, "last_patched_on"), "2026-05-01") >= 0);
            assert_true(strcmp(s(v, "last_patched_on"), REF) <= 0);
            assert_true(strcmp(s(v, "av_updated_on"), "2026-05-25") >= 0);
        }
        if (s(v, "domain") && strcmp(s(v, "domain"), "mynumber") == 0)
            assert_true(b(v, "mfa"));
        if (s(v, "holder"))
            assert_string_equal(s(json_object_get(people, s(v, "holder")), "status"), "active");
        if (strcmp(kind, "media") == 0)
            assert_true(b(v, "encrypted") && b(v, "registered") &&
                        json_array_size(json_object_get(v, "assets")) > 0);
    }
    expect_one(&nonissued3, "pv-e00321");
    expect_one(&offsite, "sv-sys50-01");
    expect_one(&usb, "mt-ka0401-02");
    expect_one(&unallowed, "pc-e00472");
    expect_one(&expired, "pc-e00533");

    json_array_foreach(arr("contracts"), i, v)
    {
        if (json_array_size(json_object_get(v, "items")) < 14)
            hit(&items, s(v, "id"));
        if (!b(v, "nda") && strcmp(s(v, "max_confidentiality"), "1") != 0)
            hit(&nda, s(v, "id"));
        if (b(v, "subcontracting"))
            assert_true(b(v, "subcontract_approved"));
        assert_true(strcmp(s(v, "last_checked_on"), REF) <= 0);
    }
    expect_one(&items, "ko-m09");
    expect_one(&nda, "ko-m06");

    /* current holders of permit_authority and of cloud_manager per system */
    json_t *permit = json_object(), *cloudm = json_object();
    json_array_foreach(arr("role_assignments"), i, v)
    {
        if (!current(v))
            continue;
        if (strcmp(s(v, "role"), "permit_authority") == 0)
            json_object_set_new(permit, s(v, "person"), json_true());
        if (strcmp(s(v, "role"), "cloud_manager") == 0) {
            char key[128];
            snprintf(key, sizeof key, "%s/%s", s(v, "scope_id"), s(v, "person"));
            json_object_set_new(cloudm, key, json_true());
        }
    }
    json_array_foreach(arr("cloud_services"), i, v)
    {
        const char *id = s(v, "id"), *req = s(v, "requested_by"), *appr = s(v, "approved_by");
        int two = strcmp(s(v, "max_confidentiality"), "1") != 0;
        if (two && (!appr || !s(v, "approved_on"))) {
            hit(&unapproved, id);
            continue;
        }
        if (req && appr && strcmp(req, appr) == 0)
            hit(&self_approved, id);
        assert_non_null(json_object_get(permit, appr));
        char key[128];
        snprintf(key, sizeof key, "%s/%s", s(v, "system"), s(v, "manager"));
        assert_non_null(json_object_get(cloudm, key));
        assert_string_not_equal(s(v, "manager"), appr);
        assert_string_not_equal(s(v, "manager"), req);
        if (two)
            assert_true(b(v, "ismap_listed"));
        assert_true(strcmp(s(v, "approved_on"), s(v, "use_start")) <= 0);
    }
    expect_one(&unapproved, "cs-x01");
    expect_one(&self_approved, "cs-sys44");

    /* training: every active person attended a general course of this 年度 but one */
    json_t *trained = json_object();
    json_array_foreach(arr("training_courses"), i, v)
    {
        if (json_integer_value(json_object_get(v, "fiscal_year")) != FY ||
            strcmp(s(v, "kind"), "general") != 0)
            continue;
        json_array_foreach(json_object_get(v, "attendance"), k, x)
            json_object_set_new(trained, s(x, "person"), json_true());
    }
    json_array_foreach(arr("people"), i, v)
    {
        if (strcmp(s(v, "status"), "active") == 0 && !json_object_get(trained, s(v, "id"))) {
            hit(&untrained, s(v, "id"));
            assert_string_equal(s(v, "employment"), "fiscal_year");
        }
    }
    expect_one(&untrained, "E00017");

    json_array_foreach(arr("managed_areas"), i, v)
    {
        if (strcmp(s(v, "access_control"), "none") == 0)
            hit(&open_area, s(v, "id"));
        assert_true(b(v, "locked") && b(v, "fire_measures") && b(v, "water_measures") &&
                    b(v, "seismic"));
        assert_true(json_integer_value(json_object_get(v, "floor")) >= 2); /* 4.2(1)② */
    }
    expect_one(&open_area, "ma03");
    json_decref(trained);
    json_decref(permit);
    json_decref(cloudm);
    json_decref(people);
    json_decref(assets);
    json_decref(software);
}

/* The same city on other days: the dates follow the reference date and the 年度. */
static void test_reference_dates(void **state)
{
    (void)state;
    struct mm_err err;
    static const struct {
        const char *ref, *fy_start, *general_held;
        int fy;
    } cases[] = {
        {"2026-04-01", "2026-04-01", "2026-04-01", 2026}, /* first day: held that day */
        {"2026-05-10", "2026-04-01", "2026-05-07", 2026}, /* early: a few days before */
        {"2027-02-15", "2026-04-01", "2026-06-15", 2026}, /* late in the 年度 */
        {"2030-11-23", "2030-04-01", "2030-06-15", 2030},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        json_t *o = NULL, *v;
        size_t i;
        assert_int_equal(demo_snapshot(1, cases[c].ref, &o, &err), MM_OK);
        assert_non_null(strstr(s(json_object_get(o, "organization"), "note"), cases[c].ref));
        int general = 0;
        json_array_foreach(json_object_get(o, "training_courses"), i, v)
        {
            if (json_integer_value(json_object_get(v, "fiscal_year")) == cases[c].fy &&
                strcmp(s(v, "kind"), "general") == 0) {
                general++;
                assert_string_equal(s(v, "held_on"), cases[c].general_held);
            }
        }
        assert_int_equal(general, 1);
        /* the unit set up this 年度 starts on its first day */
        json_array_foreach(json_object_get(o, "people"), i, v)
            assert_true(strcmp(s(v, "hired_on"), cases[c].fy_start) < 0);
        json_array_foreach(json_object_get(o, "accounts"), i, v)
            assert_true(strncmp(s(v, "last_login"), cases[c].ref, 10) < 0);
        json_array_foreach(json_object_get(o, "software"), i, v)
        {
            /* only the two retired titles have ended support */
            const char *end = s(v, "support_ends");
            if (end && strcmp(end, cases[c].ref) < 0)
                assert_true(strcmp(s(v, "id"), "sw32") == 0 || strcmp(s(v, "id"), "sw33") == 0);
        }
        json_decref(o);
    }
}

/* --scale 2: the city twice, the copy's ids prefixed, one profile and software list. */
static void test_scale(void **state)
{
    (void)state;
    struct mm_err err;
    json_t *two = NULL, *v;
    size_t i;
    assert_int_equal(demo_snapshot_scaled(1, REF, 2, &two, &err), MM_OK);
    static const char *const doubled[] = {
        "departments", "people",         "systems",          "assets",      "devices",
        "contracts",   "cloud_services", "training_courses", "connections", NULL};
    for (const char *const *a = doubled; *a; a++)
        assert_int_equal(json_array_size(json_object_get(two, *a)), 2 * json_array_size(arr(*a)));
    /* the second copy is drawn with the next seed: who left when varies a little */
    size_t acc = json_array_size(arr("accounts"));
    assert_in_range(json_array_size(json_object_get(two, "accounts")), 2 * acc - 50, 2 * acc + 50);
    assert_int_equal(json_array_size(json_object_get(two, "software")),
                     json_array_size(arr("software")));
    /* the first copy is the demo itself; the second has prefixed ids and references */
    json_t *first = json_object_get(two, "contracts");
    int plain = 0, prefixed = 0, short_items = 0;
    json_array_foreach(first, i, v)
    {
        if (strncmp(s(v, "id"), "k02-", 4) == 0) {
            prefixed++;
            assert_int_equal(strncmp(s(v, "department"), "k02-", 4), 0);
            assert_int_equal(strncmp(s(v, "contractor"), "k02-", 4), 0);
        } else {
            plain++;
            assert_non_null(by_id_in("contracts", s(v, "id")));
        }
        short_items += json_array_size(json_object_get(v, "items")) < 14;
    }
    assert_int_equal(plain, prefixed);
    assert_int_equal(short_items, 2); /* the gap, once per copy */
    json_t *ids = json_object();
    json_array_foreach(json_object_get(two, "people"), i, v)
    {
        assert_null(json_object_get(ids, s(v, "id")));
        json_object_set_new(ids, s(v, "id"), json_true());
    }
    json_array_foreach(json_object_get(two, "accounts"), i, v) if (s(v, "holder"))
        assert_non_null(json_object_get(ids, s(v, "holder")));
    json_decref(ids);
    json_decref(two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),           cmocka_unit_test(test_volumes),
        cmocka_unit_test(test_contract_and_references), cmocka_unit_test(test_planted_gaps),
        cmocka_unit_test(test_register_references),     cmocka_unit_test(test_register_gaps),
        cmocka_unit_test(test_reference_dates),         cmocka_unit_test(test_scale),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
