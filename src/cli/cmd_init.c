/*
 * cmd_init.c — `mamori init [--demo [--reference-date DATE] [--scale N] [--replace]]`: creates
 * the database (schema at the latest version) and the change log's signing key, and with
 * --demo loads the fictitious demo municipality through the normal import.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auditlog/auditlog.h"
#include "cli/cli.h"
#include "demo/demo.h"
#include "demo/demo_requests.h"
#include "demo/demo_incidents.h"
#include "demo/demo_pdca.h"
#include "io/snapshot.h"

/* Today's local date as YYYY-MM-DD into buf (11 bytes). */
static void local_today(char buf[11])
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || strftime(buf, 11, "%Y-%m-%d", &tm) != 10)
        snprintf(buf, 11, "1970-01-01");
}

static int parse_scale(const char *s, int *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (!s[0] || *end || v < 1 || v > DEMO_SCALE_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

/* Creates the change log's signing key beside the database (mode 0600) if it is missing. */
static int ensure_key(struct store *st)
{
    struct mm_err err;
    mm_err_clear(&err);
    struct auditlog_keypaths kp;
    int created = 0;
    if (auditlog_key_paths(st, &kp, &err) || auditlog_key_ensure(&kp, &created, &err))
        return cli_fail(&err);
    if (created)
        printf("変更記録の署名鍵 %s を作成しました\n", kp.key);
    return 0;
}

static int cmd_init(int argc, char **argv, struct cli *cli)
{
    int demo = 0, replace = 0, scale = 1;
    const char *ref = NULL;
    static const struct option opts[] = {{"demo", no_argument, NULL, 'd'},
                                         {"replace", no_argument, NULL, 'r'},
                                         {"reference-date", required_argument, NULL, 't'},
                                         {"scale", required_argument, NULL, 's'},
                                         {0, 0, 0, 0}};
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, "+", opts, NULL)) != -1;) {
        if (c == 'd')
            demo = 1;
        else if (c == 'r')
            replace = 1;
        else if (c == 't')
            ref = optarg;
        else if (c == 's') {
            if (parse_scale(optarg, &scale))
                return cli_usage(&cmd_init_def, "--scale は 1〜%d の整数です（「%s」）",
                                 DEMO_SCALE_MAX, optarg);
        } else
            return cli_usage(&cmd_init_def, "オプションが正しくありません");
    }
    if (optind < argc)
        return cli_usage(&cmd_init_def, "余分な引数「%s」があります", argv[optind]);
    if (!demo && (ref || scale != 1 || replace))
        return cli_usage(&cmd_init_def,
                         "--reference-date・--scale・--replace は --demo と一緒に使います");

    /* Generate before touching the database, so a bad date leaves nothing behind. */
    char today[11];
    local_today(today);
    struct mm_err err;
    mm_err_clear(&err);
    json_t *snap = NULL;
    if (demo) {
        if (cli->tty)
            fprintf(stderr, "デモ団体のデータを生成しています…\n");
        int rc = demo_snapshot_scaled(1, ref ? ref : today, scale, &snap, &err);
        if (rc == MM_EINPUT)
            return cli_usage(&cmd_init_def, "%s", err.msg);
        if (rc)
            return cli_fail(&err);
    }

    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_CREATE, &st);
    if (rc) {
        json_decref(snap);
        return rc;
    }
    if ((rc = ensure_key(st))) {
        json_decref(snap);
        store_close(st);
        return rc;
    }
    if (!demo) {
        int v = 0;
        store_schema_version(st, &v, &err);
        store_close(st);
        printf("%s を初期化しました（スキーマ版 %d）\n", cli->db_path, v);
        return 0;
    }

    struct snapshot_progress prog = {cli_progress_cb, cli};
    struct mm_problems problems = {0};
    rc = snapshot_import(st, snap, replace, &prog, &problems, &err);
    rc = rc ? rc : demo_requests_add(st, ref ? ref : today, &err); /* docs/approvals.md */
    if (!rc)
        rc = demo_incidents(st, ref ? ref : today, &err);
    rc = rc ? rc : demo_pdca(st, ref ? ref : today, &err); /* docs/pdca.md */
    cli_progress_end(cli);
    json_decref(snap);
    store_close(st);
    if (rc) {
        cli_fail(&err);
        cli_print_problems(&problems);
        mm_problems_free(&problems);
        return rc;
    }
    mm_problems_free(&problems);
    if (scale > 1)
        printf("%s にデモ団体（%d 倍の規模、基準日 %s）を作成しました\n", cli->db_path, scale,
               ref ? ref : today);
    else
        printf("%s にデモ団体（基準日 %s）を作成しました\n", cli->db_path, ref ? ref : today);
    return 0;
}

const struct command cmd_init_def = {
    "init", cmd_init, "データベースを作成する（--demo でデモ団体を作成）",
    "使い方: mamori init [--demo [--reference-date YYYY-MM-DD] [--scale N] [--replace]]\n\n"
    "データベースを作成し、スキーマを最新の版にします（既存のデータベースでは更新だけを行います）。"
    "\n"
    "変更記録の署名鍵（<データベース>.key、モード 0600）がなければ作ります。\n\n"
    "  --demo            "
    "架空の団体「こもれび市」のデータ（部局・課室・職員・情報システム・情報資産・\n"
    "                    "
    "アカウント・接続・機器・ソフトウェア・委託・クラウド・研修）を作成します。\n"
    "                    意図的な不備を含みます（docs/demo-gaps.md）。\n"
    "  --reference-date  "
    "デモの基準日（既定は今日）。最終ログインや研修などの日付をこの日から数えます。\n"
    "  --scale N         デモ団体の N 倍（1〜100）の規模の団体を作ります（性能測定用）。\n"
    "  --replace         "
    "すでにデータがあるデータベースでも、それを消してデモ団体に置き換えます。\n"};
