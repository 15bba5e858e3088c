/* csv.c — CSV writing and its encodings (see csv.h). */
#include "io/csv.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

int csv_encoding_parse(const char *s, enum csv_encoding *out)
{
    if (!strcasecmp(s, "utf-8") || !strcasecmp(s, "utf8"))
        *out = CSV_UTF8_BOM;
    else if (!strcasecmp(s, "utf-8-nobom"))
        *out = CSV_UTF8;
    else if (!strcasecmp(s, "cp932") || !strcasecmp(s, "shift_jis") || !strcasecmp(s, "sjis"))
        *out = CSV_CP932;
    else
        return -1;
    return 0;
}

void csv_add_row(struct strbuf *sb, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *c = cells[i] ? cells[i] : "";
        if (i)
            strbuf_addch(sb, ',');
        if (strpbrk(c, ",\"\r\n") || (*c == ' ' || (*c && c[strlen(c) - 1] == ' '))) {
            strbuf_addch(sb, '"');
            for (; *c; c++) {
                if (*c == '"')
                    strbuf_addch(sb, '"');
                strbuf_addch(sb, *c);
            }
            strbuf_addch(sb, '"');
        } else {
            strbuf_addstr(sb, c);
        }
    }
    strbuf_addstr(sb, "\r\n");
}

int csv_encode(const struct strbuf *in, enum csv_encoding enc, struct strbuf *out,
               struct mm_err *err)
{
    if (enc != CSV_CP932) {
        if (enc == CSV_UTF8_BOM)
            strbuf_addstr(out, "\xef\xbb\xbf");
        strbuf_add(out, in->buf, in->len);
        return MM_OK;
    }
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1)
        return mm_err_set(err, MM_EINTERNAL, "CP932 への変換を用意できません（iconv）");
    char *src = in->buf;
    size_t left = in->len;
    int rc = MM_OK;
    while (left) {
        char chunk[4096];
        char *dst = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(cd, &src, &left, &dst, &room);
        strbuf_add(out, chunk, (size_t)(dst - chunk));
        if (r == (size_t)-1 && errno != E2BIG) {
            int line = 1;
            for (const char *p = in->buf; p < src; p++)
                line += *p == '\n';
            char ch[8] = "";
            size_t k = 1;
            while (k < left && k < 4 && ((unsigned char)src[k] & 0xc0) == 0x80)
                k++;
            memcpy(ch, src, k);
            rc = mm_err_set(err, MM_EINPUT,
                            "%d 行目の文字「%s」は CP932（Shift_JIS）で表せません。"
                            "--encoding utf-8 を使ってください",
                            line, ch);
            break;
        }
    }
    iconv_close(cd);
    return rc;
}
