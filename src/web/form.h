/*
 * form.h — reading an application/x-www-form-urlencoded request body (the only kind of POST
 * mamori's pages send) and the session cookie from a Cookie header. Bounded: nothing here
 * allocates; every value is decoded into a caller-owned buffer of a stated size.
 */
#ifndef MM_WEB_FORM_H
#define MM_WEB_FORM_H

#include <stddef.h>

/*
 * Finds field `name` in the urlencoded `form` (NULL = no body) and decodes it ('+' → space,
 * %XX → byte) into out[size]. Returns 1 when the field is present and fits (out is then
 * NUL-terminated), 0 when absent, too long, or holding a NUL byte or a malformed %-escape
 * (out is then ""). The first occurrence wins.
 */
int form_get(const char *form, const char *name, char *out, size_t size);

/*
 * Copies the value of cookie `name` from a Cookie header into out[size]; 1 when present and
 * it fits, else 0 with out "". Values are taken as they are (mamori's cookies need no quoting).
 */
int cookie_get(const char *header, const char *name, char *out, size_t size);

#endif
