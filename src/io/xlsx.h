/*
 * xlsx.h — tables written as an Excel workbook (libxlsxwriter): one sheet per table, a styled
 * header row that stays in view (frozen), an autofilter over the data and set column widths.
 * Cells are UTF-8 text; NULL is an empty cell.
 */
#ifndef MM_XLSX_H
#define MM_XLSX_H

#include <stddef.h>

#include "util/err.h"

struct xlsx_sheet {
    const char *name;                 /* sheet name (≤ 31 characters) */
    const char *const *headers;       /* ncols */
    const double *widths;             /* ncols, in characters; NULL = 12 each */
    size_t ncols;
    const char *const *cells;         /* nrows * ncols, row by row */
    size_t nrows;
    int filter;                       /* add an autofilter and freeze the header row */
};

/* Writes the sheets to a new file at `path`. MM_EINTERNAL naming the path on failure. */
int xlsx_write(const char *path, const struct xlsx_sheet *sheets, size_t nsheets,
               struct mm_err *err);

#endif
