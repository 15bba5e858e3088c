/*
 * cmd_request.c — `mamori request`: 申請・承認 (request kinds, requests, decisions).
 */
#include <stdio.h>

#include "cli/cli.h"

static int run(int argc, char **argv, struct cli *cli)
{
    (void)argc;
    (void)argv;
    (void)cli;
    fprintf(stderr, "mamori: request はまだ準備中です\n");
    return 2;
}

const struct command cmd_request_def = {
    "request", run, "申請・承認（情報資産の持ち出し、例外措置、クラウドサービス利用 …）",
    "使い方: mamori request <kinds|new|list|show|decide|withdraw|delegate|inbox|import-logins> …\n"};
