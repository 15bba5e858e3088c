/* test_catalog.c — clause ids (normaliser, parent, section), the catalog TSV parser and its
 * line-numbered errors, and the loader over a fresh database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalog/catalog.h"
#include "util/embedded.h"

static void expect_norm(const char *in, const char *want)
{
    char out[CATALOG_ID_MAX];
    int rc = catalog_id_normalise(in, out, sizeof out);
    if (rc != 0 || strcmp(out, want) != 0)
        fail_msg("normalise(\"%s\") = %d \"%s\", want \"%s\"", in, rc, out, want);
}

static void expect_bad(const char *in)
{
    char out[CATALOG_ID_MAX];
    if (catalog_id_normalise(in, out, sizeof out) == 0)
        fail_msg("normalise(\"%s\") accepted as \"%s\"", in, out);
}

static void test_normalise_csv_forms(void **state)
{
    (void)state;
    /* The forms of research/responsibility-matrix.csv. */
    expect_norm("1 (1) ①", "1(1)①");
    expect_norm("1 (6)", "1(6)");
    expect_norm("2 (2) ① (ア)", "2(2)①(ア)");
    expect_norm("2 (2) ⑩ (エ)", "2(2)⑩(エ)");
    expect_norm("4.3 ①", "4.3①");
    expect_norm("6.1 (10) ④ (オ)", "6.1(10)④(オ)");
    expect_norm("6.1 (22) ⑤", "6.1(22)⑤");
    expect_norm("8.3 (3) ⑪", "8.3(3)⑪");
    expect_norm("8.3 (7) ① (ケ)", "8.3(7)①(ケ)");
    expect_norm("8.4 (1) (ア)", "8.4(1)(ア)");
    expect_norm("9.3", "9.3");
    expect_norm("5.1 (1) ④ (ア) /2", "5.1(1)④(ア)/2");
    /* What people type or copy from the guideline. */
    expect_norm("６．２（１）③（ウ）", "6.2(1)③(ウ)");
    expect_norm("6.2(1)③(ｳ)", "6.2(1)③(ウ)");
    expect_norm("1.(1)", "1(1)");
    expect_norm("1.(1)④", "1(1)④");
    expect_norm("6.", "6");
    expect_norm("　7.4 (1) ", "7.4(1)");
    expect_norm("８．３（１）④", "8.3(1)④");
}

static void test_normalise_rejects(void **state)
{
    (void)state;
    expect_bad("");
    expect_bad("abc");
    expect_bad("0(1)");
    expect_bad("6.2(1");
    expect_bad("6.2(1)x");
    expect_bad("6.2(A)");
    expect_bad("6.2()");
    expect_bad("6.2(1)/1");
    expect_bad("6..2");
    expect_bad("（１２）");
    expect_bad("\xff\xfe");
    char small[4];
    assert_int_equal(catalog_id_normalise("6.2(1)③", small, sizeof small), -1);
}

static void test_parent_and_section(void **state)
{
    (void)state;
    char p[CATALOG_ID_MAX];
    static const char *const cases[][3] = {
        {"6.2(1)③(ウ)", "6.2(1)③", "6.2"}, {"6.2(1)③", "6.2(1)", "6.2"},
        {"6.2(1)", "6.2", "6.2"},           {"6.2", "6", "6.2"},
        {"6", "", "6"},                     {"1(9)⑤", "1(9)", "1"},
        {"4.3①", "4.3", "4.3"},             {"8.4(1)(ア)", "8.4(1)", "8.4"},
        {"5.1(1)④(ア)/2", "5.1(1)④(ア)", "5.1"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(catalog_id_parent(cases[i][0], p, sizeof p), 0);
        assert_string_equal(p, cases[i][1]);
        assert_int_equal(catalog_id_section(cases[i][0], p, sizeof p), 0);
        assert_string_equal(p, cases[i][2]);
    }
    assert_int_equal(catalog_id_parent("x", p, sizeof p), -1);
}

static const char roles_tsv[] = "# two roles\n"
                                "code\tlabel\tshort_label\trole\n"
                                "ciso\t最高情報セキュリティ責任者\tCISO\tciso\n"
                                "staff\t職員等の義務\t職員等\t\n";

#define HDR "id\tparent\tsection\ttitle\trecommended\tstatus\tsource_line\tciso\tstaff\n"

static int parse(const char *clauses, struct catalog_data *cat, struct mm_err *err)
{
    memset(cat, 0, sizeof *cat);
    mm_err_clear(err);
    int rc = catalog_parse_roles(cat, "roles.tsv", roles_tsv, err);
    if (rc)
        return rc;
    return catalog_parse_clauses(cat, "clauses.tsv", clauses, err);
}

static void test_parse_good(void **state)
{
    (void)state;
    struct catalog_data cat;
    struct mm_err err;
    assert_int_equal(parse("# comment\n" HDR "1\t\t1\t組織体制\t0\theading\t2134\t\t\n"
                           "1(1)\t1\t1\tCISO\t0\theading\t2136\t\t\n"
                           "1(1)①\t1(1)\t1\tCISOの設置\t0\tconfirmed\t2140\t○\t\n"
                           "1(1)②\t1(1)\t1\tアドバイザー\t1\tdecided\t2146\t許\t○\r\n",
                           &cat, &err),
                     MM_OK);
    assert_int_equal(cat.nroles, 2);
    assert_null(cat.roles[1].role);
    assert_int_equal(cat.nclauses, 4);
    assert_string_equal(cat.clauses[2].id, "1(1)①");
    assert_string_equal(cat.clauses[2].marks[0], "○");
    assert_string_equal(cat.clauses[2].marks[1], "");
    assert_int_equal(cat.clauses[3].recommended, 1);
    assert_string_equal(cat.clauses[3].marks[1], "○"); /* the \r is stripped */
    assert_int_equal(cat.clauses[3].file_line, 6);
    catalog_data_free(&cat);
}

/* Parses a bad file and checks the error names the file and the line and says why. */
static void expect_error(const char *body, const char *where, const char *why)
{
    struct catalog_data cat;
    struct mm_err err;
    int rc = parse(body, &cat, &err);
    catalog_data_free(&cat);
    assert_int_equal(rc, MM_EINPUT);
    if (!strstr(err.msg, where) || !strstr(err.msg, why))
        fail_msg("error \"%s\" lacks \"%s\" or \"%s\"", err.msg, where, why);
}

static void test_parse_errors(void **state)
{
    (void)state;
    const char *base = HDR "1\t\t1\t組織体制\t0\theading\t2134\t\t\n"
                           "1(1)\t1\t1\tCISO\t0\theading\t2136\t\t\n";
    char buf[1024];
    snprintf(buf, sizeof buf, "%s1(1)①\t1(1)\t1\t設置\t0\tconfirmed\t2140\t◎\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "記号「◎」");
    snprintf(buf, sizeof buf, "%s1(1)\t1\t1\t二重\t0\theading\t2136\t\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "重複");
    snprintf(buf, sizeof buf, "%s1(2)①\t1(2)\t1\t親なし\t0\tconfirmed\t2172\t○\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "親「1(2)」");
    snprintf(buf, sizeof buf, "%s1(1)①\t1\t1\t親違い\t0\tconfirmed\t2140\t○\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "親は「1(1)」");
    snprintf(buf, sizeof buf, "%s1 (1) ①\t1(1)\t1\t正規形でない\t0\tconfirmed\t2140\t○\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "形が正しくありません");
    snprintf(buf, sizeof buf, "%s1(1)①\t1(1)\t1\t設置\t0\tmaybe\t2140\t○\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "status「maybe」");
    snprintf(buf, sizeof buf, "%s1(1)①\t1(1)\t1\t設置\t2\tconfirmed\t2140\t○\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "recommended");
    snprintf(buf, sizeof buf, "%s1(1)①\t1(1)\t1\t設置\t0\tconfirmed\tL2140\t○\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "source_line");
    snprintf(buf, sizeof buf, "%s1(1)①\t1(1)\t1\t設置\t0\tconfirmed\t2140\t○\n", base);
    expect_error(buf, "clauses.tsv:4:", "列の数が 8");
    snprintf(buf, sizeof buf, "%s1(1)①\t1(1)\t2\t設置\t0\tconfirmed\t2140\t○\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "節は「1」");
    snprintf(buf, sizeof buf, "%s1(1)①\t1(1)\t1\t\t0\tconfirmed\t2140\t○\t\n", base);
    expect_error(buf, "clauses.tsv:4:", "表題が空");
    expect_error("id\tparent\tsection\ttitle\trecommended\tstatus\tsource_line\tstaff\tciso\n",
                 "clauses.tsv:1:", "役割「ciso」");
}

static void test_embedded_catalog_parses(void **state)
{
    (void)state;
    const struct embedded_file *r = embedded_find("data/catalog/r7-03/roles.tsv");
    const struct embedded_file *c = embedded_find("data/catalog/r7-03/clauses.tsv");
    assert_non_null(r);
    assert_non_null(c);
    struct catalog_data cat = {0};
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(catalog_parse_roles(&cat, r->name, r->data, &err), MM_OK);
    assert_int_equal(catalog_parse_clauses(&cat, c->name, c->data, &err), MM_OK);
    assert_int_equal(cat.nroles, 13);
    /* Every table row (507 after merging the repeated 8.3(1) row, plus one clause the table
     * lacks) and the headings; every non-heading row has a title and a source line. */
    size_t rows = 0;
    for (size_t i = 0; i < cat.nclauses; i++) {
        if (strcmp(cat.clauses[i].status, "heading"))
            rows++;
        assert_true(cat.clauses[i].title[0] != '\0');
        assert_true(cat.clauses[i].source_line > 2000);
    }
    assert_int_equal(rows, 508);
    catalog_data_free(&cat);
}

static char dbpath[256];

static void test_load_is_idempotent_and_fast(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/mamori-test-catalog-%d.db", (int)getpid());
    unlink(dbpath);
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(dbpath, STORE_OPEN_CREATE, &st, &err), MM_OK);
    long long n = 0, m = 0;
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM catalog_clause", &n, &err), MM_OK);
    assert_true(n > 600);
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM catalog_mark", &m, &err), MM_OK);
    assert_int_equal(m, 779);
    /* Loading again changes nothing. */
    assert_int_equal(catalog_load_embedded(st, &err), MM_OK);
    long long n2 = 0;
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM catalog_clause", &n2, &err), MM_OK);
    assert_int_equal(n2, n);
    char rev[64];
    assert_int_equal(catalog_current_revision(st, rev, sizeof rev, &err), MM_OK);
    assert_string_equal(rev, "r7-03");
    store_close(st);
    char p[300];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise_csv_forms),
        cmocka_unit_test(test_normalise_rejects),
        cmocka_unit_test(test_parent_and_section),
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_embedded_catalog_parses),
        cmocka_unit_test(test_load_is_idempotent_and_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
