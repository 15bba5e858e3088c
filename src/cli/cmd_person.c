/* cmd_person.c — placeholder until implemented. */
#include "cli/cli.h"
static int cmd_person(int argc, char **argv, struct cli *cli)
{
    (void)argc; (void)argv; (void)cli;
    return 3;
}
const struct command cmd_person_def = {"person", cmd_person, "(未実装)", "(未実装)\n"};
