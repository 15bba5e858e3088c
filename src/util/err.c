/* err.c — error values and problem lists (see err.h). */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mm_err_set(struct mm_err *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void mm_err_clear(struct mm_err *err)
{
    err->code = MM_OK;
    err->msg[0] = '\0';
}

void mm_problems_add(struct mm_problems *p, const char *where, const char *fmt, ...)
{
    size_t limit = p->limit ? p->limit : 200;
    if (p->len >= limit) {
        p->dropped++;
        return;
    }
    if (p->len == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 16;
        struct mm_problem *n = realloc(p->items, ncap * sizeof *n);
        if (!n) {
            p->dropped++;
            return;
        }
        p->items = n;
        p->cap = ncap;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    p->items[p->len].where = strdup(where ? where : "");
    p->items[p->len].msg = strdup(buf);
    if (!p->items[p->len].where || !p->items[p->len].msg) {
        free(p->items[p->len].where);
        free(p->items[p->len].msg);
        p->dropped++;
        return;
    }
    p->len++;
}

void mm_problems_free(struct mm_problems *p)
{
    for (size_t i = 0; i < p->len; i++) {
        free(p->items[i].where);
        free(p->items[i].msg);
    }
    free(p->items);
    p->items = NULL;
    p->len = p->cap = p->dropped = 0;
}
