/*
 * catalog_id.c — clause ids in the guideline's own numbering: normalising what people type or
 * copy from the guideline and the research CSV, and walking up the clause tree.
 */
#include "catalog/catalog.h"

#include <string.h>

/* Decodes one UTF-8 code point at *p, advancing *p; returns -1 on a malformed sequence. */
static long utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    long c;
    int n;
    if (s[0] < 0x80) {
        c = s[0];
        n = 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        c = s[0] & 0x1F;
        n = 2;
    } else if ((s[0] & 0xF0) == 0xE0) {
        c = s[0] & 0x0F;
        n = 3;
    } else if ((s[0] & 0xF8) == 0xF0) {
        c = s[0] & 0x07;
        n = 4;
    } else {
        return -1;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (s[i] & 0x3F);
    }
    *p = s + n;
    return c;
}

static int utf8_put(char *out, size_t outsz, size_t *len, long c)
{
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    if (*len + n + 1 > outsz)
        return -1;
    memcpy(out + *len, b, n);
    *len += n;
    out[*len] = '\0';
    return 0;
}

/* 半角 ｱ..ﾄ (U+FF71..U+FF84) to 全角 ア..ト: the (ア)-level markers of the guideline. */
static const unsigned short halfwidth_kana[] = {
    0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,
    0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8};

static int is_circled(long c) { return c >= 0x2460 && c <= 0x2473; } /* ①..⑳ */
static int is_kana(long c) { return c >= 0x30A1 && c <= 0x30FA; }

/*
 * Checks the grammar of a normalised id and, when `cut` is set, stores in *cut the byte offset
 * where the last token starts (the parent's end), and in *sec_end where the section ends.
 */
static int id_parse(const char *id, size_t *cut, size_t *sec_end)
{
    const unsigned char *p = (const unsigned char *)id;
    if (*p < '1' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (*p < '1' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    size_t last = 0, sec = (size_t)(p - (const unsigned char *)id);
    while (*p) {
        last = (size_t)(p - (const unsigned char *)id);
        const unsigned char *q = p;
        long c = utf8_next(&q);
        if (c == '(') {
            long d = utf8_next(&q);
            if (d >= '1' && d <= '9') {
                while (*q >= '0' && *q <= '9')
                    q++;
            } else if (!is_kana(d)) {
                return -1;
            }
            if (*q != ')')
                return -1;
            q++;
        } else if (c == '/') {
            if (*q < '2' || *q > '9')
                return -1;
            while (*q >= '0' && *q <= '9')
                q++;
        } else if (!is_circled(c)) {
            return -1;
        }
        p = q;
    }
    if (cut)
        *cut = last;
    if (sec_end)
        *sec_end = sec;
    return 0;
}

int catalog_id_normalise(const char *in, char *out, size_t outsz)
{
    size_t len = 0;
    if (outsz == 0)
        return -1;
    out[0] = '\0';
    const unsigned char *p = (const unsigned char *)in;
    while (*p) {
        long c = utf8_next(&p);
        if (c < 0)
            return -1;
        if (c == ' ' || c == '\t' || c == 0x3000)
            continue;
        if (c >= 0xFF10 && c <= 0xFF19)
            c = '0' + (c - 0xFF10);
        else if (c == 0xFF08)
            c = '(';
        else if (c == 0xFF09)
            c = ')';
        else if (c == 0xFF0E)
            c = '.';
        else if (c == 0xFF0F)
            c = '/';
        else if (c >= 0xFF71 && c <= 0xFF84)
            c = halfwidth_kana[c - 0xFF71];
        if (utf8_put(out, outsz, &len, c))
            return -1;
    }
    /* "1.(1)" as in the role table of 001 -> "1(1)"; a trailing "." ("6.") is dropped. */
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        if (out[r] == '.' && (out[r + 1] == '(' || out[r + 1] == '\0'))
            continue;
        out[w++] = out[r];
    }
    out[w] = '\0';
    return id_parse(out, NULL, NULL);
}

int catalog_id_parent(const char *id, char *out, size_t outsz)
{
    size_t cut = 0, sec = 0;
    if (id_parse(id, &cut, &sec))
        return -1;
    if (cut == 0) { /* a section: "6.2" -> "6", "6" -> "" */
        const char *dot = strchr(id, '.');
        cut = dot ? (size_t)(dot - id) : 0;
    }
    if (cut + 1 > outsz)
        return -1;
    memcpy(out, id, cut);
    out[cut] = '\0';
    return 0;
}

int catalog_id_section(const char *id, char *out, size_t outsz)
{
    size_t sec = 0;
    if (id_parse(id, NULL, &sec) || sec + 1 > outsz)
        return -1;
    memcpy(out, id, sec);
    out[sec] = '\0';
    return 0;
}
