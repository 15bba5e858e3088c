/*
 * cmd_verify.c — `mamori verify`: SQLite's integrity check, the foreign-key check and the
 * change log verification together, as one report; exit 1 on any problem.
 */
#include <getopt.h>
#include <stdio.h>

#include "auditlog/auditlog.h"
#include "cli/cli.h"

static void progress(void *ctx, long long done, long long total)
{
    cli_progress(ctx, "変更ログの検証", (size_t)done, (size_t)total);
}

static int cmd_verify(int argc, char **argv, struct cli *cli)
{
    const char *pubarg = NULL;
    static const struct option opts[] = {{"pubkey", required_argument, NULL, 'p'}, {0, 0, 0, 0}};
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, "+", opts, NULL)) != -1;) {
        if (c == 'p')
            pubarg = optarg;
        else
            return cli_usage(&cmd_verify_def, "オプションが正しくありません");
    }
    if (optind < argc)
        return cli_usage(&cmd_verify_def, "余分な引数「%s」があります", argv[optind]);

    /* Read-write without migrating: lets SQLite recover the WAL after a crash, changes nothing. */
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE | STORE_OPEN_NOMIGRATE, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    int bad = 0, version = 0;
    struct mm_problems integ = {0}, fk = {0};

    printf("%s の検証\n", cli->db_path);
    rc = store_schema_version(st, &version, &err);
    if (rc == MM_OK) {
        printf("  スキーマ版: %d（この mamori は版 %d まで）\n", version, store_schema_latest());
        rc = auditlog_db_integrity(st, &integ, &err);
    }
    if (rc == MM_OK) {
        if (integ.len) {
            bad = 1;
            printf("  整合性検査（integrity_check）: 異常 %zu 件\n", integ.len + integ.dropped);
            for (size_t i = 0; i < integ.len; i++)
                printf("    %s\n", integ.items[i].msg);
        } else {
            printf("  整合性検査（integrity_check）: 正常\n");
        }
        rc = auditlog_db_foreign_keys(st, &fk, &err);
    }
    if (rc == MM_OK) {
        if (fk.len) {
            bad = 1;
            printf("  外部キー検査（foreign_key_check）: 違反 %zu 件\n", fk.len + fk.dropped);
            for (size_t i = 0; i < fk.len; i++)
                printf("    %s: %s\n", fk.items[i].where, fk.items[i].msg);
        } else {
            printf("  外部キー検査（foreign_key_check）: 正常\n");
        }
    }
    int has_log = 0;
    if (rc == MM_OK)
        rc = store_table_exists(st, "audit_log", &has_log, &err);
    if (rc == MM_OK && !has_log) {
        bad = 1;
        printf("  変更ログ: 表がありません（スキーマが古いままです）\n");
    } else if (rc == MM_OK) {
        unsigned char pin[32];
        int have_pin = 0;
        char src[4200];
        struct auditlog_verify_result r;
        rc = auditlog_trusted_key(st, pubarg, pin, &have_pin, src, sizeof src, &err);
        if (rc == MM_OK)
            rc = store_begin_read(st, &err);
        if (rc == MM_OK)
            rc = auditlog_verify(st, have_pin ? pin : NULL, progress, cli, &r, &err);
        cli_progress_end(cli);
        store_rollback(st);
        if (rc == MM_OK && r.kind != AUDIT_OK) {
            bad = 1;
            printf("  変更ログ: 改ざんを検出しました。最初の異常: seq %lld（%s）\n    %s\n",
                   r.broken_seq, auditlog_break_name(r.kind), r.what);
        } else if (rc == MM_OK) {
            printf("  変更ログ: 正常（%lld 件、チェックポイント %lld 件）\n", r.entries,
                   r.checkpoints);
            if (have_pin && !pubarg && r.checkpoints == 0 && r.head_seq > 0)
                printf("    警告: 公開鍵が固定されているのにチェックポイントがありません"
                       "（削除された可能性があります）\n");
            if (!have_pin && r.checkpoints)
                printf("    注意: 公開鍵が固定されていません（%s がない）\n", src);
        }
    }
    store_close(st);
    mm_problems_free(&integ);
    mm_problems_free(&fk);
    if (rc)
        return cli_fail(&err);
    printf(bad ? "結果: 異常があります\n" : "結果: 異常はありません\n");
    return bad ? 1 : 0;
}

const struct command cmd_verify_def = {
    "verify", cmd_verify, "データベースと変更ログを検証する",
    "使い方: mamori verify [--pubkey 公開鍵ファイル|16進]\n\n"
    "SQLite の整合性検査（integrity_check）、外部キー検査（foreign_key_check）、変更ログの\n"
    "検証（'mamori log verify' と同じ）をまとめて行い、1 つの報告にします。\n"
    "異常があれば終了コード 1 を返します。\n\n"
    "  --pubkey   チェックポイントの署名を、<DB>.pub ではなくこの公開鍵で検証します。\n"};
