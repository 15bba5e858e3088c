/*
 * cmd_asset.c — `mamori asset list|show`: browse the 情報資産台帳 (対策基準 2.). `show` prints
 * every field, the three classes and the 取扱制限 (2.(1)) the asset carries, with their grounds.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/browse.h"
#include "model/classification.h"

/* Departments below (and including) the one bound first; UNION stops on a cyclic tree. */
#define SUBTREE_CTE                                                                          \
    "WITH RECURSIVE sub(id) AS (SELECT id FROM department WHERE id = ? "                     \
    "UNION SELECT d.id FROM department d JOIN sub ON d.parent_id = sub.id) "

static const struct table_column list_cols[] = {
    {"id", "ID", TC_TEXT, 0, 0, TC_BOTH},
    {"name", "名称", TC_TEXT, 0, 0, TC_BOTH},
    {"department_id", "所管課室ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"department", "所管課室", TC_TEXT, 0, 0, TC_BOTH},
    {"confidentiality", "機密性", TC_TEXT, 0, 0, TC_BOTH},
    {"integrity", "完全性", TC_TEXT, 0, 0, TC_BOTH},
    {"availability", "可用性", TC_TEXT, 0, 0, TC_BOTH},
    {"system_id", "情報システムID", TC_TEXT, 0, 0, TC_MACHINE},
    {"system", "情報システム", TC_TEXT, 0, 0, TC_BOTH},
    {"personal_info", "個人情報", TC_BOOL, "含む", "—", TC_BOTH},
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

static int asset_list(int argc, char **argv, struct cli *cli)
{
    const char *dept = NULL, *conf = NULL, *sys = NULL;
    enum table_format fmt = TABLE_TEXT;
    static const struct option opts[] = {{"department", required_argument, NULL, 'd'},
                                         {"confidentiality", required_argument, NULL, 'c'},
                                         {"system", required_argument, NULL, 's'},
                                         {"format", required_argument, NULL, 'f'},
                                         {0, 0, 0, 0}};
    optind = 0;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:", opts, NULL)) != -1;) {
        if (c == 'd')
            dept = optarg;
        else if (c == 'c')
            conf = optarg;
        else if (c == 's')
            sys = optarg;
        else if (c == 'f') {
            if (browse_format(&cmd_asset_def, optarg, &fmt))
                return 2;
        } else
            return browse_opt_error(&cmd_asset_def, c, argv);
    }
    if (optind < argc)
        return cli_usage(&cmd_asset_def, "余分な引数「%s」があります", argv[optind]);
    struct mm_err err;
    mm_err_clear(&err);
    if (conf) {
        const struct cls_class *cls;
        if (classification_parse(CLS_CONF, conf, &cls, &err))
            return cli_usage(&cmd_asset_def, "--confidentiality: %s", err.msg);
    }

    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct table t;
    table_init(&t, list_cols, NLIST);
    int missing = 0;
    rc = store_begin_read(st, &err);
    if (!rc && dept)
        rc = browse_exists(st, "SELECT id FROM department WHERE id = ?", dept, "部署", &missing,
                           &err);
    if (!rc && !missing && sys)
        rc = browse_exists(st, "SELECT id FROM system WHERE id = ?", sys, "情報システム",
                           &missing, &err);
    if (!rc && !missing) {
        const char *params[] = {dept, dept, conf, conf, sys, sys};
        rc = browse_query(st,
                          SUBTREE_CTE
                          "SELECT a.id, a.name, a.department_id, d.name, a.confidentiality, "
                          "a.integrity, a.availability, a.system_id, s.name, a.personal_info "
                          "FROM asset a "
                          "LEFT JOIN department d ON d.id = a.department_id "
                          "LEFT JOIN system s ON s.id = a.system_id "
                          "WHERE (CAST(? AS TEXT) IS NULL OR a.department_id IN (SELECT id FROM sub)) "
                          "AND (CAST(? AS TEXT) IS NULL OR a.confidentiality = ?) "
                          "AND (CAST(? AS TEXT) IS NULL OR a.system_id = ?) "
                          "ORDER BY a.id",
                          params, 6, list_row, &t, &err);
    }
    store_rollback(st);
    store_close(st);
    if (rc || missing) {
        table_free(&t);
        return rc ? cli_fail(&err) : 1;
    }
    table_print(&t, fmt, stdout);
    table_free(&t);
    return 0;
}

/* 保存期間 codes of the snapshot (`5y`, `permanent`, `while_in_use`) in Japanese. */
static const char *retention_text(const char *code, char *buf, size_t size)
{
    if (!code)
        return NULL;
    if (strcmp(code, "permanent") == 0)
        return "永年";
    if (strcmp(code, "while_in_use") == 0)
        return "常用";
    size_t n = strlen(code);
    if (n >= 2 && code[n - 1] == 'y' && strspn(code, "0123456789") == n - 1) {
        snprintf(buf, size, "%.*s年", (int)(n - 1), code);
        return buf;
    }
    return code;
}

enum {
    A_ID, A_NAME, A_DEPT_ID, A_DEPT, A_PARENT, A_MGR_ID, A_MGR, A_MEDIUM, A_MEDIUM_LABEL,
    A_SYS_ID, A_SYS, A_DOMAIN_LABEL, A_LOCATION, A_CONF, A_INTEG, A_AVAIL, A_RETENTION,
    A_PERSONAL, A_NOTE
};

static void print_class(enum cls_dim dim, const char *code)
{
    const struct cls_class *c = classification_find(dim, code);
    show_fieldf(classification_dim_name(dim), "%s（%s）", code ? code : "?", c ? c->label : "不明な区分");
}

static int print_restrictions(const char *conf, const char *integ, const char *avail,
                              struct mm_err *err)
{
    struct cls_applied list[CLS_MAX_RESTRICTIONS];
    size_t n;
    int rc = classification_restrictions(conf, integ, avail, list, &n, err);
    if (rc)
        return rc;
    printf("\n取扱制限（対策基準 2.(1)）: %zu 件\n", n);
    if (!n) {
        printf("  なし（機密性%s・完全性%s・可用性%s の情報資産に取扱制限はありません）\n", conf,
               integ, avail);
        return MM_OK;
    }
    for (size_t i = 0; i < n; i++) {
        printf("  ・%s [%s]\n    根拠: ", list[i].restriction->text, list[i].restriction->code);
        for (size_t j = 0; j < list[i].nby; j++)
            printf("%s%s（%s L%d）", j ? "、" : "", list[i].by[j]->set->name, list[i].by[j]->clause,
                   list[i].by[j]->line);
        putchar('\n');
    }
    return MM_OK;
}

struct asset_row {
    int found;
    int rc;
    struct mm_err *err;
};

static int show_row(struct store_stmt *s, void *ctx)
{
    struct asset_row *r = ctx;
    r->found = 1;
    char buf[512];
    printf("情報資産 %s\n", COL(s, A_ID));
    show_field("名称", COL(s, A_NAME));
    if (COL(s, A_PARENT))
        snprintf(buf, sizeof buf, "%s（%s／%s）", COL(s, A_DEPT) ? COL(s, A_DEPT) : "?",
                 COL(s, A_DEPT_ID), COL(s, A_PARENT));
    else
        snprintf(buf, sizeof buf, "%s（%s）", COL(s, A_DEPT) ? COL(s, A_DEPT) : "?",
                 COL(s, A_DEPT_ID));
    show_field("所管課室", buf);
    if (COL(s, A_MGR_ID))
        show_fieldf("管理者", "%s（%s）", COL(s, A_MGR) ? COL(s, A_MGR) : "?", COL(s, A_MGR_ID));
    else
        show_field("管理者", NULL);
    show_field("媒体", COL(s, A_MEDIUM_LABEL) ? COL(s, A_MEDIUM_LABEL) : COL(s, A_MEDIUM));
    if (COL(s, A_SYS_ID))
        show_fieldf("情報システム", "%s（%s）", COL(s, A_SYS) ? COL(s, A_SYS) : "?",
                    COL(s, A_SYS_ID));
    else
        show_field("情報システム", NULL);
    show_field("ネットワーク", COL(s, A_DOMAIN_LABEL));
    show_field("保管場所", COL(s, A_LOCATION));
    const char *conf = COL(s, A_CONF), *integ = COL(s, A_INTEG), *avail = COL(s, A_AVAIL);
    print_class(CLS_CONF, conf);
    print_class(CLS_INTEG, integ);
    print_class(CLS_AVAIL, avail);
    const struct cls_class *cc = classification_find(CLS_CONF, conf);
    show_field(classification_conf2plus_name(), classification_is_conf2plus(cc) ? "該当" : "非該当");
    show_field(classification_conf3_name(), classification_is_conf3(cc) ? "該当" : "非該当");
    show_field("保存期間", retention_text(COL(s, A_RETENTION), buf, sizeof buf));
    show_field("個人情報", store_col_int(s, A_PERSONAL) ? "含む" : "含まない");
    show_field("備考", COL(s, A_NOTE));
    r->rc = print_restrictions(conf, integ, avail, r->err);
    return r->rc;
}

static int asset_show(int argc, char **argv, struct cli *cli)
{
    const char *id;
    if (browse_show_arg(&cmd_asset_def, argc, argv, &id))
        return 2;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct asset_row r = {0, 0, &err};
    rc = browse_query(st,
                      "SELECT a.id, a.name, a.department_id, d.name, pd.name, a.manager_id, p.name, "
                      "a.medium, m.label, a.system_id, s.name, nd.label, a.location, "
                      "a.confidentiality, a.integrity, a.availability, a.retention, "
                      "a.personal_info, a.note "
                      "FROM asset a "
                      "LEFT JOIN department d ON d.id = a.department_id "
                      "LEFT JOIN department pd ON pd.id = d.parent_id "
                      "LEFT JOIN person p ON p.id = a.manager_id "
                      "LEFT JOIN asset_medium m ON m.code = a.medium "
                      "LEFT JOIN system s ON s.id = a.system_id "
                      "LEFT JOIN network_domain nd ON nd.code = s.domain "
                      "WHERE a.id = ?",
                      &id, 1, show_row, &r, &err);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    if (!r.found)
        return browse_not_found("情報資産", id);
    return 0;
}

static const struct browse_sub subs[] = {{"list", asset_list}, {"show", asset_show}, {NULL, NULL}};

static int cmd_asset(int argc, char **argv, struct cli *cli)
{
    return browse_dispatch(&cmd_asset_def, subs, argc, argv, cli);
}

const struct command cmd_asset_def = {
    "asset", cmd_asset, "情報資産台帳を表示する（list / show）",
    "使い方: mamori asset list [--department ID] [--confidentiality 区分] [--system ID]\n"
    "                          [--format table|tsv|json]\n"
    "        mamori asset show ID\n\n"
    "情報資産台帳（対策基準 2.）を表示します。データベースは読み取り専用で開きます。\n\n"
    "list   情報資産を ID の順に一覧します。\n"
    "  --department ID        その部署（配下の課室・出先機関を含む）が所管する資産に絞ります\n"
    "  --confidentiality 区分 機密性の区分（3A, 3B, 3C, 2, 1）が一致する資産に絞ります\n"
    "  --system ID            その情報システムに保存された資産に絞ります\n"
    "  --format 形式          table（既定、桁揃えの表）、tsv（見出しは英字のキー）、json\n\n"
    "show   一つの情報資産のすべての項目、機密性・完全性・可用性の区分、機密性2以上・機密性3\n"
    "       への該当、その資産に課される取扱制限（対策基準 2.(1)）と根拠を表示します。\n\n"
    "存在しない ID を指定すると終了コード 1、使い方の誤りは終了コード 2 で終わります。\n"};
