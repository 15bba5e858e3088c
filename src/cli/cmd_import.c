/*
 * cmd_import.c — `mamori import FILE [--replace] [--dry-run]`: reads an organization snapshot
 * (docs/snapshot.md) from FILE or standard input (`-`), reports every problem with its JSON
 * path, and loads it only when it is entirely valid (all or nothing).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/snapshot.h"
#include "io/snapshot_validate.h"
#include "util/strbuf.h"

/* Snapshots are a few MB even for a prefecture; refuse anything absurdly large early. */
#define MAX_SNAPSHOT_BYTES (1024L * 1024 * 1024)

/* Reads all of `f` into sb. */
static int read_all(FILE *f, const char *name, struct strbuf *sb, struct mm_err *err)
{
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (sb->len + n > (size_t)MAX_SNAPSHOT_BYTES)
            return mm_err_set(err, MM_EINPUT, "%s が大きすぎます（%ld バイトまで）", name,
                              MAX_SNAPSHOT_BYTES);
        strbuf_add(sb, buf, n);
    }
    if (ferror(f))
        return mm_err_set(err, MM_EINPUT, "%s を読めません: %s", name, cli_strerror(errno));
    return MM_OK;
}

/* "部署 60、職員等 800、…" for the lists of a snapshot that has been validated. */
static void summary(json_t *root, struct strbuf *sb)
{
    static const struct {
        const char *key, *noun;
    } lists[] = {{"departments", "部署"},
                 {"people", "職員等"},
                 {"systems", "情報システム"},
                 {"role_assignments", "役割の割当て"},
                 {"assets", "情報資産"},
                 {"accounts", "アカウント"},
                 {"connections", "接続"},
                 {"managed_areas", "管理区域"},
                 {"devices", "機器・媒体"},
                 {"software", "ソフトウェア"},
                 {"contractors", "委託事業者"},
                 {"contracts", "委託契約"},
                 {"cloud_services", "クラウドサービス"},
                 {"training_courses", "研修"}};
    /* The v1 registers are always named; the later ones only when the snapshot has rows. */
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        size_t n = json_array_size(json_object_get(root, lists[i].key));
        if (i < 6 || n)
            strbuf_addf(sb, "%s%s %zu", i ? "、" : "", lists[i].noun, n);
    }
}

static int cmd_import(int argc, char **argv, struct cli *cli)
{
    int replace = 0, dry_run = 0;
    static const struct option opts[] = {
        {"replace", no_argument, NULL, 'r'}, {"dry-run", no_argument, NULL, 'n'}, {0, 0, 0, 0}};
    optind = 0;
    opterr = 0;
    /* "-" alone is the file name for standard input, which getopt leaves as an operand. */
    for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (c == 'r')
            replace = 1;
        else if (c == 'n')
            dry_run = 1;
        else
            return cli_usage(&cmd_import_def, "オプション「%s」は使えません", argv[optind - 1]);
    }
    if (optind >= argc)
        return cli_usage(&cmd_import_def, "読み込むファイルを指定してください（標準入力なら -）");
    if (optind + 1 < argc)
        return cli_usage(&cmd_import_def, "余分な引数「%s」があります", argv[optind + 1]);
    const char *file = argv[optind];
    int from_stdin = strcmp(file, "-") == 0;
    const char *name = from_stdin ? "標準入力" : file;

    struct mm_err err;
    mm_err_clear(&err);
    struct strbuf text = STRBUF_INIT;
    FILE *f = from_stdin ? stdin : fopen(file, "rb");
    if (!f) {
        mm_err_set(&err, MM_EINPUT, "%s を開けません: %s", file, cli_strerror(errno));
        return cli_fail(&err);
    }
    int rc = read_all(f, name, &text, &err);
    if (!from_stdin)
        fclose(f);
    if (rc) {
        strbuf_release(&text);
        return cli_fail(&err);
    }
    json_t *root = NULL;
    rc = snapshot_parse(name, text.buf, text.len, &root, &err);
    strbuf_release(&text);
    if (rc)
        return cli_fail(&err);

    /* A dry run never creates or changes the database: with none yet, check against a
     * fresh in-memory one, which has the same lookup tables. */
    struct store *st = NULL;
    if (dry_run && access(cli->db_path, F_OK) != 0) {
        rc = store_open(":memory:", STORE_OPEN_CREATE, &st, &err);
        if (rc) {
            json_decref(root);
            return cli_fail(&err);
        }
    } else {
        rc = cli_open(cli, dry_run ? STORE_OPEN_READONLY : STORE_OPEN_CREATE, &st);
        if (rc) {
            json_decref(root);
            return rc;
        }
    }

    struct mm_problems problems = {0};
    struct snapshot_progress prog = {cli_progress_cb, cli};
    if (dry_run)
        rc = snapshot_check(st, root, replace, &problems, &err);
    else
        rc = snapshot_import(st, root, replace, &prog, &problems, &err);
    cli_progress_end(cli);
    store_close(st);

    int status = 0;
    if (problems.len || problems.dropped) {
        fprintf(stderr, "mamori: %s を読み込めません（%zu 件の問題）\n", name,
                problems.len + problems.dropped);
        cli_print_problems(&problems);
        /* A refusal found after validation (e.g. users tied to people) says what to do. */
        if (rc == MM_EREFUSED)
            fprintf(stderr, "%s\n", err.msg);
        fprintf(stderr, "データベースは変更していません\n");
        status = rc == MM_EREFUSED ? 1 : 2;
    } else if (rc) {
        status = cli_fail(&err);
    } else {
        struct strbuf sum = STRBUF_INIT;
        summary(root, &sum);
        if (dry_run)
            printf("%s に問題はありません（%s）。--dry-run のため書き込んでいません\n", name,
                   sum.buf);
        else
            printf("%s を読み込みました（%s）%s\n", name, sum.buf,
                   replace ? "。以前のデータは置き換えました" : "");
        strbuf_release(&sum);
    }
    mm_problems_free(&problems);
    json_decref(root);
    return status;
}

const struct command cmd_import_def = {
    "import", cmd_import, "スナップショット（JSON）から団体のデータを読み込む",
    "使い方: mamori import ファイル [--replace] [--dry-run]\n\n"
    "mamori export で書き出した組織スナップショット（形式は docs/snapshot.md、スキーマは\n"
    "docs/snapshot.schema.json）を読み込みます。ファイルに - を指定すると標準入力から読みます。\n\n"
    "読み込む前に全体を検査します。型、必須項目、知らない項目（綴りの誤り）、id の重複、\n"
    "部署・職員等・情報システムへの参照、部署の階層と循環、日付、職員等の状態と退職日、\n"
    "役割と範囲の組合せ、区分値（データベースの区分表にあるもの）、ローカルパラメータを調べ、\n"
    "問題があればすべてを JSON の位置（例: $.assets[12].confidentiality）とともに示して、\n"
    "何も書き込まずに終了します（終了コード 2）。問題がなければ一つのトランザクションで\n"
    "すべてを書き込みます。途中で失敗したときも、データベースは元のままです。\n\n"
    "  --replace   データベースにすでに団体のデータがあっても、それを消して置き換えます。\n"
    "              付けないときは、既存のデータを守るため読み込みを断ります（終了コード 1）。\n"
    "  --dry-run   検査だけを行い、データベースには何も書き込みません。\n\n"
    "例:\n"
    "  mamori --db new.db import city.json\n"
    "  mamori import --dry-run city.json\n"
    "  mamori import --replace city.json\n"};
