/* test_snapshot_registers.c — the schema 004 registers in the snapshot library: nested lists
 * sorted on export with defaults filled in, old snapshots without the new arrays, the checks
 * specific to the new arrays (with their JSON paths), and the change-log entries an import
 * appends inside its transaction — none when it fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auditlog/auditlog.h"
#include "io/snapshot.h"
#include "io/snapshot_validate.h"

/* A small organization with one of each new register; nested lists out of order. */
static const char *const SNAP =
    "{\"format\": \"mamori-snapshot\", \"version\": 1,"
    " \"organization\": {\"name\": \"試験村\", \"kind\": \"村\","
    "  \"bodies\": [{\"code\": \"z\", \"name\": \"村長部局\"}],"
    "  \"excluded_networks\": [], \"network_inclusions\": [],"
    "  \"recommendations\": [{\"clause\": \"4.1(2)①\", \"adopted\": true},"
    "                        {\"clause\": \"1(1)②\", \"adopted\": false, \"note\": \"置かない\"}],"
    "  \"parameters\": {}},"
    " \"departments\": [{\"id\": \"D1\", \"name\": \"総務課\", \"level\": \"bukyoku\", \"body\": \"z\"}],"
    " \"people\": [{\"id\": \"P2\", \"name\": \"乙\", \"employment\": \"regular\", \"status\": \"active\"},"
    "  {\"id\": \"P1\", \"name\": \"甲\", \"employment\": \"regular\", \"status\": \"active\"}],"
    " \"systems\": [{\"id\": \"S1\", \"name\": \"基幹\", \"domain\": \"mynumber\", \"hosting\": \"onprem\","
    "   \"department\": \"D1\", \"mfa\": true}],"
    " \"role_assignments\": [],"
    " \"assets\": [{\"id\": \"A2\", \"name\": \"紙\", \"department\": \"D1\", \"medium\": \"paper\","
    "   \"confidentiality\": \"2\", \"integrity\": \"1\", \"availability\": \"1\"},"
    "  {\"id\": \"A1\", \"name\": \"住民票\", \"department\": \"D1\", \"medium\": \"electronic\","
    "   \"system\": \"S1\", \"confidentiality\": \"3A\", \"integrity\": \"2\", \"availability\": \"2\"}],"
    " \"accounts\": [],"
    " \"connections\": [{\"id\": \"C1\", \"name\": \"保守\", \"from_domain\": \"mynumber\","
    "   \"to_external\": \"vendor\", \"purpose\": \"remote_maintenance\", \"via\": \"ip_vpn\","
    "   \"restricted_ip\": true, \"restricted_port\": true, \"encrypted\": true, \"department\": \"D1\"}],"
    " \"managed_areas\": [{\"id\": \"M1\", \"name\": \"サーバ室\", \"department\": \"D1\","
    "   \"access_control\": \"ic_card\", \"locked\": true, \"fire_measures\": true,"
    "   \"water_measures\": true, \"seismic\": true, \"permitted\": [\"P2\", \"P1\"]}],"
    " \"devices\": [{\"id\": \"V1\", \"name\": \"サーバ\", \"kind\": \"server\", \"department\": \"D1\","
    "   \"ownership\": \"issued\", \"location\": \"managed_area\", \"area\": \"M1\","
    "   \"assets\": [\"A2\", \"A1\"],"
    "   \"software\": [{\"software\": \"W2\"}, {\"software\": \"W1\", \"version\": \"1.0\"}]}],"
    " \"software\": [{\"id\": \"W2\", \"name\": \"乙ソフト\", \"allowed\": false},"
    "  {\"id\": \"W1\", \"name\": \"甲ソフト\", \"allowed\": true}],"
    " \"contractors\": [{\"id\": \"K1\", \"name\": \"株式会社甲\", \"staff\": [\"P1\"]}],"
    " \"contracts\": [{\"id\": \"T1\", \"title\": \"保守\", \"contractor\": \"K1\", \"department\": \"D1\","
    "   \"start_on\": \"2025-04-01\", \"end_on\": \"2025-04-01\", \"max_confidentiality\": \"3A\","
    "   \"personal_info\": true, \"nda\": true, \"items\": [\"reporting\", \"confidentiality\"]}],"
    " \"cloud_services\": [{\"id\": \"CS1\", \"name\": \"会議\", \"provider\": \"乙社\","
    "   \"service_model\": \"saas\", \"ismap_listed\": true, \"department\": \"D1\", \"contract\": \"T1\","
    "   \"max_confidentiality\": \"2\", \"assets\": [\"A2\"]}],"
    " \"training_courses\": [{\"id\": \"TR1\", \"title\": \"研修\", \"kind\": \"general\","
    "   \"fiscal_year\": 2025, \"mandatory\": true,"
    "   \"attendance\": [{\"person\": \"P2\", \"completed_on\": \"2025-07-02\"},"
    "                  {\"person\": \"P1\", \"completed_on\": \"2025-07-01\"}]}]}";

static const char *const NEW_ARRAYS[] = {"connections", "managed_areas",  "devices",
                                         "software",    "contractors",    "contracts",
                                         "cloud_services", "training_courses", NULL};

static struct store *open_memory(void)
{
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(":memory:", STORE_OPEN_CREATE, &st, &err), MM_OK);
    return st;
}

static json_t *parse_ok(const char *text)
{
    json_t *root = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (snapshot_parse("t.json", text, strlen(text), &root, &err))
        fail_msg("parse failed: %s", err.msg);
    return root;
}

static long long count(struct store *st, const char *sql)
{
    long long n = -1;
    struct mm_err err;
    assert_int_equal(store_query_int(st, sql, &n, &err), MM_OK);
    return n;
}

static const char *id_at(json_t *arr, size_t i)
{
    json_t *e = json_array_get(arr, i);
    return json_is_string(e) ? json_string_value(e) : json_string_value(json_object_get(e, "id"));
}

static void test_export_sorts_and_fills(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_err err;
    mm_err_clear(&err);
    struct mm_problems pr = {0};
    json_t *root = parse_ok(SNAP);
    int rc = snapshot_import(st, root, 0, NULL, &pr, &err);
    if (rc)
        fail_msg("import failed: %s %s", err.msg, pr.len ? pr.items[0].msg : "");
    json_decref(root);

    json_t *out = NULL;
    assert_int_equal(snapshot_export(st, NULL, &out, &err), MM_OK);
    json_t *dev = json_array_get(json_object_get(out, "devices"), 0);
    assert_string_equal(id_at(json_object_get(dev, "assets"), 0), "A1");
    json_t *sw = json_object_get(dev, "software");
    assert_string_equal(json_string_value(json_object_get(json_array_get(sw, 0), "software")), "W1");
    assert_true(json_is_null(json_object_get(json_array_get(sw, 1), "version")));
    /* Defaults of omitted fields: registered and os_supported true, mfa false. */
    assert_true(json_is_true(json_object_get(dev, "registered")));
    assert_true(json_is_true(json_object_get(dev, "os_supported")));
    assert_true(json_is_false(json_object_get(dev, "mfa")));
    assert_true(json_is_null(json_object_get(dev, "usb_policy")));
    json_t *conn = json_array_get(json_object_get(out, "connections"), 0);
    assert_string_equal(json_string_value(json_object_get(conn, "sanitization")), "none");
    assert_true(json_is_null(json_object_get(conn, "to_domain")));
    assert_string_equal(id_at(json_object_get(out, "software"), 0), "W1");
    json_t *area = json_array_get(json_object_get(out, "managed_areas"), 0);
    assert_string_equal(id_at(json_object_get(area, "permitted"), 0), "P1");
    json_t *items = json_object_get(json_array_get(json_object_get(out, "contracts"), 0), "items");
    assert_string_equal(id_at(items, 0), "confidentiality");
    json_t *att = json_object_get(json_array_get(json_object_get(out, "training_courses"), 0),
                                  "attendance");
    assert_string_equal(json_string_value(json_object_get(json_array_get(att, 0), "person")), "P1");
    json_t *recs = json_object_get(json_object_get(out, "organization"), "recommendations");
    assert_string_equal(json_string_value(json_object_get(json_array_get(recs, 0), "clause")),
                        "1(1)②");
    /* The nested key comes after the fields: "note" then "permitted". */
    void *it = json_object_iter(area);
    const char *last = NULL;
    for (; it; it = json_object_iter_next(area, it))
        last = json_object_iter_key(it);
    assert_string_equal(last, "permitted");

    /* Round trip: the export imports into a second database and exports to the same bytes. */
    char *t1 = NULL, *t2 = NULL;
    assert_int_equal(snapshot_dump(out, &t1, &err), MM_OK);
    json_decref(out);
    struct store *st2 = open_memory();
    json_t *again = parse_ok(t1);
    assert_int_equal(snapshot_import(st2, again, 0, NULL, &pr, &err), MM_OK);
    json_decref(again);
    assert_int_equal(snapshot_export(st2, NULL, &out, &err), MM_OK);
    assert_int_equal(snapshot_dump(out, &t2, &err), MM_OK);
    json_decref(out);
    assert_string_equal(t1, t2);
    free(t1);
    free(t2);
    mm_problems_free(&pr);
    store_close(st2);
    store_close(st);
}

static void test_old_snapshot_without_new_arrays(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_err err;
    mm_err_clear(&err);
    struct mm_problems pr = {0};
    json_t *root = parse_ok(SNAP);
    for (size_t i = 0; NEW_ARRAYS[i]; i++)
        json_object_del(root, NEW_ARRAYS[i]);
    json_object_del(json_object_get(root, "organization"), "recommendations");
    assert_int_equal(snapshot_import(st, root, 0, NULL, &pr, &err), MM_OK);
    assert_int_equal(pr.len, 0);
    json_t *out = NULL;
    assert_int_equal(snapshot_export(st, NULL, &out, &err), MM_OK);
    for (size_t i = 0; NEW_ARRAYS[i]; i++) {
        json_t *a = json_object_get(out, NEW_ARRAYS[i]);
        assert_true(json_is_array(a));
        assert_int_equal(json_array_size(a), 0);
    }
    json_decref(out);
    json_decref(root);
    store_close(st);
}

/* Validates SNAP after `edit` and returns the message at `where` (copied into buf), or NULL. */
static const char *problem_after(void (*edit)(json_t *), const char *where, char *buf, size_t n)
{
    struct store *st = open_memory();
    struct mm_err err;
    mm_err_clear(&err);
    struct mm_problems pr = {0};
    json_t *root = parse_ok(SNAP);
    edit(root);
    int rc = snapshot_validate(st, root, &pr, &err);
    const char *found = NULL;
    for (size_t i = 0; i < pr.len; i++)
        if (strcmp(pr.items[i].where, where) == 0) {
            snprintf(buf, n, "%s", pr.items[i].msg);
            found = buf;
        }
    assert_int_equal(rc, found ? MM_EINPUT : rc);
    mm_problems_free(&pr);
    json_decref(root);
    store_close(st);
    return found;
}

static json_t *first(json_t *root, const char *key)
{
    return json_array_get(json_object_get(root, key), 0);
}

static void edit_both_targets(json_t *r)
{
    json_object_set_new(first(r, "connections"), "to_domain", json_string("lgwan"));
}
static void edit_no_target(json_t *r)
{
    json_object_set_new(first(r, "connections"), "to_external", json_null());
}
static void edit_contract_dates(json_t *r)
{
    json_object_set_new(first(r, "contracts"), "end_on", json_string("2025-03-31"));
}
static void edit_dup_software(json_t *r)
{
    json_t *sw = json_object_get(first(r, "devices"), "software");
    json_object_set_new(json_array_get(sw, 0), "software", json_string("W1"));
}
static void edit_dangling_permit(json_t *r)
{
    json_array_set_new(json_object_get(first(r, "managed_areas"), "permitted"), 0,
                       json_string("P9"));
}
static void edit_item_code(json_t *r)
{
    json_array_append_new(json_object_get(first(r, "contracts"), "items"), json_string("x"));
}
static void edit_not_recommended(json_t *r)
{
    json_t *rec = json_array_get(
        json_object_get(json_object_get(r, "organization"), "recommendations"), 0);
    json_object_set_new(rec, "clause", json_string("6.2(1)①"));
}
static void edit_fine(json_t *r)
{
    (void)r;
}

static void test_checks_of_the_new_arrays(void **state)
{
    (void)state;
    char b[512];
    assert_null(problem_after(edit_fine, "$.connections[0].to_domain", b, sizeof b));
    assert_non_null(problem_after(edit_both_targets, "$.connections[0].to_external", b, sizeof b));
    assert_non_null(strstr(b, "どちらか一方だけ"));
    assert_non_null(problem_after(edit_no_target, "$.connections[0].to_domain", b, sizeof b));
    assert_non_null(strstr(b, "接続先が必須"));
    assert_non_null(problem_after(edit_contract_dates, "$.contracts[0].end_on", b, sizeof b));
    assert_string_equal(b, "契約の終了日 2025-03-31 が開始日 2025-04-01 より前です");
    assert_non_null(
        problem_after(edit_dup_software, "$.devices[0].software[1].software", b, sizeof b));
    assert_non_null(strstr(b, "「W1」が重複しています（$.devices[0].software[0] と同じ）"));
    assert_non_null(
        problem_after(edit_dangling_permit, "$.managed_areas[0].permitted[0]", b, sizeof b));
    assert_string_equal(b, "職員等「P9」は people にありません");
    assert_non_null(problem_after(edit_item_code, "$.contracts[0].items[2]", b, sizeof b));
    assert_non_null(strstr(b, "契約項目「x」は定義されていません"));
    assert_non_null(problem_after(edit_not_recommended,
                                  "$.organization.recommendations[0].clause", b, sizeof b));
    assert_non_null(strstr(b, "推奨事項ではありません"));
}

static void test_change_log_entries(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct mm_err err;
    mm_err_clear(&err);
    struct mm_problems pr = {0};
    struct audit_actor actor = {"system:test"};

    /* A rejected snapshot writes no entry. */
    json_t *bad = parse_ok(SNAP);
    edit_both_targets(bad);
    assert_int_equal(snapshot_import_by(st, &actor, bad, 0, NULL, &pr, &err), MM_EINPUT);
    json_decref(bad);
    mm_problems_free(&pr);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log"), 0);

    json_t *root = parse_ok(SNAP);
    assert_int_equal(snapshot_import_by(st, &actor, root, 0, NULL, &pr, &err), MM_OK);
    /* 1 organization + 1 department + 2 people + 1 system + 2 assets + 1 connection
     * + 1 area + 1 device + 2 software + 1 contractor + 1 contract + 1 cloud + 1 course. */
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log WHERE action = 'create'"), 16);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log WHERE action = 'import'"), 1);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log WHERE actor = 'system:test'"), 17);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'device' AND "
                               "entity_id = 'V1' AND after_json LIKE '%\"assets\":[\"A1\",\"A2\"]%'"),
                     1);

    /* --replace: one `replace` entry with the counts removed, then the creates again. */
    assert_int_equal(snapshot_import_by(st, &actor, root, 1, NULL, &pr, &err), MM_OK);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log WHERE action = 'replace' AND "
                               "before_json LIKE '%\"devices\":1,%' AND after_json IS NOT NULL"),
                     1);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"), 0);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log WHERE action = 'create'"), 32);
    struct auditlog_verify_result res;
    assert_int_equal(auditlog_verify(st, NULL, NULL, NULL, &res, &err), MM_OK);
    assert_int_equal(res.kind, AUDIT_OK);
    assert_int_equal(res.entries, 1 + 16 + 1 + 16);

    /* A failure inside the transaction takes the entries already appended with it. */
    long long before = count(st, "SELECT COUNT(*) FROM audit_log");
    assert_int_equal(store_exec(st,
                                "CREATE TRIGGER t BEFORE INSERT ON training_course BEGIN "
                                "SELECT RAISE(ABORT, 'no'); END",
                                &err),
                     MM_OK);
    assert_int_not_equal(snapshot_import_by(st, &actor, root, 1, NULL, &pr, &err), MM_OK);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_log"), before);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM training_course"), 1);
    json_decref(root);
    mm_problems_free(&pr);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_sorts_and_fills),
        cmocka_unit_test(test_old_snapshot_without_new_arrays),
        cmocka_unit_test(test_checks_of_the_new_arrays),
        cmocka_unit_test(test_change_log_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
