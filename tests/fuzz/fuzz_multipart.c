/*
 * fuzz_multipart.c — libFuzzer harness for the multipart/form-data reader: the first line of
 * the input is the Content-Type, the rest the body. Whatever the bytes, the reader must stay
 * inside the body, and a part it returns must lie within it with NUL-terminated name and
 * file name.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    size_t ctlen = nl ? (size_t)(nl - (const char *)data) : size;
    char *ct = malloc(ctlen + 1);
    if (!ct)
        abort();
    memcpy(ct, data, ctlen);
    ct[ctlen] = 0;
    size_t off = nl ? ctlen + 1 : size;
    /* The body in its own allocation, so reads past it are caught. */
    char *body = malloc(size - off + 1);
    if (!body)
        abort();
    memcpy(body, data + off, size - off);
    static const char *const names[] = {"file", "csrf", ""};
    for (size_t i = 0; i < 3; i++) {
        struct multipart_part p;
        int rc = multipart_find(ct, body, size - off, names[i], &p);
        if (rc < -1 || rc > 1)
            abort();
        if (rc == 1) {
            if (p.data < body || p.data + p.len > body + (size - off))
                abort();
            if (strlen(p.name) >= sizeof p.name || strlen(p.filename) >= sizeof p.filename ||
                strcmp(p.name, names[i]) != 0)
                abort();
        }
    }
    free(body);
    free(ct);
    return 0;
}
