/*
 * cmd_backup.c — `mamori backup FILE [--force]`: a consistent online copy of the database
 * (SQLite backup API inside one read snapshot) while the server and other writers keep going.
 * The copy is written beside FILE under a temporary name, checked, then put in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auditlog/auditlog.h"
#include "cli/cli.h"

static void remove_db_files(const char *path)
{
    char p[4200];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-journal", path);
    unlink(p);
}

static int cmd_backup(int argc, char **argv, struct cli *cli)
{
    int force = 0;
    static const struct option opts[] = {{"force", no_argument, NULL, 'f'}, {0, 0, 0, 0}};
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, "+", opts, NULL)) != -1;) {
        if (c == 'f')
            force = 1;
        else
            return cli_usage(&cmd_backup_def, "オプションが正しくありません");
    }
    if (argc - optind != 1)
        return cli_usage(&cmd_backup_def, "バックアップ先のファイルを 1 つ指定してください");
    const char *dest = argv[optind];
    struct stat sb;
    if (!force && lstat(dest, &sb) == 0) {
        fprintf(stderr,
                "mamori backup: %s はすでにあります。上書きするときは --force を付けて"
                "ください\n",
                dest);
        return 1;
    }
    if (strlen(dest) > 4000)
        return cli_usage(&cmd_backup_def, "バックアップ先のパスが長すぎます");

    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY | STORE_OPEN_NOMIGRATE, &st);
    if (rc)
        return rc;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dest, (long)getpid());
    remove_db_files(tmp);
    struct mm_err err;
    mm_err_clear(&err);
    long long dummy = 0;
    /* Hold one read snapshot for the whole copy, so writers never force it to restart. */
    rc = store_begin_read(st, &err);
    if (rc == MM_OK)
        rc = store_query_int(st, "SELECT COUNT(*) FROM schema_migrations", &dummy, &err);
    if (rc == MM_OK)
        rc = store_backup_to(st, tmp, &err);
    store_rollback(st);
    store_close(st);
    if (rc) {
        remove_db_files(tmp);
        return cli_fail(&err);
    }

    /* Check the copy before it takes the name. */
    struct store *copy;
    struct mm_problems problems = {0};
    struct auditlog_verify_result r = {0};
    int has_log = 0;
    rc = store_open(tmp, STORE_OPEN_READWRITE | STORE_OPEN_NOMIGRATE, &copy, &err);
    if (rc == MM_OK) {
        rc = auditlog_db_integrity(copy, &problems, &err);
        if (rc == MM_OK)
            rc = store_table_exists(copy, "audit_log", &has_log, &err);
        if (rc == MM_OK && has_log)
            rc = auditlog_verify(copy, NULL, NULL, NULL, &r, &err);
        store_close(copy);
    }
    if (rc == MM_OK && problems.len)
        rc = mm_err_set(&err, MM_EINTERNAL, "作成したコピーの整合性検査に失敗しました");
    int fd = rc == MM_OK ? open(tmp, O_RDONLY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        if (fsync(fd) != 0)
            rc = mm_err_set(&err, MM_EINTERNAL, "%s を書き込めません: %s", tmp, strerror(errno));
        close(fd);
    }
    if (rc == MM_OK) {
        if (force) {
            if (rename(tmp, dest) != 0)
                rc = mm_err_set(&err, MM_EINTERNAL, "%s を作れません: %s", dest, strerror(errno));
        } else if (link(tmp, dest) != 0) {
            rc = errno == EEXIST
                     ? mm_err_set(&err, MM_EREFUSED, "%s はすでにあります", dest)
                     : mm_err_set(&err, MM_EINTERNAL, "%s を作れません: %s", dest, strerror(errno));
        }
    }
    remove_db_files(tmp);
    if (rc) {
        cli_fail(&err);
        cli_print_problems(&problems);
        mm_problems_free(&problems);
        return rc;
    }
    mm_problems_free(&problems);
    printf("バックアップを作成しました: %s\n", dest);
    if (has_log && r.kind == AUDIT_OK)
        printf("  変更ログ %lld 件（seq %lld まで）を含みます\n", r.entries, r.head_seq);
    else if (has_log)
        printf("  警告: 変更ログに異常があります（seq %lld: %s）。'mamori verify' で確認して"
               "ください\n",
               r.broken_seq, auditlog_break_name(r.kind));
    return 0;
}

const struct command cmd_backup_def = {
    "backup", cmd_backup, "データベースのバックアップを作成する",
    "使い方: mamori backup ファイル [--force]\n\n"
    "稼働中（サーバーや他の書き込みが動いている間）でも、ある一時点の一貫したコピーを作成します\n"
    "（SQLite のバックアップ API）。コピーは整合性を検査してから指定の名前に置きます。\n"
    "既にあるファイルは上書きしません。\n\n"
    "  --force   既にあるファイルを置き換えます。\n\n"
    "署名鍵（<DB>.key）はデータベースに含まれません。鍵と公開鍵（<DB>."
    "pub）は別に保管してください。\n"};
