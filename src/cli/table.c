/* table.c — aligned tables, TSV and JSON output for list commands (see table.h). */
#include "cli/table.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, const struct table_column *cols, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
}

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        abort(); /* out of memory: as strbuf, the program cannot go on */
    return p;
}

void table_add_row(struct table *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **p = reallocarray(t->cells, cap * t->ncols, sizeof *p);
        if (!p)
            abort();
        t->cells = p;
        t->cap = cap;
    }
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = dup_or_null(cells[c]);
    t->nrows++;
}

void table_free(struct table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

/* Decodes one UTF-8 sequence at *s, advancing it; invalid bytes decode as themselves. */
static unsigned long next_cp(const unsigned char **s)
{
    const unsigned char *p = *s;
    unsigned long cp = p[0];
    int n = 0;
    if (cp >= 0xF0 && cp < 0xF8) {
        cp &= 0x07;
        n = 3;
    } else if (cp >= 0xE0) {
        cp &= 0x0F;
        n = 2;
    } else if (cp >= 0xC0) {
        cp &= 0x1F;
        n = 1;
    }
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s = p + 1;
            return p[0];
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *s = p + 1 + n;
    return cp;
}

/* East Asian Width W or F (Unicode UAX #11), in the ranges Japanese text uses. */
static int is_wide(unsigned long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned long cp = next_cp(&p);
        w += is_wide(cp) ? 2 : 1;
    }
    return w;
}

void print_padded(FILE *out, const char *s, size_t width)
{
    fputs(s, out);
    for (size_t w = text_width(s); w < width; w++)
        fputc(' ', out);
}

static void print_tsv_cell(FILE *out, const char *s)
{
    /* TSV has no quoting: tabs and line breaks inside a value become spaces. */
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

/* What the aligned table shows for a cell: "" for null, yes/no for booleans. */
static const char *cell_text(const struct table *t, size_t r, size_t c)
{
    const char *v = t->cells[r * t->ncols + c];
    if (!v)
        return "";
    if (t->cols[c].kind == TC_BOOL) {
        const char *s = strcmp(v, "0") != 0 ? t->cols[c].yes : t->cols[c].no;
        return s ? s : v;
    }
    return v;
}

void table_print(const struct table *t, enum table_format fmt, FILE *out)
{
    const size_t nc = t->ncols;
    if (fmt == TABLE_JSON) {
        json_t *arr = json_array();
        for (size_t r = 0; r < t->nrows; r++) {
            json_t *o = json_object();
            for (size_t c = 0; c < nc; c++) {
                if (t->cols[c].where == TC_HUMAN)
                    continue;
                const char *v = t->cells[r * nc + c];
                json_t *j;
                if (!v)
                    j = json_null();
                else if (t->cols[c].kind == TC_INT)
                    j = json_integer(strtoll(v, NULL, 10));
                else if (t->cols[c].kind == TC_BOOL)
                    j = json_boolean(strcmp(v, "0") != 0);
                else
                    j = json_string(v);
                json_object_set_new(o, t->cols[c].key, j);
            }
            json_array_append_new(arr, o);
        }
        json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', out);
        json_decref(arr);
        return;
    }
    if (fmt == TABLE_TSV) {
        const char *sep = "";
        for (size_t c = 0; c < nc; c++)
            if (t->cols[c].where != TC_HUMAN) {
                fprintf(out, "%s%s", sep, t->cols[c].key);
                sep = "\t";
            }
        fputc('\n', out);
        for (size_t r = 0; r < t->nrows; r++) {
            sep = "";
            for (size_t c = 0; c < nc; c++)
                if (t->cols[c].where != TC_HUMAN) {
                    fputs(sep, out);
                    print_tsv_cell(out, t->cells[r * nc + c]);
                    sep = "\t";
                }
            fputc('\n', out);
        }
        return;
    }
    /* The visible columns, in order; the last one is not padded (no trailing spaces). */
    size_t *w = calloc(nc ? nc : 1, sizeof *w);
    size_t *vis = calloc(nc ? nc : 1, sizeof *vis);
    if (!w || !vis)
        abort();
    size_t nv = 0;
    for (size_t c = 0; c < nc; c++)
        if (t->cols[c].where != TC_MACHINE)
            vis[nv++] = c;
    for (size_t i = 0; i < nv; i++)
        w[i] = text_width(t->cols[vis[i]].header);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t i = 0; i < nv; i++) {
            size_t vw = text_width(cell_text(t, r, vis[i]));
            if (vw > w[i])
                w[i] = vw;
        }
    for (size_t i = 0; i < nv; i++) {
        if (i + 1 < nv) {
            print_padded(out, t->cols[vis[i]].header, w[i]);
            fputs("  ", out);
        } else {
            fputs(t->cols[vis[i]].header, out);
        }
    }
    fputc('\n', out);
    for (size_t i = 0; i < nv; i++) {
        for (size_t k = 0; k < w[i]; k++)
            fputc('-', out);
        if (i + 1 < nv)
            fputs("  ", out);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t i = 0; i < nv; i++) {
            const char *v = cell_text(t, r, vis[i]);
            if (i + 1 < nv) {
                print_padded(out, v, w[i]);
                fputs("  ", out);
            } else {
                fputs(v, out);
            }
        }
        fputc('\n', out);
    }
    free(vis);
    if (!t->nrows)
        fputs("（該当なし）\n", out);
    free(w);
}

int table_format_parse(const char *s, enum table_format *fmt)
{
    if (!s)
        return -1;
    if (strcmp(s, "table") == 0)
        *fmt = TABLE_TEXT;
    else if (strcmp(s, "tsv") == 0)
        *fmt = TABLE_TSV;
    else if (strcmp(s, "json") == 0)
        *fmt = TABLE_JSON;
    else
        return -1;
    return 0;
}
