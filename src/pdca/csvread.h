/*
 * csvread.h — reading CSV files that people fill in with a spreadsheet: RFC 4180 quoting,
 * CRLF or LF line ends, UTF-8 with or without a byte-order mark, or CP932 (Shift_JIS, as older
 * Excel saves it; detected because the bytes are not valid UTF-8 and converted with iconv).
 */
#ifndef MM_CSVREAD_H
#define MM_CSVREAD_H

#include <stddef.h>

#include "util/err.h"

/*
 * Calls fn for every record with its first line number (1-based) and its fields (UTF-8,
 * owned by the reader, valid during the call). Blank lines are skipped. fn returns non-zero
 * to stop; that value is returned. A quote left open is MM_EINPUT naming `label`:line.
 */
typedef int (*csvread_fn)(void *ctx, size_t line, char **fields, size_t n);
int csvread(const char *label, const char *data, size_t len, csvread_fn fn, void *ctx,
            struct mm_err *err);

#endif
