/*
 * pdf.h — printable documents (申請書, 決裁記録, 年次報告書 …) as PDF with an embedded Japanese
 * font, drawn with pango (Japanese line breaking) and cairo (which embeds font subsets).
 *
 * A document is a flow of blocks — headings, paragraphs, key–value blocks, tables, 承認欄 rows,
 * bar charts — laid out top to bottom on A4 pages (portrait, or landscape for wide tables) with a
 * header line (organization, document title) and a footer 「n / N ページ」 with the print date in
 * 和暦. Each page is first recorded and only written out when the document is closed, so the
 * footer knows the page count N.
 *
 * Font: IPAexGothic, found through fontconfig by family name, else "Noto Sans CJK JP". When
 * neither is installed, opening fails with a Japanese message naming the package to install.
 *
 * Errors: drawing functions never fail on their own; a cairo error is kept and reported by
 * pdf_close / pdf_close_mem. Every string given is UTF-8 and copied or used at once (the caller
 * keeps ownership). Units are points (1/72 inch).
 */
#ifndef MM_PDF_H
#define MM_PDF_H

#include <stddef.h>

#include "model/wareki.h"
#include "util/err.h"

struct pdf_doc;

struct pdf_meta {
    const char *title;        /* document title: header line and PDF metadata (required) */
    const char *organization; /* organization name for the header line; NULL = none */
    const char *subject;      /* PDF metadata; NULL = none */
    const char *author;       /* PDF metadata; NULL = none */
    /* PDF creation date, ISO 8601 (2026-11-23T10:00:00+09:00). NULL = now. A fixed value makes
     * the output byte-for-byte reproducible. */
    const char *created_at;
    struct mm_date print_date; /* footer 「印刷日」; {0} = today in JST */
};

enum pdf_orientation { PDF_PORTRAIT, PDF_LANDSCAPE };
enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

/* Opens a document written to `path` when closed, or kept in memory (pdf_close_mem). The
 * first page (portrait) is started at once. */
int pdf_open_file(const char *path, const struct pdf_meta *meta, struct pdf_doc **out,
                  struct mm_err *err);
int pdf_open_mem(const struct pdf_meta *meta, struct pdf_doc **out, struct mm_err *err);

/* Writes every page (with header and footer) and frees the document, also on failure. */
int pdf_close(struct pdf_doc *d, struct mm_err *err);
/* The same for a document opened with pdf_open_mem: *data (malloc'd, caller frees), *len. */
int pdf_close_mem(struct pdf_doc *d, char **data, size_t *len, struct mm_err *err);
/* Frees a document without writing it (e.g. after an error while gathering its data). */
void pdf_discard(struct pdf_doc *d);

/* Pages so far (the current one included). */
int pdf_page_count(const struct pdf_doc *d);
/* Starts a new page; the following pages keep that orientation. */
void pdf_new_page(struct pdf_doc *d, enum pdf_orientation o);
/* Vertical space in points. */
void pdf_space(struct pdf_doc *d, double pt);

/* Heading: level 1 (document title, large), 2 (section), 3 (subsection). Kept on the same
 * page as at least a few lines of what follows. */
void pdf_heading(struct pdf_doc *d, int level, const char *text);
/* Wrapped paragraph (Japanese line breaking); breaks across pages line by line. */
void pdf_paragraph(struct pdf_doc *d, const char *text);
/* A smaller grey note (e.g. 「該当するデータがありません」, sources, remarks). */
void pdf_note(struct pdf_doc *d, const char *text);

/* Key–value block: 「申請者」「申請日」 … as a two-column grid with the keys shaded. */
struct pdf_kv {
    const char *key, *value;
};
void pdf_kv_block(struct pdf_doc *d, const struct pdf_kv *items, size_t n);

/*
 * Tables: columns with relative widths (any positive numbers; scaled to the text width) and
 * alignment. Cells wrap; a row never splits across pages; the header row (and the caption with
 * 「（続き）」) is repeated on each new page. Cells may be NULL (empty).
 */
struct pdf_column {
    const char *title;
    double width;
    enum pdf_align align;
};
void pdf_table_begin(struct pdf_doc *d, const char *caption, const struct pdf_column *cols,
                     size_t ncols);
void pdf_table_row(struct pdf_doc *d, const char *const *cells);
void pdf_table_end(struct pdf_doc *d);

/* 承認欄: one box per signer (role above, 印 placeholder with the name, date below), right-aligned. */
struct pdf_signer {
    const char *role; /* 「課長」「CISO」 … */
    const char *name; /* NULL = blank, to sign by hand */
    const char *date; /* already formatted (和暦), NULL = blank */
};
void pdf_signature_row(struct pdf_doc *d, const struct pdf_signer *s, size_t n);

/* Horizontal bar chart: one bar per item, scaled to `max` (0 = the largest value), the value
 * printed after the bar with `unit` (「件」「%」). */
struct pdf_bar {
    const char *label;
    double value;
};
void pdf_bar_chart(struct pdf_doc *d, const char *title, const struct pdf_bar *bars, size_t n,
                   double max, const char *unit);

/* The font family the document uses ("IPAexGothic" or "Noto Sans CJK JP"). */
const char *pdf_font_family(const struct pdf_doc *d);

/* Releases the font library's process-wide state; call once at exit, when no document is open
 * and none will be (never from a server thread): it lets leak checkers see a clean exit. */
void pdf_shutdown(void);

#endif
