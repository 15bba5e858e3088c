/*
 * cmd_export.c — `mamori export [-o FILE]`: writes the organization snapshot (docs/snapshot.md)
 * to standard output, or to FILE atomically (a temporary file in the same directory, then
 * rename), so an interrupted export never leaves a half-written snapshot behind.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/snapshot.h"

/* Writes all of data to fd; returns 0 or -1 with errno set. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/*
 * Replaces `path` with `data`: written to a private temporary file beside it (mode 0600: the
 * snapshot holds personal data), flushed to disk, then renamed over `path`.
 */
static int write_atomic(const char *path, const char *data, size_t len, struct mm_err *err)
{
    size_t n = strlen(path) + sizeof ".tmp.XXXXXX";
    char *tmp = malloc(n);
    if (!tmp)
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    snprintf(tmp, n, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return mm_err_set(err,
                          e == ENOENT || e == EACCES || e == ENOTDIR ? MM_EINPUT : MM_EINTERNAL,
                          "%s に書き出せません: %s", path, cli_strerror(e));
    }
    int rc = MM_OK;
    if (write_all(fd, data, len) || fsync(fd)) {
        rc = mm_err_set(err, MM_EINTERNAL, "%s に書き出せません: %s", path, cli_strerror(errno));
        close(fd);
    } else if (close(fd)) {
        rc = mm_err_set(err, MM_EINTERNAL, "%s に書き出せません: %s", path, cli_strerror(errno));
    } else if (rename(tmp, path)) {
        int e = errno;
        rc = mm_err_set(err, e == EISDIR ? MM_EINPUT : MM_EINTERNAL, "%s に書き出せません: %s",
                        path, cli_strerror(e));
    }
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}

static int cmd_export(int argc, char **argv, struct cli *cli)
{
    const char *out = NULL;
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'}, {0, 0, 0, 0}};
    optind = 0;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+o:", opts, NULL)) != -1;) {
        if (c == 'o')
            out = optarg;
        else if (optopt == 'o')
            return cli_usage(&cmd_export_def, "-o には書き出すファイル名を指定してください");
        else
            return cli_usage(&cmd_export_def, "オプション「%s」は使えません", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage(&cmd_export_def, "余分な引数「%s」があります", argv[optind]);
    if (out && !*out)
        return cli_usage(&cmd_export_def, "-o のファイル名が空です");

    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct snapshot_progress prog = {cli_progress_cb, cli};
    json_t *root = NULL;
    rc = snapshot_export(st, &prog, &root, &err);
    cli_progress_end(cli);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    char *text = NULL;
    rc = snapshot_dump(root, &text, &err);
    json_decref(root);
    if (rc)
        return cli_fail(&err);
    size_t len = strlen(text);
    if (!out || strcmp(out, "-") == 0) {
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout)) {
            rc =
                mm_err_set(&err, MM_EINTERNAL, "標準出力に書き出せません: %s", cli_strerror(errno));
            free(text);
            return cli_fail(&err);
        }
        free(text);
        return 0;
    }
    rc = write_atomic(out, text, len, &err);
    free(text);
    if (rc)
        return cli_fail(&err);
    if (cli->tty)
        fprintf(stderr, "%s に書き出しました（%zu バイト）\n", out, len);
    return 0;
}

const struct command cmd_export_def = {
    "export", cmd_export, "団体のデータをスナップショット（JSON）に書き出す",
    "使い方: mamori export [-o ファイル]\n\n"
    "組織プロファイル、部署、職員等、情報システム台帳、役割の割当て、情報資産台帳、アカウントを\n"
    "一つの JSON（組織スナップショット、形式は docs/snapshot.md）に書き出します。\n"
    "データベースの一時点の内容を一度に読むので、書き出し中の変更が混ざることはありません。\n"
    "同じデータからは常に同じバイト列になり、mamori import で読み込み直せます。\n\n"
    "  -o, --output ファイル  標準出力ではなくファイルに書きます。一時ファイルに書いてから\n"
    "                         置き換えるので、途中で失敗しても元のファイルは壊れません。\n"
    "                         個人情報を含むため、作成者だけが読める権限（0600）で作ります。\n\n"
    "例:\n"
    "  mamori export -o backup-2025-04-01.json\n"
    "  mamori --db city.db export > city.json\n"};
