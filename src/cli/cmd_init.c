/*
 * cmd_init.c — `mamori init [--demo [--replace]]`: creates the database (schema at the latest
 * version) and, with --demo, loads the fictitious demo municipality through the normal import.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "demo/demo.h"
#include "io/snapshot.h"

static void progress_cb(void *ctx, const char *stage, size_t done, size_t total)
{
    cli_progress(ctx, stage, done, total);
}

static int cmd_init(int argc, char **argv, struct cli *cli)
{
    int demo = 0, replace = 0;
    static const struct option opts[] = {
        {"demo", no_argument, NULL, 'd'}, {"replace", no_argument, NULL, 'r'}, {0, 0, 0, 0}};
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, "+", opts, NULL)) != -1;) {
        if (c == 'd')
            demo = 1;
        else if (c == 'r')
            replace = 1;
        else
            return cli_usage(&cmd_init_def, "オプションが正しくありません");
    }
    if (optind < argc)
        return cli_usage(&cmd_init_def, "余分な引数「%s」があります", argv[optind]);

    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_CREATE, &st);
    if (rc)
        return rc;
    if (!demo) {
        int v = 0;
        struct mm_err err;
        mm_err_clear(&err);
        store_schema_version(st, &v, &err);
        store_close(st);
        printf("%s を初期化しました（スキーマ版 %d）\n", cli->db_path, v);
        return 0;
    }

    struct mm_err err;
    mm_err_clear(&err);
    json_t *snap = NULL;
    if (cli->tty)
        fprintf(stderr, "デモ団体のデータを生成しています…\n");
    rc = demo_snapshot(1, &snap, &err);
    if (rc) {
        store_close(st);
        return cli_fail(&err);
    }
    struct snapshot_progress prog = {progress_cb, cli};
    struct mm_problems problems = {0};
    rc = snapshot_import(st, snap, replace, &prog, &problems, &err);
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
    printf("%s にデモ団体を作成しました\n", cli->db_path);
    return 0;
}

const struct command cmd_init_def = {
    "init", cmd_init, "データベースを作成する（--demo でデモ団体を作成）",
    "使い方: mamori init [--demo [--replace]]\n\n"
    "データベースを作成し、スキーマを最新の版にします（既存のデータベースでは更新だけを行います）。\n\n"
    "  --demo      架空の団体「こもれび市」のデータ（部局・課室・職員・情報システム・情報資産・\n"
    "              アカウント）を作成します。意図的な不備を含みます（docs/demo-gaps.md）。\n"
    "  --replace   すでにデータがあるデータベースでも、それを消してデモ団体に置き換えます。\n"};
