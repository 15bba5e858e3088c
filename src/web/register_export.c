/*
 * register_export.c — downloads of a register list (/r/{reg}/export): the same filter, sort
 * and search as the list page, every matching row inside the user's READ reach, the Japanese
 * column labels, code labels and 和暦 dates; CSV in UTF-8 with a byte-order mark (as
 * `mamori check --format csv` writes), CSV in CP932, or an Excel workbook.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csv.h"
#include "io/xlsx.h"
#include "web/app.h"
#include "web/register.h"

struct cells {
    const struct reg_desc *d;
    char **v;
    size_t n, alloc; /* cells */
};

static int add_row(void *ctx, const struct reg_row *r)
{
    struct cells *t = ctx;
    if (t->n + t->d->ncols > t->alloc) {
        size_t a = t->alloc ? t->alloc * 2 : 1024;
        while (a < t->n + t->d->ncols)
            a *= 2;
        char **nv = realloc(t->v, a * sizeof *nv);
        if (!nv)
            return 1;
        t->v = nv;
        t->alloc = a;
    }
    for (size_t i = 0; i < t->d->ncols; i++) {
        char buf[REG_VALUE_MAX];
        reg_display(&t->d->cols[i], r->raw[i], r->disp[i], buf, sizeof buf);
        t->v[t->n++] = strdup(buf);
    }
    return 0;
}

static void cells_free(struct cells *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    free(t->v);
}

static int build_csv(const struct reg_desc *d, const struct cells *t, enum csv_encoding enc,
                     struct strbuf *out, struct mm_err *err)
{
    struct strbuf sb = STRBUF_INIT;
    const char *head[REG_MAXCOL];
    for (size_t i = 0; i < d->ncols; i++)
        head[i] = d->cols[i].label;
    csv_add_row(&sb, head, d->ncols);
    for (size_t r = 0; r < t->n; r += d->ncols)
        csv_add_row(&sb, (const char *const *)t->v + r, d->ncols);
    int rc = csv_encode(&sb, enc, out, err);
    strbuf_release(&sb);
    return rc;
}

static int build_xlsx(const struct reg_desc *d, const struct cells *t, struct strbuf *out,
                      struct mm_err *err)
{
    const char *head[REG_MAXCOL];
    double widths[REG_MAXCOL];
    for (size_t i = 0; i < d->ncols; i++) {
        head[i] = d->cols[i].label;
        widths[i] = d->cols[i].kind == REG_TEXT ? 28 : 16;
    }
    struct xlsx_sheet sheet = {d->label, head, widths, d->ncols, (const char *const *)t->v,
                               t->n / d->ncols, 1};
    char path[] = "/tmp/mamori-export-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return mm_err_set(err, MM_EINTERNAL, "一時ファイルを作れません");
    close(fd);
    int rc = xlsx_write(path, &sheet, 1, err);
    if (!rc) {
        FILE *f = fopen(path, "rb");
        if (!f) {
            rc = mm_err_set(err, MM_EINTERNAL, "一時ファイルを読めません");
        } else {
            char buf[65536];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0)
                strbuf_add(out, buf, n);
            fclose(f);
        }
    }
    unlink(path);
    return rc;
}

static const struct {
    const char *format, *ext, *type;
} formats[] = {
    {"csv", "csv", "text/csv; charset=utf-8"},
    {"csv-cp932", "csv", "text/csv; charset=Shift_JIS"},
    {"xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
};

static void disposition(struct web_ctx *c, const struct reg_desc *d, const char *ext)
{
    char date[9];
    snprintf(date, sizeof date, "%.4s%.2s%.2s", c->today, c->today + 5, c->today + 8);
    struct strbuf enc = STRBUF_INIT;
    reg_url_param(&enc, "x", d->label);
    snprintf(c->resp->disposition, sizeof c->resp->disposition,
             "attachment; filename=\"%s-%s.%s\"; filename*=UTF-8''%s-%s.%s", d->code, date, ext,
             enc.buf + 2, date, ext);
    strbuf_release(&enc);
}

void reg_page_export(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = reg_page_register(c, args[0]);
    if (!d)
        return;
    char fmt[16];
    app_query(c, "format", fmt, sizeof fmt);
    size_t f = 0;
    while (f < sizeof formats / sizeof formats[0] && strcmp(formats[f].format, fmt) != 0)
        f++;
    if (f == sizeof formats / sizeof formats[0]) {
        app_bad_request(c, "形式（format）は csv、csv-cp932、xlsx のいずれかを指定してください。");
        return;
    }
    struct reg_query q;
    reg_page_query(c, d, &q);
    q.per = 0;
    struct cells t = {d, NULL, 0, 0};
    long long total = 0;
    struct mm_err err;
    mm_err_clear(&err);
    struct web_response *resp = c->resp;
    strbuf_reset(&resp->body);
    int rc = reg_list(c->st, c->who, d, &q, &total, add_row, &t, &err);
    if (!rc && f == 2)
        rc = build_xlsx(d, &t, &resp->body, &err);
    else if (!rc)
        rc = build_csv(d, &t, f == 0 ? CSV_UTF8_BOM : CSV_CP932, &resp->body, &err);
    cells_free(&t);
    if (rc == MM_EINPUT) {
        strbuf_reset(&resp->body);
        app_bad_request(c, "Shift_JIS で表せない文字があります。CSV（UTF-8）か Excel を選んでください。");
        return;
    }
    if (rc) {
        strbuf_reset(&resp->body);
        app_internal(c, &err);
        return;
    }
    resp->status = 200;
    resp->content_type = formats[f].type;
    resp->cache = "no-store";
    disposition(c, d, formats[f].ext);
}
