/*
 * cmd_serve.c — `mamori serve [--listen ADDR:PORT]`: checks the database (bringing its schema
 * up to date), starts the web server and runs until SIGINT or SIGTERM, then stops cleanly.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "web/web.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"

static int cmd_serve(int argc, char **argv, struct cli *cli)
{
    const char *listen_spec = DEFAULT_LISTEN;
    int trust_proxy = 0;
    unsigned threads = 0; /* 0: one per processor */
    static const struct option opts[] = {{"listen", required_argument, NULL, 'l'},
                                         {"trust-proxy", no_argument, NULL, 'p'},
                                         {"threads", required_argument, NULL, 't'},
                                         {0, 0, 0, 0}};
    optind = 0;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+", opts, NULL)) != -1;) {
        if (c == 'l')
            listen_spec = optarg;
        else if (c == 'p')
            trust_proxy = 1;
        else if (c == 't') {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (!*optarg || *end || n < 1 || n > WEB_THREADS_MAX)
                return cli_usage(&cmd_serve_def, "--threads は 1〜%d の整数で指定してください（「%s」）",
                                 WEB_THREADS_MAX, optarg);
            threads = (unsigned)n;
        } else
            return cli_usage(&cmd_serve_def, "オプションが正しくありません");
    }
    if (optind < argc)
        return cli_usage(&cmd_serve_def, "余分な引数「%s」があります", argv[optind]);

    struct mm_err err;
    mm_err_clear(&err);
    struct web_listen where;
    if (web_listen_parse(listen_spec, &where, &err))
        return cli_usage(&cmd_serve_def, "%s", err.msg);

    if (access(cli->db_path, F_OK) != 0) {
        fprintf(stderr,
                "mamori: データベース %s がありません。先に mamori --db %s init"
                "（デモ団体なら init --demo）を実行してください\n",
                cli->db_path, cli->db_path);
        return 2;
    }
    /* Open once read-write so the schema is current; each request then opens read-only. */
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
    if (rc)
        return rc;
    store_close(st);

    /*
     * Block the stop signals before any server thread exists, so every thread inherits the
     * mask and only sigwait below receives them. Reset their disposition first: a shell
     * starts background jobs with SIGINT ignored, and an ignored signal never reaches sigwait.
     */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    struct web_server *srv;
    char url[96];
    rc = web_server_start(cli->db_path, &where, trust_proxy, threads, &srv, url, sizeof url, &err);
    if (rc)
        return cli_fail(&err);
    printf("mamori を %s で起動しました（Ctrl+C で停止）\n", url);
    fflush(stdout);
    if (!web_listen_is_loopback(&where))
        fprintf(stderr,
                "mamori serve: 注意: %s はこのコンピュータの外からも接続できます。"
                "通信は暗号化されないため、TLS の中継（リバースプロキシ）の後ろで"
                "--trust-proxy を付けて使ってください\n",
                url);

    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "mamori serve: %s を受け取りました。停止します\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    web_server_stop(srv);
    printf("mamori を停止しました\n");
    return 0;
}

const struct command cmd_serve_def = {
    "serve", cmd_serve, "Web 画面を提供する",
    "使い方: mamori serve [--listen アドレス:ポート] [--trust-proxy] [--threads N]\n\n"
    "データベースの内容を Web ブラウザで見られるようにします（既定は http://127.0.0.1:8080/）。\n"
    "データベースは要求ごとに読み取り専用で開くため、動かしたまま他のコマンドで更新できます。\n"
    "Ctrl+C（SIGINT）または SIGTERM で停止します。\n\n"
    "  --listen 127.0.0.1:8080   待ち受けるアドレスとポート（IPv6 は [::1]:8080 のように書く）\n"
    "  --trust-proxy             TLS の中継（リバースプロキシ）の後ろで動かす。中継が付ける\n"
    "                            X-Forwarded-Proto: https でクッキーに Secure を付け、\n"
    "                            X-Forwarded-For の最初のアドレスを接続元として記録する\n"
    "  --threads N               要求を処理するスレッドの数（既定は CPU の数、最少 2）。\n"
    "                            接続はどれか一つのスレッドが受け持つため、CPU の数より多く\n"
    "                            しても速くはならず、応答時間のばらつきが増える\n\n"
    "トップページはログインした利用者だけが見られます（/login でログイン）。\n"
    "127.0.0.1 や [::1] で待ち受けるときは、宛先が 127.0.0.1・[::1]・localhost の要求だけに\n"
    "応えます（DNS リバインディング対策）。ほかのアドレスでは起動時に注意を表示します。\n\n"
    "要求ごとに「メソッド パス 状態 処理時間」を標準エラー出力に記録します\n"
    "（クエリ文字列は記録しません）。\n"
    "ポートが使用中のときは終了コード 3 で終わります。\n"};
