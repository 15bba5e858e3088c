/*
 * form.c — urlencoded form fields and cookie values (see form.h).
 */
#include "web/form.h"

#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the n bytes at s into out[size]; 1 on success. */
static int decode(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return 0; /* malformed, or a NUL byte */
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (o + 1 >= size)
            return 0;
        out[o++] = c;
    }
    out[o] = '\0';
    return 1;
}

int form_get(const char *form, const char *name, char *out, size_t size)
{
    if (size)
        out[0] = '\0';
    if (!form || !size)
        return 0;
    size_t nlen = strlen(name);
    const char *p = form;
    while (*p) {
        size_t plen = strcspn(p, "&");
        const char *eq = memchr(p, '=', plen);
        size_t klen = eq ? (size_t)(eq - p) : plen;
        if (klen == nlen && memcmp(p, name, nlen) == 0) {
            const char *v = eq ? eq + 1 : p + plen;
            size_t vlen = (size_t)(p + plen - v);
            if (decode(v, vlen, out, size))
                return 1;
            out[0] = '\0';
            return 0;
        }
        p += plen;
        if (*p == '&')
            p++;
    }
    return 0;
}

int cookie_get(const char *header, const char *name, char *out, size_t size)
{
    if (size)
        out[0] = '\0';
    if (!header || !size)
        return 0;
    size_t nlen = strlen(name);
    const char *p = header;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        size_t plen = strcspn(p, ";");
        if (plen > nlen && memcmp(p, name, nlen) == 0 && p[nlen] == '=') {
            size_t vlen = plen - nlen - 1;
            while (vlen && (p[nlen + 1 + vlen - 1] == ' ' || p[nlen + 1 + vlen - 1] == '\t'))
                vlen--;
            if (vlen + 1 > size)
                return 0;
            memcpy(out, p + nlen + 1, vlen);
            out[vlen] = '\0';
            return 1;
        }
        p += plen;
    }
    return 0;
}
