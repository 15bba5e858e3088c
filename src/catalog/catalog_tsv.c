/*
 * catalog_tsv.c — parses the catalog files of one revision (revision.tsv, roles.tsv,
 * clauses.tsv) and checks them: canonical unique ids, parents that exist and match the
 * numbering, marks only from ○ △ 許 承. Every error names the file and the line.
 */
#include "catalog/catalog.h"

#include <stdlib.h>
#include <string.h>

static const char *const clause_columns[] = {"id",          "parent", "section",    "title",
                                             "recommended", "status", "source_line"};
#define NCLAUSE_COLUMNS (sizeof clause_columns / sizeof clause_columns[0])

/* The codes of catalog_status in 002_catalog.sql. */
static const char *const statuses[] = {"confirmed", "resolved",     "inferred", "decided",
                                       "no_marks",  "not_in_table", "heading"};
static const char *const marks[] = {"○", "△", "許", "承"};

/* Copies text into a buffer the catalog owns; returns it (never NULL). */
static char *own_copy(struct catalog_data *cat, const char *text)
{
    char *b = strdup(text);
    char **nb = realloc(cat->bufs, (cat->nbufs + 1) * sizeof *nb);
    if (!b || !nb)
        abort(); /* out of memory: nothing sensible to continue with */
    cat->bufs = nb;
    cat->bufs[cat->nbufs++] = b;
    return b;
}

/* Splits the next line off *p in place; returns NULL at the end. Strips a trailing \r. */
static char *next_line(char **p)
{
    if (!*p || !**p)
        return NULL;
    char *line = *p, *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = line + strlen(line);
    }
    size_t n = strlen(line);
    if (n && line[n - 1] == '\r')
        line[n - 1] = '\0';
    return line;
}

/* Splits a line on tabs in place into at most max fields; returns the count (max+1 if more). */
static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    for (char *s = line;;) {
        if (n == max)
            return max + 1;
        f[n++] = s;
        char *t = strchr(s, '\t');
        if (!t)
            return n;
        *t = '\0';
        s = t + 1;
    }
}

static int skip(const char *line) { return line[0] == '\0' || line[0] == '#'; }

#define MAXCOLS 64

int catalog_parse_revision(struct catalog_data *cat, const char *file, const char *text,
                           struct mm_err *err)
{
    char *p = own_copy(cat, text), *line, *f[MAXCOLS];
    int ln = 0, header = 0;
    while ((line = next_line(&p))) {
        ln++;
        if (skip(line))
            continue;
        size_t n = split_tabs(line, f, MAXCOLS);
        if (!header) {
            if (n != 3 || strcmp(f[0], "code") || strcmp(f[1], "title") ||
                strcmp(f[2], "published"))
                return mm_err_set(err, MM_EINPUT,
                                  "%s:%d: 見出し行は code, title, published の3列にしてください",
                                  file, ln);
            header = 1;
            continue;
        }
        if (n != 3 || !*f[0] || !*f[1] || !*f[2])
            return mm_err_set(err, MM_EINPUT, "%s:%d: 版の行は空でない3列にしてください", file,
                              ln);
        if (cat->code)
            return mm_err_set(err, MM_EINPUT, "%s:%d: 版の行は1行だけにしてください", file, ln);
        cat->code = f[0];
        cat->title = f[1];
        cat->published = f[2];
    }
    if (!cat->code)
        return mm_err_set(err, MM_EINPUT, "%s: 版の行がありません", file);
    return MM_OK;
}

int catalog_parse_roles(struct catalog_data *cat, const char *file, const char *text,
                        struct mm_err *err)
{
    char *p = own_copy(cat, text), *line, *f[MAXCOLS];
    int ln = 0, header = 0;
    while ((line = next_line(&p))) {
        ln++;
        if (skip(line))
            continue;
        size_t n = split_tabs(line, f, MAXCOLS);
        if (!header) {
            if (n != 4 || strcmp(f[0], "code") || strcmp(f[1], "label") ||
                strcmp(f[2], "short_label") || strcmp(f[3], "role"))
                return mm_err_set(err, MM_EINPUT,
                                  "%s:%d: 見出し行は code, label, short_label, role の4列に"
                                  "してください",
                                  file, ln);
            header = 1;
            continue;
        }
        if (n != 4)
            return mm_err_set(err, MM_EINPUT, "%s:%d: 列の数が %zu です（4列にしてください）",
                              file, ln, n > MAXCOLS ? n - 1 : n);
        if (!*f[0] || !*f[1] || !*f[2])
            return mm_err_set(err, MM_EINPUT, "%s:%d: code, label, short_label は空にできません",
                              file, ln);
        for (size_t i = 0; i < cat->nroles; i++)
            if (strcmp(cat->roles[i].code, f[0]) == 0)
                return mm_err_set(err, MM_EINPUT, "%s:%d: 役割「%s」が重複しています", file,
                                  ln, f[0]);
        struct catalog_role_row *nr = realloc(cat->roles, (cat->nroles + 1) * sizeof *nr);
        if (!nr)
            abort();
        cat->roles = nr;
        cat->roles[cat->nroles++] =
            (struct catalog_role_row){f[0], f[1], f[2], *f[3] ? f[3] : NULL};
    }
    if (cat->nroles == 0)
        return mm_err_set(err, MM_EINPUT, "%s: 役割の行がありません", file);
    return MM_OK;
}

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/* Index of the clause with that id among the first n, or -1 (linear: files are small, and
 * the parser runs once per revision and database). */
static long find_clause(const struct catalog_data *cat, size_t n, const char *id)
{
    for (size_t i = n; i-- > 0;)
        if (strcmp(cat->clauses[i].id, id) == 0)
            return (long)i;
    return -1;
}

int catalog_parse_clauses(struct catalog_data *cat, const char *file, const char *text,
                          struct mm_err *err)
{
    if (cat->nroles == 0 || cat->nroles + NCLAUSE_COLUMNS > MAXCOLS)
        return mm_err_set(err, MM_EINTERNAL, "%s: 役割の定義を先に読み込んでください", file);
    char *p = own_copy(cat, text), *line, *f[MAXCOLS];
    size_t ncols = NCLAUSE_COLUMNS + cat->nroles;
    int ln = 0, header = 0;
    while ((line = next_line(&p))) {
        ln++;
        if (skip(line))
            continue;
        size_t n = split_tabs(line, f, MAXCOLS);
        if (!header) {
            if (n != ncols)
                return mm_err_set(err, MM_EINPUT,
                                  "%s:%d: 見出し行の列の数が %zu です（%zu 列: 条項の %zu 列と"
                                  "役割 %zu 列）",
                                  file, ln, n > MAXCOLS ? n - 1 : n, ncols, NCLAUSE_COLUMNS,
                                  cat->nroles);
            for (size_t i = 0; i < NCLAUSE_COLUMNS; i++)
                if (strcmp(f[i], clause_columns[i]))
                    return mm_err_set(err, MM_EINPUT, "%s:%d: %zu 列目の見出しは「%s」です",
                                      file, ln, i + 1, clause_columns[i]);
            for (size_t i = 0; i < cat->nroles; i++)
                if (strcmp(f[NCLAUSE_COLUMNS + i], cat->roles[i].code))
                    return mm_err_set(err, MM_EINPUT,
                                      "%s:%d: %zu 列目の見出しは役割「%s」です（roles.tsv の順）",
                                      file, ln, NCLAUSE_COLUMNS + i + 1, cat->roles[i].code);
            header = 1;
            continue;
        }
        if (n != ncols)
            return mm_err_set(err, MM_EINPUT, "%s:%d: 列の数が %zu です（%zu 列にしてください）",
                              file, ln, n > MAXCOLS ? n - 1 : n, ncols);
        char norm[CATALOG_ID_MAX], want[CATALOG_ID_MAX];
        const char *id = f[0];
        if (catalog_id_normalise(id, norm, sizeof norm) || strcmp(norm, id))
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: 条項番号「%s」の形が正しくありません（例: 6.2(1)③(ウ)）",
                              file, ln, id);
        long dup = find_clause(cat, cat->nclauses, id);
        if (dup >= 0)
            return mm_err_set(err, MM_EINPUT, "%s:%d: 条項番号「%s」が重複しています（%d 行目）",
                              file, ln, id, cat->clauses[dup].file_line);
        catalog_id_parent(id, want, sizeof want);
        if (strcmp(f[1], want))
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: 条項「%s」の親は「%s」のはずですが「%s」と書かれています",
                              file, ln, id, want, f[1]);
        if (*want && find_clause(cat, cat->nclauses, want) < 0)
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: 条項「%s」の親「%s」がこの行より前にありません", file, ln,
                              id, want);
        catalog_id_section(id, want, sizeof want);
        if (strcmp(f[2], want))
            return mm_err_set(err, MM_EINPUT, "%s:%d: 条項「%s」の節は「%s」です（「%s」ではなく）",
                              file, ln, id, want, f[2]);
        if (!*f[3])
            return mm_err_set(err, MM_EINPUT, "%s:%d: 条項「%s」の表題が空です", file, ln, id);
        if (strcmp(f[4], "0") && strcmp(f[4], "1"))
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: recommended は 0 か 1 です（条項「%s」: 「%s」）", file, ln,
                              id, f[4]);
        if (!in_list(f[5], statuses, sizeof statuses / sizeof statuses[0]))
            return mm_err_set(err, MM_EINPUT, "%s:%d: 条項「%s」の status「%s」は使えません", file,
                              ln, id, f[5]);
        char *end = NULL;
        long src = strtol(f[6], &end, 10);
        if (!*f[6] || *end || src <= 0)
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: 条項「%s」の source_line「%s」は正の整数にしてください",
                              file, ln, id, f[6]);
        const char **mk = calloc(cat->nroles, sizeof *mk);
        if (!mk)
            abort();
        for (size_t i = 0; i < cat->nroles; i++) {
            const char *m = f[NCLAUSE_COLUMNS + i];
            if (*m && !in_list(m, marks, sizeof marks / sizeof marks[0])) {
                free(mk);
                return mm_err_set(err, MM_EINPUT,
                                  "%s:%d: 条項「%s」の役割「%s」の記号「%s」は使えません"
                                  "（○ △ 許 承 か空）",
                                  file, ln, id, cat->roles[i].code, m);
            }
            mk[i] = m;
        }
        struct catalog_clause_row *nc =
            realloc(cat->clauses, (cat->nclauses + 1) * sizeof *nc);
        if (!nc)
            abort();
        cat->clauses = nc;
        cat->clauses[cat->nclauses++] = (struct catalog_clause_row){
            f[0], f[1], f[2], f[3], f[5], f[4][0] == '1', src, mk, ln};
    }
    if (!header)
        return mm_err_set(err, MM_EINPUT, "%s: 見出し行がありません", file);
    return MM_OK;
}

void catalog_data_free(struct catalog_data *cat)
{
    for (size_t i = 0; i < cat->nclauses; i++)
        free(cat->clauses[i].marks);
    free(cat->clauses);
    free(cat->roles);
    for (size_t i = 0; i < cat->nbufs; i++)
        free(cat->bufs[i]);
    free(cat->bufs);
    memset(cat, 0, sizeof *cat);
}
