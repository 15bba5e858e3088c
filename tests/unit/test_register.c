/* test_register.c — the register engine: descriptors agree with the schema and the search
 * triggers, list queries (authz reach, filters, 2- and 3-character Japanese search, escaped
 * LIKE), field checks with their Japanese messages, the write-scope check, and a save with
 * exactly one change-log entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "web/form.h"
#include "web/register.h"

static char dbpath[256];
static struct store *st;
static struct authz_principal *ism;

static int setup(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/mamori-test-register-%d.db", (int)getpid());
    unlink(dbpath);
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(store_open(dbpath, STORE_OPEN_CREATE, &st, &err), MM_OK);
    assert_int_equal(
        store_exec(st,
                   "INSERT INTO org_body VALUES ('m', '市長部局', NULL, 1);"
                   "INSERT INTO department VALUES ('B1', NULL, '税務部', 'bukyoku', 'm', 1),"
                   " ('K1', 'B1', '市民税課', 'kashitsu', 'm', 1),"
                   " ('K2', 'B1', '収納課', 'kashitsu', 'm', 2);"
                   "INSERT INTO person (id, name, department_id, employment, status) VALUES"
                   " ('P1', '管理者', 'K1', 'regular', 'active'),"
                   " ('P2', '職員', 'K2', 'regular', 'active');"
                   "INSERT INTO role_assignment (id, role, person_id, scope_type,"
                   " scope_department_id, scope_system_id, valid_from, valid_to) VALUES"
                   " ('R1', 'ism', 'P1', 'kashitsu', 'K1', NULL, '2020-04-01', NULL);"
                   "INSERT INTO asset (id, name, department_id, medium, confidentiality,"
                   " integrity, availability, note) VALUES"
                   " ('A1', '個人住民税 課税資料', 'K1', 'paper', '3A', '2', '1', NULL),"
                   " ('A2', '税務統計', 'K1', 'electronic', '2', '1', '1', '100%達成'),"
                   " ('A3', '滞納整理簿', 'K2', 'paper', '3A', '2', '1', NULL);",
                   &err),
        MM_OK);
    assert_int_equal(authz_load(st, "P1", "2026-11-01", &ism, &err), MM_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    authz_free(ism);
    store_close(st);
    unlink(dbpath);
    return 0;
}

static void descriptors_match_schema(void **state)
{
    (void)state;
    struct mm_err err;
    for (size_t r = 0; r < reg_count; r++) {
        const struct reg_desc *d = reg_all[r];
        assert_ptr_equal(reg_find(d->code), d);
        assert_string_equal(d->cols[0].name, "id");
        assert_true(d->ncols <= REG_MAXCOL);
        char trig[128];
        snprintf(trig, sizeof trig, "%s_search_insert", d->table);
        for (size_t i = 0; i < d->ncols; i++) {
            const struct reg_col *c = &d->cols[i];
            char sql[256];
            snprintf(sql, sizeof sql, "SELECT %s FROM %s LIMIT 0", c->name, d->table);
            struct store_stmt *s = NULL;
            mm_err_clear(&err);
            if (store_prepare(st, sql, &s, &err) != MM_OK)
                fail_msg("%s.%s: %s", d->table, c->name, err.msg);
            store_finalize(s);
            if (c->kind == REG_REF)
                assert_non_null(reg_ref_find(c->ref));
            if (!(c->flags & REG_SEARCH))
                continue;
            /* the search trigger of the table puts this column into the body */
            snprintf(sql, sizeof sql,
                     "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = ? "
                     "AND instr(sql, 'NEW.' || ?) > 0");
            assert_int_equal(store_prepare(st, sql, &s, &err), MM_OK);
            store_bind_text(s, 1, trig);
            store_bind_text(s, 2, c->name);
            assert_int_equal(store_step(s, &err), STORE_ROW);
            if (store_col_int(s, 0) != 1)
                fail_msg("%s.%s is searchable but not in %s", d->table, c->name, trig);
            store_finalize(s);
        }
    }
    assert_null(reg_find("audit_log"));
}

static int count_ids(void *ctx, const struct reg_row *r)
{
    (void)r;
    (*(int *)ctx)++;
    return 0;
}

static long long list_total(const char *q, const char *filter_col, const char *filter_val)
{
    const struct reg_desc *d = reg_find("asset");
    struct reg_query qu;
    memset(&qu, 0, sizeof qu);
    snprintf(qu.q, sizeof qu.q, "%s", q);
    qu.page = 1;
    qu.per = 50;
    if (filter_col) {
        qu.fcol[0] = reg_col_find(d, filter_col);
        snprintf(qu.fval[0], sizeof qu.fval[0], "%s", filter_val);
        qu.nfilters = 1;
    }
    long long total = -1;
    int rows = 0;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(reg_list(st, ism, d, &qu, &total, count_ids, &rows, &err), MM_OK);
    assert_int_equal(rows, total);
    return total;
}

static void list_reach_filter_search(void **state)
{
    (void)state;
    assert_int_equal(list_total("", NULL, NULL), 2);          /* K1 only: A1, A2 */
    assert_int_equal(list_total("", "confidentiality", "3A"), 1);
    assert_int_equal(list_total("住民税", NULL, NULL), 1);    /* trigram */
    assert_int_equal(list_total("税務", NULL, NULL), 1);      /* 2 characters: LIKE */
    assert_int_equal(list_total("滞納整理", NULL, NULL), 0);  /* K2's: outside the reach */
    assert_int_equal(list_total("%", NULL, NULL), 1);         /* only the note with a real % */
    assert_int_equal(list_total("_", NULL, NULL), 0);
    assert_int_equal(list_total("\"", NULL, NULL), 0);        /* quotes are not syntax */
    assert_int_equal(list_total("\"税務統計\" OR A", NULL, NULL), 0);
}

static void set(const struct reg_desc *d, struct reg_input *in, const char *col, const char *v)
{
    const struct reg_col *c = reg_col_find(d, col);
    assert_non_null(c);
    size_t i = (size_t)(c - d->cols);
    in->present[i] = 1;
    snprintf(in->val[i], sizeof in->val[i], "%s", v);
}

static const char *msg(const struct reg_desc *d, const struct reg_errors *e, const char *col)
{
    return e->msg[reg_col_find(d, col) - d->cols];
}

static void validation_messages(void **state)
{
    (void)state;
    static struct reg_input in, merged;
    struct reg_errors e;
    struct mm_err err;
    const struct reg_desc *d = reg_find("asset");
    memset(&in, 0, sizeof in);
    set(d, &in, "id", "A1");
    set(d, &in, "name", "");
    set(d, &in, "department_id", "K9");
    set(d, &in, "medium", "stone");
    set(d, &in, "confidentiality", "3A");
    set(d, &in, "integrity", "1");
    set(d, &in, "availability", "1");
    set(d, &in, "personal_info", "2");
    assert_int_equal(reg_validate(st, ism, d, NULL, &in, &merged, &e, &err), MM_OK);
    assert_int_equal(e.n, 5);
    assert_string_equal(msg(d, &e, "id"), "この資産番号は既に使われています");
    assert_string_equal(msg(d, &e, "name"), "名称を入力してください");
    assert_string_equal(msg(d, &e, "department_id"), "所管課に指定されたものは登録されていません");
    assert_string_equal(msg(d, &e, "medium"), "媒体の選択肢にない値です");
    assert_non_null(strstr(msg(d, &e, "personal_info"), "はい"));

    const struct reg_desc *t = reg_find("training");
    memset(&in, 0, sizeof in);
    set(t, &in, "id", "T1");
    set(t, &in, "title", "研修");
    set(t, &in, "kind", "general");
    set(t, &in, "fiscal_year", "1999");
    set(t, &in, "mandatory", "1");
    set(t, &in, "held_on", "2026-02-30");
    assert_int_equal(reg_validate(st, ism, t, NULL, &in, &merged, &e, &err), MM_OK);
    assert_int_equal(e.n, 2);
    assert_non_null(strstr(msg(t, &e, "fiscal_year"), "2000から2100まで"));
    assert_non_null(strstr(msg(t, &e, "held_on"), "実在する日付"));
}

static void scope_and_save(void **state)
{
    (void)state;
    static struct reg_input in, merged;
    struct reg_errors e;
    struct mm_err err;
    mm_err_clear(&err);
    const struct reg_desc *d = reg_find("asset");
    struct reg_row a1;
    int found = 0;
    assert_int_equal(reg_get(st, d, "A1", &a1, &found, &err), MM_OK);
    assert_true(found);
    assert_true(reg_allows(ism, d, AUTHZ_WRITE, &a1));

    memset(&in, 0, sizeof in);
    set(d, &in, "department_id", "K2"); /* out of the ism's 課 */
    assert_int_equal(reg_validate(st, ism, d, &a1, &in, &merged, &e, &err), MM_OK);
    assert_int_equal(e.n, 1);
    assert_non_null(strstr(msg(d, &e, "department_id"), "範囲"));

    memset(&in, 0, sizeof in);
    set(d, &in, "location", "第1書庫");
    assert_int_equal(reg_validate(st, ism, d, &a1, &in, &merged, &e, &err), MM_OK);
    assert_int_equal(e.n, 0);
    long long before = 0, after = 0;
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM audit_log", &before, &err), MM_OK);
    struct audit_actor actor = {"user:test"};
    assert_int_equal(reg_save(st, &actor, d, &a1, &merged, &err), MM_OK);
    assert_int_equal(store_query_int(st, "SELECT COUNT(*) FROM audit_log", &after, &err), MM_OK);
    assert_int_equal(after, before + 1);
    long long n = 0;
    assert_int_equal(store_query_int(st,
                                     "SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND "
                                     "entity_type = 'asset' AND entity_id = 'A1' AND "
                                     "json_extract(before_json, '$.location') IS NULL AND "
                                     "json_extract(after_json, '$.location') = '第1書庫'",
                                     &n, &err),
                     MM_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list_total("第1書庫", NULL, NULL), 1); /* the search follows the update */
    reg_row_free(&a1);
}

/* A query string for reg_query_parse, read with the web layer's own decoder. */
static int from_query(const void *ctx, const char *name, char *out, size_t size)
{
    return form_get(ctx, name, out, size);
}

static void query_fields(void **state)
{
    (void)state;
    const struct reg_desc *d = reg_find("asset");
    struct reg_query q;
    reg_query_parse(d, from_query,
                    "q=%E7%A8%8E%E5%8B%99&sort=name&order=desc&page=3&per=9999"
                    "&f_confidentiality=3A&f_note=x&f_medium=",
                    &q);
    assert_string_equal(q.q, "税務");
    assert_ptr_equal(q.sort, reg_col_find(d, "name"));
    assert_true(q.desc);
    assert_int_equal(q.page, 3);
    assert_int_equal(q.per, REG_PER_DEFAULT); /* over the limit: the default */
    assert_int_equal(q.nfilters, 1);          /* note is not a filter; an empty one is none */
    assert_string_equal(q.fcol[0]->name, "confidentiality");
    assert_string_equal(q.fval[0], "3A");

    /* a column that is not sortable, or not a column at all, sorts by id */
    reg_query_parse(d, from_query, "sort=note&page=0&per=20", &q);
    assert_null(q.sort);
    assert_int_equal(q.page, 1);
    assert_int_equal(q.per, 20);
    reg_query_parse(d, from_query, "sort=name;DROP TABLE asset&order=x", &q);
    assert_null(q.sort);
    assert_false(q.desc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(descriptors_match_schema),
        cmocka_unit_test(list_reach_filter_search),
        cmocka_unit_test(validation_messages),
        cmocka_unit_test(scope_and_save),
        cmocka_unit_test(query_fields),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
