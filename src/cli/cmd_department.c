/* cmd_department.c — placeholder until implemented. */
#include "cli/cli.h"
static int cmd_department(int argc, char **argv, struct cli *cli)
{
    (void)argc; (void)argv; (void)cli;
    return 3;
}
const struct command cmd_department_def = {"department", cmd_department, "(未実装)", "(未実装)\n"};
