/* cmd_role.c — placeholder until implemented. */
#include "cli/cli.h"
static int cmd_role(int argc, char **argv, struct cli *cli)
{
    (void)argc; (void)argv; (void)cli;
    return 3;
}
const struct command cmd_role_def = {"role", cmd_role, "(未実装)", "(未実装)\n"};
