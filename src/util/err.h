/*
 * err.h — the one error convention of mamori.
 *
 * Every fallible function returns an int status (MM_OK or one of the MM_E* codes) and, when it
 * fails, fills a caller-owned struct mm_err with a Japanese message for the user. The message
 * names what it concerns (file, line, JSON path, field or clause). Library layers never print.
 */
#ifndef MM_ERR_H
#define MM_ERR_H

#include <stddef.h>

enum {
    MM_OK = 0,
    MM_EREFUSED = 1, /* a refusal the user must act on (exit 1) */
    MM_EINPUT = 2,   /* bad usage or bad input (exit 2) */
    MM_EINTERNAL = 3 /* the environment failed: disk, database, memory (exit 3) */
};

struct mm_err {
    int code;
    char msg[1024];
};

/* Sets code and a printf-formatted message; returns code so callers can `return mm_err_set(...)`. */
int mm_err_set(struct mm_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears an error to MM_OK with an empty message. */
void mm_err_clear(struct mm_err *err);

/*
 * A list of problems found while validating one input, each with the place it concerns
 * (a JSON path such as `$.assets[3].confidentiality`, or `file:line`). Used where the user
 * is better served by every problem at once than by the first one.
 */
struct mm_problem {
    char *where; /* owned */
    char *msg;   /* owned */
};

struct mm_problems {
    struct mm_problem *items;
    size_t len, cap;
    size_t limit;   /* stop recording after this many (0 = 200) */
    size_t dropped; /* problems not recorded because of the limit */
};

void mm_problems_add(struct mm_problems *p, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void mm_problems_free(struct mm_problems *p);

#endif
