/*
 * check_impl.h — what the files of the compliance engine (check.c, check_store.c, risk.c)
 * share privately. Not for use outside src/rules/.
 */
#ifndef MM_CHECK_IMPL_H
#define MM_CHECK_IMPL_H

#include <stddef.h>

#include "rules/check.h"

/* strdup that returns NULL for NULL and aborts when memory runs out. */
char *chk_dup(const char *s);
/* realloc to n elements of size bytes; aborts when memory runs out. */
void *chk_grow(void *p, size_t n, size_t size);

int chk_cmp_fingerprint(const void *a, const void *b);
void chk_finding_free(struct finding *f);

/*
 * Compares res with the previous stored run of the same scope (filling is_new, resolved,
 * previous_id) and, when o->store, records the run and its findings — in one transaction.
 */
int chk_store_and_diff(struct store *st, const struct check_opts *o, struct check_result *res,
                       struct mm_err *err);

#endif
