/*
 * cmd_role.c — `mamori role list [--role CODE]`: the role assignments (対策基準 1. 組織体制) with
 * the person, the scope (全庁, a 部局, a 課室, a system) and the period, dates shown in 和暦.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/browse.h"

static const struct table_column list_cols[] = {
    {"id", "ID", TC_TEXT, 0, 0, TC_BOTH},
    {"role", "役割コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"role_label", "役割", TC_TEXT, 0, 0, TC_BOTH},
    {"person_id", "職員等ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"person", "氏名", TC_TEXT, 0, 0, TC_BOTH},
    {"scope_type", "範囲区分", TC_TEXT, 0, 0, TC_MACHINE},
    {"scope_id", "範囲ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"scope_name", "範囲名", TC_TEXT, 0, 0, TC_MACHINE},
    {"scope", "範囲", TC_TEXT, 0, 0, TC_HUMAN},
    {"valid_from", "開始日", TC_TEXT, 0, 0, TC_MACHINE},
    {"valid_to", "終了日", TC_TEXT, 0, 0, TC_MACHINE},
    {"period", "期間", TC_TEXT, 0, 0, TC_HUMAN},
    {"state", "状態", TC_TEXT, 0, 0, TC_MACHINE},
    {"state_label", "状態", TC_TEXT, 0, 0, TC_HUMAN},
};
#define NLIST (sizeof list_cols / sizeof list_cols[0])

static int list_row(struct store_stmt *s, void *ctx)
{
    char scope[300], period[300];
    const char *state = COL(s, RA_STATE);
    const char *state_label = strcmp(state, "ended") == 0    ? "終了"
                              : strcmp(state, "future") == 0 ? "開始前"
                                                             : "現任";
    const char *cells[NLIST] = {
        COL(s, RA_ID),       COL(s, RA_ROLE),       COL(s, RA_ROLE_LABEL),
        COL(s, RA_PERSON_ID), COL(s, RA_PERSON),    COL(s, RA_SCOPE_TYPE),
        COL(s, RA_SCOPE_ID), COL(s, RA_SCOPE_NAME), browse_scope_text(s, scope, sizeof scope),
        COL(s, RA_FROM),     COL(s, RA_TO),
        browse_period(COL(s, RA_FROM), COL(s, RA_TO), period, sizeof period),
        state,               state_label};
    table_add_row(ctx, cells);
    return 0;
}

static int role_list(int argc, char **argv, struct cli *cli)
{
    const char *role = NULL;
    enum table_format fmt = TABLE_TEXT;
    static const struct option opts[] = {{"role", required_argument, NULL, 'r'},
                                         {"format", required_argument, NULL, 'f'},
                                         {0, 0, 0, 0}};
    optind = 0;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:", opts, NULL)) != -1;) {
        if (c == 'r')
            role = optarg;
        else if (c == 'f') {
            if (browse_format(&cmd_role_def, optarg, &fmt))
                return 2;
        } else
            return browse_opt_error(&cmd_role_def, c, argv);
    }
    if (optind < argc)
        return cli_usage(&cmd_role_def, "余分な引数「%s」があります", argv[optind]);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    char today[16];
    browse_today(today, sizeof today);
    struct table t;
    table_init(&t, list_cols, NLIST);
    int bad_role = 0;
    rc = store_begin_read(st, &err);
    if (!rc && role) {
        /* Role codes are a lookup table: a code it lacks is bad input (exit 2). */
        long long n = browse_count(st, "SELECT code FROM role WHERE code = ?", &role, 1, &err);
        if (n < 0)
            rc = err.code;
        bad_role = n == 0;
    }
    if (!rc && !bad_role) {
        const char *p[] = {today, today, role, role};
        rc = browse_query(st,
                          ROLE_ASSIGNMENT_SELECT
                          "WHERE (CAST(? AS TEXT) IS NULL OR ra.role = ?) ORDER BY ra.id",
                          p, 4, list_row, &t, &err);
    }
    store_rollback(st);
    store_close(st);
    if (rc) {
        table_free(&t);
        return cli_fail(&err);
    }
    if (!bad_role)
        table_print(&t, fmt, stdout);
    table_free(&t);
    if (bad_role)
        return cli_usage(&cmd_role_def,
                         "役割「%s」はありません（ciso, vice_ciso, toukatsu, isr, ism, sysm, "
                         "sys_staff, committee, csirt_head, csirt_member, audit_chief, "
                         "permit_authority, cloud_manager）",
                         role);
    return 0;
}

static const struct browse_sub subs[] = {{"list", role_list}, {NULL, NULL}};

static int cmd_role(int argc, char **argv, struct cli *cli)
{
    return browse_dispatch(&cmd_role_def, subs, argc, argv, cli);
}

const struct command cmd_role_def = {
    "role", cmd_role, "役割の割当てを表示する（list）",
    "使い方: mamori role list [--role コード] [--format table|tsv|json]\n\n"
    "役割の割当て（CISO、情報セキュリティ責任者・管理者、情報システム管理者 …）を ID の順に、\n"
    "担う人、範囲（全庁・部局・課室・情報システム）、期間（和暦を併記）、状態（現任・終了・\n"
    "開始前）とともに一覧します。データベースは読み取り専用で開きます。\n\n"
    "  --role コード   その役割に絞ります: ciso, vice_ciso, toukatsu, isr, ism, sysm, sys_staff,\n"
    "                  committee, csirt_head, csirt_member, audit_chief, permit_authority,\n"
    "                  cloud_manager\n"
    "  --format 形式   table（既定）、tsv、json（日付は YYYY-MM-DD のまま）\n\n"
    "使い方の誤り（存在しない役割コードを含む）は終了コード 2 で終わります。\n"};
