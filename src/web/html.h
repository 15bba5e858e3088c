/*
 * html.h — writing HTML with escaping as the default. Every value that reaches a page goes
 * through html_f's %s or html_text, which escape it; html_raw is the one explicit exception,
 * for markup written in the program's own source (never for data).
 */
#ifndef MM_WEB_HTML_H
#define MM_WEB_HTML_H

#include "util/strbuf.h"

/*
 * Appends `fmt` with its conversions filled in. The format itself is trusted markup and must be
 * a string literal; every %s argument is HTML-escaped (NULL prints nothing). Supported
 * conversions: %s %d %u %ld %lld %zu %%; any other aborts (a programming error).
 */
void html_f(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s escaped; NULL appends nothing. */
void html_text(struct strbuf *sb, const char *s);

/* Appends s unescaped. Only for markup literals in the source, never for stored data. */
void html_raw(struct strbuf *sb, const char *literal_markup);

#endif
