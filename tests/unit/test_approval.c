/*
 * test_approval.c — the approval engine on the demo municipality: for every request kind the
 * route resolves to holders of exactly the roles the catalog marks 許/承 on its clause; for every
 * kind a requester who would approve their own request is moved up (or refused when nobody is
 * above); refusal conditions; expiry and renewal; 代決 within and outside its period; the
 * emergency exception decided afterwards; a decided request cannot be edited; 差戻し and
 * amendment; the cloud register update with its manager; attachments and the inbox.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "approval/approval.h"
#include "demo/demo.h"
#include "io/snapshot.h"

#define REF "2026-11-01"

static struct store *st;
static char path[64];
static struct audit_actor actor = {"test:approval"};
static char staff[64], lgwan[64], mynumber[64], ciso[64];

static void q1(const char *sql, const char *arg, char *out, size_t size)
{
    struct store_stmt *s;
    struct mm_err e;
    out[0] = '\0';
    assert_int_equal(store_prepare(st, sql, &s, &e), MM_OK);
    if (arg)
        store_bind_text(s, 1, arg);
    if (store_step(s, &e) == STORE_ROW && store_col_text(s, 0))
        snprintf(out, size, "%s", store_col_text(s, 0));
    store_finalize(s);
}

static int setup(void **state)
{
    (void)state;
    struct mm_err e;
    mm_err_clear(&e);
    snprintf(path, sizeof path, "/tmp/mamori-approval-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    unlink(path);
    json_t *snap = NULL;
    struct mm_problems p = {0};
    if (store_open(path, STORE_OPEN_CREATE, &st, &e) || demo_snapshot(1, REF, &snap, &e) ||
        snapshot_import(st, snap, 0, NULL, &p, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    json_decref(snap);
    mm_problems_free(&p);
    /* a member of staff without a role, in a 課室 that has an ISM */
    q1("SELECT MIN(p.id) FROM person p JOIN department d ON d.id = p.department_id "
       "WHERE d.level = 'kashitsu' AND p.status = 'active' AND p.employment = 'regular' "
       "AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.person_id = p.id) "
       "AND EXISTS (SELECT 1 FROM role_assignment r WHERE r.role = 'ism' "
       "AND r.scope_department_id = d.id)",
       NULL, staff, sizeof staff);
    q1("SELECT MIN(id) FROM system WHERE domain = 'lgwan'", NULL, lgwan, sizeof lgwan);
    q1("SELECT MIN(id) FROM system WHERE domain = 'mynumber'", NULL, mynumber, sizeof mynumber);
    q1("SELECT person_id FROM role_assignment WHERE role = 'ciso'", NULL, ciso, sizeof ciso);
    return staff[0] && lgwan[0] && mynumber[0] && ciso[0] ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    char buf[128];
    unlink(path);
    snprintf(buf, sizeof buf, "%s-wal", path);
    unlink(buf);
    snprintf(buf, sizeof buf, "%s-shm", path);
    unlink(buf);
    return 0;
}

/* Values that satisfy every kind's required fields (extra fields are given only where asked). */
struct kv {
    const char *field, *value;
};
static const struct kv sample[] = {
    {"items", "資料"},          {"count", "1"},           {"confidentiality", "2"},
    {"purpose", "業務"},        {"place", "公民館"},      {"from", "2026-11-02"},
    {"until", "2026-11-30"},    {"work", "集計"},         {"measures", "暗号化"},
    {"method", NULL},           {"destination", "出張所"}, {"date", "2026-11-10"},
    {"recipient", "県"},        {"encrypted", "1"},       {"metadata_removed", "1"},
    {"act", "dispose"},         {"media_class", "conf2"}, {"performed_at", "2026-11-10 10:00"},
    {"performer", NULL},        {"detail", "破砕"},       {"owner", "本人"},
    {"model", "端末"},          {"os", "OS 1"},           {"line", "光回線"},
    {"device", "PC-1"},         {"setting", "画面ロック"}, {"reason", "理由"},
    {"name", "サービス"},       {"vendor", "会社"},       {"source", "公式サイト"},
    {"system", NULL},           {"change", "add"},        {"network", "県のネットワーク"},
    {"investigation", "調査済み"}, {"liability", "1"},    {"location", "データセンター"},
    {"provider", "事業者"},     {"check_plan", "年1回の監査報告"}, {"rule", "6.4(1)"},
    {"model", "saas"},          {"ismap", "1"},           {"users", "課内"},
    {"selection", "確認済み"},  {"contractor", "委託先"}, {"evaluation", "評価済み"},
    {"privilege", "sysm"},      {"proxy", NULL},          {"media", "USB-1"},
    {"data", "照会結果"}};

/* The kind's values: each field of the kind from `sample`, with choices and ids filled in. */
static size_t values_for(const struct approval_kind *k, struct approval_value *v, const char *who)
{
    size_t n = 0;
    for (size_t i = 0; i < k->nfields; i++) {
        const struct approval_field *f = &k->fields[i];
        const char *val = NULL;
        for (size_t j = 0; j < sizeof sample / sizeof sample[0]; j++)
            if (strcmp(sample[j].field, f->code) == 0 && sample[j].value &&
                !(strcmp(f->type, "choice") == 0 && !strstr(f->choices, sample[j].value)))
                val = sample[j].value;
        if (strcmp(f->type, "system") == 0)
            val = lgwan;
        else if (strcmp(f->type, "person") == 0)
            val = who;
        else if (strcmp(f->type, "asset") == 0)
            continue;
        else if (strcmp(f->type, "choice") == 0 && !val) {
            static char first[16][32];
            snprintf(first[i % 16], 32, "%.*s", (int)strcspn(f->choices, "="), f->choices);
            val = first[i % 16];
        }
        if (val)
            v[n++] = (struct approval_value){f->code, val};
    }
    return n;
}

/* The set of roles (001 codes) the catalog marks 許/承 on a clause, space separated, sorted. */
static void marked_roles(const char *clause, const char *marks, char *out, size_t size)
{
    struct store_stmt *s;
    struct mm_err e;
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT cr.role FROM catalog_mark m JOIN catalog_role cr ON cr.code = m.role "
             "WHERE m.clause_id = ? AND m.mark IN (%s) AND cr.role IS NOT NULL ORDER BY cr.role",
             marks);
    out[0] = '\0';
    assert_int_equal(store_prepare(st, sql, &s, &e), MM_OK);
    store_bind_text(s, 1, clause);
    while (store_step(s, &e) == STORE_ROW) {
        size_t l = strlen(out);
        snprintf(out + l, size - l, "%s%s", l ? " " : "", store_col_text(s, 0));
    }
    store_finalize(s);
}

static void route_roles(const struct approval_route *r, char *out, size_t size)
{
    /* sorted, distinct route roles */
    const char *roles[16];
    size_t n = 0;
    for (size_t i = 0; i < r->n && n < 16; i++) {
        int seen = 0;
        for (size_t j = 0; j < n; j++)
            seen |= strcmp(roles[j], r->steps[i].route_role) == 0;
        if (!seen)
            roles[n++] = r->steps[i].route_role;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(roles[j], roles[i]) < 0) {
                const char *t = roles[i];
                roles[i] = roles[j];
                roles[j] = t;
            }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(out);
        snprintf(out + l, size - l, "%s%s", l ? " " : "", roles[i]);
    }
}

static int each_kind(void (*fn)(const struct approval_kind *k))
{
    struct store_stmt *s;
    struct mm_err e;
    char codes[32][40];
    int n = 0;
    assert_int_equal(store_prepare(st, "SELECT code FROM request_kind ORDER BY sort", &s, &e), MM_OK);
    while (store_step(s, &e) == STORE_ROW && n < 32)
        snprintf(codes[n++], 40, "%s", store_col_text(s, 0));
    store_finalize(s);
    for (int i = 0; i < n; i++) {
        struct approval_kind k;
        assert_int_equal(approval_kind_load(st, codes[i], &k, &e), MM_OK);
        fn(&k);
        approval_kind_free(&k);
    }
    return n;
}

/* Which catalog clause and marks a kind's route must match (the cloud kind by class). */
static void expected(const struct approval_kind *k, const char *conf, char *out, size_t size)
{
    if (!k->mark_clause) { /* 3.K(1)-7 is 解説 only: the ISM's 承認 */
        snprintf(out, size, "ism");
        return;
    }
    const char *clause = k->mark_clause;
    if (strcmp(k->code, "cloud") == 0 && strcmp(conf, "1") == 0)
        clause = "8.4(2)②";
    marked_roles(clause, "'許', '承'", out, size);
    if (!out[0]) /* no 許/承 on the clause: the grantor is the role it marks ○ with the decision */
        marked_roles(clause, "'○'", out, size);
}

static void check_route(const struct approval_kind *k, const char *conf)
{
    struct approval_value v[64];
    size_t n = values_for(k, v, staff);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].field, "confidentiality") == 0)
            v[i].value = conf;
    struct approval_route r;
    struct mm_err e;
    int rc = approval_resolve(st, k->code, staff, v, n, REF, &r, &e);
    if (rc)
        fail_msg("%s: %s", k->code, e.msg);
    char got[200], want[200];
    route_roles(&r, got, sizeof got);
    expected(k, conf, want, sizeof want);
    if (strcmp(k->code, "privilege_proxy") == 0) /* 6.2(1)③(ウ): ○ for 統括, SYSM (nominate), CISO (認める) */
        assert_string_equal(got, "ciso");
    else if (strcmp(got, want) != 0)
        fail_msg("%s: route roles「%s」, catalog marks「%s」", k->code, got, want);
    for (size_t i = 0; i < r.n; i++) {
        assert_string_equal(r.steps[i].role, r.steps[i].route_role); /* no escalation needed */
        assert_string_equal(r.steps[i].escalation, "");
        assert_string_not_equal(r.steps[i].person_id, staff);
        char held[64];
        char sql[300];
        snprintf(sql, sizeof sql,
                 "SELECT person_id FROM role_assignment WHERE role = ? AND person_id = '%s'",
                 r.steps[i].person_id);
        q1(sql, r.steps[i].role, held, sizeof held);
        assert_string_equal(held, r.steps[i].person_id);
    }
    approval_route_free(&r);
}

static void route_kind(const struct approval_kind *k)
{
    check_route(k, "2");
    if (strcmp(k->code, "cloud") == 0)
        check_route(k, "1");
}

static void test_routes_match_catalog(void **state)
{
    (void)state;
    assert_true(each_kind(route_kind) >= 17);
}

/* The first grantor files the same kind: the step must move up, or stop when nobody is above. */
static void self_kind(const struct approval_kind *k)
{
    struct approval_value v[64];
    size_t n = values_for(k, v, staff);
    struct approval_route r;
    struct mm_err e;
    assert_int_equal(approval_resolve(st, k->code, staff, v, n, REF, &r, &e), MM_OK);
    char grantor[64], role[32];
    snprintf(grantor, sizeof grantor, "%s", r.steps[0].person_id);
    snprintf(role, sizeof role, "%s", r.steps[0].route_role);
    approval_route_free(&r);
    n = values_for(k, v, staff); /* person fields stay someone else */
    int rc = approval_resolve(st, k->code, grantor, v, n, REF, &r, &e);
    if (rc) {
        assert_int_equal(rc, MM_EREFUSED);
        assert_non_null(strstr(e.msg, "兼務の禁止"));
        assert_non_null(strstr(e.msg, "上位の役割もありません"));
        return;
    }
    int moved = 0;
    for (size_t i = 0; i < r.n; i++) {
        assert_string_not_equal(r.steps[i].person_id, grantor);
        if (strcmp(r.steps[i].route_role, role) == 0) {
            assert_string_not_equal(r.steps[i].role, role);
            assert_non_null(strstr(r.steps[i].escalation, "兼務の禁止"));
            moved = 1;
        }
    }
    if (!moved)
        fail_msg("%s: the step of %s did not move up", k->code, role);
    approval_route_free(&r);
}

static void test_requester_is_approver(void **state)
{
    (void)state;
    each_kind(self_kind);
}

static long long file(const char *kind, const char *who, int emergency, const char *today,
                      const struct kv *extra, size_t nextra)
{
    struct approval_kind k;
    struct mm_err e;
    assert_int_equal(approval_kind_load(st, kind, &k, &e), MM_OK);
    struct approval_value v[64];
    size_t n = values_for(&k, v, staff);
    for (size_t i = 0; i < nextra; i++) {
        size_t j = 0;
        while (j < n && strcmp(v[j].field, extra[i].field) != 0)
            j++;
        v[j] = (struct approval_value){extra[i].field, extra[i].value};
        if (j == n)
            n++;
    }
    struct approval_new q = {kind, NULL, who, v, n, emergency, 0, 0, today};
    long long id = 0;
    int rc = approval_create(st, &actor, &q, &id, NULL, &e);
    approval_kind_free(&k);
    if (rc)
        fail_msg("%s: %s", kind, e.msg);
    return id;
}

static int decide(long long id, const char *who, const char *what, const char *comment,
                  const char *today, struct mm_err *e)
{
    struct approval_decision d = {id, who, what, comment, NULL, today};
    return approval_decide(st, &actor, &d, e);
}

static void grantor_of(long long id, char *out)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT person_id FROM request_approval WHERE request_id = %lld AND decision IS NULL "
             "ORDER BY round DESC, step LIMIT 1",
             id);
    q1(sql, NULL, out, 64);
}

static void state_of(long long id, char *out)
{
    char sql[100];
    snprintf(sql, sizeof sql, "SELECT state FROM request WHERE id = %lld", id);
    q1(sql, NULL, out, 32);
}

static void test_refusals(void **state)
{
    (void)state;
    struct mm_err e;
    struct approval_value dev[] = {{"owner", "本人"}, {"model", "M"}, {"os", "O"},
                                   {"purpose", "P"},  {"confidentiality", "3B"}, {"place", "自宅"},
                                   {"line", "光"},    {"from", "2026-11-02"}, {"until", "2026-11-30"}};
    struct approval_new q = {"nonissued", NULL, staff, dev, 9, 0, 0, 0, REF};
    long long id = 0;
    assert_int_equal(approval_create(st, &actor, &q, &id, NULL, &e), MM_EREFUSED);
    assert_non_null(strstr(e.msg, "機密性３"));
    dev[4].value = "2";
    /* a title over APPROVAL_TITLE_MAX characters is refused whole, never cut inside a character */
    char longtitle[APPROVAL_TITLE_MAX * 3 + 4] = "";
    for (int i = 0; i <= APPROVAL_TITLE_MAX; i++)
        strcat(longtitle, "長");
    q.title = longtitle;
    assert_int_equal(approval_create(st, &actor, &q, &id, NULL, &e), MM_EINPUT);
    assert_non_null(strstr(e.msg, "件名"));
    q.title = NULL;
    assert_int_equal(approval_create(st, &actor, &q, &id, NULL, &e), MM_OK);

    struct approval_value remote[] = {{"system", mynumber}, {"purpose", "P"}, {"method", "vpn"},
                                      {"from", "2026-11-02"}, {"until", "2026-11-30"}};
    assert_int_equal(approval_check_refusals(st, "remote_access", remote, 5, &e), MM_EREFUSED);
    remote[0].value = lgwan;
    assert_int_equal(approval_check_refusals(st, "remote_access", remote, 5, &e), MM_OK);

    struct approval_value disp[] = {{"media_class", "mynumber"}, {"method", "overwrite_all"}};
    assert_int_equal(approval_check_refusals(st, "disposal", disp, 2, &e), MM_EREFUSED);
    disp[1].value = "destroy";
    assert_int_equal(approval_check_refusals(st, "disposal", disp, 2, &e), MM_OK);
    struct approval_value media[] = {{"encrypted", "0"}};
    assert_int_equal(approval_check_refusals(st, "mynumber_media", media, 1, &e), MM_EREFUSED);

    /* field validation: every problem listed */
    struct approval_value bad[] = {{"count", "x"}, {"nosuch", "1"}};
    struct approval_new qb = {"takeout", NULL, staff, bad, 2, 0, 0, 0, REF};
    struct mm_problems p = {0};
    assert_int_equal(approval_create(st, &actor, &qb, &id, &p, &e), MM_EINPUT);
    assert_true(p.len >= 3);
    mm_problems_free(&p);
}

static void test_decide_expiry_renewal(void **state)
{
    (void)state;
    struct mm_err e;
    static const struct kv until[] = {{"until", "2026-11-05"}};
    long long id = file("takeout", staff, 0, REF, until, 1);
    char g[64], s[32];
    grantor_of(id, g);
    assert_int_equal(decide(id, staff, APPROVAL_APPROVE, NULL, REF, &e), MM_EREFUSED); /* self */
    assert_int_equal(decide(id, ciso, APPROVAL_APPROVE, NULL, REF, &e), MM_EREFUSED); /* not a grantor */
    assert_int_equal(decide(id, g, APPROVAL_CONDITIONAL, NULL, REF, &e), MM_EINPUT); /* needs conditions */
    assert_int_equal(decide(id, g, APPROVAL_APPROVE, NULL, REF, &e), MM_OK);
    state_of(id, s);
    assert_string_equal(s, "approved");
    /* decided: no more decisions, no edits, no attachments */
    assert_int_equal(decide(id, g, APPROVAL_REJECT, "x", REF, &e), MM_EREFUSED);
    struct approval_value change[] = {{"place", "別の場所"}};
    assert_int_equal(approval_amend(st, &actor, id, staff, change, 1, REF, NULL, &e), MM_EREFUSED);
    assert_int_equal(approval_attach(st, &actor, id, staff, "a.txt", (const unsigned char *)"x", 1,
                                     &(long long){0}, &e),
                     MM_EREFUSED);
    /* expiry shows after valid_until */
    json_t *j = NULL;
    assert_int_equal(approval_get_json(st, id, "2026-11-05", &j, &e), MM_OK);
    assert_false(json_is_true(json_object_get(j, "expired")));
    json_decref(j);
    assert_int_equal(approval_get_json(st, id, "2026-11-06", &j, &e), MM_OK);
    assert_true(json_is_true(json_object_get(j, "expired")));
    json_decref(j);
    /* renewal: a new request through the route again */
    long long nid = 0;
    assert_int_equal(approval_renew(st, &actor, id, staff, "2026-12-31", "2026-11-04", &nid, NULL, &e),
                     MM_OK);
    assert_true(nid > id);
    char sql[120], v[32];
    snprintf(sql, sizeof sql, "SELECT renewal_of || ' ' || valid_until FROM request WHERE id = %lld",
             nid);
    q1(sql, NULL, v, sizeof v);
    char want[40];
    snprintf(want, sizeof want, "%lld 2026-12-31", id);
    assert_string_equal(v, want);
    /* the end report */
    assert_int_equal(approval_close(st, &actor, id, staff, "2026-11-05", &e), MM_OK);
    state_of(id, s);
    assert_string_equal(s, "closed");
}

static void test_return_and_amend(void **state)
{
    (void)state;
    struct mm_err e;
    long long id = file("offsite", staff, 0, REF, NULL, 0);
    char g[64], s[32];
    grantor_of(id, g);
    assert_int_equal(approval_attach(st, &actor, id, staff, "計画.txt", (const unsigned char *)"abc",
                                     3, &(long long){0}, &e),
                     MM_OK);
    assert_int_equal(decide(id, g, APPROVAL_RETURN, "場所を具体的に", REF, &e), MM_OK);
    state_of(id, s);
    assert_string_equal(s, "returned");
    struct approval_value change[] = {{"place", "○○公民館 2 階会議室"}};
    assert_int_equal(approval_amend(st, &actor, id, g, change, 1, REF, NULL, &e), MM_EREFUSED);
    assert_int_equal(approval_amend(st, &actor, id, staff, change, 1, REF, NULL, &e), MM_OK);
    state_of(id, s);
    assert_string_equal(s, "pending");
    assert_int_equal(decide(id, g, APPROVAL_APPROVE, NULL, REF, &e), MM_OK);
    json_t *j = NULL;
    assert_int_equal(approval_get_json(st, id, REF, &j, &e), MM_OK);
    assert_int_equal(json_integer_value(json_object_get(j, "round")), 2);
    assert_int_equal(json_array_size(json_object_get(j, "attachments")), 1);
    json_decref(j);
    /* the requester's inbox has the return and the approval */
    long long n = 0;
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM request_notice WHERE person_id = '%s' "
             "AND request_id = %lld", staff, id);
    assert_int_equal(store_query_int(st, sql, &n, &e), MM_OK);
    assert_true(n >= 2);
    /* withdrawal only while undecided */
    assert_int_equal(approval_withdraw(st, &actor, id, staff, NULL, REF, &e), MM_EREFUSED);
}

static void test_delegation(void **state)
{
    (void)state;
    struct mm_err e;
    long long id = file("transport", staff, 0, REF, NULL, 0);
    char ism[64], deputy[64], s[32];
    grantor_of(id, ism);
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT MIN(p.id) FROM person p WHERE p.department_id = (SELECT department_id FROM "
             "person WHERE id = '%s') AND p.id NOT IN ('%s', '%s')", staff, staff, ism);
    q1(sql, NULL, deputy, sizeof deputy);
    assert_true(deputy[0]);
    /* not yet delegated */
    int can = 1;
    assert_int_equal(approval_can_decide(st, id, deputy, REF, &can, &e), MM_OK);
    assert_false(can);
    assert_int_equal(approval_can_decide(st, id, ism, REF, &can, &e), MM_OK);
    assert_true(can);
    assert_int_equal(approval_can_decide(st, id, staff, REF, &can, &e), MM_OK);
    assert_false(can);
    assert_int_equal(decide(id, deputy, APPROVAL_APPROVE, NULL, REF, &e), MM_EREFUSED);
    struct approval_delegation q = {ism, "ism", deputy, "", "2026-11-01", "2026-11-07"};
    long long did = 0;
    assert_int_equal(approval_delegate(st, &actor, &q, &did, &e), MM_EINPUT); /* no instrument */
    q.instrument = "代決規程第3条";
    assert_int_equal(approval_delegate(st, &actor, &q, &did, &e), MM_OK);
    assert_int_equal(approval_absence(st, &actor, ism, "2026-11-01", "2026-11-07", "出張", &did, &e),
                     MM_OK);
    /* outside the period */
    assert_int_equal(decide(id, deputy, APPROVAL_APPROVE, NULL, "2026-11-08", &e), MM_EREFUSED);
    /* the absence and the delegate are visible on the route */
    json_t *j = NULL;
    assert_int_equal(approval_get_json(st, id, REF, &j, &e), MM_OK);
    json_t *a0 = json_array_get(json_object_get(j, "approvals"), 0);
    assert_non_null(strstr(json_string_value(json_object_get(a0, "absent")), "出張"));
    assert_non_null(strstr(json_string_value(json_object_get(a0, "delegates")), "代決規程"));
    json_decref(j);
    assert_int_equal(approval_can_decide(st, id, deputy, REF, &can, &e), MM_OK);
    assert_true(can);
    assert_int_equal(approval_can_decide(st, id, deputy, "2026-11-08", &can, &e), MM_OK);
    assert_false(can);
    assert_int_equal(decide(id, deputy, APPROVAL_APPROVE, NULL, REF, &e), MM_OK);
    state_of(id, s);
    assert_string_equal(s, "approved");
    snprintf(sql, sizeof sql,
             "SELECT decided_by || ' ' || CAST(delegation_id AS TEXT) FROM request_approval "
             "WHERE request_id = %lld", id);
    char v[100];
    q1(sql, NULL, v, sizeof v);
    assert_non_null(strstr(v, deputy));
    /* a delegate never decides their own request */
    long long own = file("transport", deputy, 0, REF, NULL, 0);
    assert_int_equal(decide(own, deputy, APPROVAL_APPROVE, NULL, REF, &e), MM_EREFUSED);
}

static void test_emergency_exception(void **state)
{
    (void)state;
    struct mm_err e;
    static const struct kv ex[] = {{"until", "2026-12-31"}};
    long long id = file("exception", staff, 1, "2026-10-20", ex, 1);
    json_t *j = NULL;
    assert_int_equal(approval_get_json(st, id, REF, &j, &e), MM_OK);
    assert_true(json_is_true(json_object_get(j, "emergency")));
    assert_string_equal(json_string_value(json_object_get(j, "state")), "pending");
    json_decref(j);
    /* decided afterwards by the CISO */
    assert_int_equal(decide(id, ciso, APPROVAL_CONDITIONAL, "月次で状況を報告すること", REF, &e),
                     MM_OK);
    char s[32];
    state_of(id, s);
    assert_string_equal(s, "conditional");
    /* only kinds that allow it may be filed as an emergency */
    struct approval_value v[] = {{"items", "x"}};
    struct approval_new q = {"takeout", NULL, staff, v, 1, 1, 0, 0, REF};
    long long nid;
    assert_int_equal(approval_create(st, &actor, &q, &nid, NULL, &e), MM_EINPUT);
}

static void test_cloud_register(void **state)
{
    (void)state;
    struct mm_err e;
    long long id = file("cloud", staff, 0, REF, NULL, 0);
    char g[64], other[64];
    grantor_of(id, g);
    struct approval_decision d = {id, g, APPROVAL_APPROVE, NULL, NULL, REF};
    assert_int_equal(approval_decide(st, &actor, &d, &e), MM_EINPUT); /* the manager is named */
    d.manager_id = staff;
    assert_int_equal(approval_decide(st, &actor, &d, &e), MM_EREFUSED); /* never the applicant */
    q1("SELECT MIN(person_id) FROM role_assignment WHERE role = 'sysm'", NULL, other, sizeof other);
    d.manager_id = other;
    assert_int_equal(approval_decide(st, &actor, &d, &e), MM_OK);
    char sql[200], v[64];
    snprintf(sql, sizeof sql, "SELECT manager_id FROM cloud_service WHERE id = 'CS-REQ-%lld'", id);
    q1(sql, NULL, v, sizeof v);
    assert_string_equal(v, other);
    /* software enters the allowed list */
    long long sw = file("software", staff, 0, REF, NULL, 0);
    for (int i = 0; i < 2; i++) {
        grantor_of(sw, g);
        assert_int_equal(decide(sw, g, APPROVAL_APPROVE, NULL, REF, &e), MM_OK);
    }
    snprintf(sql, sizeof sql, "SELECT CAST(allowed AS TEXT) FROM software WHERE id = 'SW-REQ-%lld'", sw);
    q1(sql, NULL, v, sizeof v);
    assert_string_equal(v, "1");
}

static void test_route_change_in_data(void **state)
{
    (void)state;
    struct mm_err e;
    /* a municipality adds its 部局長 (ISR) after the ISM for take-out */
    assert_int_equal(approval_route_set(st, &actor, "takeout", 2, "isr", "requester_bukyoku", "all",
                                        0, &e),
                     MM_OK);
    struct approval_value v[] = {{"confidentiality", "2"}};
    struct approval_route r;
    assert_int_equal(approval_resolve(st, "takeout", staff, v, 1, REF, &r, &e), MM_OK);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.steps[1].role, "isr");
    approval_route_free(&r);
    assert_int_equal(approval_route_set(st, &actor, "takeout", 2, "isr", "requester_bukyoku", "all",
                                        1, &e),
                     MM_OK);
    assert_int_equal(approval_route_set(st, &actor, "takeout", 1, "ism", "requester_kashitsu", "all",
                                        1, &e),
                     MM_EREFUSED);
}

static void test_coverage(void **state)
{
    (void)state;
    struct mm_err e;
    assert_int_equal(approval_sync_coverage(st, &e), MM_OK);
    long long n = 0, again = 0;
    assert_int_equal(store_query_int(st,
                                     "SELECT COUNT(*) FROM catalog_coverage WHERE kind = 'workflow' "
                                     "AND ref = 'exception' AND clause_id IN ('7.4(1)', '7.4(2)', "
                                     "'7.4(3)')",
                                     &n, &e),
                     MM_OK);
    assert_int_equal(n, 3);
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM catalog_coverage WHERE kind = 'workflow'",
                                     &n, &e),
                     MM_OK);
    assert_int_equal(approval_sync_coverage(st, &e), MM_OK);
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM catalog_coverage WHERE kind = 'workflow'",
                                     &again, &e),
                     MM_OK);
    assert_true(n >= 17);
    assert_int_equal(n, again);
}

static void test_either_grantor(void **state)
{
    (void)state;
    struct mm_err e;
    /* 8.2(4)⑤: the 統括 or the ISR decides; one decision is enough */
    long long id = file("outsourcing_service", staff, 0, REF, NULL, 0);
    char g[64], s[32], sql[200], v[64];
    grantor_of(id, g);
    assert_int_equal(decide(id, g, APPROVAL_APPROVE, NULL, REF, &e), MM_OK);
    state_of(id, s);
    assert_string_equal(s, "approved");
    snprintf(sql, sizeof sql,
             "SELECT CAST(COUNT(*) AS TEXT) FROM request_approval WHERE request_id = %lld "
             "AND decision IS NULL AND decided_at IS NOT NULL", id);
    q1(sql, NULL, v, sizeof v);
    assert_true(strcmp(v, "1") == 0 || strcmp(v, "0") == 0); /* 0 when one person holds both */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes_match_catalog),  cmocka_unit_test(test_requester_is_approver),
        cmocka_unit_test(test_refusals),              cmocka_unit_test(test_decide_expiry_renewal),
        cmocka_unit_test(test_return_and_amend),      cmocka_unit_test(test_delegation),
        cmocka_unit_test(test_emergency_exception),   cmocka_unit_test(test_cloud_register),
        cmocka_unit_test(test_route_change_in_data), cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_either_grantor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
