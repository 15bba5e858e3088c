/*
 * embedded.h — data files compiled into the binary (schema, classification tables, page
 * assets). Names are the repository paths, e.g. "data/schema/001_init.sql". The bytes are
 * NUL-terminated, static and never freed.
 */
#ifndef MM_EMBEDDED_H
#define MM_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name;
    const char *data;
    size_t len;
};

extern const struct embedded_file embedded_files[]; /* ends with a {0,0,0} entry */

/* Returns the file with that exact name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
