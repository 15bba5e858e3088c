/* cmd_system.c — placeholder until implemented. */
#include "cli/cli.h"
static int cmd_system(int argc, char **argv, struct cli *cli)
{
    (void)argc; (void)argv; (void)cli;
    return 3;
}
const struct command cmd_system_def = {"system", cmd_system, "(未実装)", "(未実装)\n"};
