/* cmd_export.c — placeholder until implemented. */
#include "cli/cli.h"
static int cmd_export(int argc, char **argv, struct cli *cli)
{
    (void)argc; (void)argv; (void)cli;
    return 3;
}
const struct command cmd_export_def = {"export", cmd_export, "(未実装)", "(未実装)\n"};
