/*
 * multipart.h — a small, bounded reader of multipart/form-data bodies (RFC 7578) for the one
 * file field of an upload form (the CSV of 研修 attendance). It never allocates: parts point
 * into the body. Limits: a boundary of 1–70 characters (RFC 2046), at most MULTIPART_MAX_PARTS
 * parts and MULTIPART_MAX_HEADER bytes of headers per part; anything beyond, or malformed
 * (no closing delimiter, a part without a Content-Disposition of form-data), is refused.
 */
#ifndef MM_WEB_MULTIPART_H
#define MM_WEB_MULTIPART_H

#include <stddef.h>

#define MULTIPART_MAX_PARTS 16
#define MULTIPART_MAX_HEADER 1024
#define MULTIPART_NAME_MAX 128
#define MULTIPART_FILENAME_MAX 256

struct multipart_part {
    char name[MULTIPART_NAME_MAX];         /* the form field's name */
    char filename[MULTIPART_FILENAME_MAX]; /* the file's name ("" for a plain field) */
    int has_filename;
    const char *data; /* the content, inside the body (not NUL-terminated) */
    size_t len;
};

/* The boundary parameter of a Content-Type "multipart/form-data; boundary=…" (quoted or not)
 * into out[size]; 1 when found and valid, else 0. */
int multipart_boundary(const char *content_type, char *out, size_t size);

/*
 * Finds the part named `name` in `body`. Returns 1 and fills *part when found, 0 when the body
 * is well formed but has no such part, -1 when the body is malformed or over the limits.
 * The whole body is checked, also after the part is found.
 */
int multipart_find(const char *content_type, const char *body, size_t len, const char *name,
                   struct multipart_part *part);

#endif
