/* cmd_import.c — placeholder until implemented. */
#include "cli/cli.h"
static int cmd_import(int argc, char **argv, struct cli *cli)
{
    (void)argc; (void)argv; (void)cli;
    return 3;
}
const struct command cmd_import_def = {"import", cmd_import, "(未実装)", "(未実装)\n"};
