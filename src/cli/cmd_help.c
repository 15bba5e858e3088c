/* cmd_help.c — `mamori help [COMMAND]`: the command list, or one command's manual. */
#include <stdio.h>

#include "cli/cli.h"

static int cmd_help(int argc, char **argv, struct cli *cli)
{
    (void)cli;
    if (argc >= 2) {
        const struct command *c = command_find(argv[1]);
        if (!c) {
            fprintf(stderr, "mamori help: 「%s」というコマンドはありません\n", argv[1]);
            return 2;
        }
        fputs(c->usage, stdout);
        return 0;
    }
    printf("mamori — 自治体の情報セキュリティポリシーを運用するためのツール\n\n"
           "使い方: mamori [--db パス] <コマンド> [オプション]\n\n"
           "データベースは --db、環境変数 MAMORI_DB、./mamori.db の順に決まります。\n\n"
           "コマンド:\n");
    for (size_t i = 0; commands[i]; i++)
        printf("  %-12s %s\n", commands[i]->name, commands[i]->summary);
    printf("\n'mamori help <コマンド>' で各コマンドの使い方を表示します。\n"
           "終了コード: 0 成功 / 1 対応が必要な指摘・拒否 / 2 使い方・入力の誤り / 3 環境の障害\n");
    return 0;
}

const struct command cmd_help_def = {
    "help", cmd_help, "コマンドの一覧と使い方を表示する",
    "使い方: mamori help [コマンド]\n\nコマンドの一覧、または指定したコマンドの使い方を表示します。\n"};
