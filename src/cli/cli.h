/*
 * cli.h — what every command of the git-style CLI shares: the command table entry, the
 * database location, opening the store with user-facing errors, and printing problems.
 *
 * Exit codes (DESIGN.md): 0 success; 1 findings or a refusal the user must act on;
 * 2 bad usage or bad input; 3 the environment failed (disk, database, memory).
 */
#ifndef MM_CLI_H
#define MM_CLI_H

#include <stdio.h>

#include "store/store.h"
#include "util/err.h"

struct cli {
    const char *db_path; /* from --db, $MAMORI_DB, or ./mamori.db */
    int tty;             /* stderr is a terminal: show progress */
};

struct command {
    const char *name;
    int (*run)(int argc, char **argv, struct cli *cli);
    const char *summary; /* one line, Japanese */
    const char *usage;   /* full help text, Japanese; shown by `mamori help NAME` */
};

extern const struct command cmd_init_def, cmd_import_def, cmd_export_def, cmd_asset_def,
    cmd_system_def, cmd_person_def, cmd_department_def, cmd_role_def, cmd_serve_def,
    cmd_version_def, cmd_help_def, cmd_catalog_def;
extern const struct command cmd_log_def, cmd_verify_def, cmd_backup_def, cmd_restore_def;
extern const struct command cmd_check_def, cmd_profile_def;
extern const struct command cmd_user_def;
extern const struct command cmd_report_def;
extern const struct command cmd_incident_def;
extern const struct command cmd_request_def;
extern const struct command cmd_training_def, cmd_assessment_def, cmd_audit_def;

/* All commands, in the order `mamori help` lists them; NULL-terminated. */
extern const struct command *const commands[];
const struct command *command_find(const char *name);

/* Opens the database for a command; on failure prints the error and returns its exit code. */
int cli_open(struct cli *cli, int flags, struct store **out);

/* Prints "mamori: <message>" to stderr and returns the error's code. */
int cli_fail(const struct mm_err *err);

/* Prints a usage error for a command and returns 2. */
int cli_usage(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints each problem as "where: message" to stderr. */
void cli_print_problems(const struct mm_problems *p);

/* Shows "label: done/total" on a terminal, rewriting one line; silent elsewhere. */
void cli_progress(const struct cli *cli, const char *label, size_t done, size_t total);
void cli_progress_end(const struct cli *cli);

/* A progress callback (e.g. for struct snapshot_progress) whose ctx is the struct cli. */
void cli_progress_cb(void *ctx, const char *stage, size_t done, size_t total);

/* strerror in Japanese for the errors a user can fix; the system's text otherwise. */
const char *cli_strerror(int e);

#endif
