/*
 * svg.h — charts drawn on the server as inline <svg> (no script, no style attributes: colours
 * are classes styled by web/static/dashboard.css, shapes use presentation attributes). Every
 * chart has role="img", an aria-label and a <title> with the chart's name, and each bar or point
 * carries its own <title> with label and value for assistive technology and tooltips. Labels
 * are escaped. An empty data set draws a short note instead of axes.
 */
#ifndef MM_WEB_SVG_H
#define MM_WEB_SVG_H

#include <stddef.h>

#include "util/strbuf.h"

/* One bar or point: label (text, escaped when drawn), value (>= 0), optional link target. */
struct svg_item {
    const char *label;
    long long value;
    const char *href; /* a path of this site, or NULL */
};

/* A stacked bar chart's series: name and class (a class name from the source, e.g. "sev-high"). */
struct svg_series {
    const char *name;
    const char *cls;
};

/* The length of a bar of `value` on an axis `full` long whose top is `max` (0 when max <= 0). */
double svg_bar_len(long long value, long long max, double full);

/* Vertical bars, one per item, with the value above each bar and the label below. */
void svg_bar_chart(struct strbuf *sb, const char *title, const struct svg_item *items, size_t n);

/* Horizontal bars (for long labels such as department names): label left, value right. */
void svg_hbar_chart(struct strbuf *sb, const char *title, const struct svg_item *items, size_t n);

/*
 * Vertical stacked bars: `ncat` categories (labels), `nser` series; values[cat * nser + ser].
 */
void svg_stacked_chart(struct strbuf *sb, const char *title, const char *const *cats, size_t ncat,
                       const struct svg_series *series, size_t nser, const long long *values);

/* A line through the items in order (e.g. finding counts over runs), with a dot per point. */
void svg_line_chart(struct strbuf *sb, const char *title, const struct svg_item *items, size_t n);

#endif
