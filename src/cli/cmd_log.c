/*
 * cmd_log.c — `mamori log show|export|verify|checkpoint|note`: read, export, verify and sign
 * the change log, and record an operator's note in it (docs/changelog-format.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auditlog/auditlog.h"
#include "cli/cli.h"

static int log_usage(const char *fmt, const char *arg)
{
    return cli_usage(&cmd_log_def, fmt, arg ? arg : "");
}

/* ---- show / export ---- */

struct filter_args {
    struct auditlog_filter f;
    char type_buf[256];
    char since[AUDITLOG_TIME_LEN], until[AUDITLOG_TIME_LEN];
};

/* --entity TYPE[:ID] */
static int set_entity(struct filter_args *a, const char *v)
{
    snprintf(a->type_buf, sizeof a->type_buf, "%s", v);
    char *colon = strchr(a->type_buf, ':');
    if (colon) {
        *colon = '\0';
        a->f.entity_id = colon + 1;
    }
    if (!a->type_buf[0])
        return log_usage("--entity には TYPE または TYPE:ID を指定してください（「%s」）", v);
    a->f.entity_type = a->type_buf;
    return 0;
}

static int set_time(struct filter_args *a, const char *v, int end)
{
    struct mm_err err;
    mm_err_clear(&err);
    if (auditlog_parse_time_arg(v, end, end ? a->until : a->since, &err))
        return cli_usage(&cmd_log_def, "%s", err.msg);
    if (end)
        a->f.until = a->until;
    else
        a->f.since = a->since;
    return 0;
}

struct show_ctx {
    FILE *out;
    int format; /* 0 table, 1 json array, 2 jsonl, 3 syslog, 4 cef */
    long long n;
    char host[256];
    struct strbuf sb;
};

/* A short summary of what changed, for the table. */
static void summarize(const struct auditlog_entry *e, struct strbuf *sb)
{
    json_t *b = e->before ? json_loads(e->before, JSON_DECODE_ANY, NULL) : NULL;
    json_t *a = e->after ? json_loads(e->after, JSON_DECODE_ANY, NULL) : NULL;
    if (json_is_object(b) && json_is_object(a)) {
        strbuf_addstr(sb, "変更: ");
        int first = 1;
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v)
        {
            if (!json_equal(v, json_object_get(b, k))) {
                strbuf_addf(sb, "%s%s", first ? "" : ", ", k);
                first = 0;
            }
        }
        json_object_foreach(b, k, v)
        {
            if (!json_object_get(a, k)) {
                strbuf_addf(sb, "%s%s（削除）", first ? "" : ", ", k);
                first = 0;
            }
        }
        if (first)
            strbuf_addstr(sb, "（値の変化なし）");
    } else {
        const char *text = e->after ? e->after : e->before;
        if (text) {
            size_t n = strlen(text), max = 120;
            if (n > max) {
                while (max > 0 && ((unsigned char)text[max] & 0xc0) == 0x80)
                    max--; /* cut at a character boundary */
                strbuf_add(sb, text, max);
                strbuf_addstr(sb, "…");
            } else {
                strbuf_addstr(sb, text);
            }
        }
    }
    json_decref(a);
    json_decref(b);
}

static int show_one(void *vctx, const struct auditlog_entry *e)
{
    struct show_ctx *c = vctx;
    struct strbuf *sb = &c->sb;
    strbuf_reset(sb);
    switch (c->format) {
    case 0: {
        char jst[AUDITLOG_TIME_LEN];
        auditlog_time_jst(e->at, jst);
        strbuf_addf(sb, "%6lld  %s  %s  %s  %s%s%s\n", e->seq, jst, e->actor, e->action,
                    e->entity_type, e->entity_id ? ":" : "", e->entity_id ? e->entity_id : "");
        strbuf_addstr(sb, "        ");
        summarize(e, sb);
        break;
    }
    case 1:
        strbuf_addstr(sb, c->n ? ",\n  " : "[\n  ");
        auditlog_format_json(e, sb);
        break;
    case 2:
        auditlog_format_json(e, sb);
        break;
    case 3:
        auditlog_format_syslog(e, c->host, sb);
        break;
    default:
        auditlog_format_cef(e, sb);
        break;
    }
    if (c->format != 1)
        strbuf_addch(sb, '\n');
    c->n++;
    if (fwrite(sb->buf, 1, sb->len, c->out) != sb->len)
        return MM_EINTERNAL;
    return 0;
}

static int run_show(int argc, char **argv, struct cli *cli, int export)
{
    struct filter_args a;
    memset(&a, 0, sizeof a);
    const char *format = export ? "jsonl" : "table", *outfile = NULL;
    static const struct option opts[] = {{"entity", required_argument, NULL, 'e'},
                                         {"actor", required_argument, NULL, 'a'},
                                         {"action", required_argument, NULL, 'A'},
                                         {"since", required_argument, NULL, 's'},
                                         {"until", required_argument, NULL, 'u'},
                                         {"limit", required_argument, NULL, 'n'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {0, 0, 0, 0}};
    optind = 0;
    for (int c, rc; (c = getopt_long(argc, argv, "+o:", opts, NULL)) != -1;) {
        switch (c) {
        case 'e':
            if ((rc = set_entity(&a, optarg)))
                return rc;
            break;
        case 'a':
            a.f.actor = optarg;
            break;
        case 'A':
            a.f.action = optarg;
            break;
        case 's':
            if ((rc = set_time(&a, optarg, 0)))
                return rc;
            break;
        case 'u':
            if ((rc = set_time(&a, optarg, 1)))
                return rc;
            break;
        case 'n': {
            char *end;
            long long n = strtoll(optarg, &end, 10);
            if (*end || n <= 0)
                return log_usage("--limit には正の整数を指定してください（「%s」）", optarg);
            a.f.limit = n;
            break;
        }
        case 'f':
            format = optarg;
            break;
        case 'o':
            if (!export)
                return log_usage("-o は log export で使います%s", NULL);
            outfile = optarg;
            break;
        default:
            return log_usage("オプションが正しくありません%s", NULL);
        }
    }
    if (optind < argc)
        return log_usage("余分な引数「%s」があります", argv[optind]);

    struct show_ctx c = {.out = stdout, .sb = STRBUF_INIT};
    if (!export && strcmp(format, "table") == 0)
        c.format = 0;
    else if (!export && strcmp(format, "json") == 0)
        c.format = 1;
    else if (export && strcmp(format, "jsonl") == 0)
        c.format = 2;
    else if (export && strcmp(format, "syslog") == 0)
        c.format = 3;
    else if (export && strcmp(format, "cef") == 0)
        c.format = 4;
    else
        return log_usage(export ? "--format は jsonl・syslog・cef のいずれかです（「%s」）"
                                : "--format は table・json のいずれかです（「%s」）",
                         format);
    if (gethostname(c.host, sizeof c.host - 1) != 0)
        snprintf(c.host, sizeof c.host, "-");

    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    char tmp[4200] = "";
    if (outfile) {
        snprintf(tmp, sizeof tmp, "%s.tmp.%ld", outfile, (long)getpid());
        c.out = fopen(tmp, "w");
        if (!c.out) {
            store_close(st);
            fprintf(stderr, "mamori log export: %s に書き込めません\n", outfile);
            return 3;
        }
    }
    if (c.format == 0)
        fprintf(c.out, "   seq  日時（日本時間）     操作者  操作  対象\n");
    struct mm_err err;
    mm_err_clear(&err);
    /* One read snapshot, so an export is consistent while others write. */
    rc = store_begin_read(st, &err);
    if (rc == MM_OK)
        rc = auditlog_each(st, &a.f, show_one, &c, &err);
    store_rollback(st);
    store_close(st);
    if (rc == MM_OK && c.format == 1)
        fputs(c.n ? "\n]\n" : "[]\n", c.out);
    strbuf_release(&c.sb);
    if (outfile) {
        int bad = fflush(c.out) != 0 || fsync(fileno(c.out)) != 0;
        bad |= fclose(c.out) != 0;
        if (rc == MM_OK && bad)
            rc = mm_err_set(&err, MM_EINTERNAL, "%s に書き込めません", outfile);
        if (rc == MM_OK && rename(tmp, outfile) != 0)
            rc = mm_err_set(&err, MM_EINTERNAL, "%s を作れません", outfile);
        if (rc)
            unlink(tmp);
    }
    if (rc) {
        if (!err.msg[0])
            mm_err_set(&err, rc, "出力に失敗しました");
        return cli_fail(&err);
    }
    if (outfile)
        fprintf(stderr, "%lld 件を %s に書き出しました\n", c.n, outfile);
    else if (c.format == 0 && c.n == 0)
        fprintf(stderr, "該当する記録はありません\n");
    return 0;
}

/* ---- verify ---- */

static void verify_progress(void *ctx, long long done, long long total)
{
    cli_progress(ctx, "検証", (size_t)done, (size_t)total);
}

/* Prints the result of a log verification; shared with `mamori verify` through the exit code. */
static int run_verify(int argc, char **argv, struct cli *cli)
{
    const char *pubarg = NULL;
    static const struct option opts[] = {{"pubkey", required_argument, NULL, 'p'}, {0, 0, 0, 0}};
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, "+", opts, NULL)) != -1;) {
        if (c == 'p')
            pubarg = optarg;
        else
            return log_usage("オプションが正しくありません%s", NULL);
    }
    if (optind < argc)
        return log_usage("余分な引数「%s」があります", argv[optind]);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE | STORE_OPEN_NOMIGRATE, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    unsigned char pin[32];
    int have_pin = 0, has_log = 0;
    char pin_src[4200];
    rc = store_table_exists(st, "audit_log", &has_log, &err);
    if (rc == MM_OK && !has_log)
        rc = mm_err_set(&err, MM_EREFUSED,
                        "%s には変更ログの表がありません（古いスキーマのままです）", cli->db_path);
    if (rc == MM_OK)
        rc = auditlog_trusted_key(st, pubarg, pin, &have_pin, pin_src, sizeof pin_src, &err);
    struct auditlog_verify_result r;
    if (rc == MM_OK)
        rc = store_begin_read(st, &err);
    if (rc == MM_OK)
        rc = auditlog_verify(st, have_pin ? pin : NULL, verify_progress, cli, &r, &err);
    cli_progress_end(cli);
    store_rollback(st);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    if (r.kind != AUDIT_OK) {
        printf("変更ログ: 改ざんを検出しました\n");
        printf("  最初の異常: seq %lld（%s）\n", r.broken_seq, auditlog_break_name(r.kind));
        printf("  %s\n", r.what);
        printf("  seq %lld まで（%lld 件）は正常に検証できました\n", r.head_seq, r.entries);
        return 1;
    }
    printf("変更ログ: 正常（%lld 件、先頭 seq %lld、ハッシュ %.16s…）\n", r.entries, r.head_seq,
           r.head_hash);
    if (r.checkpoints)
        printf("  チェックポイント %lld 件を検証しました（最後は seq %lld）\n", r.checkpoints,
               r.last_checkpoint_seq);
    else
        printf("  チェックポイントはまだありません（'mamori log checkpoint' で署名します）\n");
    if (have_pin && !pubarg && r.checkpoints == 0 && r.head_seq > 0)
        printf("  警告: 公開鍵が固定されている（署名したことがある）のに、チェックポイントが"
               "1 件もありません。削除された可能性があります\n");
    if (!have_pin && r.checkpoints)
        printf("  注意: 公開鍵が固定されていません（%s がない）。署名は各チェックポイント自身の"
               "鍵で検証しました\n",
               pin_src);
    if (r.head_seq > r.last_checkpoint_seq)
        printf("  署名されていない末尾の記録: seq %lld〜%lld（末尾の削除は次の署名まで検出でき"
               "ません）\n",
               r.last_checkpoint_seq + 1, r.head_seq);
    return 0;
}

/* ---- checkpoint ---- */

static int run_checkpoint(int argc, char **argv, struct cli *cli)
{
    (void)argv;
    if (argc > 1)
        return log_usage("余分な引数「%s」があります", argv[1]);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct auditlog_keypaths kp;
    int created = 0, already = 0;
    long long seq = 0;
    unsigned char pin[32];
    int have_pin = 0;
    struct auditlog_verify_result r;
    rc = auditlog_key_paths(st, &kp, &err);
    if (rc == MM_OK)
        rc = auditlog_key_ensure(&kp, &created, &err);
    if (rc == MM_OK)
        rc = auditlog_pin_read(kp.pub, pin, &have_pin, &err);
    if (rc == MM_OK)
        rc = store_begin(st, &err);
    /* Never sign over a broken chain: that would vouch for the tampering. */
    if (rc == MM_OK)
        rc = auditlog_verify(st, have_pin ? pin : NULL, NULL, NULL, &r, &err);
    if (rc == MM_OK && r.kind != AUDIT_OK)
        rc = mm_err_set(&err, MM_EREFUSED,
                        "変更ログが壊れているため署名しません。最初の異常: seq %lld（%s）: %s",
                        r.broken_seq, auditlog_break_name(r.kind), r.what);
    if (rc == MM_OK)
        rc = auditlog_checkpoint(st, &kp, &seq, &already, &err);
    if (rc == MM_OK)
        rc = store_commit(st, &err);
    if (rc) {
        store_rollback(st);
        store_close(st);
        return cli_fail(&err);
    }
    store_close(st);
    if (created)
        printf("署名鍵を作成しました: %s（公開鍵を %s に固定）\n", kp.key, kp.pub);
    if (already)
        printf("seq %lld はすでに署名されています\n", seq);
    else
        printf("seq %lld までの変更ログに署名しました\n", seq);
    return 0;
}

/* ---- note ---- */

static int run_note(int argc, char **argv, struct cli *cli)
{
    if (argc != 2 || !argv[1][0])
        return log_usage("記録する文を 1 つ指定してください%s", NULL);
    json_t *after = json_pack("{s:s}", "text", argv[1]);
    if (!after)
        return log_usage("記録する文が UTF-8 として正しくありません%s", NULL);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
    if (rc) {
        json_decref(after);
        return rc;
    }
    char actor_buf[256];
    struct audit_actor actor;
    audit_actor_cli(&actor, actor_buf, sizeof actor_buf);
    struct mm_err err;
    mm_err_clear(&err);
    long long seq = 0;
    rc = store_begin(st, &err);
    if (rc == MM_OK)
        rc = auditlog_append_seq(st, &actor, "note", "note", NULL, NULL, after, &seq, &err);
    if (rc == MM_OK)
        rc = store_commit(st, &err);
    json_decref(after);
    if (rc) {
        store_rollback(st);
        store_close(st);
        return cli_fail(&err);
    }
    store_close(st);
    printf("seq %lld に記録しました\n", seq);
    return 0;
}

static int cmd_log(int argc, char **argv, struct cli *cli)
{
    if (argc < 2)
        return log_usage("サブコマンド（show・export・verify・checkpoint・note）を指定して"
                         "ください%s",
                         NULL);
    const char *sub = argv[1];
    if (strcmp(sub, "show") == 0)
        return run_show(argc - 1, argv + 1, cli, 0);
    if (strcmp(sub, "export") == 0)
        return run_show(argc - 1, argv + 1, cli, 1);
    if (strcmp(sub, "verify") == 0)
        return run_verify(argc - 1, argv + 1, cli);
    if (strcmp(sub, "checkpoint") == 0)
        return run_checkpoint(argc - 1, argv + 1, cli);
    if (strcmp(sub, "note") == 0)
        return run_note(argc - 1, argv + 1, cli);
    return log_usage("「%s」というサブコマンドはありません", sub);
}

const struct command cmd_log_def = {
    "log", cmd_log, "変更ログを表示・書き出し・検証・署名する",
    "使い方:\n"
    "  mamori log show [--entity 種類[:ID]] [--actor 操作者] [--action 操作]\n"
    "                  [--since 日時] [--until 日時] [--limit 件数] [--format table|json]\n"
    "  mamori log export [--format jsonl|syslog|cef] [--since 日時] [--until 日時] [-o ファイル]\n"
    "  mamori log verify [--pubkey 公開鍵ファイル|16進]\n"
    "  mamori log checkpoint\n"
    "  mamori log note \"文\"\n\n"
    "変更ログは、台帳・役割・申請・インシデント等へのすべての変更を、変更と同じトランザクション\n"
    "で記録します（時刻は UTC "
    "で保存し日本時間で表示、秘密の値は伏字）。記録はハッシュで連結され、\n"
    "データベースの外に置いた Ed25519 鍵でチェックポイントに署名します。アプリケーションは記録を\n"
    "削除しません（保存期間を過ぎた記録は export --until で書き出して保管します）。\n\n"
    "  show        条件に合う記録を表示します。日時は YYYY-MM-DD または YYYY-MM-DDTHH:MM[:SS]\n"
    "              （日本時間。末尾に Z で UTC）。--until の日付はその日の終わりまでを含みます。\n"
    "  export      JSON Lines、RFC 5424 syslog、CEF の行で書き出します（SIEM 連携用）。\n"
    "  verify      全記録のハッシュ連結と全チェックポイントの署名を検証し、最初の異常の seq と\n"
    "              内容を示します。異常があれば終了コード 1。公開鍵は <DB>.pub に固定されます。\n"
    "  checkpoint  連結の先頭に署名します（鍵がなければ作成: $MAMORI_KEY、なければ <DB>.key、\n"
    "              モード 0600）。1000 件ごとにも自動で署名します。\n"
    "  note        運用者のメモを変更ログに記録します（操作者は cli:<ユーザー名>）。\n"};
