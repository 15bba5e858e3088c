/*
 * svg.c — bar, stacked bar and line charts as inline SVG (see svg.h). Coordinates are whole
 * pixels in a fixed viewBox; the stylesheet scales the chart to the width of its container.
 */
#include "web/svg.h"

#include "web/html.h"

#define W 640         /* viewBox width */
#define PLOT_TOP 24   /* room for the value above the tallest bar */
#define PLOT_H 160    /* height of the plot area */
#define LABEL_H 40    /* room for labels below */
#define LEFT 8
#define HBAR_ROW 26   /* row height of horizontal bars */
#define HBAR_LABEL 220

double svg_bar_len(long long value, long long max, double full)
{
    if (max <= 0 || value <= 0)
        return 0;
    if (value > max)
        value = max;
    return full * (double)value / (double)max;
}

static int px(double v)
{
    return (int)(v + 0.5);
}

static long long max_of(const struct svg_item *items, size_t n)
{
    long long m = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i].value > m)
            m = items[i].value;
    return m;
}

static void open_svg(struct strbuf *sb, const char *title, int height, const char *cls)
{
    html_f(sb,
           "<figure class=\"chart %s\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
           "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\"><title>%s</title>\n",
           cls, W, height, title, title);
}

static void close_svg(struct strbuf *sb, const char *title)
{
    html_f(sb, "</svg><figcaption>%s</figcaption></figure>\n", title);
}

/* The note drawn instead of a chart with nothing to show. */
static int empty(struct strbuf *sb, const char *title, size_t n, long long max)
{
    if (n > 0 && max > 0)
        return 0;
    html_f(sb, "<figure class=\"chart empty\"><p class=\"empty\">%s: 該当する指摘はありません。</p>"
               "</figure>\n",
           title);
    return 1;
}

static void link_open(struct strbuf *sb, const char *href)
{
    if (href)
        html_f(sb, "<a href=\"%s\">", href);
}

static void link_close(struct strbuf *sb, const char *href)
{
    if (href)
        html_raw(sb, "</a>");
}

void svg_bar_chart(struct strbuf *sb, const char *title, const struct svg_item *items, size_t n)
{
    long long max = max_of(items, n);
    if (empty(sb, title, n, max))
        return;
    open_svg(sb, title, PLOT_TOP + PLOT_H + LABEL_H, "bars");
    double slot = (double)(W - 2 * LEFT) / (double)n;
    int bw = px(slot * 0.7);
    int base = PLOT_TOP + PLOT_H;
    html_f(sb, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, base,
           W - LEFT, base);
    for (size_t i = 0; i < n; i++) {
        int h = px(svg_bar_len(items[i].value, max, PLOT_H));
        int x = px(LEFT + slot * (double)i + (slot - bw) / 2);
        int cx = x + bw / 2;
        link_open(sb, items[i].href);
        html_f(sb,
               "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
               "<title>%s: %lld 件</title></rect>"
               "<text class=\"val\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%lld</text>"
               "<text class=\"lbl\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
               x, base - h, bw, h, items[i].label, items[i].value, cx, base - h - 6,
               items[i].value, cx, base + 18, items[i].label);
        link_close(sb, items[i].href);
        html_raw(sb, "\n");
    }
    close_svg(sb, title);
}

void svg_hbar_chart(struct strbuf *sb, const char *title, const struct svg_item *items, size_t n)
{
    long long max = max_of(items, n);
    if (empty(sb, title, n, max))
        return;
    int full = W - HBAR_LABEL - 60;
    open_svg(sb, title, (int)n * HBAR_ROW + 8, "hbars");
    for (size_t i = 0; i < n; i++) {
        int y = 4 + (int)i * HBAR_ROW;
        int w = px(svg_bar_len(items[i].value, max, full));
        link_open(sb, items[i].href);
        html_f(sb,
               "<text class=\"lbl\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
               "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
               "<title>%s: %lld 件</title></rect>"
               "<text class=\"val\" x=\"%d\" y=\"%d\">%lld</text>",
               HBAR_LABEL - 8, y + 16, items[i].label, HBAR_LABEL, y + 2, w, HBAR_ROW - 8,
               items[i].label, items[i].value, HBAR_LABEL + w + 6, y + 16, items[i].value);
        link_close(sb, items[i].href);
        html_raw(sb, "\n");
    }
    close_svg(sb, title);
}

void svg_stacked_chart(struct strbuf *sb, const char *title, const char *const *cats, size_t ncat,
                       const struct svg_series *series, size_t nser, const long long *values)
{
    long long max = 0;
    for (size_t c = 0; c < ncat; c++) {
        long long t = 0;
        for (size_t s = 0; s < nser; s++)
            t += values[c * nser + s] > 0 ? values[c * nser + s] : 0;
        if (t > max)
            max = t;
    }
    if (empty(sb, title, ncat, max))
        return;
    open_svg(sb, title, PLOT_TOP + PLOT_H + LABEL_H + 24, "stacked");
    double slot = (double)(W - 2 * LEFT) / (double)ncat;
    int bw = px(slot * 0.7);
    int base = PLOT_TOP + PLOT_H;
    html_f(sb, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, base,
           W - LEFT, base);
    for (size_t c = 0; c < ncat; c++) {
        int x = px(LEFT + slot * (double)c + (slot - bw) / 2);
        double y = base;
        long long total = 0;
        for (size_t s = 0; s < nser; s++) {
            long long v = values[c * nser + s];
            if (v <= 0)
                continue;
            total += v;
            double h = svg_bar_len(v, max, PLOT_H);
            int top = px(y - h);
            html_f(sb,
                   "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
                   "<title>%s %s: %lld 件</title></rect>",
                   series[s].cls, x, top, bw, px(y) - top, cats[c], series[s].name, v);
            y -= h;
        }
        html_f(sb,
               "<text class=\"val\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%lld</text>"
               "<text class=\"lbl\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
               x + bw / 2, px(y) - 6, total, x + bw / 2, base + 18, cats[c]);
    }
    /* the legend */
    int lx = LEFT;
    int ly = base + LABEL_H + 8;
    for (size_t s = 0; s < nser; s++) {
        html_f(sb,
               "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/>"
               "<text class=\"lbl\" x=\"%d\" y=\"%d\">%s</text>",
               series[s].cls, lx, ly, lx + 16, ly + 11, series[s].name);
        lx += 100;
    }
    html_raw(sb, "\n");
    close_svg(sb, title);
}

void svg_line_chart(struct strbuf *sb, const char *title, const struct svg_item *items, size_t n)
{
    long long max = max_of(items, n);
    if (empty(sb, title, n, max))
        return;
    open_svg(sb, title, PLOT_TOP + PLOT_H + LABEL_H, "line");
    int base = PLOT_TOP + PLOT_H;
    double step = n > 1 ? (double)(W - 2 * LEFT - 40) / (double)(n - 1) : 0;
    html_f(sb, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, base,
           W - LEFT, base);
    html_raw(sb, "<polyline class=\"trend\" fill=\"none\" points=\"");
    for (size_t i = 0; i < n; i++) {
        int x = px(LEFT + 20 + step * (double)i);
        int y = base - px(svg_bar_len(items[i].value, max, PLOT_H));
        html_f(sb, "%s%d,%d", i ? " " : "", x, y);
    }
    html_raw(sb, "\"/>\n");
    for (size_t i = 0; i < n; i++) {
        int x = px(LEFT + 20 + step * (double)i);
        int y = base - px(svg_bar_len(items[i].value, max, PLOT_H));
        link_open(sb, items[i].href);
        html_f(sb,
               "<circle class=\"dot\" cx=\"%d\" cy=\"%d\" r=\"4\"><title>%s: %lld 件</title>"
               "</circle><text class=\"val\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%lld</text>"
               "<text class=\"lbl\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
               x, y, items[i].label, items[i].value, x, y - 8, items[i].value, x, base + 18,
               items[i].label);
        link_close(sb, items[i].href);
        html_raw(sb, "\n");
    }
    close_svg(sb, title);
}
