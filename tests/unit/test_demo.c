/*
 * test_demo.c — the demo municipality: same seed gives the same document, the volumes are in
 * the promised ranges, the document keeps the snapshot contract (docs/snapshot.md) and every
 * reference resolves, and each gap of docs/demo-gaps.md is present exactly once while the
 * same checks find nothing else.
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

#define REF "2026-04-01"

static json_t *snap;

static int setup(void **state)
{
    (void)state;
    struct mm_err err;
    mm_err_clear(&err);
    if (demo_snapshot(1, &snap, &err) != MM_OK) {
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
    assert_int_equal(demo_snapshot(1, &again, &err), MM_OK);
    assert_true(json_equal(snap, again));
    char *a = json_dumps(snap, JSON_COMPACT), *c = json_dumps(again, JSON_COMPACT);
    assert_string_equal(a, c);
    free(a);
    free(c);
    assert_int_equal(demo_snapshot(2, &other, &err), MM_OK);
    assert_false(json_equal(snap, other)); /* the seed matters (names, dates) */
    json_decref(again);
    json_decref(other);
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
    static const char *const employment[] = {"regular", "fiscal_year", "special", "part_time",
                                             "contractor", NULL};
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
        if (active && strncmp(s(v, "last_login"), "2025-04-01", 10) < 0)
            stale_year++;
        if (active && strncmp(s(v, "last_login"), "2026-01-01", 10) < 0) /* 90 days */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_volumes),
        cmocka_unit_test(test_contract_and_references),
        cmocka_unit_test(test_planted_gaps),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
