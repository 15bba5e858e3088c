/*
 * incident_pdf.h — the incident report (インシデント報告書) as PDF: the facts, the triage, the
 * reporting chain with its times, the actions, the outward duties and the timeline.
 */
#ifndef MM_INCIDENT_PDF_H
#define MM_INCIDENT_PDF_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

/*
 * Writes the report of `incident_id` as of `now` (NULL = the clock) to `path`, or, when path is
 * NULL, into *data (malloc'd, caller frees) and *len (for the web pages).
 */
int incident_pdf_write(struct store *st, const char *incident_id, const char *now,
                       const char *path, char **data, size_t *len, struct mm_err *err);

#endif
