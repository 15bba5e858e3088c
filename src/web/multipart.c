/*
 * multipart.c — the bounded multipart/form-data reader of multipart.h.
 */
#include "web/multipart.h"

#include <string.h>
#include <strings.h>

#define BOUNDARY_MAX 70

static int bchar(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch && strchr("'()+_,-./:=? ", ch));
}

int multipart_boundary(const char *ct, char *out, size_t size)
{
    static const char type[] = "multipart/form-data";
    if (size)
        out[0] = 0;
    if (!ct || strncasecmp(ct, type, sizeof type - 1) != 0)
        return 0;
    const char *p = ct + sizeof type - 1;
    while ((p = strchr(p, ';')) != NULL) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, "boundary=", 9) != 0)
            continue;
        p += 9;
        int quoted = *p == '"';
        p += quoted;
        size_t n = 0;
        while (p[n] && (quoted ? p[n] != '"' : (p[n] != ';' && p[n] != ' ' && p[n] != '\t')))
            n++;
        if (quoted && p[n] != '"')
            return 0;
        if (n < 1 || n > BOUNDARY_MAX || n >= size || p[n - 1] == ' ')
            return 0;
        for (size_t i = 0; i < n; i++)
            if (!bchar((unsigned char)p[i]))
                return 0;
        memcpy(out, p, n);
        out[n] = 0;
        return 1;
    }
    return 0;
}

/* One parameter value (quoted string or token) of a header starting at *pp, into out[size];
 * advances *pp. 0 when malformed or too long. */
static int param_value(const char **pp, const char *end, char *out, size_t size)
{
    const char *p = *pp;
    size_t n = 0;
    if (p < end && *p == '"') {
        for (p++; p < end && *p != '"'; p++) {
            if (*p == '\\' && p + 1 < end)
                p++;
            if (n + 1 >= size || *p == '\r' || *p == '\n' || !*p)
                return 0;
            out[n++] = *p;
        }
        if (p >= end)
            return 0;
        p++;
    } else {
        for (; p < end && *p != ';' && *p != ' ' && *p != '\t'; p++) {
            if (n + 1 >= size || !*p)
                return 0;
            out[n++] = *p;
        }
    }
    out[n] = 0;
    *pp = p;
    return 1;
}

/* The Content-Disposition value [v, end): form-data with name (and filename). */
static int disposition(const char *v, const char *end, struct multipart_part *part)
{
    if (end - v < 9 || strncasecmp(v, "form-data", 9) != 0)
        return 0;
    const char *p = v + 9;
    int named = 0;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p >= end)
            break;
        if (*p != ';')
            return 0;
        p++;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        const char *key = p;
        while (p < end && *p != '=')
            p++;
        if (p >= end)
            return 0;
        size_t klen = (size_t)(p - key);
        p++;
        char scratch[MULTIPART_FILENAME_MAX];
        if (klen == 4 && !strncasecmp(key, "name", 4)) {
            if (!param_value(&p, end, part->name, sizeof part->name))
                return 0;
            named = 1;
        } else if (klen == 8 && !strncasecmp(key, "filename", 8)) {
            if (!param_value(&p, end, part->filename, sizeof part->filename))
                return 0;
            part->has_filename = 1;
        } else if (!param_value(&p, end, scratch, sizeof scratch)) {
            return 0;
        }
    }
    return named;
}

/* The headers [h, end) of one part (CRLF-separated lines). */
static int headers(const char *h, const char *end, struct multipart_part *part)
{
    int seen = 0;
    while (h < end) {
        const char *eol = memmem(h, (size_t)(end - h), "\r\n", 2);
        if (!eol)
            eol = end;
        const char *colon = memchr(h, ':', (size_t)(eol - h));
        if (!colon)
            return 0;
        if (colon - h == 19 && !strncasecmp(h, "Content-Disposition", 19)) {
            const char *v = colon + 1;
            while (v < eol && (*v == ' ' || *v == '\t'))
                v++;
            if (seen++ || !disposition(v, eol, part))
                return 0;
        }
        h = eol + 2;
    }
    return seen == 1;
}

int multipart_find(const char *ct, const char *body, size_t len, const char *name,
                   struct multipart_part *out)
{
    char b[BOUNDARY_MAX + 1];
    if (!body || !multipart_boundary(ct, b, sizeof b))
        return -1;
    char delim[BOUNDARY_MAX + 5] = "\r\n--";
    strcat(delim, b);
    size_t dl = strlen(delim);
    const char *end = body + len, *p;
    /* The first delimiter opens the body (no CRLF before it), or follows a preamble. */
    if (len >= dl - 2 && !memcmp(body, delim + 2, dl - 2))
        p = body + dl - 2;
    else if ((p = memmem(body, len, delim, dl)) != NULL)
        p += dl;
    else
        return -1;
    int found = 0;
    for (int parts = 0;; parts++) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return parts ? found : -1; /* the closing delimiter */
        if (parts >= MULTIPART_MAX_PARTS || end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return -1;
        p += 2;
        size_t room = (size_t)(end - p) < MULTIPART_MAX_HEADER + 4 ? (size_t)(end - p)
                                                                     : MULTIPART_MAX_HEADER + 4;
        const char *hend = memmem(p, room, "\r\n\r\n", 4);
        if (!hend)
            return -1;
        struct multipart_part part;
        memset(&part, 0, sizeof part);
        if (!headers(p, hend, &part))
            return -1;
        const char *data = hend + 4;
        const char *next = memmem(data, (size_t)(end - data), delim, dl);
        if (!next)
            return -1;
        part.data = data;
        part.len = (size_t)(next - data);
        if (!found && !strcmp(part.name, name)) {
            *out = part;
            found = 1;
        }
        p = next + dl;
    }
}
