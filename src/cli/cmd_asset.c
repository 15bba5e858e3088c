/* cmd_asset.c — placeholder until implemented. */
#include "cli/cli.h"
static int cmd_asset(int argc, char **argv, struct cli *cli)
{
    (void)argc; (void)argv; (void)cli;
    return 3;
}
const struct command cmd_asset_def = {"asset", cmd_asset, "(未実装)", "(未実装)\n"};
