/*
 * cmd_user.c — `mamori user …`: the administrator's side of sign-in to mamori (ガイドライン
 * 6.2): add users linked to people, reset and unlock them, disable them, enroll TOTP, and
 * issue or revoke API tokens. Passwords, tokens and recovery codes are printed once, here,
 * and stored only as hashes; `show` and `list` never print a secret.
 */
#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/table.h"

/* "YYYY-MM-DD HH:MM" in JST, or "—" for 0. */
static const char *jst(long long t, char buf[32])
{
    if (!t)
        return "—";
    time_t v = (time_t)t + 9 * 3600;
    struct tm tm;
    gmtime_r(&v, &tm);
    strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

static void actor_cli(struct audit_actor *a, char *buf, size_t size)
{
    audit_actor_cli(a, buf, size);
}

/* Parses `LOGIN` plus the options of one subcommand; argv[0] is the subcommand. */
struct user_opts {
    const char *login, *person, *label, *out, *confirm, *issuer;
    int totp;
};

static int parse(const char *sub, int argc, char **argv, struct user_opts *o, int need_login)
{
    static const struct option opts[] = {{"person", required_argument, NULL, 'p'},
                                         {"label", required_argument, NULL, 'l'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"confirm", required_argument, NULL, 'c'},
                                         {"issuer", required_argument, NULL, 'i'},
                                         {"totp", no_argument, NULL, 't'},
                                         {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    optind = 0;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1;) {
        switch (c) {
        case 'p': o->person = optarg; break;
        case 'l': o->label = optarg; break;
        case 'o': o->out = optarg; break;
        case 'c': o->confirm = optarg; break;
        case 'i': o->issuer = optarg; break;
        case 't': o->totp = 1; break;
        case ':':
            return cli_usage(&cmd_user_def, "user %s: %s に値を指定してください", sub,
                             argv[optind - 1]);
        default:
            return cli_usage(&cmd_user_def, "user %s: オプション「%s」は使えません", sub,
                             argv[optind - 1]);
        }
    }
    if (need_login) {
        if (optind >= argc)
            return cli_usage(&cmd_user_def, "user %s: ログイン名を指定してください", sub);
        o->login = argv[optind++];
    }
    if (optind < argc)
        return cli_usage(&cmd_user_def, "user %s: 余分な引数「%s」があります", sub, argv[optind]);
    return 0;
}

static int finish(struct store *st, int rc, struct mm_err *err)
{
    store_close(st);
    return rc ? cli_fail(err) : 0;
}

static int user_add(int argc, char **argv, struct cli *cli)
{
    struct user_opts o;
    int rc = parse("add", argc, argv, &o, 1);
    if (rc)
        return rc;
    if (!o.person)
        return cli_usage(&cmd_user_def, "user add: --person で職員等の ID を指定してください");
    if (o.label || o.out || o.confirm || o.totp || o.issuer)
        return cli_usage(&cmd_user_def, "user add: 使えるオプションは --person だけです");
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st)))
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct audit_actor actor;
    char abuf[128], pw[65];
    actor_cli(&actor, abuf, sizeof abuf);
    rc = auth_user_add(st, &actor, o.login, o.person, time(NULL), pw, sizeof pw, &err);
    if (!rc) {
        printf("利用者「%s」を登録しました。\n初期パスワード: %s\n", o.login, pw);
        printf("（この表示は一度だけです。本人に安全な方法で渡してください。最初のログインで変更が"
               "必要です）\n");
    }
    sodium_memzero(pw, sizeof pw);
    return finish(st, rc, &err);
}

static int reset_or_unlock(const char *sub, int argc, char **argv, struct cli *cli)
{
    struct user_opts o;
    int rc = parse(sub, argc, argv, &o, 1);
    if (rc)
        return rc;
    if (o.person || o.label || o.out || o.confirm || o.issuer || (o.totp && strcmp(sub, "reset")))
        return cli_usage(&cmd_user_def, "user %s: そのオプションは使えません", sub);
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st)))
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct audit_actor actor;
    char abuf[128], pw[65];
    actor_cli(&actor, abuf, sizeof abuf);
    if (!strcmp(sub, "reset")) {
        rc = auth_user_reset(st, &actor, o.login, o.totp, time(NULL), pw, sizeof pw, &err);
        if (!rc)
            printf("利用者「%s」のパスワードを初期化しました%s。\n新しい初期パスワード: %s\n"
                   "（この表示は一度だけです。最初のログインで変更が必要です）\n",
                   o.login, o.totp ? "（TOTP とリカバリーコードも削除）" : "", pw);
        sodium_memzero(pw, sizeof pw);
    } else if (!strcmp(sub, "unlock")) {
        rc = auth_user_unlock(st, &actor, o.login, time(NULL), &err);
        if (!rc)
            printf("利用者「%s」のロックを解除しました。\n", o.login);
    } else {
        rc = auth_user_disable(st, &actor, o.login, time(NULL), &err);
        if (!rc)
            printf("利用者「%s」を無効にしました（セッションと API トークンも終了）。\n", o.login);
    }
    return finish(st, rc, &err);
}

static const struct table_column list_cols[] = {
    {"login", "ログイン名", TC_TEXT, 0, 0, TC_BOTH},
    {"person", "職員等ID", TC_TEXT, 0, 0, TC_BOTH},
    {"name", "氏名", TC_TEXT, 0, 0, TC_BOTH},
    {"state", "状態", TC_TEXT, 0, 0, TC_BOTH},
    {"totp", "TOTP", TC_TEXT, 0, 0, TC_BOTH},
    {"last_login", "最終ログイン（日本時間）", TC_TEXT, 0, 0, TC_BOTH},
};
#define NLIST (sizeof list_cols / sizeof list_cols[0])

static int list_row(void *ctx, const struct auth_user *u)
{
    char b1[32];
    const char *cells[NLIST] = {
        u->login, u->person_id, u->person_name,
        u->disabled ? "無効" : u->locked_until ? "ロック中" : "有効",
        u->totp_enabled ? "登録済" : u->totp_pending ? "登録中" : u->totp_required ? "未登録（必須）"
                                                                                   : "未登録",
        u->last_login_at ? jst(u->last_login_at, b1) : NULL};
    table_add_row(ctx, cells);
    return 0;
}

static int user_list(int argc, char **argv, struct cli *cli)
{
    enum table_format fmt = TABLE_TEXT;
    if (argc == 3 && !strcmp(argv[1], "--format")) {
        if (table_format_parse(argv[2], &fmt))
            return cli_usage(&cmd_user_def, "user list: --format は table、tsv、json のどれかです");
    } else if (argc != 1) {
        return cli_usage(&cmd_user_def, "user list: 使えるオプションは --format だけです");
    }
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct table t;
    table_init(&t, list_cols, NLIST);
    rc = auth_user_each(st, time(NULL), list_row, &t, &err);
    if (!rc)
        table_print(&t, fmt, stdout);
    table_free(&t);
    return finish(st, rc, &err);
}

static int user_show(int argc, char **argv, struct cli *cli)
{
    struct user_opts o;
    int rc = parse("show", argc, argv, &o, 1);
    if (rc)
        return rc;
    if (o.person || o.label || o.out || o.confirm || o.issuer || o.totp)
        return cli_usage(&cmd_user_def, "user show: オプションは使えません");
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READONLY, &st)))
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct auth_user u;
    rc = auth_user_get(st, o.login, time(NULL), &u, &err);
    if (!rc) {
        char b[32];
        printf("ログイン名:         %s\n", u.login);
        printf("職員等:             %s %s\n", u.person_id, u.person_name);
        printf("状態:               %s\n", u.disabled ? "無効" : "有効");
        printf("ロック:             %s\n", u.locked_until ? jst(u.locked_until, b) : "なし");
        printf("連続失敗回数:       %d\n", u.failed_attempts);
        printf("初期パスワード変更: %s\n", u.must_change_password ? "未（次のログインで変更）" : "済");
        printf("パスワード設定日時: %s\n", jst(u.password_changed_at, b));
        printf("TOTP:               %s%s\n",
               u.totp_enabled ? "登録済" : u.totp_pending ? "登録中（確認待ち）" : "未登録",
               u.totp_required ? "（役割を持つため必須）" : "");
        printf("最終ログイン:       %s %s\n", jst(u.last_login_at, b), u.last_login_from);
        printf("前回ログイン:       %s %s\n", jst(u.previous_login_at, b), u.previous_login_from);
        printf("登録日時:           %s\n", jst(u.created_at, b));
    }
    return finish(st, rc, &err);
}

static int write_file(const char *path, const char *text, struct mm_err *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return mm_err_set(err, MM_EINTERNAL, "%s: 書き込めません（%s）", path, strerror(errno));
    size_t n = strlen(text);
    int bad = fwrite(text, 1, n, f) != n;
    bad |= fclose(f) != 0;
    return bad ? mm_err_set(err, MM_EINTERNAL, "%s: 書き込みに失敗しました", path) : MM_OK;
}

static int user_totp(int argc, char **argv, struct cli *cli)
{
    struct user_opts o;
    int rc = parse("totp", argc, argv, &o, 1);
    if (rc)
        return rc;
    if (o.person || o.label || o.totp || (o.confirm && (o.out || o.issuer)))
        return cli_usage(&cmd_user_def, "user totp: そのオプションの組み合わせは使えません");
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st)))
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct audit_actor actor;
    char abuf[128];
    actor_cli(&actor, abuf, sizeof abuf);
    if (o.confirm) {
        char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_CODE_LEN];
        rc = auth_totp_confirm(st, &actor, o.login, o.confirm, time(NULL), codes, &err);
        if (!rc) {
            printf("利用者「%s」の TOTP を有効にしました。\nリカバリーコード（各 1 回だけ使えます。"
                   "この表示は一度だけです）:\n",
                   o.login);
            for (int i = 0; i < AUTH_RECOVERY_CODES; i++)
                printf("  %s\n", codes[i]);
        }
        sodium_memzero(codes, sizeof codes);
        return finish(st, rc, &err);
    }
    char org[256] = "";
    struct store_stmt *s;
    if (!store_prepare(st, "SELECT name FROM organization WHERE id = 1", &s, &err)) {
        if (store_step(s, &err) == STORE_ROW && store_col_text(s, 0))
            snprintf(org, sizeof org, "mamori %s", store_col_text(s, 0));
        store_finalize(s);
    }
    mm_err_clear(&err);
    struct auth_totp_enrollment e;
    rc = auth_totp_begin(st, &actor, o.login, o.issuer ? o.issuer : org[0] ? org : "mamori",
                         time(NULL), &e, &err);
    if (!rc && o.out)
        rc = write_file(o.out, e.svg, &err);
    if (!rc) {
        printf("利用者「%s」の TOTP 登録を始めました。\n", o.login);
        printf("otpauth URI: %s\n", e.uri);
        printf("秘密鍵（手入力用）: %s\n", e.secret);
        if (o.out)
            printf("QR コード（SVG）: %s\n", o.out);
        printf("認証アプリに登録したら、表示された 6 桁で確認してください:\n"
               "  mamori user totp %s --confirm 123456\n",
               o.login);
    }
    auth_totp_enrollment_free(&e);
    return finish(st, rc, &err);
}

static int user_token(int argc, char **argv, struct cli *cli)
{
    if (argc < 2)
        return cli_usage(&cmd_user_def, "user token: add か revoke を指定してください");
    const char *sub = argv[1];
    struct user_opts o;
    int rc;
    if (!strcmp(sub, "add")) {
        if ((rc = parse("token add", argc - 1, argv + 1, &o, 1)))
            return rc;
        if (!o.label)
            return cli_usage(&cmd_user_def, "user token add: --label でトークンの用途を指定してください");
        if (o.person || o.out || o.confirm || o.issuer || o.totp)
            return cli_usage(&cmd_user_def, "user token add: 使えるオプションは --label だけです");
    } else if (!strcmp(sub, "revoke")) {
        if ((rc = parse("token revoke", argc - 1, argv + 1, &o, 1)))
            return rc;
        if (o.person || o.out || o.confirm || o.issuer || o.totp || o.label)
            return cli_usage(&cmd_user_def, "user token revoke: オプションは使えません");
    } else {
        return cli_usage(&cmd_user_def, "user token: 「%s」は add か revoke ではありません", sub);
    }
    long long id = 0;
    if (!strcmp(sub, "revoke")) {
        char *end;
        errno = 0;
        id = strtoll(o.login, &end, 10);
        if (errno || *end || id <= 0)
            return cli_usage(&cmd_user_def, "user token revoke: ID「%s」は正の整数ではありません",
                             o.login);
    }
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st)))
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct audit_actor actor;
    char abuf[128];
    actor_cli(&actor, abuf, sizeof abuf);
    if (!strcmp(sub, "add")) {
        char tok[AUTH_API_TOKEN_LEN];
        rc = auth_api_token_add(st, &actor, o.login, o.label, time(NULL), tok, &id, &err);
        if (!rc)
            printf("API トークン %lld を発行しました（利用者「%s」、用途「%s」）。\n%s\n"
                   "（この表示は一度だけです。失効は mamori user token revoke %lld）\n",
                   id, o.login, o.label, tok, id);
        sodium_memzero(tok, sizeof tok);
    } else {
        rc = auth_api_token_revoke(st, &actor, id, time(NULL), &err);
        if (!rc)
            printf("API トークン %lld を失効させました。\n", id);
    }
    return finish(st, rc, &err);
}

static int cmd_user(int argc, char **argv, struct cli *cli)
{
    if (argc < 2)
        return cli_usage(&cmd_user_def, "サブコマンドを指定してください");
    const char *sub = argv[1];
    if (!strcmp(sub, "add"))
        return user_add(argc - 1, argv + 1, cli);
    if (!strcmp(sub, "list"))
        return user_list(argc - 1, argv + 1, cli);
    if (!strcmp(sub, "show"))
        return user_show(argc - 1, argv + 1, cli);
    if (!strcmp(sub, "reset") || !strcmp(sub, "unlock") || !strcmp(sub, "disable"))
        return reset_or_unlock(sub, argc - 1, argv + 1, cli);
    if (!strcmp(sub, "totp"))
        return user_totp(argc - 1, argv + 1, cli);
    if (!strcmp(sub, "token"))
        return user_token(argc - 1, argv + 1, cli);
    return cli_usage(&cmd_user_def, "サブコマンド「%s」はありません", sub);
}

const struct command cmd_user_def = {
    "user", cmd_user, "mamori の利用者を管理する（add / list / show / reset / unlock / disable / totp / token）",
    "使い方: mamori user add ログイン名 --person 職員等ID\n"
    "        mamori user list [--format table|tsv|json]\n"
    "        mamori user show ログイン名\n"
    "        mamori user reset ログイン名 [--totp]\n"
    "        mamori user unlock ログイン名\n"
    "        mamori user disable ログイン名\n"
    "        mamori user totp ログイン名 [-o QR.svg] [--issuer 名前]\n"
    "        mamori user totp ログイン名 --confirm 確認コード\n"
    "        mamori user token add ログイン名 --label 用途\n"
    "        mamori user token revoke トークンID\n\n"
    "mamori 自身にログインする利用者を管理します（対策基準 6.2 を mamori に適用）。利用者は\n"
    "台帳の職員等に結び付きます。パスワード・トークン・リカバリーコードは一度だけ表示し、\n"
    "データベースにはハッシュだけを保存します。すべての操作は変更履歴に記録されます。\n\n"
    "add      利用者を登録し、初期パスワードを表示します（最初のログインで変更が必要）。\n"
    "list     利用者の一覧（状態、TOTP、最終ログイン）。秘密は表示しません。\n"
    "show     一人の詳細（ロック、失敗回数、前回ログインの日時と場所など）。\n"
    "reset    新しい初期パスワードを発行し、セッションを終了します。--totp で TOTP と\n"
    "         リカバリーコードも削除します（認証アプリを失くしたとき）。\n"
    "unlock   ログイン失敗でロックされた利用者を解除します。\n"
    "disable  利用者を無効にし、セッションと API トークンを終了します。\n"
    "totp     TOTP の登録を始め、otpauth URI を表示し、-o で QR コード（SVG）を書き出します。\n"
    "         --confirm で認証アプリの 6 桁を確かめて有効にし、リカバリーコード 10 個を\n"
    "         表示します。役割（職員等より上）を持つ利用者は TOTP が必須です。\n"
    "token    JSON API 用のトークンを発行（add）・失効（revoke）します。\n\n"
    "終了コード: 0 成功、1 拒否（利用者がいない、ロックされていない等）、2 使い方の誤り、\n"
    "3 データベース等の障害。\n"};
