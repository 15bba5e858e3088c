/*
 * cmd_system.c — `mamori system list|show`: browse the 情報システム台帳 (対策基準 2.(2)①(イ)).
 * `show` adds the roles scoped to the system (情報システム管理者 …), its assets counted by
 * class, and its accounts.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/browse.h"
#include "model/classification.h"

static const struct table_column list_cols[] = {
    {"id", "ID", TC_TEXT, 0, 0, TC_BOTH},
    {"name", "名称", TC_TEXT, 0, 0, TC_BOTH},
    {"domain", "ネットワーク区分", TC_TEXT, 0, 0, TC_MACHINE},
    {"domain_label", "ネットワーク", TC_TEXT, 0, 0, TC_BOTH},
    {"hosting", "形態区分", TC_TEXT, 0, 0, TC_MACHINE},
    {"hosting_label", "形態", TC_TEXT, 0, 0, TC_BOTH},
    {"department_id", "所管課室ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"department", "所管課室", TC_TEXT, 0, 0, TC_BOTH},
    {"rto_hours", "RTO(時間)", TC_INT, 0, 0, TC_BOTH},
    {"mfa", "多要素認証", TC_BOOL, "あり", "なし", TC_BOTH},
    {"assets", "情報資産", TC_INT, 0, 0, TC_BOTH},
    {"accounts", "アカウント", TC_INT, 0, 0, TC_BOTH},
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

static int system_list(int argc, char **argv, struct cli *cli)
{
    enum table_format fmt;
    if (browse_list_format_only(&cmd_system_def, argc, argv, &fmt))
        return 2;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct table t;
    table_init(&t, list_cols, NLIST);
    /* Accounts count unless deleted: a deleted account is history, not access. */
    rc = browse_query(st,
                      "SELECT s.id, s.name, s.domain, nd.label, s.hosting, hk.label, "
                      "s.department_id, d.name, s.rto_hours, s.mfa, "
                      "COALESCE(ac.n, 0), COALESCE(cc.n, 0) "
                      "FROM system s "
                      "LEFT JOIN network_domain nd ON nd.code = s.domain "
                      "LEFT JOIN hosting_kind hk ON hk.code = s.hosting "
                      "LEFT JOIN department d ON d.id = s.department_id "
                      "LEFT JOIN (SELECT system_id, COUNT(*) AS n FROM asset "
                      "WHERE system_id IS NOT NULL GROUP BY system_id) ac ON ac.system_id = s.id "
                      "LEFT JOIN (SELECT system_id, COUNT(*) AS n FROM account "
                      "WHERE status <> 'deleted' GROUP BY system_id) cc ON cc.system_id = s.id "
                      "ORDER BY s.id",
                      NULL, 0, list_row, &t, &err);
    store_close(st);
    if (rc) {
        table_free(&t);
        return cli_fail(&err);
    }
    table_print(&t, fmt, stdout);
    table_free(&t);
    return 0;
}

enum {
    S_ID, S_NAME, S_DOMAIN_LABEL, S_HOSTING_LABEL, S_DEPT_ID, S_DEPT, S_RTO, S_MFA, S_VENDOR,
    S_UPDATED, S_NOTE
};

static int show_row(struct store_stmt *s, void *ctx)
{
    *(int *)ctx = 1;
    printf("情報システム %s\n", COL(s, S_ID));
    show_field("名称", COL(s, S_NAME));
    show_field("ネットワーク", COL(s, S_DOMAIN_LABEL));
    show_field("形態", COL(s, S_HOSTING_LABEL));
    show_fieldf("所管課室", "%s（%s）", COL(s, S_DEPT) ? COL(s, S_DEPT) : "?", COL(s, S_DEPT_ID));
    if (COL(s, S_RTO))
        show_fieldf("目標復旧時間", "%s 時間", COL(s, S_RTO));
    else
        show_field("目標復旧時間", "未設定");
    show_field("多要素認証", store_col_int(s, S_MFA) ? "あり" : "なし");
    show_field("保守事業者", COL(s, S_VENDOR));
    show_date("台帳最終更新日", COL(s, S_UPDATED));
    show_field("備考", COL(s, S_NOTE));
    return 0;
}

/* Asset counts by (dimension, class), filled from one grouped query. */
struct class_counts {
    long long n[CLS_NDIM][16];
    long long total;
};

static int count_row(struct store_stmt *s, void *ctx)
{
    struct class_counts *cc = ctx;
    const char *dim = COL(s, 0);
    enum cls_dim d = dim[0] == 'C' ? CLS_CONF : dim[0] == 'I' ? CLS_INTEG : CLS_AVAIL;
    size_t n;
    const struct cls_class *const *all = classification_classes(d, &n);
    for (size_t i = 0; i < n && i < 16; i++)
        if (COL(s, 1) && strcmp(all[i]->code, COL(s, 1)) == 0)
            cc->n[d][i] = store_col_int(s, 2);
    if (d == CLS_CONF)
        cc->total += store_col_int(s, 2);
    return 0;
}

static void print_counts(const struct class_counts *cc)
{
    printf("\n情報資産: %lld 件（区分ごとの件数）\n", cc->total);
    for (int d = 0; d < CLS_NDIM; d++) {
        size_t n;
        const struct cls_class *const *all = classification_classes((enum cls_dim)d, &n);
        char line[512] = "";
        for (size_t i = n; i-- > 0;)
            snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s: %lld",
                     i + 1 == n ? "" : "  ", all[i]->code, i < 16 ? cc->n[d][i] : 0);
        show_field(classification_dim_name((enum cls_dim)d), line);
    }
}

static int account_row(struct store_stmt *s, void *ctx)
{
    (void)ctx;
    printf("\nアカウント: %lld 件（有効 %lld、停止中 %lld、削除済み %lld）\n", store_col_int(s, 0),
           store_col_int(s, 1), store_col_int(s, 2), store_col_int(s, 3));
    show_fieldf("特権ID", "%lld 件（有効なもの）", store_col_int(s, 4));
    show_fieldf("共用アカウント", "%lld 件（有効なもの）", store_col_int(s, 5));
    show_fieldf("多要素認証なし", "%lld 件（有効なもの）", store_col_int(s, 6));
    return 0;
}

/* Whether a current 情報システム管理者 was printed, to warn when there is none. */
struct roles_ctx {
    int flags;
    int current_sysm;
    int any;
};

static int role_row(struct store_stmt *s, void *ctx)
{
    struct roles_ctx *r = ctx;
    if (!r->any)
        printf("\n役割（範囲がこの情報システム）\n");
    r->any = 1;
    if (strcmp(COL(s, RA_ROLE), "sysm") == 0 && strcmp(COL(s, RA_STATE), "current") == 0)
        r->current_sysm = 1;
    return browse_print_assignment(s, &r->flags);
}

static int system_show(int argc, char **argv, struct cli *cli)
{
    const char *id;
    if (browse_show_arg(&cmd_system_def, argc, argv, &id))
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
    struct class_counts counts = {{{0}}, 0};
    struct roles_ctx roles = {BROWSE_RA_PERSON, 0, 0};
    rc = store_begin_read(st, &err);
    if (!rc)
        rc = browse_query(st,
                          "SELECT s.id, s.name, nd.label, hk.label, s.department_id, d.name, "
                          "s.rto_hours, s.mfa, s.vendor, s.last_updated, s.note "
                          "FROM system s "
                          "LEFT JOIN network_domain nd ON nd.code = s.domain "
                          "LEFT JOIN hosting_kind hk ON hk.code = s.hosting "
                          "LEFT JOIN department d ON d.id = s.department_id "
                          "WHERE s.id = ?",
                          &id, 1, show_row, &found, &err);
    if (!rc && found) {
        const char *p[] = {today, today, id};
        rc = browse_query(st,
                          ROLE_ASSIGNMENT_SELECT
                          "WHERE ra.scope_type = 'system' AND ra.scope_system_id = ? "
                          "ORDER BY r.sort, ra.valid_from, ra.id",
                          p, 3, role_row, &roles, &err);
    }
    if (!rc && found) {
        if (!roles.current_sysm)
            printf("\n情報システム管理者（対策基準 1.(5)）が割り当てられていません\n");
        const char *p[] = {id, id, id};
        rc = browse_query(st,
                          "SELECT 'C', confidentiality, COUNT(*) FROM asset WHERE system_id = ? "
                          "GROUP BY confidentiality "
                          "UNION ALL SELECT 'I', integrity, COUNT(*) FROM asset WHERE system_id = ? "
                          "GROUP BY integrity "
                          "UNION ALL SELECT 'A', availability, COUNT(*) FROM asset "
                          "WHERE system_id = ? GROUP BY availability",
                          p, 3, count_row, &counts, &err);
        if (!rc)
            print_counts(&counts);
    }
    if (!rc && found)
        rc = browse_query(st,
                          "SELECT COUNT(*), "
                          "COALESCE(SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), 0), "
                          "COALESCE(SUM(CASE WHEN status = 'suspended' THEN 1 ELSE 0 END), 0), "
                          "COALESCE(SUM(CASE WHEN status = 'deleted' THEN 1 ELSE 0 END), 0), "
                          "COALESCE(SUM(CASE WHEN status = 'active' AND privileged = 1 THEN 1 "
                          "ELSE 0 END), 0), "
                          "COALESCE(SUM(CASE WHEN status = 'active' AND shared = 1 THEN 1 "
                          "ELSE 0 END), 0), "
                          "COALESCE(SUM(CASE WHEN status = 'active' AND mfa = 0 THEN 1 "
                          "ELSE 0 END), 0) "
                          "FROM account WHERE system_id = ?",
                          &id, 1, account_row, NULL, &err);
    store_rollback(st);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    if (!found)
        return browse_not_found("情報システム", id);
    return 0;
}

static const struct browse_sub subs[] = {
    {"list", system_list}, {"show", system_show}, {NULL, NULL}};

static int cmd_system(int argc, char **argv, struct cli *cli)
{
    return browse_dispatch(&cmd_system_def, subs, argc, argv, cli);
}

const struct command cmd_system_def = {
    "system", cmd_system, "情報システム台帳を表示する（list / show）",
    "使い方: mamori system list [--format table|tsv|json]\n"
    "        mamori system show ID\n\n"
    "情報システム台帳を表示します。データベースは読み取り専用で開きます。\n\n"
    "list   情報システムを ID の順に、ネットワーク（三層の区分）、形態、所管課室、目標復旧時間、\n"
    "       多要素認証、保存された情報資産の件数、アカウント（削除済みを除く）の件数とともに\n"
    "       一覧します。--format は table（既定）、tsv、json。\n"
    "show   一つの情報システムのすべての項目、範囲がそのシステムの役割（情報システム管理者、\n"
    "       情報システム担当者 …）と期間、区分ごとの情報資産の件数、アカウントの件数を表示します。\n\n"
    "存在しない ID を指定すると終了コード 1、使い方の誤りは終了コード 2 で終わります。\n"};
