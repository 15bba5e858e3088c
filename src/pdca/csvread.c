/*
 * csvread.c — a small CSV reader (see csvread.h).
 */
#include "pdca/csvread.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
                 : (c & 0xF8) == 0xF0 ? 3 : 9;
        if (k == 9 || i + k >= n + (k == 0))
            return 0;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k + 1;
    }
    return 1;
}

/* CP932 → UTF-8; NULL when the bytes are not CP932 either. */
static char *from_cp932(const char *data, size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 3 + 4, left = cap;
    char *out = malloc(cap), *o = out;
    char *in = (char *)data;
    size_t inleft = len;
    if (!out || iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
        free(out);
        iconv_close(cd);
        return NULL;
    }
    iconv_close(cd);
    *outlen = cap - left;
    return out;
}

struct rec {
    char **f;
    size_t n, cap;
    struct strbuf cur;
};

static void push_field(struct rec *r)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->f = realloc(r->f, r->cap * sizeof *r->f);
        if (!r->f)
            abort();
    }
    r->f[r->n++] = strbuf_detach(&r->cur);
}

static void clear_rec(struct rec *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->f[i]);
    r->n = 0;
}

static int blank(const struct rec *r)
{
    return r->n == 1 && r->f[0][0] == 0;
}

int csvread(const char *label, const char *data, size_t len, csvread_fn fn, void *ctx,
            struct mm_err *err)
{
    char *conv = NULL;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3, len -= 3;
    else if (!valid_utf8((const unsigned char *)data, len)) {
        conv = from_cp932(data, len, &len);
        if (!conv)
            return mm_err_set(err, MM_EINPUT,
                              "%s: 文字コードが UTF-8 でも CP932（Shift_JIS）でもありません", label);
        data = conv;
    }
    struct rec r = {NULL, 0, 0, STRBUF_INIT};
    size_t line = 1, start = 1;
    int quoted = 0, rc = 0;
    for (size_t i = 0; i <= len && !rc; i++) {
        char c = i < len ? data[i] : '\n';
        if (quoted) {
            if (i == len) {
                rc = mm_err_set(err, MM_EINPUT, "%s:%zu: 引用符（\"）が閉じられていません", label,
                                start);
                break;
            }
            if (c == '"' && i + 1 < len && data[i + 1] == '"')
                strbuf_addch(&r.cur, '"'), i++;
            else if (c == '"')
                quoted = 0;
            else {
                if (c == '\n')
                    line++;
                strbuf_addch(&r.cur, c);
            }
            continue;
        }
        if (c == '"' && r.cur.len == 0)
            quoted = 1;
        else if (c == ',')
            push_field(&r);
        else if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
            continue;
        else if (c == '\n' || c == '\r') {
            if (i == len && r.n == 0 && r.cur.len == 0)
                break;
            push_field(&r);
            if (!blank(&r))
                rc = fn(ctx, start, r.f, r.n);
            clear_rec(&r);
            line++;
            start = line;
        } else
            strbuf_addch(&r.cur, c);
    }
    clear_rec(&r);
    free(r.f);
    strbuf_release(&r.cur);
    free(conv);
    return rc;
}
