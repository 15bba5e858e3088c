/*
 * pdca_args.c — argument handling shared by the training, assessment and audit commands.
 */
#include "cli/pdca_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/browse.h"

static int listed(const char *const *list, const char *name, size_t len)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strlen(list[i]) == len && !strncmp(list[i], name, len))
            return 1;
    return 0;
}

int pargs_parse(const struct command *cmd, int argc, char **argv, int first,
                const char *const *opts, const char *const *flags, struct pargs *a)
{
    memset(a, 0, sizeof *a);
    for (int i = first; i < argc; i++) {
        const char *s = argv[i];
        if (strncmp(s, "--", 2) != 0 || !s[2]) {
            if (a->npos >= 8)
                return cli_usage(cmd, "引数が多すぎます（「%s」）", s);
            a->pos[a->npos++] = s;
            continue;
        }
        const char *name = s + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        if (a->n >= PARGS_MAX)
            return cli_usage(cmd, "オプションが多すぎます");
        if (listed(flags, name, len) && !eq) {
            a->key[a->n] = name;
            a->keylen[a->n] = len;
            a->val[a->n++] = "1";
        } else if (listed(opts, name, len)) {
            const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v)
                return cli_usage(cmd, "--%.*s には値が必要です", (int)len, name);
            a->key[a->n] = name;
            a->keylen[a->n] = len;
            a->val[a->n++] = v;
        } else
            return cli_usage(cmd, "オプション「%s」は使えません", s);
    }
    return 0;
}

const char *pargs_get(const struct pargs *a, const char *key)
{
    for (int i = a->n - 1; i >= 0; i--)
        if (strlen(key) == a->keylen[i] && !strncmp(a->key[i], key, a->keylen[i]))
            return a->val[i];
    return NULL;
}

int pargs_flag(const struct pargs *a, const char *key)
{
    return pargs_get(a, key) != NULL;
}

int pargs_actor(const struct command *cmd, const struct pargs *a, struct pdca_actor *actor,
                char *buf, size_t size, char today[16])
{
    const char *asof = pargs_get(a, "as-of");
    if (asof && !pdca_date_ok(asof))
        return cli_usage(cmd, "--as-of「%s」は YYYY-MM-DD の日付ではありません", asof);
    snprintf(today, 16, "%s", asof ? asof : "");
    if (!asof)
        browse_today(today, 16);
    audit_actor_cli(&actor->log, buf, size);
    actor->person_id = pargs_get(a, "by");
    actor->today = today;
    return 0;
}

int pargs_nendo(const struct command *cmd, const struct pargs *a, int *fy)
{
    const char *s = pargs_get(a, "nendo");
    if (!s) {
        char today[16];
        browse_today(today, sizeof today);
        *fy = pdca_fiscal_year(today);
        return 0;
    }
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 1 || (v > 99 && (v < 2000 || v > 9998)))
        return cli_usage(cmd, "--nendo「%s」は年度（2026 又は令和の年 8）ではありません", s);
    *fy = v <= 99 ? (int)v + 2018 : (int)v;
    return 0;
}

int pargs_format(const struct command *cmd, const struct pargs *a, enum table_format *fmt)
{
    const char *f = pargs_get(a, "format");
    *fmt = TABLE_TEXT;
    if (f && table_format_parse(f, fmt))
        return cli_usage(cmd, "--format「%s」は使えません（table, tsv, json）", f);
    return 0;
}

int pargs_id(const struct command *cmd, const char *s, const char *what, long long *out)
{
    char *end;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || *end || v <= 0)
        return cli_usage(cmd, "%sの番号を指定してください（「%s」）", what, s ? s : "");
    *out = v;
    return 0;
}

int pargs_read_file(const char *path, char **data, size_t *len, struct mm_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return mm_err_set(err, MM_EINPUT, "%s を開けません: %s", path, cli_strerror(errno));
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_add(&sb, buf, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        strbuf_release(&sb);
        return mm_err_set(err, MM_EINPUT, "%s を読めません", path);
    }
    *len = sb.len;
    *data = strbuf_detach(&sb);
    return MM_OK;
}

struct list_ctx {
    struct table *t;
    size_t ncols;
};

static int add_row(struct store_stmt *s, void *ctx)
{
    struct list_ctx *l = ctx;
    const char *cells[64];
    for (size_t i = 0; i < l->ncols && i < 64; i++)
        cells[i] = store_col_text(s, (int)i);
    table_add_row(l->t, cells);
    return 0;
}

int pargs_list(struct cli *cli, const char *sql, const char *types, const void *const *params,
               const struct table_column *cols, size_t ncols, enum table_format fmt)
{
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct table t;
    table_init(&t, cols, ncols);
    struct store_stmt *s = NULL;
    rc = store_begin_read(st, &err);
    if (!rc)
        rc = store_prepare(st, sql, &s, &err);
    for (int i = 0; !rc && types && types[i]; i++) {
        if (types[i] == 'i')
            store_bind_int(s, i + 1, *(const long long *)params[i]);
        else
            store_bind_text(s, i + 1, params[i]);
    }
    struct list_ctx l = {&t, ncols};
    if (!rc) {
        while ((rc = store_step(s, &err)) == STORE_ROW)
            add_row(s, &l);
        if (rc == STORE_DONE)
            rc = MM_OK;
    }
    if (s)
        store_finalize(s);
    store_rollback(st);
    store_close(st);
    if (!rc)
        table_print(&t, fmt, stdout);
    table_free(&t);
    return rc ? cli_fail(&err) : 0;
}

int pargs_dispatch(const struct command *cmd, const struct browse_sub *subs, int argc,
                   char **argv, struct cli *cli)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs(cmd->usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; subs[i].name; i++)
        if (!strcmp(argv[1], subs[i].name))
            return subs[i].run(argc - 1, argv + 1, cli);
    return cli_usage(cmd, "サブコマンド「%s」はありません", argv[1]);
}

int pargs_nendo_format(const struct command *cmd, int argc, char **argv, struct pargs *a, int *fy,
                       enum table_format *fmt)
{
    static const char *const opts[] = {"nendo", "format", NULL};
    if (pargs_parse(cmd, argc, argv, 1, opts, NULL, a) || pargs_nendo(cmd, a, fy) ||
        pargs_format(cmd, a, fmt))
        return 2;
    return 0;
}
