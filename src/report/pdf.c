/*
 * pdf.c — the document API of pdf.h. Each page is drawn on a cairo recording surface; closing
 * the document replays the pages onto a PDF surface and draws the header and footer, now that
 * the page count is known. Text is laid out by pango with its own font map (freed with the
 * document) at 72 dpi, so font sizes are points.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report/pdf.h"
#include "util/strbuf.h"

/* A4 in points, margins and type sizes. */
#define A4_SHORT 595.276
#define A4_LONG 841.890
#define M_SIDE 50.0
#define M_TOP 64.0
#define M_BOTTOM 58.0
#define HEADER_BASE 30.0
#define FOOTER_FROM_BOTTOM 40.0
#define SZ_BODY 10.0
#define SZ_TABLE 8.5
#define SZ_NOTE 8.5
#define SZ_HEADER 8.0
#define CELL_PAD 3.5

/* Families tried in order; the first one fontconfig knows is used. */
static const char *const font_families[] = {"IPAexGothic", "Noto Sans CJK JP"};

struct page {
    cairo_surface_t *rec;
    double w, h;
};

struct pdf_doc {
    FILE *file; /* pdf_open_file */
    char *path;
    struct strbuf mem; /* bytes written so far (pdf_open_mem) */
    cairo_surface_t *pdf;
    char *title, *org;
    char print_date[64];
    PangoFontMap *fm;
    PangoContext *pc;
    const char *family; /* one of font_families */
    struct page *pages;
    size_t npages, cap;
    cairo_t *cr; /* on the current page's recording */
    double w, h, y;
    /* the table being drawn, for its header on each new page */
    int in_table;
    struct pdf_column *cols;
    double *colw;
    size_t ncols;
    char *caption;
    size_t row_index;
};

/* ---- small helpers --------------------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        abort();
    return p;
}

static double text_width(const struct pdf_doc *d)
{
    return d->w - 2 * M_SIDE;
}

static double bottom(const struct pdf_doc *d)
{
    return d->h - M_BOTTOM;
}

static void set_gray(cairo_t *cr, double g)
{
    cairo_set_source_rgb(cr, g, g, g);
}

/* A layout of `text` in the document's font; width <= 0 = no wrapping. Caller unrefs. */
static PangoLayout *make_layout(const struct pdf_doc *d, const char *text, double size,
                                double width, enum pdf_align align)
{
    PangoLayout *l = pango_layout_new(d->pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, d->family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    static const PangoAlignment map[] = {PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT};
    pango_layout_set_alignment(l, map[align]);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static double layout_height(PangoLayout *l)
{
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return (double)r.height / PANGO_SCALE;
}

static void show_at(cairo_t *cr, PangoLayout *l, double x, double y)
{
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
}

/* Draws text in one go (no page logic): used by the header, footer, charts and boxes. */
static double text_at(const struct pdf_doc *d, cairo_t *cr, const char *text, double size,
                      double x, double y, double width, enum pdf_align align)
{
    PangoLayout *l = make_layout(d, text, size, width, align);
    show_at(cr, l, x, y);
    double h = layout_height(l);
    g_object_unref(l);
    return h;
}

/* ---- font ------------------------------------------------------------------------------ */

static int family_installed(PangoFontMap *fm, const char *name)
{
    PangoFontFamily **fams = NULL;
    int n = 0, found = 0;
    pango_font_map_list_families(fm, &fams, &n);
    for (int i = 0; i < n && !found; i++)
        found = g_ascii_strcasecmp(pango_font_family_get_name(fams[i]), name) == 0;
    g_free(fams);
    return found;
}

static int pick_font(PangoFontMap *fm, const char **family, struct mm_err *err)
{
    for (size_t i = 0; i < sizeof font_families / sizeof *font_families; i++)
        if (family_installed(fm, font_families[i])) {
            *family = font_families[i];
            return MM_OK;
        }
    return mm_err_set(err, MM_EREFUSED,
                      "日本語フォントが見つからないため PDF を作成できません。IPAex ゴシック"
                      "（Debian/Ubuntu のパッケージ fonts-ipaexfont）または Noto Sans CJK JP "
                      "（fonts-noto-cjk）を導入してください");
}

const char *pdf_font_family(const struct pdf_doc *d)
{
    return d->family;
}

void pdf_shutdown(void)
{
    /* Drops pango's font map and with it the fonts it holds. fontconfig's own configuration
     * stays until the process ends: FcFini can abort when a cache is still referenced, so the
     * leak checker is told about those one-time allocations instead (tests/lsan.supp). */
    pango_cairo_font_map_set_default(NULL);
}

/* ---- pages ----------------------------------------------------------------------------- */

static void page_start(struct pdf_doc *d, double w, double h)
{
    if (d->cr)
        cairo_destroy(d->cr);
    if (d->npages == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->pages = realloc(d->pages, d->cap * sizeof *d->pages);
        if (!d->pages)
            abort();
    }
    cairo_rectangle_t ext = {0, 0, w, h};
    struct page *p = &d->pages[d->npages++];
    p->rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
    p->w = w;
    p->h = h;
    d->cr = cairo_create(p->rec);
    d->w = w;
    d->h = h;
    d->y = M_TOP;
}

static void table_header(struct pdf_doc *d, int continued);

void pdf_new_page(struct pdf_doc *d, enum pdf_orientation o)
{
    if (o == PDF_LANDSCAPE)
        page_start(d, A4_LONG, A4_SHORT);
    else
        page_start(d, A4_SHORT, A4_LONG);
}

/* Makes room for `h` points: a new page of the same size when the current one is too full
 * (never on a fresh page, where a block taller than the page is drawn as far as it goes). */
static void need(struct pdf_doc *d, double h)
{
    if (d->y + h <= bottom(d) || d->y <= M_TOP)
        return;
    page_start(d, d->w, d->h);
    if (d->in_table)
        table_header(d, 1);
}

int pdf_page_count(const struct pdf_doc *d)
{
    return (int)d->npages;
}

void pdf_space(struct pdf_doc *d, double pt)
{
    d->y += pt;
}

/* ---- open / close ---------------------------------------------------------------------- */

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    struct pdf_doc *d = closure;
    if (d->file)
        return fwrite(data, 1, len, d->file) == len ? CAIRO_STATUS_SUCCESS
                                                     : CAIRO_STATUS_WRITE_ERROR;
    strbuf_add(&d->mem, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* The reason a file cannot be written, in Japanese for the cases a user can fix. */
static const char *errno_text(int e)
{
    switch (e) {
    case ENOENT:
        return "フォルダがありません";
    case EACCES:
    case EPERM:
        return "書き込む権限がありません";
    case ENOSPC:
        return "ディスクの空きがありません";
    case EROFS:
        return "読み取り専用の場所です";
    case EISDIR:
        return "同じ名前のフォルダがあります";
    default:
        return strerror(e);
    }
}

static void today_jst(struct mm_date *out)
{
    time_t t = time(NULL) + 9 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    *out = (struct mm_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static void set_metadata(cairo_surface_t *s, const struct pdf_meta *m)
{
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, m->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "mamori");
    if (m->author)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, m->author);
    if (m->subject)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, m->subject);
    if (m->created_at) {
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, m->created_at);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, m->created_at);
    }
}

static void free_table(struct pdf_doc *d)
{
    for (size_t i = 0; i < d->ncols; i++)
        free((char *)d->cols[i].title);
    free(d->cols);
    free(d->colw);
    free(d->caption);
    d->cols = NULL;
    d->colw = NULL;
    d->caption = NULL;
    d->ncols = 0;
    d->in_table = 0;
}

static void doc_free(struct pdf_doc *d)
{
    if (!d)
        return;
    free_table(d);
    if (d->cr)
        cairo_destroy(d->cr);
    for (size_t i = 0; i < d->npages; i++)
        cairo_surface_destroy(d->pages[i].rec);
    free(d->pages);
    if (d->pdf)
        cairo_surface_destroy(d->pdf);
    if (d->pc)
        g_object_unref(d->pc);
    if (d->fm)
        g_object_unref(d->fm);
    if (d->file)
        fclose(d->file);
    free(d->path);
    free(d->title);
    free(d->org);
    strbuf_release(&d->mem);
    free(d);
}

static int doc_open(const char *path, const struct pdf_meta *meta, struct pdf_doc **out,
                    struct mm_err *err)
{
    *out = NULL;
    struct pdf_doc *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    strbuf_init(&d->mem);
    d->fm = pango_cairo_font_map_new();
    if (pick_font(d->fm, &d->family, err) != MM_OK) {
        doc_free(d);
        return err->code;
    }
    if (path) {
        d->file = fopen(path, "wb");
        if (!d->file) {
            int e = errno;
            doc_free(d);
            return mm_err_set(err, MM_EINPUT, "PDF ファイル「%s」を作成できません: %s", path,
                              errno_text(e));
        }
        d->path = dup_or_null(path);
    }
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(d->fm), 72.0);
    d->pc = pango_font_map_create_context(d->fm);
    pango_context_set_language(d->pc, pango_language_from_string("ja"));
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(d->pc, fo);
    cairo_font_options_destroy(fo);

    d->pdf = cairo_pdf_surface_create_for_stream(write_out, d, A4_SHORT, A4_LONG);
    set_metadata(d->pdf, meta);
    d->title = dup_or_null(meta->title ? meta->title : "");
    d->org = dup_or_null(meta->organization);
    struct mm_date pd = meta->print_date;
    if (!pd.y)
        today_jst(&pd);
    struct mm_err e2;
    if (wareki_format(pd, d->print_date, sizeof d->print_date, &e2) != MM_OK)
        d->print_date[0] = 0;
    pdf_new_page(d, PDF_PORTRAIT);
    *out = d;
    return MM_OK;
}

int pdf_open_file(const char *path, const struct pdf_meta *meta, struct pdf_doc **out,
                  struct mm_err *err)
{
    return doc_open(path, meta, out, err);
}

int pdf_open_mem(const struct pdf_meta *meta, struct pdf_doc **out, struct mm_err *err)
{
    return doc_open(NULL, meta, out, err);
}

void pdf_discard(struct pdf_doc *d)
{
    if (d && d->path) {
        fclose(d->file);
        d->file = NULL;
        unlink(d->path);
    }
    doc_free(d);
}

/* Header: organization left, title right, a rule below. Footer: a rule, 「n / N ページ」 in
 * the middle and the print date on the right. */
static void frame(struct pdf_doc *d, cairo_t *cr, const struct page *p, size_t i)
{
    double tw = p->w - 2 * M_SIDE;
    set_gray(cr, 0.35);
    if (d->org)
        text_at(d, cr, d->org, SZ_HEADER, M_SIDE, HEADER_BASE - 10, tw / 2, PDF_LEFT);
    text_at(d, cr, d->title, SZ_HEADER, M_SIDE + tw / 2, HEADER_BASE - 10, tw / 2, PDF_RIGHT);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, M_SIDE, HEADER_BASE + 4);
    cairo_line_to(cr, p->w - M_SIDE, HEADER_BASE + 4);
    double fy = p->h - FOOTER_FROM_BOTTOM;
    cairo_move_to(cr, M_SIDE, fy);
    cairo_line_to(cr, p->w - M_SIDE, fy);
    cairo_stroke(cr);
    char buf[96];
    snprintf(buf, sizeof buf, "%zu / %zu ページ", i + 1, d->npages);
    text_at(d, cr, buf, SZ_HEADER, M_SIDE, fy + 5, tw, PDF_CENTER);
    if (d->print_date[0]) {
        snprintf(buf, sizeof buf, "印刷日 %s", d->print_date);
        text_at(d, cr, buf, SZ_HEADER, M_SIDE + tw / 2, fy + 5, tw / 2, PDF_RIGHT);
    }
}

static int write_pages(struct pdf_doc *d, struct mm_err *err)
{
    if (d->cr) {
        cairo_destroy(d->cr);
        d->cr = NULL;
    }
    for (size_t i = 0; i < d->npages; i++) {
        const struct page *p = &d->pages[i];
        cairo_pdf_surface_set_size(d->pdf, p->w, p->h);
        cairo_t *cr = cairo_create(d->pdf);
        cairo_set_source_surface(cr, p->rec, 0, 0);
        cairo_paint(cr);
        frame(d, cr, p, i);
        cairo_show_page(cr);
        cairo_status_t st = cairo_status(cr);
        cairo_destroy(cr);
        if (st != CAIRO_STATUS_SUCCESS)
            return mm_err_set(err, MM_EINTERNAL, "PDF の %zu ページ目を描画できません: %s", i + 1,
                              cairo_status_to_string(st));
    }
    cairo_surface_finish(d->pdf);
    cairo_status_t st = cairo_surface_status(d->pdf);
    if (st != CAIRO_STATUS_SUCCESS)
        return mm_err_set(err, MM_EINTERNAL, "PDF を書き出せません: %s",
                          cairo_status_to_string(st));
    return MM_OK;
}

int pdf_close(struct pdf_doc *d, struct mm_err *err)
{
    int rc = write_pages(d, err);
    if (d->file) {
        int bad = ferror(d->file);
        bad |= fclose(d->file) != 0;
        d->file = NULL;
        if (rc == MM_OK && bad)
            rc = mm_err_set(err, MM_EINTERNAL, "PDF ファイル「%s」に書き込めません: %s", d->path,
                            errno_text(errno));
        if (rc != MM_OK)
            unlink(d->path);
    }
    doc_free(d);
    return rc;
}

int pdf_close_mem(struct pdf_doc *d, char **data, size_t *len, struct mm_err *err)
{
    *data = NULL;
    *len = 0;
    int rc = write_pages(d, err);
    if (rc == MM_OK) {
        *len = d->mem.len;
        *data = strbuf_detach(&d->mem);
    }
    doc_free(d);
    return rc;
}

/* ---- text blocks ----------------------------------------------------------------------- */

/* Draws a layout line by line, breaking pages between lines; `gap` = extra space per line. */
static void flow_layout(struct pdf_doc *d, PangoLayout *l, double x, double gap)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle lr;
        pango_layout_iter_get_line_extents(it, NULL, &lr);
        double lh = (double)lr.height / PANGO_SCALE;
        double base = (double)(pango_layout_iter_get_baseline(it) - lr.y) / PANGO_SCALE;
        need(d, lh);
        cairo_move_to(d->cr, x + (double)lr.x / PANGO_SCALE, d->y + base);
        pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
        d->y += lh + gap;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

void pdf_heading(struct pdf_doc *d, int level, const char *text)
{
    static const double size[] = {17.0, 13.0, 11.0};
    static const double before[] = {4.0, 14.0, 10.0};
    int k = level < 1 ? 0 : level > 3 ? 2 : level - 1;
    double tw = text_width(d);
    PangoLayout *l = make_layout(d, text, size[k], k == 0 ? tw : tw - 10, k == 0 ? PDF_CENTER
                                                                                  : PDF_LEFT);
    double h = layout_height(l);
    if (d->y > M_TOP)
        d->y += before[k];
    need(d, h + 60); /* keep a heading with what follows it */
    cairo_t *cr = d->cr;
    if (k == 1) {
        cairo_set_source_rgb(cr, 0.16, 0.33, 0.55);
        cairo_rectangle(cr, M_SIDE, d->y + 1, 4, h - 2);
        cairo_fill(cr);
    }
    set_gray(cr, 0.05);
    show_at(cr, l, k == 0 ? M_SIDE : M_SIDE + (k == 1 ? 10 : 0), d->y);
    d->y += h;
    if (k < 2) {
        set_gray(cr, k == 0 ? 0.2 : 0.6);
        cairo_set_line_width(cr, k == 0 ? 1.0 : 0.5);
        cairo_move_to(cr, M_SIDE, d->y + 3);
        cairo_line_to(cr, M_SIDE + tw, d->y + 3);
        cairo_stroke(cr);
        d->y += 4;
    }
    d->y += k == 0 ? 12 : 6;
    g_object_unref(l);
}

static void text_block(struct pdf_doc *d, const char *text, double size, double gray)
{
    PangoLayout *l = make_layout(d, text, size, text_width(d), PDF_LEFT);
    set_gray(d->cr, gray);
    flow_layout(d, l, M_SIDE, size * 0.45);
    g_object_unref(l);
    d->y += size * 0.6;
}

void pdf_paragraph(struct pdf_doc *d, const char *text)
{
    text_block(d, text, SZ_BODY, 0.0);
}

void pdf_note(struct pdf_doc *d, const char *text)
{
    text_block(d, text, SZ_NOTE, 0.35);
}

/* ---- cells ----------------------------------------------------------------------------- */

/* One row of boxed cells: layouts of each cell's text, drawn with a background `bg` (<0 none).
 * Breaks the page before the row when it does not fit. */
struct cell {
    const char *text;
    double w;
    enum pdf_align align;
    double bg;
};

static void cell_row(struct pdf_doc *d, const struct cell *c, size_t n, double size)
{
    PangoLayout *ls[n];
    double h = 0;
    /* a row may take a whole page but no more (less the caption and header of a table): a
     * longer cell is cut with 「…」 */
    double most = d->h - M_TOP - M_BOTTOM - 2 * CELL_PAD - (d->in_table ? 50 : 0);
    for (size_t i = 0; i < n; i++) {
        ls[i] = make_layout(d, c[i].text, size, c[i].w - 2 * CELL_PAD, c[i].align);
        pango_layout_set_spacing(ls[i], (int)(size * 0.25 * PANGO_SCALE));
        if (layout_height(ls[i]) > most) {
            pango_layout_set_height(ls[i], (int)(most * PANGO_SCALE));
            pango_layout_set_ellipsize(ls[i], PANGO_ELLIPSIZE_END);
        }
        double lh = layout_height(ls[i]);
        if (lh > h)
            h = lh;
    }
    h += 2 * CELL_PAD;
    need(d, h);
    cairo_t *cr = d->cr;
    double x = M_SIDE;
    cairo_set_line_width(cr, 0.5);
    for (size_t i = 0; i < n; i++) {
        cairo_rectangle(cr, x, d->y, c[i].w, h);
        if (c[i].bg >= 0) {
            set_gray(cr, c[i].bg);
            cairo_fill_preserve(cr);
        }
        set_gray(cr, 0.45);
        cairo_stroke(cr);
        set_gray(cr, 0.0);
        show_at(cr, ls[i], x + CELL_PAD, d->y + CELL_PAD);
        x += c[i].w;
        g_object_unref(ls[i]);
    }
    d->y += h;
}

void pdf_kv_block(struct pdf_doc *d, const struct pdf_kv *items, size_t n)
{
    double tw = text_width(d), kw = tw * 0.28;
    for (size_t i = 0; i < n; i++) {
        struct cell c[2] = {{items[i].key, kw, PDF_LEFT, 0.92},
                            {items[i].value, tw - kw, PDF_LEFT, -1}};
        cell_row(d, c, 2, SZ_BODY - 0.5);
    }
    d->y += 8;
}

/* ---- tables ---------------------------------------------------------------------------- */

static void table_header(struct pdf_doc *d, int continued)
{
    if (d->caption) {
        struct strbuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s%s", d->caption, continued ? "（続き）" : "");
        set_gray(d->cr, 0.1);
        d->y += text_at(d, d->cr, sb.buf, SZ_BODY - 0.5, M_SIDE, d->y, text_width(d), PDF_LEFT);
        d->y += 3;
        strbuf_release(&sb);
    }
    struct cell c[d->ncols];
    for (size_t i = 0; i < d->ncols; i++)
        c[i] = (struct cell){d->cols[i].title, d->colw[i], PDF_CENTER, 0.84};
    int saved = d->in_table;
    d->in_table = 0; /* the header itself never triggers a header */
    cell_row(d, c, d->ncols, SZ_TABLE);
    d->in_table = saved;
}

void pdf_table_begin(struct pdf_doc *d, const char *caption, const struct pdf_column *cols,
                     size_t ncols)
{
    free_table(d);
    d->cols = calloc(ncols, sizeof *d->cols);
    d->colw = calloc(ncols, sizeof *d->colw);
    if (!d->cols || !d->colw)
        abort();
    double total = 0;
    for (size_t i = 0; i < ncols; i++)
        total += cols[i].width > 0 ? cols[i].width : 1;
    for (size_t i = 0; i < ncols; i++) {
        d->cols[i] = cols[i];
        d->cols[i].title = dup_or_null(cols[i].title ? cols[i].title : "");
        d->colw[i] = text_width(d) * (cols[i].width > 0 ? cols[i].width : 1) / total;
    }
    d->ncols = ncols;
    d->caption = dup_or_null(caption);
    d->row_index = 0;
    if (d->y > M_TOP)
        d->y += 4;
    need(d, 70); /* caption, header and a row or two together */
    table_header(d, 0);
    d->in_table = 1;
}

void pdf_table_row(struct pdf_doc *d, const char *const *cells)
{
    struct cell c[d->ncols];
    double bg = d->row_index++ % 2 ? 0.965 : -1;
    for (size_t i = 0; i < d->ncols; i++)
        c[i] = (struct cell){cells[i], d->colw[i], d->cols[i].align, bg};
    cell_row(d, c, d->ncols, SZ_TABLE);
}

void pdf_table_end(struct pdf_doc *d)
{
    free_table(d);
    d->y += 10;
}

/* ---- 承認欄 ----------------------------------------------------------------------------- */

#define SIGN_W 80.0
#define SIGN_STAMP_H 58.0
#define SIGN_DATE_H 17.0

static void stamp_placeholder(struct pdf_doc *d, double cx, double cy)
{
    cairo_t *cr = d->cr;
    static const double dash[] = {2.0, 2.0};
    cairo_set_dash(cr, dash, 2, 0);
    set_gray(cr, 0.6);
    cairo_new_sub_path(cr);
    cairo_arc(cr, cx, cy, 14, 0, 2 * G_PI);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    set_gray(cr, 0.6);
    text_at(d, cr, "印", SZ_TABLE, cx - 20, cy - SZ_TABLE * 0.7, 40, PDF_CENTER);
}

void pdf_signature_row(struct pdf_doc *d, const struct pdf_signer *s, size_t n)
{
    if (!n)
        return;
    double tw = text_width(d);
    double bw = n * SIGN_W > tw ? tw / n : SIGN_W;
    double role_h = 0; /* the tallest role label decides the height of the role cells */
    for (size_t i = 0; i < n; i++) {
        PangoLayout *l = make_layout(d, s[i].role, SZ_TABLE - 0.5, bw - 4, PDF_CENTER);
        double h = layout_height(l) + 6;
        role_h = h > role_h ? h : role_h;
        g_object_unref(l);
    }
    double total = role_h + SIGN_STAMP_H + SIGN_DATE_H;
    need(d, total + 6);
    cairo_t *cr = d->cr;
    double x0 = M_SIDE + tw - n * bw, y = d->y;
    cairo_set_line_width(cr, 0.6);
    for (size_t i = 0; i < n; i++) {
        double x = x0 + i * bw;
        cairo_rectangle(cr, x, y, bw, role_h);
        set_gray(cr, 0.88);
        cairo_fill_preserve(cr);
        set_gray(cr, 0.3);
        cairo_stroke(cr);
        cairo_rectangle(cr, x, y + role_h, bw, SIGN_STAMP_H + SIGN_DATE_H);
        cairo_stroke(cr);
        set_gray(cr, 0.0);
        text_at(d, cr, s[i].role, SZ_TABLE - 0.5, x + 2, y + 3, bw - 4, PDF_CENTER);
        double sy = y + role_h;
        if (s[i].name && *s[i].name) {
            text_at(d, cr, s[i].name, SZ_TABLE - 0.5, x + 2, sy + 4, bw - 4, PDF_CENTER);
            stamp_placeholder(d, x + bw / 2, sy + 36);
        } else {
            stamp_placeholder(d, x + bw / 2, sy + SIGN_STAMP_H / 2);
        }
        set_gray(cr, 0.6);
        cairo_move_to(cr, x + 4, sy + SIGN_STAMP_H);
        cairo_line_to(cr, x + bw - 4, sy + SIGN_STAMP_H);
        cairo_stroke(cr);
        set_gray(cr, 0.0);
        text_at(d, cr, s[i].date && *s[i].date ? s[i].date : "　年　月　日", SZ_TABLE - 1.5,
                x + 1, sy + SIGN_STAMP_H + 3.5, bw - 2, PDF_CENTER);
    }
    d->y += total + 10;
}

/* ---- bar chart ------------------------------------------------------------------------- */

#define BAR_ROW 15.0
#define BAR_H 9.5

static void format_value(double v, const char *unit, char *buf, size_t size)
{
    if (v == (long long)v)
        snprintf(buf, size, "%lld%s", (long long)v, unit ? unit : "");
    else
        snprintf(buf, size, "%.1f%s", v, unit ? unit : "");
}

void pdf_bar_chart(struct pdf_doc *d, const char *title, const struct pdf_bar *bars, size_t n,
                   double max, const char *unit)
{
    if (max <= 0)
        for (size_t i = 0; i < n; i++)
            if (bars[i].value > max)
                max = bars[i].value;
    if (max <= 0)
        max = 1;
    double tw = text_width(d), lw = tw * 0.30, vw = 62, bw = tw - lw - vw - 8;
    if (d->y > M_TOP)
        d->y += 4;
    need(d, 20 + BAR_ROW * (n < 4 ? n : 4));
    if (title) {
        set_gray(d->cr, 0.1);
        d->y += text_at(d, d->cr, title, SZ_BODY - 0.5, M_SIDE, d->y, tw, PDF_LEFT) + 4;
    }
    for (size_t i = 0; i < n; i++) {
        need(d, BAR_ROW);
        cairo_t *cr = d->cr;
        double y = d->y;
        PangoLayout *l = make_layout(d, bars[i].label, SZ_TABLE, lw - 6, PDF_RIGHT);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(l, 0); /* one line */
        set_gray(cr, 0.1);
        show_at(cr, l, M_SIDE, y + (BAR_ROW - layout_height(l)) / 2);
        g_object_unref(l);
        double v = bars[i].value < 0 ? 0 : bars[i].value;
        double len = bw * (v > max ? 1 : v / max);
        cairo_rectangle(cr, M_SIDE + lw, y + (BAR_ROW - BAR_H) / 2, len, BAR_H);
        cairo_set_source_rgb(cr, 0.22, 0.42, 0.66);
        cairo_fill(cr);
        char buf[64];
        format_value(bars[i].value, unit, buf, sizeof buf);
        PangoLayout *vl = make_layout(d, buf, SZ_TABLE, vw, PDF_LEFT);
        set_gray(cr, 0.1);
        show_at(cr, vl, M_SIDE + lw + len + 4, y + (BAR_ROW - layout_height(vl)) / 2);
        g_object_unref(vl);
        d->y += BAR_ROW;
    }
    /* the axis */
    set_gray(d->cr, 0.4);
    cairo_set_line_width(d->cr, 0.6);
    cairo_move_to(d->cr, M_SIDE + lw, d->y);
    cairo_line_to(d->cr, M_SIDE + lw + bw, d->y);
    cairo_stroke(d->cr);
    char buf[64];
    format_value(max, unit, buf, sizeof buf);
    set_gray(d->cr, 0.35);
    text_at(d, d->cr, buf, SZ_NOTE - 1, M_SIDE + lw + bw - 60, d->y + 2, 60, PDF_RIGHT);
    text_at(d, d->cr, "0", SZ_NOTE - 1, M_SIDE + lw - 3, d->y + 2, 20, PDF_LEFT);
    d->y += 18;
}
