/*
 * main.c — entry point: reads the global options (--db), finds the command in the table and
 * runs it. Each command lives in its own file under src/cli/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <locale.h>

#include "cli/cli.h"

const struct command *const commands[] = {
    &cmd_init_def,   &cmd_import_def, &cmd_export_def,     &cmd_department_def,
    &cmd_person_def, &cmd_role_def,   &cmd_system_def,     &cmd_asset_def,
    &cmd_catalog_def, &cmd_profile_def, &cmd_check_def, &cmd_user_def, &cmd_request_def, &cmd_serve_def, &cmd_log_def,    &cmd_verify_def,
    &cmd_report_def,
    &cmd_training_def, &cmd_assessment_def, &cmd_audit_def,
    &cmd_backup_def,  &cmd_restore_def, &cmd_version_def, &cmd_help_def,  &cmd_incident_def, NULL};

const struct command *command_find(const char *name)
{
    for (size_t i = 0; commands[i]; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

/* Removes `--db PATH` / `--db=PATH` wherever it appears, so commands never see it. */
static int take_db_option(int *argc, char **argv, const char **db)
{
    int w = 0;
    for (int r = 0; r < *argc; r++) {
        if (strcmp(argv[r], "--db") == 0) {
            if (r + 1 >= *argc) {
                fprintf(stderr, "mamori: --db にはデータベースのパスを指定してください\n");
                return -1;
            }
            *db = argv[++r];
            continue;
        }
        if (strncmp(argv[r], "--db=", 5) == 0) {
            *db = argv[r] + 5;
            continue;
        }
        argv[w++] = argv[r];
    }
    *argc = w;
    argv[w] = NULL;
    return 0;
}

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    struct cli cli = {0};
    cli.db_path = getenv("MAMORI_DB");
    if (!cli.db_path || !*cli.db_path)
        cli.db_path = "mamori.db";
    cli.tty = isatty(STDERR_FILENO);

    if (take_db_option(&argc, argv, &cli.db_path))
        return 2;
    if (argc < 2) {
        char *help[] = {"help", NULL};
        cmd_help_def.run(1, help, &cli);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        name = "help";
    if (strcmp(name, "--version") == 0)
        name = "version";
    const struct command *cmd = command_find(name);
    if (!cmd) {
        fprintf(stderr, "mamori: 「%s」というコマンドはありません。'mamori help' で一覧を表示します\n",
                name);
        return 2;
    }
    return cmd->run(argc - 1, argv + 1, &cli);
}
