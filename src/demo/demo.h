/*
 * demo.h — the demo municipality: a fictitious city whose profile follows 飯能市's published
 * 基本方針, generated deterministically as an organization snapshot so that it goes through the
 * same validation and import as any real data. Planted policy gaps are listed in
 * docs/demo-gaps.md.
 */
#ifndef MM_DEMO_H
#define MM_DEMO_H

#include <jansson.h>

#include "util/err.h"

/* Builds the demo snapshot (new reference; caller json_decref's *out). Same seed, same bytes. */
int demo_snapshot(unsigned seed, json_t **out, struct mm_err *err);

#endif
