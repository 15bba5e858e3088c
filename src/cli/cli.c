/* cli.c — helpers shared by every command (see cli.h). */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

int cli_open(struct cli *cli, int flags, struct store **out)
{
    struct mm_err err;
    mm_err_clear(&err);
    int rc = store_open(cli->db_path, flags, out, &err);
    if (rc)
        return cli_fail(&err);
    return 0;
}

int cli_fail(const struct mm_err *err)
{
    fprintf(stderr, "mamori: %s\n", err->msg);
    return err->code ? err->code : 3;
}

int cli_usage(const struct command *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "mamori %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n'mamori help %s' で使い方を表示します\n", cmd->name);
    return 2;
}

void cli_print_problems(const struct mm_problems *p)
{
    for (size_t i = 0; i < p->len; i++)
        fprintf(stderr, "  %s: %s\n", p->items[i].where, p->items[i].msg);
    if (p->dropped)
        fprintf(stderr, "  ……ほかに %zu 件の問題があります\n", p->dropped);
}

void cli_progress(const struct cli *cli, const char *label, size_t done, size_t total)
{
    if (!cli->tty)
        return;
    if (total && done != total && done % 64 != 0)
        return;
    if (total)
        fprintf(stderr, "\r%s: %zu / %zu (%zu%%)", label, done, total, done * 100 / total);
    else
        fprintf(stderr, "\r%s: %zu", label, done);
    fflush(stderr);
}

void cli_progress_end(const struct cli *cli)
{
    if (cli->tty)
        fprintf(stderr, "\n");
}

void cli_progress_cb(void *ctx, const char *stage, size_t done, size_t total)
{
    cli_progress(ctx, stage, done, total);
}

const char *cli_strerror(int e)
{
    switch (e) {
    case ENOENT:
        return "ファイルまたはディレクトリがありません";
    case EACCES:
    case EPERM:
        return "権限がありません";
    case EISDIR:
        return "ディレクトリです";
    case ENOSPC:
        return "ディスクの空きがありません";
    case EROFS:
        return "読み取り専用のファイルシステムです";
    case ENOTDIR:
        return "途中のパスがディレクトリではありません";
    default:
        return strerror(e);
    }
}
