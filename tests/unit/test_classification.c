/* test_classification.c — 対策基準 2.(1): every class, the order of classes, the named sets,
 * invalid codes, and the 取扱制限 of all 20 combinations of 機密性 × 完全性 × 可用性, with the
 * expected restrictions written out here from the guideline's table, not taken from the module. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/classification.h"
#include "store/store.h"

/* The classes of each dimension, lowest first, as the guideline orders them. */
static const char *const conf_codes[] = {"1", "2", "3C", "3B", "3A"};
static const char *const two_codes[] = {"1", "2"};

/* The guideline's 取扱制限 per row of the table (L2380–L2543), by stable code. */
static const char *const conf3_only[] = {"issued_terminal_only"};
static const char *const conf2plus_list[] = {
    "limit_copy_distribution", "restrict_storage_place", "protect_in_transit",
    "irrecoverable_disposal",  "trusted_network_line",   "offsite_processing_safeguards",
    "locked_media_storage"};
static const char *const integ2_list[] = {"backup", "digital_signature",
                                          "offsite_processing_safeguards", "locked_media_storage"};
static const char *const avail2_list[] = {"backup", "recovery_within_target",
                                          "locked_media_storage"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int in_list(const char *const *list, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], code) == 0)
            return 1;
    return 0;
}

static void test_tables_load(void **state)
{
    (void)state;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(classification_load(&err), MM_OK);
}

static void test_every_class_in_order(void **state)
{
    (void)state;
    size_t n;
    const struct cls_class *const *c = classification_classes(CLS_CONF, &n);
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(c[i]->code, conf_codes[i]);
        assert_int_equal(c[i]->dim, CLS_CONF);
        assert_non_null(strstr(c[i]->label, "自治体機密性"));
        assert_true(strlen(c[i]->criterion) > 10);
        assert_true(c[i]->line >= 2350 && c[i]->line <= 2570);
    }
    for (int d = CLS_INTEG; d <= CLS_AVAIL; d++) {
        c = classification_classes((enum cls_dim)d, &n);
        assert_int_equal(n, 2);
        for (size_t i = 0; i < n; i++)
            assert_string_equal(c[i]->code, two_codes[i]);
    }
    assert_string_equal(classification_find(CLS_CONF, "3A")->label, "自治体機密性３Ａ");
    assert_string_equal(classification_find(CLS_INTEG, "2")->label, "自治体完全性２");
    assert_string_equal(classification_find(CLS_AVAIL, "1")->label, "自治体可用性１");
    assert_non_null(strstr(classification_find(CLS_CONF, "3A")->criterion, "秘密文書"));
    assert_non_null(strstr(classification_find(CLS_CONF, "1")->criterion,
                           "自治体機密性２又は自治体機密性３の情報資産以外"));
}

static void test_order(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(conf_codes); i++)
        for (size_t j = 0; j < N(conf_codes); j++) {
            int got = classification_compare(classification_find(CLS_CONF, conf_codes[i]),
                                             classification_find(CLS_CONF, conf_codes[j]));
            int want = (i > j) - (i < j);
            assert_int_equal(got, want);
        }
    assert_true(classification_compare(classification_find(CLS_INTEG, "2"),
                                       classification_find(CLS_INTEG, "1")) > 0);
    assert_true(classification_compare(classification_find(CLS_AVAIL, "1"),
                                       classification_find(CLS_AVAIL, "2")) < 0);
}

static void test_sets(void **state)
{
    (void)state;
    /* 機密性2以上 = {2, 3C, 3B, 3A}; 機密性3 = {3C, 3B, 3A} (2.(1); research §3.1). */
    const int want2plus[] = {0, 1, 1, 1, 1};
    const int want3[] = {0, 0, 1, 1, 1};
    for (size_t i = 0; i < N(conf_codes); i++) {
        const struct cls_class *c = classification_find(CLS_CONF, conf_codes[i]);
        assert_non_null(c);
        assert_int_equal(classification_is_conf2plus(c), want2plus[i]);
        assert_int_equal(classification_is_conf3(c), want3[i]);
    }
    /* Classes of other dimensions are never in a 機密性 set. */
    assert_false(classification_is_conf2plus(classification_find(CLS_INTEG, "2")));
    assert_false(classification_is_conf3(classification_find(CLS_AVAIL, "2")));
    assert_false(classification_is_conf2plus(NULL));
    assert_false(classification_is_conf3(NULL));
    assert_string_equal(classification_conf2plus_name(), "機密性2以上");
    assert_string_equal(classification_conf3_name(), "機密性3");
    const struct cls_set *i2 = classification_set("integ2");
    assert_non_null(i2);
    assert_true(classification_in_set(classification_find(CLS_INTEG, "2"), i2));
    assert_false(classification_in_set(classification_find(CLS_INTEG, "1"), i2));
    assert_false(classification_in_set(classification_find(CLS_CONF, "2"), i2));
    assert_null(classification_set("nope"));
    assert_null(classification_set(NULL));
}

static void test_invalid_codes(void **state)
{
    (void)state;
    const char *bad_conf[] = {"4", "3D", "", "3a", " 3A", "3A ", "0", "33"};
    struct mm_err err;
    const struct cls_class *c = NULL;
    for (size_t i = 0; i < N(bad_conf); i++) {
        mm_err_clear(&err);
        assert_int_equal(classification_parse(CLS_CONF, bad_conf[i], &c, &err), MM_EINPUT);
        assert_null(c);
        assert_non_null(strstr(err.msg, "機密性"));
        char quoted[32];
        snprintf(quoted, sizeof quoted, "「%s」", bad_conf[i]);
        assert_non_null(strstr(err.msg, quoted));
        assert_null(classification_find(CLS_CONF, bad_conf[i]));
    }
    mm_err_clear(&err);
    assert_int_equal(classification_parse(CLS_CONF, NULL, &c, &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "指定されていません"));
    assert_null(classification_find(CLS_CONF, NULL));
    /* A code of one dimension is not a code of another. */
    mm_err_clear(&err);
    assert_int_equal(classification_parse(CLS_INTEG, "3A", &c, &err), MM_EINPUT);
    assert_non_null(strstr(err.msg, "完全性"));
    assert_int_equal(classification_parse(CLS_AVAIL, "3", &c, &err), MM_EINPUT);
    assert_int_equal(classification_parse(CLS_CONF, "3B", &c, &err), MM_OK);
    assert_string_equal(c->code, "3B");

    struct cls_applied out[CLS_MAX_RESTRICTIONS];
    size_t n = 99;
    assert_int_equal(classification_restrictions("3D", "1", "1", out, &n, &err), MM_EINPUT);
    assert_int_equal(n, 0);
    assert_int_equal(classification_restrictions("1", "3", "1", out, &n, &err), MM_EINPUT);
    assert_int_equal(classification_restrictions("1", "1", NULL, out, &n, &err), MM_EINPUT);
    assert_int_equal(classification_restrictions("", "1", "1", out, &n, &err), MM_EINPUT);
}

/* The sets (by name) that require `code` for an asset of the given classes, per the guideline. */
static size_t expected_reasons(size_t ci, int i2, int a2, const char *code, const char **names)
{
    size_t n = 0;
    if (ci >= 2 && in_list(conf3_only, N(conf3_only), code))
        names[n++] = "機密性3";
    if (ci >= 1 && in_list(conf2plus_list, N(conf2plus_list), code))
        names[n++] = "機密性2以上";
    if (i2 && in_list(integ2_list, N(integ2_list), code))
        names[n++] = "完全性2";
    if (a2 && in_list(avail2_list, N(avail2_list), code))
        names[n++] = "可用性2";
    return n;
}

static void test_all_twenty_combinations(void **state)
{
    (void)state;
    /* Every restriction code the guideline's table names, for the universe of the check. */
    const char *all[] = {"issued_terminal_only", "limit_copy_distribution",
                         "restrict_storage_place", "protect_in_transit",
                         "irrecoverable_disposal", "trusted_network_line",
                         "offsite_processing_safeguards", "locked_media_storage",
                         "backup", "digital_signature", "recovery_within_target"};
    int combos = 0;
    for (size_t ci = 0; ci < N(conf_codes); ci++)
        for (int i2 = 0; i2 <= 1; i2++)
            for (int a2 = 0; a2 <= 1; a2++) {
                combos++;
                struct cls_applied out[CLS_MAX_RESTRICTIONS];
                size_t n = 99;
                struct mm_err err;
                mm_err_clear(&err);
                assert_int_equal(classification_restrictions(conf_codes[ci], two_codes[i2],
                                                             two_codes[a2], out, &n, &err),
                                 MM_OK);
                size_t want_n = 0;
                for (size_t k = 0; k < N(all); k++) {
                    const char *names[4];
                    size_t nr = expected_reasons(ci, i2, a2, all[k], names);
                    /* Find it in the result. */
                    const struct cls_applied *got = NULL;
                    for (size_t j = 0; j < n; j++)
                        if (strcmp(out[j].restriction->code, all[k]) == 0) {
                            assert_null(got); /* appears once */
                            got = &out[j];
                        }
                    if (!nr) {
                        if (got)
                            fail_msg("%s/%s/%s: unexpected %s", conf_codes[ci], two_codes[i2],
                                     two_codes[a2], all[k]);
                        continue;
                    }
                    want_n++;
                    if (!got)
                        fail_msg("%s/%s/%s: missing %s", conf_codes[ci], two_codes[i2],
                                 two_codes[a2], all[k]);
                    assert_int_equal(got->nby, nr);
                    for (size_t r = 0; r < nr; r++)
                        assert_string_equal(got->by[r]->set->name, names[r]);
                }
                assert_int_equal(n, want_n);
                for (size_t j = 1; j < n; j++)
                    assert_true(out[j - 1].restriction->order < out[j].restriction->order);
            }
    assert_int_equal(combos, 20);
}

static void test_examples_spelled_out(void **state)
{
    (void)state;
    struct cls_applied out[CLS_MAX_RESTRICTIONS];
    size_t n;
    struct mm_err err;
    /* 1/1/1 carries nothing. */
    assert_int_equal(classification_restrictions("1", "1", "1", out, &n, &err), MM_OK);
    assert_int_equal(n, 0);
    /* 3B/2/2 carries all eleven; 施錠保管 is required by three dimensions, バックアップ by two. */
    assert_int_equal(classification_restrictions("3B", "2", "2", out, &n, &err), MM_OK);
    assert_int_equal(n, 11);
    assert_string_equal(out[0].restriction->code, "issued_terminal_only");
    assert_string_equal(out[0].restriction->text, "支給された端末以外での作業の原則禁止");
    assert_int_equal(out[0].by[0]->line, 2380);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(out[i].restriction->code, "locked_media_storage") == 0) {
            assert_int_equal(out[i].nby, 3);
            assert_string_equal(out[i].restriction->text, "電磁的記録媒体の施錠可能な場所への保管");
        }
        if (strcmp(out[i].restriction->code, "backup") == 0)
            assert_int_equal(out[i].nby, 2);
    }
    /* 機密性2 lacks only the 機密性3 restriction. */
    assert_int_equal(classification_restrictions("2", "1", "1", out, &n, &err), MM_OK);
    assert_int_equal(n, 7);
    assert_string_equal(out[0].restriction->code, "limit_copy_distribution");
    /* 可用性2 alone: backup, recovery, locked storage. */
    assert_int_equal(classification_restrictions("1", "1", "2", out, &n, &err), MM_OK);
    assert_int_equal(n, 3);
    assert_string_equal(out[2].restriction->code, "recovery_within_target");
    assert_string_equal(out[2].restriction->text, "指定する時間以内の復旧");
}

/* The labels and ranks here and in the database's lookup tables (001_registers.sql) agree. */
static void test_matches_schema(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "/tmp/mamori-test-cls-%d.db", (int)getpid());
    unlink(path);
    struct store *st = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &st, &err), MM_OK);
    const char *tables[CLS_NDIM] = {"SELECT code, rank, label FROM confidentiality_class ORDER BY rank",
                                    "SELECT code, rank, label FROM integrity_class ORDER BY rank",
                                    "SELECT code, rank, label FROM availability_class ORDER BY rank"};
    for (int d = 0; d < CLS_NDIM; d++) {
        size_t n;
        const struct cls_class *const *c = classification_classes((enum cls_dim)d, &n);
        struct store_stmt *s;
        assert_int_equal(store_prepare(st, tables[d], &s, &err), MM_OK);
        size_t i = 0;
        while (store_step(s, &err) == STORE_ROW) {
            assert_true(i < n);
            assert_string_equal(store_col_text(s, 0), c[i]->code);
            assert_int_equal(store_col_int(s, 1), c[i]->rank);
            assert_string_equal(store_col_text(s, 2), c[i]->label);
            i++;
        }
        assert_int_equal(i, n);
        store_finalize(s);
    }
    store_close(st);
    unlink(path);
    char p2[160];
    snprintf(p2, sizeof p2, "%s-wal", path);
    unlink(p2);
    snprintf(p2, sizeof p2, "%s-shm", path);
    unlink(p2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_load),
        cmocka_unit_test(test_every_class_in_order),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_sets),
        cmocka_unit_test(test_invalid_codes),
        cmocka_unit_test(test_all_twenty_combinations),
        cmocka_unit_test(test_examples_spelled_out),
        cmocka_unit_test(test_matches_schema),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
