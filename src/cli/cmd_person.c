/*
 * cmd_person.c — `mamori person list|show`: browse the 職員等 (staff, including 会計年度任用職員
 * and contractors' staff). `show` adds the roles a person holds and the accounts they hold.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/browse.h"
#include "model/wareki.h"

static const struct table_column list_cols[] = {
    {"id", "ID", TC_TEXT, 0, 0, TC_BOTH},
    {"name", "氏名", TC_TEXT, 0, 0, TC_BOTH},
    {"kana", "ふりがな", TC_TEXT, 0, 0, TC_MACHINE},
    {"department_id", "所属ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"department", "所属", TC_TEXT, 0, 0, TC_BOTH},
    {"title", "職名", TC_TEXT, 0, 0, TC_BOTH},
    {"employment", "雇用形態区分", TC_TEXT, 0, 0, TC_MACHINE},
    {"employment_label", "雇用形態", TC_TEXT, 0, 0, TC_BOTH},
    {"status", "状態区分", TC_TEXT, 0, 0, TC_MACHINE},
    {"status_label", "状態", TC_TEXT, 0, 0, TC_BOTH},
};
#define NLIST (sizeof list_cols / sizeof list_cols[0])

static int list_row(struct store_stmt *s, void *ctx)
{
    const char *cells[NLIST];
    for (size_t i = 0; i < NLIST; i++)
        cells[i] = COL(s, (int)i);
    table_add_row(ctx, cells);
    return 0;
}

static int person_list(int argc, char **argv, struct cli *cli)
{
    const char *dept = NULL, *status = NULL;
    enum table_format fmt = TABLE_TEXT;
    static const struct option opts[] = {{"department", required_argument, NULL, 'd'},
                                         {"status", required_argument, NULL, 's'},
                                         {"format", required_argument, NULL, 'f'},
                                         {0, 0, 0, 0}};
    optind = 0;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:", opts, NULL)) != -1;) {
        if (c == 'd')
            dept = optarg;
        else if (c == 's')
            status = optarg;
        else if (c == 'f') {
            if (browse_format(&cmd_person_def, optarg, &fmt))
                return 2;
        } else
            return browse_opt_error(&cmd_person_def, c, argv);
    }
    if (optind < argc)
        return cli_usage(&cmd_person_def, "余分な引数「%s」があります", argv[optind]);

    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct table t;
    table_init(&t, list_cols, NLIST);
    int missing = 0, bad_status = 0;
    rc = store_begin_read(st, &err);
    if (!rc && status) {
        /* The status codes are a lookup table: a code it lacks is bad input, not a miss. */
        long long n = browse_count(st, "SELECT code FROM person_status WHERE code = ?", &status,
                                   1, &err);
        if (n < 0)
            rc = err.code;
        bad_status = n == 0;
    }
    if (!rc && !bad_status && dept)
        rc = browse_exists(st, "SELECT id FROM department WHERE id = ?", dept, "部署", &missing,
                           &err);
    if (!rc && !bad_status && !missing) {
        const char *params[] = {dept, dept, status, status};
        rc = browse_query(st,
                          "WITH RECURSIVE sub(id) AS (SELECT id FROM department WHERE id = ? "
                          "UNION SELECT d.id FROM department d JOIN sub ON d.parent_id = sub.id) "
                          "SELECT p.id, p.name, p.kana, p.department_id, d.name, p.title, "
                          "p.employment, et.label, p.status, ps.label "
                          "FROM person p "
                          "LEFT JOIN department d ON d.id = p.department_id "
                          "LEFT JOIN employment_type et ON et.code = p.employment "
                          "LEFT JOIN person_status ps ON ps.code = p.status "
                          "WHERE (CAST(? AS TEXT) IS NULL OR p.department_id IN (SELECT id FROM sub)) "
                          "AND (CAST(? AS TEXT) IS NULL OR p.status = ?) "
                          "ORDER BY p.id",
                          params, 4, list_row, &t, &err);
    }
    store_rollback(st);
    store_close(st);
    if (rc) {
        table_free(&t);
        return cli_fail(&err);
    }
    if (bad_status) {
        table_free(&t);
        return cli_usage(&cmd_person_def,
                         "--status「%s」はありません（active, transferred, on_leave, retired）",
                         status);
    }
    if (missing) {
        table_free(&t);
        return 1;
    }
    table_print(&t, fmt, stdout);
    table_free(&t);
    return 0;
}

enum {
    P_ID, P_NAME, P_KANA, P_DEPT_ID, P_DEPT, P_PARENT, P_TITLE, P_EMPLOYMENT, P_STATUS,
    P_SINCE, P_HIRED, P_LEFT, P_EMAIL
};

static int show_row(struct store_stmt *s, void *ctx)
{
    *(int *)ctx = 1;
    printf("職員等 %s\n", COL(s, P_ID));
    show_field("氏名", COL(s, P_NAME));
    show_field("ふりがな", COL(s, P_KANA));
    if (!COL(s, P_DEPT_ID))
        show_field("所属", NULL);
    else if (COL(s, P_PARENT))
        show_fieldf("所属", "%s（%s／%s）", COL(s, P_DEPT) ? COL(s, P_DEPT) : "?", COL(s, P_DEPT_ID),
                    COL(s, P_PARENT));
    else
        show_fieldf("所属", "%s（%s）", COL(s, P_DEPT) ? COL(s, P_DEPT) : "?", COL(s, P_DEPT_ID));
    show_field("職名", COL(s, P_TITLE));
    show_field("雇用形態", COL(s, P_EMPLOYMENT));
    show_field("状態", COL(s, P_STATUS));
    show_date("状態となった日", COL(s, P_SINCE));
    show_date("採用日", COL(s, P_HIRED));
    show_date("退職日", COL(s, P_LEFT));
    show_field("メール", COL(s, P_EMAIL));
    return 0;
}

struct list_ctx {
    int flags;
    int n;
    const char *title;
};

static int role_row(struct store_stmt *s, void *ctx)
{
    struct list_ctx *l = ctx;
    if (!l->n++)
        printf("\n%s\n", l->title);
    return browse_print_assignment(s, &l->flags);
}

static int account_row(struct store_stmt *s, void *ctx)
{
    struct list_ctx *l = ctx;
    if (!l->n++)
        printf("\n%s\n", l->title);
    char last[128];
    if (COL(s, 6))
        wareki_annotate(COL(s, 6), last, sizeof last);
    else
        snprintf(last, sizeof last, "—");
    printf("  ・%s（%s）  %s  %s%s%s  最終ログイン: %s  [%s]\n",
           COL(s, 2) ? COL(s, 2) : "?", COL(s, 1), COL(s, 3),
           COL(s, 4) ? COL(s, 4) : "", store_col_int(s, 7) ? "・特権ID" : "",
           store_col_int(s, 8) ? "・共用" : "", last, COL(s, 0));
    return 0;
}

static int person_show(int argc, char **argv, struct cli *cli)
{
    const char *id;
    if (browse_show_arg(&cmd_person_def, argc, argv, &id))
        return 2;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    int found = 0;
    char today[16];
    browse_today(today, sizeof today);
    rc = store_begin_read(st, &err);
    if (!rc)
        rc = browse_query(st,
                          "SELECT p.id, p.name, p.kana, p.department_id, d.name, pd.name, p.title, "
                          "et.label, ps.label, p.status_since, p.hired_on, p.left_on, p.email "
                          "FROM person p "
                          "LEFT JOIN department d ON d.id = p.department_id "
                          "LEFT JOIN department pd ON pd.id = d.parent_id "
                          "LEFT JOIN employment_type et ON et.code = p.employment "
                          "LEFT JOIN person_status ps ON ps.code = p.status "
                          "WHERE p.id = ?",
                          &id, 1, show_row, &found, &err);
    struct list_ctx roles = {BROWSE_RA_SCOPE, 0, "担っている役割"};
    if (!rc && found) {
        const char *p[] = {today, today, id};
        rc = browse_query(st,
                          ROLE_ASSIGNMENT_SELECT "WHERE ra.person_id = ? "
                                                 "ORDER BY r.sort, ra.valid_from, ra.id",
                          p, 3, role_row, &roles, &err);
        if (!rc && !roles.n)
            printf("\n担っている役割: なし\n");
    }
    struct list_ctx accounts = {0, 0, "利用者（または責任者）であるアカウント"};
    if (!rc && found) {
        rc = browse_query(st,
                          "SELECT a.id, a.system_id, s.name, a.login, st.label, a.created_on, "
                          "a.last_login, a.privileged, a.shared "
                          "FROM account a "
                          "LEFT JOIN system s ON s.id = a.system_id "
                          "LEFT JOIN account_status st ON st.code = a.status "
                          "WHERE a.holder_id = ? ORDER BY a.id",
                          &id, 1, account_row, &accounts, &err);
        if (!rc && !accounts.n)
            printf("\n利用者（または責任者）であるアカウント: なし\n");
    }
    store_rollback(st);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    if (!found)
        return browse_not_found("職員等", id);
    return 0;
}

static const struct browse_sub subs[] = {
    {"list", person_list}, {"show", person_show}, {NULL, NULL}};

static int cmd_person(int argc, char **argv, struct cli *cli)
{
    return browse_dispatch(&cmd_person_def, subs, argc, argv, cli);
}

const struct command cmd_person_def = {
    "person", cmd_person, "職員等を表示する（list / show）",
    "使い方: mamori person list [--department ID] [--status 状態] [--format table|tsv|json]\n"
    "        mamori person show ID\n\n"
    "職員等（正規職員、会計年度任用職員、委託先要員など）を表示します。データベースは読み取り\n"
    "専用で開きます。\n\n"
    "list   職員等を ID の順に一覧します。\n"
    "  --department ID   その部署（配下の課室・出先機関を含む）に所属する人に絞ります\n"
    "  --status 状態     active（在職）, transferred（異動）, on_leave（休職）, retired（退職）\n"
    "  --format 形式     table（既定）、tsv、json\n"
    "show   一人のすべての項目（日付は和暦も）、担っている役割と範囲・期間、利用者である\n"
    "       アカウントを表示します。\n\n"
    "存在しない ID を指定すると終了コード 1、使い方の誤りは終了コード 2 で終わります。\n"};
