/*
 * table.h — rows of text printed by the CLI as an aligned table (East-Asian wide characters
 * count as two columns), as TSV, or as a JSON array of objects.
 *
 * A table owns copies of everything added to it; table_free releases them. NULL cells are
 * printed empty in a table and TSV, and as null in JSON.
 */
#ifndef MM_TABLE_H
#define MM_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum table_format { TABLE_TEXT, TABLE_TSV, TABLE_JSON };

enum table_kind {
    TC_TEXT = 0, /* a string (JSON string) */
    TC_INT,      /* decimal digits (JSON number) */
    TC_BOOL,     /* "1" or "0" (JSON true/false; the table shows `yes` / `no`) */
};

enum table_where {
    TC_BOTH = 0,    /* every format */
    TC_MACHINE = 1, /* TSV and JSON only (e.g. the id behind a name, a raw date) */
    TC_HUMAN = 2,   /* the aligned table only (e.g. an indented name, a date with 和暦) */
};

struct table_column {
    const char *key;    /* JSON member and TSV header: ASCII, e.g. "department" */
    const char *header; /* table header: Japanese, e.g. 「所管課室」 */
    enum table_kind kind;
    const char *yes, *no; /* TC_BOOL: what the table shows for 1 and 0 */
    enum table_where where; /* which formats show the column */
};

struct table {
    const struct table_column *cols; /* not owned; usually a static array */
    size_t ncols;
    char **cells; /* nrows * ncols, owned; NULL for a null cell */
    size_t nrows, cap;
};

void table_init(struct table *t, const struct table_column *cols, size_t ncols);
/* Appends one row of exactly ncols cells (copied; NULL allowed). */
void table_add_row(struct table *t, const char *const *cells);
void table_free(struct table *t);

/* Prints the table. TABLE_TEXT with no rows prints 「（該当なし）」 under the header. */
void table_print(const struct table *t, enum table_format fmt, FILE *out);

/* Parses "table", "tsv" or "json"; returns 0 and sets *fmt, or -1. */
int table_format_parse(const char *s, enum table_format *fmt);

/* Display width of UTF-8 text: wide and fullwidth characters count 2, others 1. */
size_t text_width(const char *s);

/* Prints s and pads it with spaces to `width` columns. */
void print_padded(FILE *out, const char *s, size_t width);

#endif
