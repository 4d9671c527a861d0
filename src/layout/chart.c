/*
 * chart.c: bar and line charts drawn as vectors into one line of the
 * vertical list: a value axis with ticks at round numbers (1, 2, 2.5 or
 * 5 times a power of ten) and light gridlines, the categories along the
 * other axis, bars or lines with markers in the style's accent colours,
 * value labels where they fit without touching, a legend when there is
 * more than one series, and the unit over the axis. All text is real text
 * in the brief's sans face, so it can be selected and searched.
 *
 * Coordinates: x from `left`, y from the chart's foot (the line's
 * baseline), upwards.
 */
#include "layout/internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

#define LABEL_SIZE 7.5       /* tick labels, categories, legend */
#define VALUE_SIZE 7.0       /* value labels */
#define GRID_GREY 0.86
#define AXIS_GREY 0.35

typedef struct axis {
    double lo, hi, step;
    int decimals;            /* for tick labels */
} axis;

typedef struct chart {
    flow *f;
    const doc_figure *fig;
    lo_line *l;
    double left, width;
    disp_color ink, muted;
} chart;

/* ---- numbers ---- */

/* v with thousands separators and a real minus sign: "2,914", "−3.5". */
static const char *format_number(arena *a, double v, int decimals)
{
    char raw[400];   /* the widest double printed in full */
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    if (strspn(raw, "0.") == strlen(raw))
        v = 0;   /* no "−0" */
    buf b;
    buf_init(&b);
    if (v < 0)
        buf_puts(&b, "\xe2\x88\x92");
    size_t int_len = strcspn(raw, ".");
    for (size_t i = 0; i < int_len; i++) {
        if (i && (int_len - i) % 3 == 0)
            buf_putc(&b, ',');
        buf_putc(&b, raw[i]);
    }
    buf_puts(&b, raw + int_len);
    char *s = buf_to_arena(&b, a);
    buf_fini(&b);
    return s;
}

void chart_alt_data(flow *f, const doc_figure *fig, buf *b)
{
    if (fig->unit)
        buf_printf(b, "%s%s", b->len ? ". " : "", fig->unit);
    for (size_t s = 0; s < fig->n_series; s++) {
        const doc_series *se = &fig->series[s];
        buf_puts(b, b->len ? ". " : "");
        if (se->name)
            buf_printf(b, "%s: ", se->name);
        bool first = true;
        for (size_t i = 0; i < fig->n_categories; i++) {
            if (se->present && !se->present[i])
                continue;
            buf_printf(b, "%s%s %s", first ? "" : "; ", fig->categories[i],
                       format_number(f->a, se->values[i], fig->decimals));
            first = false;
        }
    }
    if (b->len)
        buf_putc(b, '.');
}

/* A step of 1, 2, 2.5 or 5 times a power of ten giving about `ticks`
 * intervals over span. */
static double nice_step(double span, int ticks)
{
    double raw = span / ticks;
    double mag = pow(10, floor(log10(raw)));
    double n = raw / mag;
    double m = n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10;
    return m * mag;
}

static int step_decimals(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-9)
        d++;
    return d;
}

/* The value axis: round ends around the data (zero included for bars),
 * or the range the figure gives, with ticks at a round step. */
static axis value_axis(const doc_figure *fig, bool with_zero, int ticks)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t s = 0; s < fig->n_series; s++)
        for (size_t i = 0; i < fig->n_categories; i++)
            if (fig->series[s].present[i]) {
                lo = fmin(lo, fig->series[s].values[i]);
                hi = fmax(hi, fig->series[s].values[i]);
            }
    if (!isfinite(lo))
        lo = 0, hi = 1;
    if (with_zero) {
        lo = fmin(lo, 0);
        hi = fmax(hi, 0);
    }
    axis ax;
    if (fig->has_range) {
        ax.lo = fig->range[0];
        ax.hi = fig->range[1];
        ax.step = nice_step(ax.hi - ax.lo, ticks);
    } else {
        if (hi - lo < 1e-12) {
            double pad = fabs(hi) > 0 ? fabs(hi) * 0.5 : 1;
            lo = with_zero && lo >= 0 ? 0 : lo - pad;
            hi = hi + pad;
        }
        ax.step = nice_step(hi - lo, ticks);
        ax.lo = floor(lo / ax.step + 1e-9) * ax.step;
        ax.hi = ceil(hi / ax.step - 1e-9) * ax.step;
    }
    ax.decimals = step_decimals(ax.step);
    return ax;
}

/* ---- drawing ---- */

static disp_color grey(double g)
{
    return (disp_color){g, g, g};
}

static disp_color mix(disp_color c, double white)
{
    return (disp_color){c.r + (1 - c.r) * white, c.g + (1 - c.g) * white, c.b + (1 - c.b) * white};
}

/* The series colours: the accent first; bars pair it with its tint,
 * lines with a warm contrast that still reads in grey print. */
static disp_color series_color(const chart *c, size_t s)
{
    disp_color accent = c->f->st->accent;
    const disp_color warm = {0.80, 0.42, 0.12}, green = {0.36, 0.56, 0.24},
                     plum = {0.55, 0.24, 0.45}, slate = grey(0.45);
    bool bars = c->fig->kind == DOC_FIG_BAR;
    disp_color bar_palette[6] = {accent, mix(accent, 0.55), warm, slate, green, plum};
    disp_color line_palette[6] = {accent, warm, slate, green, plum, mix(accent, 0.5)};
    return bars ? bar_palette[s % 6] : line_palette[s % 6];
}

static void rule(chart *c, double x0, double y0, double x1, double y1, double w, disp_color col)
{
    disp_item *r = lo_line_add_item(c->f->a, c->l, DISP_RULE);
    r->color = col;
    r->u.rule.x0 = x0;
    r->u.rule.y0 = y0;
    r->u.rule.x1 = x1;
    r->u.rule.y1 = y1;
    r->u.rule.width = w;
}

static void box(chart *c, double x, double y, double w, double h, disp_color col)
{
    disp_item *r = lo_line_add_item(c->f->a, c->l, DISP_RECT);
    r->color = col;
    r->u.rect.x = x;
    r->u.rect.y = y;
    r->u.rect.w = w;
    r->u.rect.h = h;
}

static double text_w(const chart *c, const char *s, double size)
{
    return flow_width(c->f, s, TEXT_SANS, size);
}

/* Text with its baseline at y: align 0 left at x, 1 right-aligned at x,
 * 0.5 centred on x. */
static void text(chart *c, const char *s, double size, disp_color col, double x, double y,
                 double align)
{
    double w = text_w(c, s, size);
    lo_line_add_text(c->f, c->l, s, strlen(s), TEXT_SANS, size, col, x - w * align, y,
                     c->fig->loc);
}

/* A polyline; dash 0 draws it solid. */
static void polyline(chart *c, const double *pts, size_t n, double width, double dash,
                     disp_color col)
{
    disp_item *p = lo_line_add_item(c->f->a, c->l, DISP_PATH);
    p->color = col;
    p->u.path.pts = arena_alloc(c->f->a, 2 * n * sizeof *p->u.path.pts);
    memcpy(p->u.path.pts, pts, 2 * n * sizeof *pts);
    p->u.path.n = n;
    p->u.path.width = width;
    p->u.path.dash = dash;
}

static void dot(chart *c, double x, double y, double r, disp_color col)
{
    disp_item *d = lo_line_add_item(c->f->a, c->l, DISP_DOT);
    d->color = col;
    d->u.dot.x = x;
    d->u.dot.y = y;
    d->u.dot.r = r;
    d->u.dot.ring = 0.9;
}

/* The legend, left-aligned at the top of the chart: a swatch (a square
 * for bars, a short line for lines) and each series' name, in rows that
 * wrap at the chart's width. Returns the height it takes; draws it only
 * when asked, so it can be measured first. */
static double legend(chart *c, double top, bool draw)
{
    const doc_figure *fig = c->fig;
    if (fig->n_series < 2)
        return 0;
    double x = c->left, y = top - LABEL_SIZE, row = LABEL_SIZE + 5;
    for (size_t s = 0; s < fig->n_series; s++) {
        const char *name = fig->series[s].name ? fig->series[s].name : "";
        double w = 14 + text_w(c, name, LABEL_SIZE) + 12;
        if (x > c->left && x + w > c->left + c->width) {
            x = c->left;
            y -= row;
        }
        if (draw) {
            disp_color col = series_color(c, s);
            if (fig->kind == DOC_FIG_BAR) {
                box(c, x, y - 0.5, 8, 8, col);
            } else {
                double pts[4] = {x, y + 2.8, x + 10, y + 2.8};
                polyline(c, pts, 2, 1.8, 0, col);
            }
            text(c, name, LABEL_SIZE, c->ink, x + 13, y, 0);
        }
        x += w;
    }
    return top - y + 6;
}

/* ---- label placement: a value label is drawn only where it touches no
 * other label ---- */

typedef struct boxes {
    double (*b)[4];          /* labels and markers: x0, y0, x1, y1 */
    size_t n, cap;
    double (*seg)[4];        /* the lines drawn: x0, y0, x1, y1 */
    size_t n_seg, cap_seg;
} boxes;

/* Whether the segment crosses the box (Liang-Barsky clipping). */
static bool crosses(const double *sg, double x0, double y0, double x1, double y1)
{
    double t0 = 0, t1 = 1, dx = sg[2] - sg[0], dy = sg[3] - sg[1];
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {sg[0] - x0, x1 - sg[0], sg[1] - y0, y1 - sg[1]};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

static bool free_at(const boxes *bx, double x0, double y0, double x1, double y1)
{
    for (size_t i = 0; i < bx->n; i++)
        if (x0 < bx->b[i][2] + 1.5 && x1 > bx->b[i][0] - 1.5 && y0 < bx->b[i][3] + 1 &&
            y1 > bx->b[i][1] - 1)
            return false;
    for (size_t i = 0; i < bx->n_seg; i++)
        if (crosses(bx->seg[i], x0 - 1, y0 - 1.5, x1 + 1, y1 + 1.5))
            return false;
    return true;
}

static void segment(arena *a, boxes *bx, double x0, double y0, double x1, double y1)
{
    double *sg = *(double (*)[4])ARENA_PUSH(a, bx->seg, bx->n_seg, bx->cap_seg);
    sg[0] = x0, sg[1] = y0, sg[2] = x1, sg[3] = y1;
}

static void take(arena *a, boxes *bx, double x0, double y0, double x1, double y1)
{
    double *b = *(double (*)[4])ARENA_PUSH(a, bx->b, bx->n, bx->cap);
    b[0] = x0, b[1] = y0, b[2] = x1, b[3] = y1;
}

/* ---- vertical charts: bars up from zero, or lines over the categories ---- */

/* Whether every category is a number (years): lines then space them in
 * proportion. */
static bool numeric_categories(const doc_figure *fig, double *xs)
{
    for (size_t i = 0; i < fig->n_categories; i++) {
        /* Plain numbers only (2009, -3.5): short enough that a double
         * holds them exactly and their differences stay finite. */
        const char *s = fig->categories[i];
        size_t n = strlen(s), lead = s[0] == '-';
        if (n == lead || n > 15 || strspn(s + lead, "0123456789.") != n - lead ||
            strchr(s, '.') != strrchr(s, '.'))
            return false;
        xs[i] = strtod(s, NULL);
        if (i && !(xs[i] > xs[i - 1]))
            return false;
    }
    return fig->n_categories > 1;
}

#define LABEL_LEADING 8.8
#define LABEL_LINES 3        /* a category label wraps onto at most this many lines */

/* Each category's label set in lines no wider than `width`: the lines
 * (with x from 0) in labels[i]; false when one takes more than
 * LABEL_LINES lines or has a word wider than the slot. */
static bool wrap_labels(chart *c, double width, lo_lines *labels, size_t *most)
{
    const doc_figure *fig = c->fig;
    *most = 1;
    bool fits = true;
    for (size_t i = 0; i < fig->n_categories; i++) {
        labels[i] = (lo_lines){0};
        flow_text(c->f, fig->categories[i], TEXT_SANS, LABEL_SIZE, LABEL_LEADING, c->muted, 0,
                  width, fig->loc, &labels[i]);
        if (labels[i].n > *most)
            *most = labels[i].n;
        for (size_t k = 0; k < labels[i].n; k++)
            fits &= lo_line_text_end(c->f, &labels[i].lines[k]) <= width + 0.5;
    }
    return fits && *most <= LABEL_LINES;
}

/* The wrapped labels, each line centred under its category's x, their
 * band's top at y_top; a tick on the plot's foot at y_plot0. */
static void wrapped_labels(chart *c, const lo_lines *labels, const double *cx, size_t n,
                           double y_top, double y_plot0)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < labels[i].n; k++) {
            const lo_line *ll = &labels[i].lines[k];
            double w = lo_line_text_end(c->f, ll);
            for (size_t q = 0; q < ll->n_items; q++) {
                disp_item *it = lo_line_add_item(c->f->a, c->l, ll->items[q].kind);
                *it = ll->items[q];
                lo_item_move(it, cx[i] - w / 2, y_top - 2.5 - LABEL_SIZE * 0.8 -
                                                    (double)k * LABEL_LEADING);
            }
        }
        rule(c, cx[i], y_plot0, cx[i], y_plot0 - 2.5, 0.5, grey(AXIS_GREY));
    }
}

/* Category labels that cannot be wrapped into their slots (a line chart
 * of many categories): every one that fits; where they crowd, every
 * second (third, ...) from the first, and the last when there is room;
 * the compile says which are left out. */
static void category_labels(chart *c, const double *cx, size_t n, double y_top, double y_plot0,
                            double band)
{
    const doc_figure *fig = c->fig;
    double *lw = arena_alloc(c->f->a, (n + 1) * sizeof *lw);
    double widest = 0;
    for (size_t i = 0; i < n; i++) {
        lw[i] = text_w(c, fig->categories[i], LABEL_SIZE);
        widest = fmax(widest, lw[i]);
    }
    /* Start near the answer: a label every `every` slots must have room. */
    double slot = n > 1 ? (cx[n - 1] - cx[0]) / (double)(n - 1) : 1e9;
    size_t every = slot > 0 ? (size_t)fmax(1, floor((widest + 4) / slot)) : n;
    for (;; every++) {
        bool fits = true;
        double last_right = -1e9;
        for (size_t i = 0; i < n && fits; i += every) {
            if (cx[i] - lw[i] / 2 < last_right + 4)
                fits = false;
            last_right = cx[i] + lw[i] / 2;
        }
        if (fits || every >= n)
            break;
    }
    double shown_right = -1e9;
    size_t hidden = 0;
    for (size_t i = 0; i < n; i++) {
        bool last_fits = i == n - 1 && cx[i] - lw[i] / 2 > shown_right + 4;
        if (i % every != 0 && !last_fits) {
            hidden++;
            continue;
        }
        text(c, fig->categories[i], LABEL_SIZE, c->muted, cx[i], y_top - band + 2.5, 0.5);
        rule(c, cx[i], y_plot0, cx[i], y_plot0 - 2.5, 0.5, grey(AXIS_GREY));
        shown_right = cx[i] + lw[i] / 2;
    }
    if (hidden) {
        diag_warning(c->f->d, fig->categories_loc.line ? fig->categories_loc : fig->loc,
                     "%zu of the %zu category labels of this chart do not fit under it and "
                     "are left out", hidden, n);
        diag_hint(c->f->d, "give shorter categories, fewer of them, or a bar chart "
                           "(orientation: horizontal sets long names beside the bars)");
    }
}

/* The smallest of 1, 2, 5, 10, 20, 50, ... at least step: a year axis
 * never ticks at 2002.5. */
static double whole_step(double step)
{
    for (double mag = 1;; mag *= 10)
        for (int k = 0; k < 3; k++) {
            double m = (k == 0 ? 1 : k == 1 ? 2 : 5) * mag;
            if (m >= step - 1e-9)
                return m;
        }
}

/* A numeric axis (years): ticks at round values between the first and
 * the last category, as a reader expects of a time axis. */
static void number_ticks(chart *c, const double *xs, const double *cx, size_t n, double y_plot0,
                         double band)
{
    double lo = xs[0], hi = xs[n - 1];
    double per = (cx[n - 1] - cx[0]) / (hi - lo);
    double step = nice_step(hi - lo, 6);
    bool whole = true;
    for (size_t i = 0; i < n; i++)
        whole &= xs[i] == floor(xs[i]);
    if (whole)
        step = whole_step(step);
    if (!(per > 0) || !isfinite(per) || !(step > 0))
        return;
    /* Labels must not touch: widen the step until they do not. */
    char widest[64];
    snprintf(widest, sizeof widest, "%.*f", step_decimals(step), hi);
    double w = text_w(c, widest, LABEL_SIZE) + 6;
    for (int grow = 0; step * per < w && grow < 64; grow++)
        step = whole ? whole_step(step * 1.01) : nice_step(step * 2.01, 1);
    int dec = step_decimals(step);
    /* Ticks counted, not summed: t += step stalls on large numbers. */
    double k0 = ceil(lo / step - 1e-9), k1 = floor(hi / step + 1e-9);
    for (double k = k0; k <= k1 && k - k0 < 64; k++) {
        double t = k * step, x = cx[0] + (t - lo) * per;
        char label[64];
        snprintf(label, sizeof label, "%.*f", dec, t);   /* years: no thousands separator */
        text(c, label, LABEL_SIZE, c->muted, x, y_plot0 - band + 2.5, 0.5);
        rule(c, x, y_plot0, x, y_plot0 - 2.5, 0.5, grey(AXIS_GREY));
    }
}

static void horizontal(chart *c);

static void vertical(chart *c)
{
    flow *f = c->f;
    const doc_figure *fig = c->fig;
    bool bars = fig->kind == DOC_FIG_BAR;
    size_t n = fig->n_categories;
    axis ax = value_axis(fig, bars, 5);
    double plot_h = fmin(c->width * 0.34, 190);
    /* Tick labels set the plot's left edge. */
    double label_w = 0;
    int ticks = (int)floor((ax.hi - ax.lo) / ax.step + 1e-9);   /* none past the axis' end */
    for (int t = 0; t <= ticks; t++)
        label_w = fmax(label_w, text_w(c, format_number(f->a, ax.lo + t * ax.step, ax.decimals),
                                       LABEL_SIZE));
    double x0 = c->left + label_w + 5, x1 = c->left + c->width;
    double *xs = arena_alloc(f->a, (n + 1) * sizeof *xs);
    bool prop = !bars && numeric_categories(fig, xs);
    /* Category labels wrap onto up to three lines within their slots;
     * bars whose labels will not fit so are drawn across instead, where
     * long names have room beside them. */
    double slot = (x1 - x0) / (double)n;
    lo_lines *labels = arena_alloc(f->a, (n + 1) * sizeof *labels);
    size_t label_lines = 1;
    bool wrapped = !prop && wrap_labels(c, slot - 4, labels, &label_lines);
    if (!prop && !wrapped && bars && n <= 60) {
        horizontal(c);
        return;
    }
    /* From the top: legend, unit, plot, category labels; below the plot,
     * room for the value labels of bars that hang below zero. */
    bool below = false;
    for (size_t s = 0; bars && fig->value_labels && s < fig->n_series; s++)
        for (size_t i = 0; i < n; i++)
            below |= fig->series[s].present[i] && fig->series[s].values[i] < 0;
    double label_band = wrapped ? (double)label_lines * LABEL_LEADING + 4 : LABEL_SIZE + 6;
    double y_labels = label_band + 2;
    double y_plot0 = y_labels + (below ? VALUE_SIZE + 4 : 0);
    double top = y_plot0 + plot_h + VALUE_SIZE + 6;   /* room for labels over the highest value */
    double unit_h = fig->unit ? LABEL_SIZE + 5 : 0;
    double height = top + unit_h + legend(c, 0, false);
    legend(c, height, true);
    c->l->height = height;
    c->l->depth = 0;
    double y_plot1 = y_plot0 + plot_h;
#define YV(v) (y_plot0 + ((v) - ax.lo) / (ax.hi - ax.lo) * plot_h)
    if (fig->unit)
        text(c, fig->unit, LABEL_SIZE, c->muted, c->left, y_plot1 + VALUE_SIZE + 6 + 2, 0);
    for (int t = 0; t <= ticks; t++) {
        double v = ax.lo + t * ax.step, y = YV(v);
        bool zero = fabs(v) < ax.step * 1e-6;
        if (!zero && t > 0)
            rule(c, x0, y, x1, y, 0.4, grey(GRID_GREY));
        text(c, format_number(f->a, v, ax.decimals), LABEL_SIZE, c->muted, x0 - 5,
             y - LABEL_SIZE * 0.35, 1);
    }
    /* The baseline: zero, or the axis foot when zero is off the chart. */
    double base_v = ax.lo <= 0 && ax.hi >= 0 ? 0 : ax.lo;
    double pad = fmin(slot * 0.5, 12);
    double *cx = arena_alloc(f->a, (n + 1) * sizeof *cx);
    for (size_t i = 0; i < n; i++)
        cx[i] = prop ? x0 + pad + (xs[i] - xs[0]) / (xs[n - 1] - xs[0]) * (x1 - x0 - 2 * pad)
                     : x0 + slot * ((double)i + 0.5);
    boxes taken = {0};
    if (prop)
        number_ticks(c, xs, cx, n, y_plot0, label_band);
    else if (wrapped)
        wrapped_labels(c, labels, cx, n, y_labels, y_plot0);
    else
        category_labels(c, cx, n, y_labels, y_plot0, label_band);
    if (bars) {
        size_t ns = fig->n_series;
        double group = slot * (ns == 1 ? 0.62 : 0.78), bw = group / (double)ns;
        /* Value labels only when every one of them fits over its bar. */
        bool labels = fig->value_labels;
        for (size_t s = 0; s < ns && labels; s++)
            for (size_t i = 0; i < n && labels; i++)
                if (fig->series[s].present[i] &&
                    text_w(c, format_number(f->a, fig->series[s].values[i], fig->decimals),
                           VALUE_SIZE) > bw + (ns == 1 ? slot - bw - 4 : 1))
                    labels = false;
        for (size_t s = 0; s < ns; s++)
            for (size_t i = 0; i < n; i++) {
                if (!fig->series[s].present[i])
                    continue;
                double v = fig->series[s].values[i];
                double bx = cx[i] - group / 2 + bw * (double)s;
                double ya = YV(base_v), yb = YV(v);
                box(c, bx + 0.4, fmin(ya, yb), bw - 0.8, fabs(yb - ya), series_color(c, s));
                if (labels) {
                    double ly = v >= base_v ? yb + 2.5 : yb - VALUE_SIZE - 1;
                    text(c, format_number(f->a, v, fig->decimals), VALUE_SIZE, c->ink, bx + bw / 2,
                         ly, 0.5);
                }
            }
    } else {
        /* Lines: solid between neighbouring values, dashed across years
         * with no data, broken where a value is missing. */
        double min_step = INFINITY;
        for (size_t i = 1; prop && i < n; i++)
            min_step = fmin(min_step, xs[i] - xs[i - 1]);
        for (size_t s = 0; s < fig->n_series; s++) {
            const doc_series *se = &fig->series[s];
            disp_color col = series_color(c, s);
            double *pts = arena_alloc(f->a, (2 * n + 2) * sizeof *pts);
            size_t np = 0;
            for (size_t i = 0; i <= n; i++) {
                bool gap = i < n && i > 0 && prop && se->present[i] && se->present[i - 1] &&
                           xs[i] - xs[i - 1] > min_step * 1.5;
                if (i == n || !se->present[i] || gap) {
                    if (np > 1)
                        polyline(c, pts, np, 1.8, 0, col);
                    for (size_t k = 1; k < np; k++)
                        segment(f->a, &taken, pts[2 * k - 2], pts[2 * k - 1], pts[2 * k],
                                pts[2 * k + 1]);
                    np = 0;
                    if (gap) {
                        double d[4] = {cx[i - 1], YV(se->values[i - 1]), cx[i], YV(se->values[i])};
                        polyline(c, d, 2, 0.9, 2, col);
                        segment(f->a, &taken, d[0], d[1], d[2], d[3]);
                    }
                    if (i == n || !se->present[i])
                        continue;
                }
                pts[2 * np] = cx[i];
                pts[2 * np + 1] = YV(se->values[i]);
                np++;
            }
            bool markers = (x1 - x0) / (double)n >= 7;
            for (size_t i = 0; i < n && markers; i++)
                if (se->present[i])
                    dot(c, cx[i], YV(se->values[i]), 2.1, col);
            for (size_t i = 0; i < n; i++)
                if (se->present[i])
                    take(f->a, &taken, cx[i] - 2.5, YV(se->values[i]) - 2.5, cx[i] + 2.5,
                         YV(se->values[i]) + 2.5);
        }
        /* Value labels: the highest, the last and the first of each series
         * first, then the rest, each where it touches nothing drawn. */
        for (size_t s = 0; s < fig->n_series && fig->value_labels; s++) {
            const doc_series *se = &fig->series[s];
            size_t *order = arena_alloc(f->a, (n + 3) * sizeof *order);
            size_t no = 0, peak = n, first = n, last = n;
            for (size_t i = 0; i < n; i++)
                if (se->present[i]) {
                    if (first == n)
                        first = i;
                    last = i;
                    if (peak == n || se->values[i] > se->values[peak])
                        peak = i;
                }
            if (peak == n)
                continue;
            order[no++] = peak;
            if (last != peak)
                order[no++] = last;
            if (first != peak && first != last)
                order[no++] = first;
            /* Past a few hundred points only those three are tried, so
             * placing labels stays linear in the data. */
            for (size_t i = 0; i < n && n <= 300; i++)
                if (se->present[i] && i != peak && i != first && i != last)
                    order[no++] = i;
            for (size_t k = 0; k < no; k++) {
                size_t i = order[k];
                const char *t = format_number(f->a, se->values[i], fig->decimals);
                double w = text_w(c, t, VALUE_SIZE), y = YV(se->values[i]);
                /* Above the point, below it, or beside it: the first
                 * place inside the plot that touches nothing drawn. */
                double h = VALUE_SIZE * 0.72;
                double cand[6][2] = {
                    {cx[i] - w / 2, y + 4.5}, {cx[i] - w / 2, y - 4.5 - h},
                    {cx[i] + 4.5, y + 2.5}, {cx[i] - 4.5 - w, y + 2.5},
                    {cx[i] + 4.5, y - 2.5 - h}, {cx[i] - 4.5 - w, y - 2.5 - h},
                };
                int pick = -1;
                for (int q = 0; q < 6 && pick < 0; q++) {
                    double tx = cand[q][0], ty = cand[q][1];
                    if (tx >= x0 + 1 && tx + w <= x1 && ty > y_plot0 + 1 &&
                        ty + h < y_plot1 + VALUE_SIZE + 5 && free_at(&taken, tx, ty, tx + w, ty + h))
                        pick = q;
                }
                if (pick < 0)
                    continue;
                double tx = cand[pick][0], ly = cand[pick][1];
                take(f->a, &taken, tx, ly, tx + w, ly + VALUE_SIZE * 0.72);
                lo_line_add_text(f, c->l, t, strlen(t), TEXT_SANS, VALUE_SIZE,
                                 fig->n_series > 1 ? series_color(c, s) : c->ink, tx, ly,
                                 fig->loc);
            }
        }
    }
    rule(c, x0, YV(base_v), x1, YV(base_v), 0.7, grey(AXIS_GREY));
#undef YV
}

/* ---- horizontal bars, for long category names ---- */

static void horizontal(chart *c)
{
    flow *f = c->f;
    const doc_figure *fig = c->fig;
    size_t n = fig->n_categories, ns = fig->n_series;
    axis ax = value_axis(fig, true, 4);
    double label_max = c->width * 0.36;
    lo_lines *labels = arena_alloc(f->a, (n + 1) * sizeof *labels);
    double label_w = 0;
    for (size_t i = 0; i < n; i++) {
        flow_text(f, fig->categories[i], TEXT_SANS, LABEL_SIZE, 9, c->ink, 0, label_max, fig->loc,
                  &labels[i]);
        for (size_t k = 0; k < labels[i].n; k++)
            label_w = fmax(label_w, lo_line_text_end(f, &labels[i].lines[k]));
    }
    /* Room for value labels past the longest bar. */
    double value_w = 0;
    if (fig->value_labels)
        for (size_t s = 0; s < ns; s++)
            for (size_t i = 0; i < n; i++)
                if (fig->series[s].present[i])
                    value_w = fmax(value_w, text_w(c, format_number(f->a, fig->series[s].values[i],
                                                                    fig->decimals), VALUE_SIZE));
    double x0 = c->left + label_w + 8, x1 = c->left + c->width - (value_w ? value_w + 4 : 0);
    double bar = ns == 1 ? 11 : fmax(5, 16.0 / (double)ns);
    double *slot = arena_alloc(f->a, (n + 1) * sizeof *slot);
    double body = 0;
    for (size_t i = 0; i < n; i++) {
        double text_h = (double)labels[i].n * 9;
        slot[i] = fmax(bar * (double)ns + 7, text_h + 5);
        body += slot[i];
    }
    double axis_band = LABEL_SIZE + 6;
    double unit_h = fig->unit ? LABEL_SIZE + 4 : 0;
    double height = unit_h + axis_band + body + 3 + legend(c, 0, false);
    c->l->height = height;
    c->l->depth = 0;
    legend(c, height, true);
    double y_foot = unit_h + axis_band, y_top = y_foot + body;
#define XV(v) (x0 + ((v) - ax.lo) / (ax.hi - ax.lo) * (x1 - x0))
    int ticks = (int)floor((ax.hi - ax.lo) / ax.step + 1e-9);   /* none past the axis' end */
    for (int t = 0; t <= ticks; t++) {
        double v = ax.lo + t * ax.step, x = XV(v);
        if (fabs(v) > ax.step * 1e-6)
            rule(c, x, y_foot, x, y_top, 0.4, grey(GRID_GREY));
        text(c, format_number(f->a, v, ax.decimals), LABEL_SIZE, c->muted, x,
             y_foot - LABEL_SIZE - 2, t == ticks ? 0.8 : 0.5);
    }
    if (fig->unit)
        text(c, fig->unit, LABEL_SIZE, c->muted, x1, 1, 1);
    double y = y_top;
    for (size_t i = 0; i < n; i++) {
        double mid = y - slot[i] / 2;
        /* The category's label, right-aligned against the axis, centred on its bars. */
        double ty = mid + ((double)labels[i].n * 9) / 2 - 7;
        for (size_t k = 0; k < labels[i].n; k++) {
            const lo_line *ll = &labels[i].lines[k];
            double shift = x0 - 6 - lo_line_text_end(f, ll);
            for (size_t q = 0; q < ll->n_items; q++) {
                disp_item *it = lo_line_add_item(f->a, c->l, ll->items[q].kind);
                *it = ll->items[q];
                if (it->kind == DISP_TEXT) {
                    it->u.text.x += shift;
                    it->u.text.y = ty - (double)k * 9;
                    it->color = c->ink;
                }
            }
        }
        double by = mid + bar * (double)ns / 2;
        for (size_t s = 0; s < ns; s++) {
            by -= bar;
            if (!fig->series[s].present[i])
                continue;
            double v = fig->series[s].values[i];
            double xa = XV(0), xb = XV(v);
            box(c, fmin(xa, xb), by + 0.4, fabs(xb - xa), bar - 0.8, series_color(c, s));
            if (fig->value_labels)
                text(c, format_number(f->a, v, fig->decimals), VALUE_SIZE, c->ink,
                     v >= 0 ? xb + 3 : xb - 3, by + bar / 2 - VALUE_SIZE * 0.35, v >= 0 ? 0 : 1);
        }
        y -= slot[i];
    }
    rule(c, XV(0), y_foot, XV(0), y_top, 0.7, grey(AXIS_GREY));
#undef XV
}

void chart_draw(flow *f, const doc_figure *fig, double left, double width, lo_line *l)
{
    chart c = {f, fig, l, left, width, f->st->text, f->st->muted};
    if (fig->n_categories == 0 || fig->n_series == 0)
        return;
    if (fig->kind == DOC_FIG_BAR && fig->horizontal)
        horizontal(&c);
    else
        vertical(&c);
}
