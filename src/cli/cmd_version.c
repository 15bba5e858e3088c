/* cmd_version.c — `mamori version`: the program and schema versions. */
#include <sqlite3.h>
#include <stdio.h>

#include "cli/cli.h"

static int cmd_version(int argc, char **argv, struct cli *cli)
{
    (void)argc;
    (void)argv;
    (void)cli;
    printf("mamori %s\n", MAMORI_VERSION);
    printf("データベーススキーマ版 %d / スナップショット形式 第1版 / SQLite %s\n",
           store_schema_latest(), sqlite3_libversion());
    return 0;
}

const struct command cmd_version_def = {
    "version", cmd_version, "版を表示する",
    "使い方: mamori version\n\nmamori の版、データベーススキーマの版、SQLite の版を表示します。\n"};
