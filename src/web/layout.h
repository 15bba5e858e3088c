/*
 * layout.h — the frame every HTML page shares: document head (UTF-8, lang="ja", viewport, the
 * embedded stylesheet), the top bar and the footer. No scripts, no external resources.
 */
#ifndef MM_WEB_LAYOUT_H
#define MM_WEB_LAYOUT_H

#include "util/strbuf.h"

/* Opens the document; `title` is escaped. Leaves <main> open. */
void layout_begin(struct strbuf *sb, const char *title);
/* Closes <main> and the document. */
void layout_end(struct strbuf *sb);

#endif
