/* cmd_serve.c — placeholder until implemented. */
#include "cli/cli.h"
static int cmd_serve(int argc, char **argv, struct cli *cli)
{
    (void)argc; (void)argv; (void)cli;
    return 3;
}
const struct command cmd_serve_def = {"serve", cmd_serve, "(未実装)", "(未実装)\n"};
