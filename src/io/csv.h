/*
 * csv.h — tables written as CSV for spreadsheet users: RFC 4180 quoting, CRLF line ends,
 * UTF-8 with a byte-order mark (so Excel recognises it) or CP932 (Shift_JIS, through iconv)
 * for older Excel. Rows are cells of UTF-8 text; NULL is an empty cell.
 */
#ifndef MM_CSV_H
#define MM_CSV_H

#include <stddef.h>

#include "util/err.h"
#include "util/strbuf.h"

enum csv_encoding { CSV_UTF8_BOM, CSV_UTF8, CSV_CP932 };

/* "utf-8" (with BOM), "utf-8-nobom" or "cp932" / "shift_jis"; returns 0, or -1. */
int csv_encoding_parse(const char *s, enum csv_encoding *out);

/* Appends one row (n cells) in UTF-8 with CRLF to sb. */
void csv_add_row(struct strbuf *sb, const char *const *cells, size_t n);

/*
 * Converts the UTF-8 CSV text `in` to the encoding and writes the bytes to `out` (appended).
 * A character CP932 cannot represent is MM_EINPUT naming its line and the character.
 */
int csv_encode(const struct strbuf *in, enum csv_encoding enc, struct strbuf *out,
               struct mm_err *err);

#endif
