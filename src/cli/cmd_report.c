/*
 * cmd_report.c — `mamori report`: printable reports as PDF with an embedded Japanese font.
 *   mamori report annual --nendo 2026 --out FILE.pdf [--date YYYY-MM-DD]
 * writes the 情報セキュリティ委員会's annual report for a 年度 (src/report/annual.c);
 *   mamori report request 42 --out FILE.pdf
 * the 申請書/決裁記録 of one approval request (src/report/request_load.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "model/wareki.h"
#include "report/report.h"

static int report_usage(const char *msg, const char *arg)
{
    return cli_usage(&cmd_report_def, msg, arg ? arg : "");
}

/* A 年度 given as a Gregorian year: four digits, nothing else. */
static int parse_nendo(const char *s, int *out)
{
    if (strlen(s) != 4 || strspn(s, "0123456789") != 4)
        return -1;
    *out = atoi(s);
    return *out >= WAREKI_MIN_YEAR ? 0 : -1;
}

static int run_annual(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"nendo", required_argument, NULL, 'n'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"date", required_argument, NULL, 'd'},
                                         {0, 0, 0, 0}};
    int nendo = 0;
    const char *path = NULL;
    struct report_out out = {0};
    struct mm_err err;
    mm_err_clear(&err);
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, "+o:", opts, NULL)) != -1;) {
        if (c == 'n' && parse_nendo(optarg, &nendo))
            return report_usage("--nendo には年度を西暦の4桁で指定してください（例: 2026 は令和8年度）: 「%s」",
                                optarg);
        if (c == 'o')
            path = optarg;
        if (c == 'd' && date_parse(optarg, "--date", &out.print_date, &err) != MM_OK)
            return report_usage("%s", err.msg);
        if (c == '?')
            return 2;
    }
    if (optind < argc)
        return report_usage("余分な引数「%s」があります", argv[optind]);
    if (!path)
        return report_usage("--out に書き出す PDF ファイルを指定してください%s", NULL);
    if (!nendo) {
        struct mm_date today = out.print_date;
        if (!today.y) {
            time_t t = time(NULL) + 9 * 3600; /* JST */
            struct tm tm;
            gmtime_r(&t, &tm);
            today = (struct mm_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
        }
        nendo = nendo_of(today);
    }
    out.path = path;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    rc = report_annual_pdf(st, nendo, &out, &err);
    store_close(st);
    pdf_shutdown();
    if (rc != MM_OK)
        return cli_fail(&err);
    char name[64];
    if (wareki_nendo_name(nendo, name, sizeof name, &err) != MM_OK)
        snprintf(name, sizeof name, "%d年度", nendo);
    fprintf(stderr, "%sの年次報告書を %s に書き出しました\n", name, path);
    return 0;
}

/* mamori report request 番号 --out FILE.pdf [--date YYYY-MM-DD] */
static int run_request(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                         {"date", required_argument, NULL, 'd'},
                                         {0, 0, 0, 0}};
    const char *path = NULL;
    struct report_out out = {0};
    struct mm_err err;
    mm_err_clear(&err);
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, "o:", opts, NULL)) != -1;) {
        if (c == 'o')
            path = optarg;
        if (c == 'd' && date_parse(optarg, "--date", &out.print_date, &err) != MM_OK)
            return report_usage("%s", err.msg);
        if (c == '?')
            return 2;
    }
    if (optind + 1 != argc)
        return report_usage("申請の番号を一つ指定してください%s", NULL);
    const char *idtext = argv[optind];
    if (!*idtext || strspn(idtext, "0123456789") != strlen(idtext) || strlen(idtext) > 15)
        return report_usage("申請の番号は数字で指定してください: 「%s」", idtext);
    if (!path)
        return report_usage("--out に書き出す PDF ファイルを指定してください%s", NULL);
    out.path = path;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    rc = report_request_pdf(st, atoll(idtext), &out, &err);
    store_close(st);
    pdf_shutdown();
    if (rc != MM_OK)
        return cli_fail(&err);
    fprintf(stderr, "申請 %s の申請書・決裁記録を %s に書き出しました\n", idtext, path);
    return 0;
}

static int cmd_report(int argc, char **argv, struct cli *cli)
{
    if (argc < 2)
        return report_usage("報告書の種類（annual・request）を指定してください%s", NULL);
    if (strcmp(argv[1], "annual") == 0)
        return run_annual(argc - 1, argv + 1, cli);
    if (strcmp(argv[1], "request") == 0)
        return run_request(argc - 1, argv + 1, cli);
    return report_usage("「%s」という報告書はありません（annual・request があります）", argv[1]);
}

const struct command cmd_report_def = {
    "report", cmd_report, "報告書を PDF で作成する（年次報告書、申請書・決裁記録）",
    "使い方: mamori report annual --nendo YYYY --out FILE.pdf [--date YYYY-MM-DD]\n"
    "        mamori report request 番号 --out FILE.pdf [--date YYYY-MM-DD]\n\n"
    "情報セキュリティ委員会に提出する年度の年次報告書を PDF（日本語フォントを埋め込み）で\n"
    "作成します。点検の実施状況、遵守状況の推移、対策基準の節別と部署別の指摘、受容中のリスク、\n"
    "研修の受講状況、自己点検、監査、インシデントを載せ、日付はすべて和暦で表示します。\n"
    "記録のない項目には「該当するデータがありません」と書きます。\n\n"
    "  --nendo YYYY   年度を西暦で（2026 = 令和8年度）。省略すると今日の年度\n"
    "  --out FILE     書き出す PDF ファイル（必須）\n"
    "  --date DATE    作成日（印刷日・集計の基準日）。省略すると今日\n\n"
    "request は申請・承認（mamori request）の一件を、申請内容、決裁の経過（代決・上位への回付を\n"
    "含む）、有効期間、決裁欄、変更記録の番号とともに印刷用の PDF にします。\n\n"
    "日本語フォント（IPAex ゴシック: fonts-ipaexfont、または Noto Sans CJK JP）が必要です。\n"};
