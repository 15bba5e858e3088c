/*
 * strbuf.h — a growable, always NUL-terminated byte buffer.
 *
 * Initialise with STRBUF_INIT (or strbuf_init). `buf` is never NULL after init, so it can be
 * printed at once. Appends abort the process only if memory runs out (the program cannot
 * continue meaningfully then); every other failure is reported by return value.
 * The buffer owns its memory: release it with strbuf_release, or take it with strbuf_detach
 * (the caller then frees the returned pointer).
 */
#ifndef MM_STRBUF_H
#define MM_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *buf;
    size_t len;
    size_t alloc;
};

extern char strbuf_empty[];
#define STRBUF_INIT {strbuf_empty, 0, 0}

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb); /* caller frees; sb is re-initialised */
void strbuf_reset(struct strbuf *sb);   /* length 0, memory kept */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Appends s with &, <, >, " and ' replaced by HTML entities. */
void strbuf_add_html(struct strbuf *sb, const char *s);

#endif
