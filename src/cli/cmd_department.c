/*
 * cmd_department.c — `mamori department list|show`: the organization's 部局 > 課室 > 出先機関,
 * listed as an indented tree; `show` adds the path from the top, the sub-departments, the
 * roles scoped to the department (情報セキュリティ責任者 / 管理者) and what it holds.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/browse.h"

static const struct table_column list_cols[] = {
    {"id", "ID", TC_TEXT, 0, 0, TC_BOTH},
    {"tree", "名称", TC_TEXT, 0, 0, TC_HUMAN},
    {"name", "名称", TC_TEXT, 0, 0, TC_MACHINE},
    {"parent_id", "上位ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"depth", "深さ", TC_INT, 0, 0, TC_MACHINE},
    {"level", "区分コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"level_label", "区分", TC_TEXT, 0, 0, TC_BOTH},
    {"body", "行政機関コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"body_name", "行政機関", TC_TEXT, 0, 0, TC_BOTH},
    {"sort", "表示順", TC_INT, 0, 0, TC_MACHINE},
    {"people", "職員等", TC_INT, 0, 0, TC_BOTH},
    {"assets", "情報資産", TC_INT, 0, 0, TC_BOTH},
};
#define NLIST (sizeof list_cols / sizeof list_cols[0])

/* The query's columns, in list_cols order except tree and depth, which are computed here. */
enum { D_ID, D_NAME, D_PARENT, D_LEVEL, D_LEVEL_LABEL, D_BODY, D_BODY_NAME, D_SORT, D_PEOPLE,
       D_ASSETS, D_NCOLS };

struct node {
    char *col[D_NCOLS]; /* owned copies */
    size_t pos;         /* position in the query's (sort, id) order */
    int visited;
};

struct forest {
    struct node *nodes;
    size_t n, cap;
    size_t *by_id;     /* indices sorted by id */
    size_t *by_parent; /* indices sorted by (parent id, pos) */
};

static int load_row(struct store_stmt *s, void *ctx)
{
    struct forest *f = ctx;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        struct node *p = reallocarray(f->nodes, cap, sizeof *p);
        if (!p)
            abort(); /* out of memory, as in strbuf */
        f->nodes = p;
        f->cap = cap;
    }
    struct node *nd = &f->nodes[f->n];
    for (int i = 0; i < D_NCOLS; i++) {
        const char *v = COL(s, i);
        nd->col[i] = v ? strdup(v) : NULL;
        if (v && !nd->col[i])
            abort();
    }
    nd->pos = f->n++;
    nd->visited = 0;
    return 0;
}

static const struct forest *sort_forest; /* qsort has no context argument */

static int cmp_id(const void *a, const void *b)
{
    return strcmp(sort_forest->nodes[*(const size_t *)a].col[D_ID],
                  sort_forest->nodes[*(const size_t *)b].col[D_ID]);
}

static int cmp_parent(const void *a, const void *b)
{
    const struct node *x = &sort_forest->nodes[*(const size_t *)a];
    const struct node *y = &sort_forest->nodes[*(const size_t *)b];
    int c = strcmp(x->col[D_PARENT] ? x->col[D_PARENT] : "", y->col[D_PARENT] ? y->col[D_PARENT] : "");
    if (c)
        return c;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static void forest_index(struct forest *f)
{
    f->by_id = calloc(f->n ? f->n : 1, sizeof *f->by_id);
    f->by_parent = calloc(f->n ? f->n : 1, sizeof *f->by_parent);
    if (!f->by_id || !f->by_parent)
        abort();
    for (size_t i = 0; i < f->n; i++)
        f->by_id[i] = f->by_parent[i] = i;
    sort_forest = f;
    qsort(f->by_id, f->n, sizeof *f->by_id, cmp_id);
    qsort(f->by_parent, f->n, sizeof *f->by_parent, cmp_parent);
    sort_forest = NULL;
}

static int has_id(const struct forest *f, const char *id)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->nodes[f->by_id[mid]].col[D_ID], id);
        if (!c)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* First index into by_parent whose parent id is >= id. */
static size_t first_child(const struct forest *f, const char *id)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *p = f->nodes[f->by_parent[mid]].col[D_PARENT];
        if (strcmp(p ? p : "", id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void emit(struct forest *f, struct table *t, size_t i, int depth)
{
    struct node *nd = &f->nodes[i];
    if (nd->visited)
        return;
    nd->visited = 1;
    char tree[512], dep[16];
    snprintf(tree, sizeof tree, "%*s%s", depth * 2, "", nd->col[D_NAME]);
    snprintf(dep, sizeof dep, "%d", depth);
    const char *cells[NLIST] = {nd->col[D_ID],     tree,           nd->col[D_NAME],
                                nd->col[D_PARENT], dep,            nd->col[D_LEVEL],
                                nd->col[D_LEVEL_LABEL], nd->col[D_BODY], nd->col[D_BODY_NAME],
                                nd->col[D_SORT],   nd->col[D_PEOPLE], nd->col[D_ASSETS]};
    table_add_row(t, cells);
    for (size_t k = first_child(f, nd->col[D_ID]); k < f->n; k++) {
        const char *p = f->nodes[f->by_parent[k]].col[D_PARENT];
        if (!p || strcmp(p, nd->col[D_ID]) != 0)
            break;
        emit(f, t, f->by_parent[k], depth + 1);
    }
}

static void forest_free(struct forest *f)
{
    for (size_t i = 0; i < f->n; i++)
        for (int c = 0; c < D_NCOLS; c++)
            free(f->nodes[i].col[c]);
    free(f->nodes);
    free(f->by_id);
    free(f->by_parent);
}

static int department_list(int argc, char **argv, struct cli *cli)
{
    enum table_format fmt;
    if (browse_list_format_only(&cmd_department_def, argc, argv, &fmt))
        return 2;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct forest f = {0};
    rc = browse_query(st,
                      "SELECT d.id, d.name, d.parent_id, d.level, dl.label, d.body, b.name, d.sort, "
                      "COALESCE(pc.n, 0), COALESCE(ac.n, 0) "
                      "FROM department d "
                      "LEFT JOIN department_level dl ON dl.code = d.level "
                      "LEFT JOIN org_body b ON b.code = d.body "
                      "LEFT JOIN (SELECT department_id, COUNT(*) AS n FROM person "
                      "WHERE department_id IS NOT NULL GROUP BY department_id) pc "
                      "ON pc.department_id = d.id "
                      "LEFT JOIN (SELECT department_id, COUNT(*) AS n FROM asset "
                      "GROUP BY department_id) ac ON ac.department_id = d.id "
                      "ORDER BY d.sort, d.id",
                      NULL, 0, load_row, &f, &err);
    store_close(st);
    if (rc) {
        forest_free(&f);
        return cli_fail(&err);
    }
    forest_index(&f);
    struct table t;
    table_init(&t, list_cols, NLIST);
    /* Tops first (no parent, or a parent that does not exist), then anything left in a cycle. */
    for (size_t i = 0; i < f.n; i++)
        if (!f.nodes[i].col[D_PARENT] || !has_id(&f, f.nodes[i].col[D_PARENT]))
            emit(&f, &t, i, 0);
    for (size_t i = 0; i < f.n; i++)
        emit(&f, &t, i, 0);
    table_print(&t, fmt, stdout);
    table_free(&t);
    forest_free(&f);
    return 0;
}

enum { S_ID, S_NAME, S_LEVEL, S_BODY, S_SORT, S_PEOPLE, S_ASSETS, S_SYSTEMS };

static int show_row(struct store_stmt *s, void *ctx)
{
    *(int *)ctx = 1;
    printf("部署 %s\n", COL(s, S_ID));
    show_field("名称", COL(s, S_NAME));
    show_field("区分", COL(s, S_LEVEL));
    show_field("行政機関", COL(s, S_BODY));
    show_field("表示順", COL(s, S_SORT));
    show_fieldf("所属する職員等", "%lld 人", store_col_int(s, S_PEOPLE));
    show_fieldf("所管する情報資産", "%lld 件", store_col_int(s, S_ASSETS));
    show_fieldf("所管する情報システム", "%lld 件", store_col_int(s, S_SYSTEMS));
    return 0;
}

struct text_ctx {
    char buf[2048];
    size_t n;
};

static int path_row(struct store_stmt *s, void *ctx)
{
    struct text_ctx *t = ctx;
    size_t len = strlen(t->buf);
    snprintf(t->buf + len, sizeof t->buf - len, "%s%s", t->n++ ? " ＞ " : "", COL(s, 0));
    return 0;
}

static int child_row(struct store_stmt *s, void *ctx)
{
    struct text_ctx *t = ctx;
    if (!t->n++)
        printf("\n下位の部署\n");
    printf("  ・%s（%s）  %s\n", COL(s, 1), COL(s, 0), COL(s, 2) ? COL(s, 2) : "");
    return 0;
}

static int role_row(struct store_stmt *s, void *ctx)
{
    struct text_ctx *t = ctx;
    if (!t->n++)
        printf("\n役割（範囲がこの部署）\n");
    int flags = BROWSE_RA_PERSON;
    return browse_print_assignment(s, &flags);
}

static int department_show(int argc, char **argv, struct cli *cli)
{
    const char *id;
    if (browse_show_arg(&cmd_department_def, argc, argv, &id))
        return 2;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    int found = 0;
    char today[16];
    browse_today(today, sizeof today);
    struct text_ctx path = {"", 0}, children = {"", 0}, roles = {"", 0};
    rc = store_begin_read(st, &err);
    if (!rc) {
        const char *p[] = {id, id, id, id};
        rc = browse_query(st,
                          "SELECT d.id, d.name, dl.label, b.name, d.sort, "
                          "(SELECT COUNT(*) FROM person WHERE department_id = ?), "
                          "(SELECT COUNT(*) FROM asset WHERE department_id = ?), "
                          "(SELECT COUNT(*) FROM system WHERE department_id = ?) "
                          "FROM department d "
                          "LEFT JOIN department_level dl ON dl.code = d.level "
                          "LEFT JOIN org_body b ON b.code = d.body "
                          "WHERE d.id = ?",
                          p, 4, show_row, &found, &err);
    }
    if (!rc && found)
        /* Up the tree to the top; the depth bound stops a cycle. */
        rc = browse_query(st,
                          "WITH RECURSIVE up(id, name, parent_id, n) AS ("
                          "SELECT id, name, parent_id, 0 FROM department WHERE id = ? "
                          "UNION ALL SELECT d.id, d.name, d.parent_id, up.n + 1 "
                          "FROM department d JOIN up ON d.id = up.parent_id WHERE up.n < 32) "
                          "SELECT name FROM up ORDER BY n DESC",
                          &id, 1, path_row, &path, &err);
    if (!rc && found) {
        show_field("組織上の位置", path.buf);
        rc = browse_query(st,
                          "SELECT d.id, d.name, dl.label FROM department d "
                          "LEFT JOIN department_level dl ON dl.code = d.level "
                          "WHERE d.parent_id = ? ORDER BY d.sort, d.id",
                          &id, 1, child_row, &children, &err);
    }
    if (!rc && found) {
        const char *p[] = {today, today, id};
        rc = browse_query(st,
                          ROLE_ASSIGNMENT_SELECT
                          "WHERE ra.scope_type IN ('bukyoku', 'kashitsu') "
                          "AND ra.scope_department_id = ? "
                          "ORDER BY r.sort, ra.valid_from, ra.id",
                          p, 3, role_row, &roles, &err);
        if (!rc && !roles.n)
            printf("\n役割（範囲がこの部署）: なし\n");
    }
    store_rollback(st);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    if (!found)
        return browse_not_found("部署", id);
    return 0;
}

static const struct browse_sub subs[] = {
    {"list", department_list}, {"show", department_show}, {NULL, NULL}};

static int cmd_department(int argc, char **argv, struct cli *cli)
{
    return browse_dispatch(&cmd_department_def, subs, argc, argv, cli);
}

const struct command cmd_department_def = {
    "department", cmd_department, "部局・課室・出先機関を表示する（list / show）",
    "使い方: mamori department list [--format table|tsv|json]\n"
    "        mamori department show ID\n\n"
    "部署（部局・課室・出先機関）を表示します。データベースは読み取り専用で開きます。\n\n"
    "list   部署を木の形に字下げして一覧します。同じ上位の部署の中では表示順（sort）、次に ID の\n"
    "       順です。所属する職員等と所管する情報資産の件数も表示します。tsv と json では字下げの\n"
    "       代わりに parent_id と depth を出力します。\n"
    "show   一つの部署の項目、組織上の位置（上位の部署からの経路）、下位の部署、範囲がその部署の\n"
    "       役割（情報セキュリティ責任者・情報セキュリティ管理者）と期間を表示します。\n\n"
    "存在しない ID を指定すると終了コード 1、使い方の誤りは終了コード 2 で終わります。\n"};
