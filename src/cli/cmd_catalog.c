/*
 * cmd_catalog.c — `mamori catalog list|show|coverage|roles`: browse the 対策基準 clauses, their
 * place in the tree, the role marks of the 権限・責任等一覧表, and what covers each clause.
 * Output as an aligned table (fits 100 columns), TSV or JSON.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "util/strbuf.h"

enum fmt { FMT_TABLE, FMT_TSV, FMT_JSON };

struct opts {
    enum fmt fmt;
    const char *section, *role, *revision;
    int recommended, clauses;
};

/* ---- text width (East Asian wide = 2 columns) ------------------------------------------ */

/* Display width of UTF-8 text as the terminal shows it (wcwidth; unknown = 1). */
static size_t text_width(const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t w = 0, n = strlen(s);
    while (n) {
        wchar_t wc;
        size_t k = mbrtowc(&wc, s, n, &st);
        if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
            k = 1;
            memset(&st, 0, sizeof st);
            w++;
        } else {
            int cw = wcwidth(wc);
            w += cw < 0 ? 1 : (size_t)cw;
        }
        s += k;
        n -= k;
    }
    return w;
}

/* Prints s cut to `width` columns (ending in … when cut) and padded to exactly `width`. */
static void print_cell(const char *s, size_t width, int pad)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t total = text_width(s), w = 0, n = strlen(s);
    const char *p = s;
    if (total > width) {
        while (n) {
            wchar_t wc;
            size_t k = mbrtowc(&wc, p, n, &st);
            int cw = 1;
            if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
                k = 1;
            else if (wcwidth(wc) >= 0)
                cw = wcwidth(wc);
            if (w + (size_t)cw + 1 > width)
                break;
            fwrite(p, 1, k, stdout);
            w += (size_t)cw;
            p += k;
            n -= k;
        }
        fputs("…", stdout);
        w++;
    } else {
        fputs(s, stdout);
        w = total;
    }
    if (pad)
        for (; w < width; w++)
            putchar(' ');
}

/* ---- loading clauses and marks ----------------------------------------------------------- */

struct mark {
    char *role, *short_label, *label, *mark;
};

struct clause {
    char *id, *parent, *section, *title, *status, *status_label;
    int recommended;
    long source_line, sort;
    struct mark *marks;
    size_t nmarks;
};

struct clauses {
    struct clause *v;
    size_t n;
};

static char *dup_col(struct store_stmt *s, int col)
{
    const char *t = store_col_text(s, col);
    char *d = strdup(t ? t : "");
    if (!d)
        abort();
    return d;
}

static void clauses_free(struct clauses *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        struct clause *c = &cs->v[i];
        free(c->id), free(c->parent), free(c->section), free(c->title), free(c->status);
        free(c->status_label);
        for (size_t j = 0; j < c->nmarks; j++) {
            free(c->marks[j].role), free(c->marks[j].short_label);
            free(c->marks[j].label), free(c->marks[j].mark);
        }
        free(c->marks);
    }
    free(cs->v);
    cs->v = NULL;
    cs->n = 0;
}

#define CLAUSE_COLS                                                                           \
    "SELECT c.id, c.parent_id, c.section, c.title, c.recommended, c.status, c.source_line, "  \
    "c.sort, s.label FROM catalog_clause c JOIN catalog_status s ON s.code = c.status "

/* Appends the rows of a prepared clause query (CLAUSE_COLS) to cs. */
static int read_clauses(struct store_stmt *s, struct clauses *cs, struct mm_err *err)
{
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct clause *nv = realloc(cs->v, (cs->n + 1) * sizeof *nv);
        if (!nv)
            abort();
        cs->v = nv;
        struct clause *c = &cs->v[cs->n++];
        memset(c, 0, sizeof *c);
        c->id = dup_col(s, 0);
        c->parent = dup_col(s, 1);
        c->section = dup_col(s, 2);
        c->title = dup_col(s, 3);
        c->recommended = (int)store_col_int(s, 4);
        c->status = dup_col(s, 5);
        c->source_line = (long)store_col_int(s, 6);
        c->sort = (long)store_col_int(s, 7);
        c->status_label = dup_col(s, 8);
    }
    return rc == STORE_DONE ? MM_OK : rc;
}

/* Attaches the marks of the revision to the clauses (both ordered by clause sort). */
static int attach_marks(struct store *st, const char *rev, struct clauses *cs,
                        struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st,
                           "SELECT c.sort, r.code, r.short_label, r.label, m.mark "
                           "FROM catalog_mark m JOIN catalog_role r ON r.code = m.role "
                           "JOIN catalog_clause c ON c.revision = m.revision AND c.id = m.clause_id "
                           "WHERE m.revision = ? ORDER BY c.sort, r.sort",
                           &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, rev);
    size_t k = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        long sort = (long)store_col_int(s, 0);
        while (k < cs->n && cs->v[k].sort < sort)
            k++;
        if (k == cs->n)
            continue; /* keep reading to the end: the statement must finish cleanly */
        if (cs->v[k].sort != sort)
            continue;
        struct clause *c = &cs->v[k];
        struct mark *nm = realloc(c->marks, (c->nmarks + 1) * sizeof *nm);
        if (!nm)
            abort();
        c->marks = nm;
        c->marks[c->nmarks++] =
            (struct mark){dup_col(s, 1), dup_col(s, 2), dup_col(s, 3), dup_col(s, 4)};
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

/* ---- shared option handling -------------------------------------------------------------- */

static int parse_opts(int argc, char **argv, struct opts *o, const char *allowed)
{
    static const struct option lo[] = {{"format", required_argument, NULL, 'f'},
                                       {"section", required_argument, NULL, 's'},
                                       {"role", required_argument, NULL, 'r'},
                                       {"revision", required_argument, NULL, 'v'},
                                       {"recommended", no_argument, NULL, 'R'},
                                       {"clauses", no_argument, NULL, 'c'},
                                       {"help", no_argument, NULL, 'h'},
                                       {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    optind = 0;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "h", lo, NULL)) != -1;) {
        if (c == 'h')
            return -2;
        if (c == '?' || c == ':' || !strchr(allowed, c)) {
            const char *bad = argv[optind - 1];
            return cli_usage(&cmd_catalog_def, "%s では「%s」を使えません", argv[0],
                             c == '?' || c == ':' ? bad : bad);
        }
        if (c == 'f') {
            if (strcmp(optarg, "table") == 0)
                o->fmt = FMT_TABLE;
            else if (strcmp(optarg, "tsv") == 0)
                o->fmt = FMT_TSV;
            else if (strcmp(optarg, "json") == 0)
                o->fmt = FMT_JSON;
            else
                return cli_usage(&cmd_catalog_def,
                                 "--format は table, tsv, json のいずれかです（「%s」）", optarg);
        } else if (c == 's') {
            const char *p = optarg;
            int ok = *p >= '1' && *p <= '9';
            for (; *p && ok; p++)
                ok = (*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9');
            if (!ok)
                return cli_usage(&cmd_catalog_def,
                                 "--section は 6 や 6.2 のような節の番号です（「%s」）", optarg);
            o->section = optarg;
        } else if (c == 'r') {
            o->role = optarg;
        } else if (c == 'v') {
            o->revision = optarg;
        } else if (c == 'R') {
            o->recommended = 1;
        } else if (c == 'c') {
            o->clauses = 1;
        }
    }
    return 0;
}

/* Resolves the revision: the one named (must exist) or the newest loaded. */
static int pick_revision(struct store *st, const struct opts *o, char *rev, size_t sz)
{
    struct mm_err err;
    mm_err_clear(&err);
    if (!o->revision) {
        int rc = catalog_current_revision(st, rev, sz, &err);
        return rc ? cli_fail(&err) : 0;
    }
    struct store_stmt *s;
    int rc = store_prepare(st, "SELECT COUNT(*) FROM catalog_revision WHERE code = ?", &s, &err);
    if (rc)
        return cli_fail(&err);
    store_bind_text(s, 1, o->revision);
    long long n = store_step(s, &err) == STORE_ROW ? store_col_int(s, 0) : -1;
    store_finalize(s);
    if (n < 0)
        return cli_fail(&err);
    if (n == 0) {
        fprintf(stderr, "mamori catalog: 条項集の版「%s」はありません\n", o->revision);
        return 2;
    }
    snprintf(rev, sz, "%s", o->revision);
    return 0;
}

/* "N.%" for a section filter, so that --section 6 also takes 6.1 … 6.6. */
static void section_like(const char *section, char *out, size_t sz)
{
    snprintf(out, sz, "%s.%%", section);
}

static void marks_text(const struct clause *c, struct strbuf *sb, int codes)
{
    for (size_t j = 0; j < c->nmarks; j++) {
        if (j)
            strbuf_addstr(sb, codes ? "," : " ");
        if (codes)
            strbuf_addf(sb, "%s=%s", c->marks[j].role, c->marks[j].mark);
        else
            strbuf_addf(sb, "%s%s", c->marks[j].short_label, c->marks[j].mark);
    }
}

static json_t *clause_json(const struct clause *c)
{
    json_t *m = json_object();
    for (size_t j = 0; j < c->nmarks; j++)
        json_object_set_new(m, c->marks[j].role, json_string(c->marks[j].mark));
    return json_pack("{s:s, s:s?, s:s, s:s, s:b, s:s, s:i, s:o}", "id", c->id, "parent",
                     *c->parent ? c->parent : NULL, "section", c->section, "title", c->title,
                     "recommended", c->recommended, "status", c->status, "source_line",
                     (json_int_t)c->source_line, "marks", m);
}

static void print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (s)
        puts(s);
    free(s);
    json_decref(j);
}

/* ---- list -------------------------------------------------------------------------------- */

static int catalog_list(int argc, char **argv, struct cli *cli)
{
    struct opts o;
    int rc = parse_opts(argc, argv, &o, "fsrvR");
    if (rc == -2) {
        fputs(cmd_catalog_def.usage, stdout);
        return 0;
    }
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage(&cmd_catalog_def, "余分な引数「%s」があります", argv[optind]);
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st)))
        return rc;
    char rev[64], like[64];
    if ((rc = pick_revision(st, &o, rev, sizeof rev))) {
        store_close(st);
        return rc;
    }
    struct mm_err err;
    mm_err_clear(&err);
    if (o.role) {
        long long n = 0;
        struct store_stmt *s;
        rc = store_prepare(st, "SELECT COUNT(*) FROM catalog_role WHERE code = ?", &s, &err);
        if (!rc) {
            store_bind_text(s, 1, o.role);
            n = store_step(s, &err) == STORE_ROW ? store_col_int(s, 0) : 0;
            store_finalize(s);
        }
        if (n == 0) {
            store_close(st);
            fprintf(stderr,
                    "mamori catalog: 役割「%s」はありません。'mamori catalog roles' で一覧を"
                    "表示します\n",
                    o.role);
            return 2;
        }
    }
    section_like(o.section ? o.section : "", like, sizeof like);
    struct store_stmt *s;
    rc = store_prepare(
        st,
        CLAUSE_COLS
        "WHERE c.revision = ? AND (? IS NULL OR c.section = ? OR c.section LIKE ?) "
        "AND (? = 0 OR c.recommended = 1) "
        "AND (? IS NULL OR EXISTS (SELECT 1 FROM catalog_mark m WHERE m.revision = c.revision "
        "AND m.clause_id = c.id AND m.role = ?)) ORDER BY c.sort",
        &s, &err);
    struct clauses cs = {0};
    if (!rc) {
        store_bind_text(s, 1, rev);
        store_bind_text(s, 2, o.section);
        store_bind_text(s, 3, o.section);
        store_bind_text(s, 4, like);
        store_bind_int(s, 5, o.recommended);
        store_bind_text(s, 6, o.role);
        store_bind_text(s, 7, o.role);
        rc = read_clauses(s, &cs, &err);
        store_finalize(s);
    }
    if (!rc)
        rc = attach_marks(st, rev, &cs, &err);
    store_close(st);
    if (rc) {
        clauses_free(&cs);
        return cli_fail(&err);
    }
    if (o.fmt == FMT_JSON) {
        json_t *a = json_array();
        for (size_t i = 0; i < cs.n; i++)
            json_array_append_new(a, clause_json(&cs.v[i]));
        print_json(json_pack("{s:s, s:o}", "revision", rev, "clauses", a));
    } else if (o.fmt == FMT_TSV) {
        puts("id\tparent\tsection\ttitle\trecommended\tstatus\tsource_line\tmarks");
        for (size_t i = 0; i < cs.n; i++) {
            struct clause *c = &cs.v[i];
            struct strbuf sb = STRBUF_INIT;
            marks_text(c, &sb, 1);
            printf("%s\t%s\t%s\t%s\t%d\t%s\t%ld\t%s\n", c->id, c->parent, c->section, c->title,
                   c->recommended, c->status, c->source_line, sb.buf);
            strbuf_release(&sb);
        }
    } else {
        print_cell("条項", 16, 1);
        print_cell(" 推奨 ", 6, 1);
        print_cell("表題", 44, 1);
        puts(" 記号");
        for (size_t i = 0; i < cs.n; i++) {
            struct clause *c = &cs.v[i];
            struct strbuf sb = STRBUF_INIT;
            marks_text(c, &sb, 0);
            print_cell(c->id, 16, 1);
            fputs(c->recommended ? " 推奨 " : "      ", stdout);
            print_cell(c->title, 44, 1);
            putchar(' ');
            print_cell(sb.buf, 33, 0);
            putchar('\n');
            strbuf_release(&sb);
        }
        printf("%zu 件（条項集 %s）\n", cs.n, rev);
    }
    clauses_free(&cs);
    return 0;
}

/* ---- show -------------------------------------------------------------------------------- */

static int query_one_clause(struct store *st, const char *rev, const char *id, struct clauses *cs,
                            struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(st, CLAUSE_COLS "WHERE c.revision = ? AND c.id = ?", &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, rev);
    store_bind_text(s, 2, id);
    rc = read_clauses(s, cs, err);
    store_finalize(s);
    return rc;
}

static int catalog_show(int argc, char **argv, struct cli *cli)
{
    struct opts o;
    int rc = parse_opts(argc, argv, &o, "fv");
    if (rc == -2) {
        fputs(cmd_catalog_def.usage, stdout);
        return 0;
    }
    if (rc)
        return rc;
    if (optind + 1 != argc)
        return cli_usage(&cmd_catalog_def, "show には条項番号を1つ指定してください（例: 6.2(1)③）");
    char id[CATALOG_ID_MAX];
    if (catalog_id_normalise(argv[optind], id, sizeof id))
        return cli_usage(&cmd_catalog_def,
                         "「%s」は条項番号の形ではありません（例: 6.2(1)③(ウ)、1(1)①、9.3）",
                         argv[optind]);
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st)))
        return rc;
    char rev[64];
    if ((rc = pick_revision(st, &o, rev, sizeof rev))) {
        store_close(st);
        return rc;
    }
    struct mm_err err;
    mm_err_clear(&err);
    struct clauses self = {0}, chain = {0}, kids = {0};
    rc = query_one_clause(st, rev, id, &self, &err);
    if (!rc && self.n == 0) {
        store_close(st);
        fprintf(stderr, "mamori catalog: 条項「%s」は条項集 %s にありません\n", id, rev);
        return 1;
    }
    /* Ancestors, root first: walk up by id (the tree is at most 6 deep). */
    char up[CATALOG_ID_MAX];
    snprintf(up, sizeof up, "%s", self.v[0].parent);
    while (!rc && *up) {
        struct clauses one = {0};
        rc = query_one_clause(st, rev, up, &one, &err);
        if (rc || one.n == 0) {
            clauses_free(&one);
            break;
        }
        struct clause *nv = realloc(chain.v, (chain.n + 1) * sizeof *nv);
        if (!nv)
            abort();
        chain.v = nv;
        memmove(chain.v + 1, chain.v, chain.n * sizeof *nv);
        chain.v[0] = one.v[0];
        chain.n++;
        snprintf(up, sizeof up, "%s", one.v[0].parent);
        free(one.v);
    }
    struct store_stmt *s;
    if (!rc)
        rc = store_prepare(st, CLAUSE_COLS "WHERE c.revision = ? AND c.parent_id = ? ORDER BY c.sort",
                           &s, &err);
    if (!rc) {
        store_bind_text(s, 1, rev);
        store_bind_text(s, 2, id);
        rc = read_clauses(s, &kids, &err);
        store_finalize(s);
    }
    if (!rc)
        rc = attach_marks(st, rev, &self, &err);
    long long cov[3] = {0, 0, 0};
    static const char *const kinds[] = {"rule", "assessment", "workflow"};
    for (int k = 0; !rc && k < 3; k++) {
        rc = store_prepare(st,
                           "SELECT COUNT(*) FROM catalog_coverage WHERE revision = ? AND "
                           "clause_id = ? AND kind = ?",
                           &s, &err);
        if (rc)
            break;
        store_bind_text(s, 1, rev);
        store_bind_text(s, 2, id);
        store_bind_text(s, 3, kinds[k]);
        if (store_step(s, &err) == STORE_ROW)
            cov[k] = store_col_int(s, 0);
        store_finalize(s);
    }
    store_close(st);
    if (rc) {
        clauses_free(&self), clauses_free(&chain), clauses_free(&kids);
        return cli_fail(&err);
    }
    const struct clause *c = &self.v[0];
    if (o.fmt == FMT_JSON) {
        json_t *j = clause_json(c), *a = json_array(), *k = json_array(), *ml = json_array();
        for (size_t i = 0; i < chain.n; i++)
            json_array_append_new(a, json_pack("{s:s, s:s}", "id", chain.v[i].id, "title",
                                               chain.v[i].title));
        for (size_t i = 0; i < kids.n; i++)
            json_array_append_new(k, json_pack("{s:s, s:s}", "id", kids.v[i].id, "title",
                                               kids.v[i].title));
        for (size_t i = 0; i < c->nmarks; i++)
            json_array_append_new(ml, json_pack("{s:s, s:s, s:s}", "role", c->marks[i].role,
                                                "label", c->marks[i].label, "mark",
                                                c->marks[i].mark));
        json_object_set_new(j, "revision", json_string(rev));
        json_object_set_new(j, "status_label", json_string(c->status_label));
        json_object_set_new(j, "ancestors", a);
        json_object_set_new(j, "children", k);
        json_object_set_new(j, "role_marks", ml);
        json_object_set_new(j, "coverage", json_pack("{s:I, s:I, s:I}", "rule", cov[0],
                                                     "assessment", cov[1], "workflow", cov[2]));
        print_json(j);
    } else if (o.fmt == FMT_TSV) {
        puts("field\tvalue");
        printf("id\t%s\ntitle\t%s\nsection\t%s\nparent\t%s\nrecommended\t%d\nstatus\t%s\n"
               "source_line\t%ld\n",
               c->id, c->title, c->section, c->parent, c->recommended, c->status,
               c->source_line);
        for (size_t i = 0; i < c->nmarks; i++)
            printf("mark.%s\t%s\n", c->marks[i].role, c->marks[i].mark);
        for (size_t i = 0; i < kids.n; i++)
            printf("child\t%s\n", kids.v[i].id);
        printf("coverage.rule\t%lld\ncoverage.assessment\t%lld\ncoverage.workflow\t%lld\n",
               cov[0], cov[1], cov[2]);
    } else {
        printf("%s  %s\n", c->id, c->title);
        printf("  条項集      %s\n", rev);
        printf("  推奨事項    %s\n", c->recommended ? "はい（【推奨事項】）" : "いいえ");
        printf("  記号の根拠  %s（%s）\n", c->status_label, c->status);
        printf("  原文        ガイドライン本文 %ld 行目\n", c->source_line);
        printf("  上位\n");
        if (chain.n == 0)
            printf("    （なし: 章）\n");
        for (size_t i = 0; i < chain.n; i++)
            printf("    %*s%s  %s\n", (int)(2 * i), "", chain.v[i].id, chain.v[i].title);
        printf("  下位\n");
        if (kids.n == 0)
            printf("    （なし）\n");
        for (size_t i = 0; i < kids.n; i++) {
            printf("    %s  ", kids.v[i].id);
            print_cell(kids.v[i].title, 80, 0);
            putchar('\n');
        }
        printf("  役割と記号（権限・責任等一覧表）\n");
        if (c->nmarks == 0)
            printf("    （記号なし）\n");
        for (size_t i = 0; i < c->nmarks; i++) {
            printf("    %s  ", c->marks[i].mark);
            print_cell(c->marks[i].label, 32, 1);
            printf("  %s\n", c->marks[i].role);
        }
        printf("  対応        自動ルール %lld / 自己点検 %lld / ワークフロー %lld\n", cov[0],
               cov[1], cov[2]);
    }
    clauses_free(&self), clauses_free(&chain), clauses_free(&kids);
    return 0;
}

/* ---- coverage ---------------------------------------------------------------------------- */

/* A clause (not a heading) counts once per kind that covers it at least once. */
#define COVERED(kind)                                                                          \
    "SUM(CASE WHEN EXISTS (SELECT 1 FROM catalog_coverage v WHERE v.revision = c.revision "     \
    "AND v.clause_id = c.id AND v.kind = '" kind "') THEN 1 ELSE 0 END)"
#define UNCOVERED                                                                              \
    "SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM catalog_coverage v WHERE v.revision = c.revision " \
    "AND v.clause_id = c.id) THEN 1 ELSE 0 END)"

struct cov_row {
    char *key, *title;
    long long n, rule, assessment, workflow, none;
};

static int catalog_coverage(int argc, char **argv, struct cli *cli)
{
    struct opts o;
    int rc = parse_opts(argc, argv, &o, "fsvc");
    if (rc == -2) {
        fputs(cmd_catalog_def.usage, stdout);
        return 0;
    }
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage(&cmd_catalog_def, "余分な引数「%s」があります", argv[optind]);
    int per_clause = o.clauses || o.section;
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st)))
        return rc;
    char rev[64], like[64];
    if ((rc = pick_revision(st, &o, rev, sizeof rev))) {
        store_close(st);
        return rc;
    }
    section_like(o.section ? o.section : "", like, sizeof like);
    struct mm_err err;
    mm_err_clear(&err);
    struct store_stmt *s;
    const char *sql_sections =
        "SELECT c.section, (SELECT h.title FROM catalog_clause h WHERE h.revision = c.revision "
        "AND h.id = c.section), COUNT(*), " COVERED("rule") ", " COVERED("assessment") ", " COVERED(
            "workflow") ", " UNCOVERED " FROM catalog_clause c "
                        "WHERE c.revision = ? AND c.status <> 'heading' "
                        "AND (? IS NULL OR c.section = ? OR c.section LIKE ?) "
                        "GROUP BY c.revision, c.section ORDER BY MIN(c.sort)";
    const char *sql_clauses =
        "SELECT c.id, c.title, 1, " COVERED("rule") ", " COVERED("assessment") ", " COVERED(
            "workflow") ", " UNCOVERED " FROM catalog_clause c "
                        "WHERE c.revision = ? AND c.status <> 'heading' "
                        "AND (? IS NULL OR c.section = ? OR c.section LIKE ?) "
                        "GROUP BY c.revision, c.id, c.title, c.sort ORDER BY c.sort";
    rc = store_prepare(st, per_clause ? sql_clauses : sql_sections, &s, &err);
    struct cov_row *rows = NULL, tot = {0};
    size_t n = 0;
    if (!rc) {
        store_bind_text(s, 1, rev);
        store_bind_text(s, 2, o.section);
        store_bind_text(s, 3, o.section);
        store_bind_text(s, 4, like);
        while ((rc = store_step(s, &err)) == STORE_ROW) {
            struct cov_row *nr = realloc(rows, (n + 1) * sizeof *nr);
            if (!nr)
                abort();
            rows = nr;
            struct cov_row *r = &rows[n++];
            r->key = dup_col(s, 0);
            r->title = dup_col(s, 1);
            r->n = store_col_int(s, 2);
            r->rule = store_col_int(s, 3);
            r->assessment = store_col_int(s, 4);
            r->workflow = store_col_int(s, 5);
            r->none = store_col_int(s, 6);
            tot.n += r->n, tot.rule += r->rule, tot.assessment += r->assessment;
            tot.workflow += r->workflow, tot.none += r->none;
        }
        rc = rc == STORE_DONE ? MM_OK : rc;
        store_finalize(s);
    }
    long long filled = 0;
    if (!rc)
        rc = store_query_int(st, "SELECT COUNT(*) FROM catalog_coverage", &filled, &err);
    store_close(st);
    if (rc) {
        for (size_t i = 0; i < n; i++)
            free(rows[i].key), free(rows[i].title);
        free(rows);
        return cli_fail(&err);
    }
    const char *keyname = per_clause ? "clause" : "section";
    if (o.fmt == FMT_JSON) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(
                a, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", keyname, rows[i].key, "title",
                             rows[i].title, "clauses", rows[i].n, "rule", rows[i].rule,
                             "assessment", rows[i].assessment, "workflow", rows[i].workflow,
                             "uncovered", rows[i].none));
        print_json(json_pack("{s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I}, s:b}", "revision", rev,
                             per_clause ? "clauses" : "sections", a, "total", "clauses", tot.n,
                             "rule", tot.rule, "assessment", tot.assessment, "workflow",
                             tot.workflow, "uncovered", tot.none, "coverage_recorded",
                             filled > 0));
    } else if (o.fmt == FMT_TSV) {
        printf("%s\ttitle\tclauses\trule\tassessment\tworkflow\tuncovered\n", keyname);
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%lld\t%lld\t%lld\t%lld\t%lld\n", rows[i].key, rows[i].title,
                   rows[i].n, rows[i].rule, rows[i].assessment, rows[i].workflow, rows[i].none);
    } else {
        print_cell(per_clause ? "条項" : "節", 16, 1);
        print_cell(" 表題", 37, 1);
        puts(per_clause ? "        自動ルール 自己点検 ワークフロー 未対応"
                        : " 条項数 自動ルール 自己点検 ワークフロー 未対応");
        for (size_t i = 0; i < n; i++) {
            print_cell(rows[i].key, 16, 1);
            putchar(' ');
            print_cell(rows[i].title, 36, 1);
            if (!per_clause)
                printf(" %6lld", rows[i].n);
            else
                printf("       ");
            printf(" %10lld %8lld %12lld %6lld\n", rows[i].rule, rows[i].assessment,
                   rows[i].workflow, rows[i].none);
        }
        print_cell("合計", 16, 1);
        putchar(' ');
        print_cell("", 36, 1);
        printf(" %6lld %10lld %8lld %12lld %6lld\n", tot.n, tot.rule, tot.assessment,
               tot.workflow, tot.none);
        printf("条項集 %s。数は見出しを除く条項の数です。\n", rev);
        if (filled == 0)
            printf("※ 自動ルール（mamori check）、自己点検の設問、ワークフローはまだ条項に"
                   "対応づけられていません。\n   それぞれの機能が入ると、これらの列が埋まります。"
                   "現在の 0 は「未対応」を意味します。\n");
        else if (tot.assessment == 0 && tot.workflow == 0)
            printf("※ 自己点検の設問とワークフローはまだ条項に対応づけられていません。"
                   "それぞれの機能が入ると、\n   これらの列が埋まります。"
                   "現在の 0 は「未対応」を意味します。\n");
    }
    for (size_t i = 0; i < n; i++)
        free(rows[i].key), free(rows[i].title);
    free(rows);
    return 0;
}

/* ---- roles ------------------------------------------------------------------------------- */

static int catalog_roles(int argc, char **argv, struct cli *cli)
{
    struct opts o;
    int rc = parse_opts(argc, argv, &o, "f");
    if (rc == -2) {
        fputs(cmd_catalog_def.usage, stdout);
        return 0;
    }
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage(&cmd_catalog_def, "余分な引数「%s」があります", argv[optind]);
    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st)))
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct store_stmt *s;
    rc = store_prepare(st,
                       "SELECT r.code, r.label, r.short_label, r.role, "
                       "(SELECT COUNT(*) FROM catalog_mark m WHERE m.role = r.code) "
                       "FROM catalog_role r ORDER BY r.sort",
                       &s, &err);
    if (rc) {
        store_close(st);
        return cli_fail(&err);
    }
    json_t *a = json_array();
    if (o.fmt == FMT_TSV)
        puts("code\tlabel\tshort_label\trole\tmarks");
    else if (o.fmt == FMT_TABLE)
        puts("コード            列（権限・責任等一覧表）            略称      割当の役割        記号数");
    while ((rc = store_step(s, &err)) == STORE_ROW) {
        const char *code = store_col_text(s, 0), *label = store_col_text(s, 1),
                   *sl = store_col_text(s, 2), *role = store_col_text(s, 3);
        long long m = store_col_int(s, 4);
        if (o.fmt == FMT_JSON) {
            json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s?, s:I}", "code", code,
                                               "label", label, "short_label", sl, "role", role,
                                               "marks", m));
        } else if (o.fmt == FMT_TSV) {
            printf("%s\t%s\t%s\t%s\t%lld\n", code, label, sl, role ? role : "", m);
        } else {
            print_cell(code, 18, 1);
            print_cell(label, 36, 1);
            print_cell(sl, 10, 1);
            print_cell(role ? role : "（なし）", 18, 1);
            printf("%6lld\n", m);
        }
    }
    store_finalize(s);
    store_close(st);
    if (o.fmt == FMT_JSON)
        print_json(a);
    else
        json_decref(a);
    if (rc != STORE_DONE)
        return cli_fail(&err);
    return 0;
}

static int cmd_catalog(int argc, char **argv, struct cli *cli)
{
    static const struct {
        const char *name;
        int (*run)(int, char **, struct cli *);
    } subs[] = {{"list", catalog_list},
                {"show", catalog_show},
                {"coverage", catalog_coverage},
                {"roles", catalog_roles}};
    if (argc < 2)
        return cli_usage(&cmd_catalog_def, "サブコマンド（list, show, coverage, roles）を指定して"
                                           "ください");
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(cmd_catalog_def.usage, stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].run(argc - 1, argv + 1, cli);
    return cli_usage(&cmd_catalog_def, "「%s」というサブコマンドはありません", argv[1]);
}

const struct command cmd_catalog_def = {
    "catalog", cmd_catalog, "対策基準の条項・役割の記号・対応状況を見る",
    "使い方: mamori catalog list [--section N] [--role CODE] [--recommended] [--format F]\n"
    "        mamori catalog show 条項番号 [--format F]\n"
    "        mamori catalog coverage [--section N] [--clauses] [--format F]\n"
    "        mamori catalog roles [--format F]\n\n"
    "ガイドライン（令和7年3月版）の対策基準（例文）と第4編クラウド特則の条項を、\n"
    "権限・責任等一覧表の記号（○ 権限又は責任等を有する者、△ 記載がある者又は報告先等、\n"
    "許 許可を与える者、承 承認を与える者）とともに表示します。\n\n"
    "  list        条項の一覧（見出しを含む、原文の順）\n"
    "    --section N     節で絞り込む（6 なら 6.1〜6.6 も含む）\n"
    "    --role CODE     その役割に記号がある条項だけ（コードは catalog roles で確認）\n"
    "    --recommended   【推奨事項】の条項だけ\n"
    "  show ID     条項の詳細: 上位・下位の条項、役割と記号、原文の行、対応状況\n"
    "              ID は 6.2(1)③(ウ)、1(1)①、9.3 のように書きます（全角・空白も可）\n"
    "  coverage    節ごとに、自動ルール・自己点検・ワークフローで対応している条項の数\n"
    "    --clauses       条項ごとに表示（--section を付けても条項ごと）\n"
    "  roles       一覧表の13列と、対応する役割（mamori role）のコード\n\n"
    "  --format F  table（既定）, tsv, json\n"
    "  --revision R  条項集の版（既定: 最新。現在 r7-03）\n\n"
    "終了コード: 0 成功、1 条項が見つからない、2 使い方の誤り、3 データベースの異常\n"};
