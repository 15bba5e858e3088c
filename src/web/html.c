/*
 * html.c — the escaping HTML writer (see html.h). A tiny printf whose %s always escapes, so a
 * page template cannot forget to escape a value.
 */
#include "web/html.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void html_text(struct strbuf *sb, const char *s)
{
    if (s)
        strbuf_add_html(sb, s);
}

void html_raw(struct strbuf *sb, const char *literal_markup)
{
    strbuf_addstr(sb, literal_markup);
}

void html_f(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            strbuf_addstr(sb, p);
            break;
        }
        strbuf_add(sb, p, (size_t)(pct - p));
        p = pct + 1;
        if (*p == '%') {
            strbuf_addch(sb, '%');
            p++;
        } else if (*p == 's') {
            html_text(sb, va_arg(ap, const char *));
            p++;
        } else if (*p == 'd') {
            strbuf_addf(sb, "%d", va_arg(ap, int));
            p++;
        } else if (*p == 'u') {
            strbuf_addf(sb, "%u", va_arg(ap, unsigned));
            p++;
        } else if (strncmp(p, "ld", 2) == 0) {
            strbuf_addf(sb, "%ld", va_arg(ap, long));
            p += 2;
        } else if (strncmp(p, "lld", 3) == 0) {
            strbuf_addf(sb, "%lld", va_arg(ap, long long));
            p += 3;
        } else if (strncmp(p, "zu", 2) == 0) {
            strbuf_addf(sb, "%zu", va_arg(ap, size_t));
            p += 2;
        } else {
            abort(); /* unsupported conversion in a template: fix the template */
        }
    }
    va_end(ap);
}
