/*
 * pdca_args.h — argument handling shared by `mamori training`, `assessment` and `audit`:
 * `--key value` / `--key=value` options checked against a list, bare flags, positional
 * operands; who acts (--by PERSON, --as-of DATE); the 年度 argument (2026, or 8 for 令和8年度).
 */
#ifndef MM_PDCA_ARGS_H
#define MM_PDCA_ARGS_H

#include <stddef.h>

#include "cli/browse.h"
#include "cli/cli.h"
#include "cli/table.h"
#include "pdca/pdca.h"

#define PARGS_MAX 24

struct pargs {
    const char *key[PARGS_MAX], *val[PARGS_MAX]; /* key points into argv (not terminated) */
    size_t keylen[PARGS_MAX];
    int n;
    const char *pos[8];
    int npos;
};

/*
 * Parses argv[first..argc). `opts` lists options taking a value, `flags` bare switches (both
 * NULL-terminated, names without "--"). Prints a usage error and returns 2 on anything else;
 * returns 0 on success.
 */
int pargs_parse(const struct command *cmd, int argc, char **argv, int first,
                const char *const *opts, const char *const *flags, struct pargs *a);
const char *pargs_get(const struct pargs *a, const char *key); /* NULL when absent */
int pargs_flag(const struct pargs *a, const char *key);

/* Sets up the actor from --by and --as-of (default today); `buf` holds the log actor id. */
int pargs_actor(const struct command *cmd, const struct pargs *a, struct pdca_actor *actor,
                char *buf, size_t size, char today[16]);

/* --nendo (default: the 年度 of today); 1..99 is read as 令和; returns 2 on a bad value. */
int pargs_nendo(const struct command *cmd, const struct pargs *a, int *fy);

/* --format (default table). */
int pargs_format(const struct command *cmd, const struct pargs *a, enum table_format *fmt);

/* Parses a subcommand that takes only --nendo and --format (and operands), then reads both;
 * returns 2 after a usage error. */
int pargs_nendo_format(const struct command *cmd, int argc, char **argv, struct pargs *a, int *fy,
                       enum table_format *fmt);

/* A positive integer operand; prints a usage error and returns 2 if it is not one. */
int pargs_id(const struct command *cmd, const char *s, const char *what, long long *out);

/* Reads a whole file (for CSV and evidence); MM_EINPUT naming the file when it cannot. */
int pargs_read_file(const char *path, char **data, size_t *len, struct mm_err *err);

/* Runs the store query and prints the table; for list subcommands. Returns the exit code. */
int pargs_list(struct cli *cli, const char *sql, const char *types, const void *const *params,
               const struct table_column *cols, size_t ncols, enum table_format fmt);

/*
 * Runs the subcommand argv[1] from `subs` (ending in {NULL, NULL}). No subcommand: the usage
 * on stderr and 2; -h / --help: the usage on stdout and 0; an unknown one: a usage error.
 */
int pargs_dispatch(const struct command *cmd, const struct browse_sub *subs, int argc,
                   char **argv, struct cli *cli);

#endif
