/* browse.c — helpers shared by the read-only register commands (see browse.h). */
#include "cli/browse.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/wareki.h"

#define LABEL_WIDTH 20

int browse_opt_error(const struct command *cmd, int c, char **argv)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (c == ':')
        return cli_usage(cmd, "オプション「%s」には値が必要です", arg);
    if (optopt && optopt != '?')
        return cli_usage(cmd, "オプション「-%c」は使えません", optopt);
    return cli_usage(cmd, "オプション「%s」は使えません", arg);
}

int browse_dispatch(const struct command *cmd, const struct browse_sub *subs, int argc,
                    char **argv, struct cli *cli)
{
    if (argc < 2) {
        char names[128] = "";
        for (size_t i = 0; subs[i].name; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     subs[i].name);
        return cli_usage(cmd, "サブコマンド（%s）を指定してください", names);
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(cmd->usage, stdout);
        return 0;
    }
    for (size_t i = 0; subs[i].name; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].run(argc - 1, argv + 1, cli);
    return cli_usage(cmd, "サブコマンド「%s」はありません", argv[1]);
}

int browse_show_arg(const struct command *cmd, int argc, char **argv, const char **id)
{
    if (argc < 2)
        return cli_usage(cmd, "%s には ID を指定してください", argv[0]);
    if (argv[1][0] == '-' && argv[1][1])
        return cli_usage(cmd, "オプション「%s」は使えません", argv[1]);
    if (argc > 2)
        return cli_usage(cmd, "余分な引数「%s」があります", argv[2]);
    *id = argv[1];
    return 0;
}

int browse_format(const struct command *cmd, const char *s, enum table_format *fmt)
{
    if (table_format_parse(s, fmt))
        return cli_usage(cmd, "--format は table, tsv, json のいずれかです（「%s」は使えません）", s);
    return 0;
}

int browse_list_format_only(const struct command *cmd, int argc, char **argv,
                            enum table_format *fmt)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'}, {0, 0, 0, 0}};
    *fmt = TABLE_TEXT;
    optind = 0;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:", opts, NULL)) != -1;) {
        if (c != 'f')
            return browse_opt_error(cmd, c, argv);
        if (browse_format(cmd, optarg, fmt))
            return 2;
    }
    if (optind < argc)
        return cli_usage(cmd, "余分な引数「%s」があります", argv[optind]);
    return 0;
}

int browse_not_found(const char *kind, const char *id)
{
    fprintf(stderr, "mamori: %s「%s」は見つかりません\n", kind, id);
    return 1;
}

int browse_query(struct store *st, const char *sql, const char *const *params, size_t n,
                 browse_row_fn row, void *ctx, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        store_bind_text(s, (int)i + 1, params[i]);
    for (;;) {
        rc = store_step(s, err);
        if (rc == STORE_DONE) {
            rc = MM_OK;
            break;
        }
        if (rc != STORE_ROW)
            break;
        rc = row(s, ctx);
        if (rc)
            break;
    }
    store_finalize(s);
    return rc;
}

static int count_row(struct store_stmt *s, void *ctx)
{
    (void)s;
    ++*(long long *)ctx;
    return 0;
}

long long browse_count(struct store *st, const char *sql, const char *const *params, size_t n,
                       struct mm_err *err)
{
    long long count = 0;
    if (browse_query(st, sql, params, n, count_row, &count, err))
        return -1;
    return count;
}

int browse_exists(struct store *st, const char *sql, const char *id, const char *kind,
                  int *missing, struct mm_err *err)
{
    long long n = browse_count(st, sql, &id, 1, err);
    if (n < 0)
        return err->code ? err->code : MM_EINTERNAL;
    if (n == 0) {
        browse_not_found(kind, id);
        *missing = 1;
    }
    return MM_OK;
}

void show_field(const char *label, const char *value)
{
    fputs("  ", stdout);
    print_padded(stdout, label, LABEL_WIDTH);
    fputs("  ", stdout);
    puts(value && *value ? value : "—");
}

void show_fieldf(const char *label, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    show_field(label, buf);
}

void show_date(const char *label, const char *iso)
{
    char buf[128];
    wareki_annotate(iso, buf, sizeof buf);
    show_field(label, buf);
}

const char *browse_today(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(buf, size, "%Y-%m-%d", &tm);
    return buf;
}

const char *browse_period(const char *from, const char *to, char *buf, size_t size)
{
    char a[128], b[128];
    wareki_annotate(from, a, sizeof a);
    wareki_annotate(to, b, sizeof b);
    snprintf(buf, size, "%s〜%s", a, b);
    return buf;
}

const char *browse_state_text(const char *state)
{
    if (state && strcmp(state, "ended") == 0)
        return "（終了）";
    if (state && strcmp(state, "future") == 0)
        return "（開始前）";
    return "";
}

const char *browse_scope_text(struct store_stmt *s, char *buf, size_t size)
{
    const char *label = COL(s, RA_SCOPE_LABEL) ? COL(s, RA_SCOPE_LABEL) : COL(s, RA_SCOPE_TYPE);
    if (!COL(s, RA_SCOPE_ID))
        snprintf(buf, size, "%s", label ? label : "");
    else
        snprintf(buf, size, "%s %s（%s）", label ? label : "",
                 COL(s, RA_SCOPE_NAME) ? COL(s, RA_SCOPE_NAME) : "?", COL(s, RA_SCOPE_ID));
    return buf;
}

int browse_print_assignment(struct store_stmt *s, void *flags)
{
    int f = *(int *)flags;
    char period[300], scope[300];
    printf("  ・%s", COL(s, RA_ROLE_LABEL) ? COL(s, RA_ROLE_LABEL) : COL(s, RA_ROLE));
    if (f & BROWSE_RA_PERSON)
        printf("  %s（%s）", COL(s, RA_PERSON) ? COL(s, RA_PERSON) : "?", COL(s, RA_PERSON_ID));
    if (f & BROWSE_RA_SCOPE)
        printf("  %s", browse_scope_text(s, scope, sizeof scope));
    printf("  %s%s  [%s]\n", browse_period(COL(s, RA_FROM), COL(s, RA_TO), period, sizeof period),
           browse_state_text(COL(s, RA_STATE)), COL(s, RA_ID));
    if (COL(s, RA_NOTE))
        printf("      備考: %s\n", COL(s, RA_NOTE));
    return 0;
}
