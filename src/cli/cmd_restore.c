/*
 * cmd_restore.c — `mamori restore FILE`: puts a backup in place of the database, only after the
 * copy has passed every check (a SQLite file, integrity, foreign keys, schema not newer than
 * this mamori, change log intact against the pinned key). The new file is prepared under a
 * temporary name beside the database and renamed over it, so a failure never touches the
 * current database; the previous database is kept as <DB>.pre-restore-<UTC time>.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* Every check on the prepared copy; problems are printed, the result says whether to go on. */
static int check_copy(const char *path, const char *label, const unsigned char *pin,
                      struct mm_err *err)
{
    struct store *st;
    int rc = store_open(path, STORE_OPEN_READWRITE, &st, err); /* brings an older one up to date */
    if (rc)
        return rc;
    struct mm_problems integ = {0}, fk = {0};
    int has_log = 0;
    struct auditlog_verify_result r = {0};
    rc = auditlog_db_integrity(st, &integ, err);
    if (rc == MM_OK)
        rc = auditlog_db_foreign_keys(st, &fk, err);
    if (rc == MM_OK)
        rc = store_table_exists(st, "audit_log", &has_log, err);
    if (rc == MM_OK && has_log)
        rc = auditlog_verify(st, pin, NULL, NULL, &r, err);
    store_close(st);
    if (rc == MM_OK && integ.len) {
        cli_print_problems(&integ);
        rc = mm_err_set(err, MM_EREFUSED, "%s は壊れています（整合性検査で %zu 件の異常）", label,
                        integ.len + integ.dropped);
    } else if (rc == MM_OK && fk.len) {
        cli_print_problems(&fk);
        rc = mm_err_set(err, MM_EREFUSED, "%s に外部キー違反が %zu 件あります", label,
                        fk.len + fk.dropped);
    } else if (rc == MM_OK && r.kind != AUDIT_OK) {
        rc = mm_err_set(err, MM_EREFUSED,
                        "%s の変更ログに異常があります。最初の異常: seq %lld（%s）: %s", label,
                        r.broken_seq, auditlog_break_name(r.kind), r.what);
    }
    mm_problems_free(&integ);
    mm_problems_free(&fk);
    return rc;
}

/* Opens the backup read-only and refuses anything that is not a database this mamori knows. */
static int check_source(const char *file, struct mm_err *err)
{
    struct store *st;
    int rc = store_open(file, STORE_OPEN_READONLY | STORE_OPEN_NOMIGRATE, &st, err);
    if (rc)
        return rc;
    int version = 0, has = 0;
    rc = store_table_exists(st, "schema_migrations", &has, err);
    if (rc == MM_OK && !has)
        rc = mm_err_set(err, MM_EREFUSED, "%s は mamori のデータベースではありません", file);
    if (rc == MM_OK)
        rc = store_schema_version(st, &version, err);
    if (rc == MM_OK && version > store_schema_latest())
        rc = mm_err_set(err, MM_EREFUSED,
                        "%s はより新しい mamori で作られています（スキーマ版 %d、この mamori は"
                        "版 %d まで）。復元しません",
                        file, version, store_schema_latest());
    store_close(st);
    if (rc == MM_EINTERNAL || rc == MM_EINPUT) {
        char prev[sizeof err->msg];
        memcpy(prev, err->msg, sizeof prev);
        rc = mm_err_set(err, MM_EREFUSED, "%s を復元に使えません: %s", file, prev);
    }
    return rc;
}

static int cmd_restore(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{0, 0, 0, 0}};
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, "+", opts, NULL)) != -1;)
        return cli_usage(&cmd_restore_def, "オプションが正しくありません");
    if (argc - optind != 1)
        return cli_usage(&cmd_restore_def, "復元するバックアップファイルを 1 つ指定してください");
    const char *file = argv[optind];
    const char *db = cli->db_path;
    if (strlen(db) > 4000)
        return cli_usage(&cmd_restore_def, "データベースのパスが長すぎます");
    struct stat sb;
    if (stat(file, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fprintf(stderr, "mamori restore: %s がありません\n", file);
        return 2;
    }
    struct mm_err err;
    mm_err_clear(&err);

    /* The key the restored log must have been signed with: the one pinned beside the DB. */
    struct auditlog_keypaths kp;
    unsigned char pin[32];
    int have_pin = 0;
    int rc = auditlog_key_paths_for_file(db, &kp, &err);
    if (rc == MM_OK)
        rc = auditlog_pin_read(kp.pub, pin, &have_pin, &err);
    if (rc == MM_OK)
        rc = check_source(file, &err);
    if (rc)
        return cli_fail(&err);

    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.restore.%ld", db, (long)getpid());
    remove_db_files(tmp);
    struct store *src;
    rc = store_open(file, STORE_OPEN_READONLY | STORE_OPEN_NOMIGRATE, &src, &err);
    if (rc == MM_OK) {
        rc = store_backup_to(src, tmp, &err);
        store_close(src);
    }
    if (rc == MM_OK)
        rc = check_copy(tmp, file, have_pin ? pin : NULL, &err);
    if (rc == MM_OK) {
        int fd = open(tmp, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fsync(fd) != 0)
            rc = mm_err_set(&err, MM_EINTERNAL, "%s を書き込めません: %s", tmp, strerror(errno));
        if (fd >= 0)
            close(fd);
    }

    /* Fold the current database's WAL into its file, so the rename leaves nothing behind. */
    char keep[4300] = "";
    int had_db = rc == MM_OK && stat(db, &sb) == 0;
    if (had_db) {
        struct store *cur;
        rc = store_open(db, STORE_OPEN_READWRITE | STORE_OPEN_NOMIGRATE, &cur, &err);
        if (rc == MM_OK) {
            rc = store_exec(cur, "PRAGMA wal_checkpoint(TRUNCATE)", &err);
            store_close(cur);
        }
        char wal[4200];
        snprintf(wal, sizeof wal, "%s-wal", db);
        if (rc == MM_OK && stat(wal, &sb) == 0 && sb.st_size > 0)
            rc = mm_err_set(&err, MM_EREFUSED,
                            "%s は他のプロセス（サーバーなど）が使用中です。止めてから復元して"
                            "ください",
                            db);
        if (rc == MM_OK) {
            time_t now = time(NULL);
            struct tm tm;
            gmtime_r(&now, &tm);
            char stamp[32];
            strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
            snprintf(keep, sizeof keep, "%s.pre-restore-%s", db, stamp);
            if (link(db, keep) != 0)
                rc = mm_err_set(&err, MM_EINTERNAL, "現在のデータベースを %s として残せません: %s",
                                keep, strerror(errno));
        }
    }
    if (rc == MM_OK && rename(tmp, db) != 0) {
        rc = mm_err_set(&err, MM_EINTERNAL, "%s を置き換えられません: %s", db, strerror(errno));
        if (keep[0])
            unlink(keep);
    }
    if (rc) {
        remove_db_files(tmp);
        return cli_fail(&err);
    }
    char p[4200];
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p); /* index of the old WAL; SQLite rebuilds it */
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    remove_db_files(tmp);
    printf("%s を %s から復元しました\n", db, file);
    if (keep[0])
        printf("  復元前のデータベースは %s に残しました\n", keep);
    return 0;
}

const struct command cmd_restore_def = {
    "restore", cmd_restore, "バックアップからデータベースを復元する",
    "使い方: mamori restore ファイル\n\n"
    "バックアップを検査し、問題がなければ現在のデータベースと置き換えます。次のものは復元しません:"
    "\n"
    "SQLite "
    "のデータベースでないもの、整合性検査や外部キー検査に失敗するもの（途中で切れたファイル\n"
    "など）、より新しい mamori のスキーマのもの、変更ログの連結や署名が壊れているもの（<DB>.pub "
    "に\n"
    "固定された公開鍵で検証）。失敗しても現在のデータベースは変わりません。\n"
    "復元前のデータベースは <DB>.pre-restore-<UTC 日時> として残します。サーバーは止めてから\n"
    "実行してください。\n"};
