/*
 * figure.c: a figure as lines of the vertical list. Every figure has the
 * same frame: an accent rule, "Figure N" and its title in the bold sans,
 * then its body, then its caption, note and source line in small type.
 * The body is a chart (chart.c), a row of key figures, or an image; the
 * whole is one float, never split. Tables are set by table.c and stay in
 * the flow, where they may continue on the next page.
 */
#include "layout/internal.h"

#include <string.h>

#include "base/buf.h"

#define TITLE_SIZE 9.5
#define TITLE_LEADING 12.0
#define RULE_ABOVE 7.0       /* room for the accent rule over the title */

size_t figure_title(flow *f, const doc_figure *fig, double left, double right, bool continued,
                    lo_lines *out)
{
    const layout_style *st = f->st;
    if (!fig->label || !fig->title)
        return out->n;
    int saved = lo_open(f, DISP_S_CAPTION);
    hlist h;
    hlist_init(&h, f->a, f->d, f->fonts, NULL);
    hl_font label = {.style = TEXT_SANS_BOLD, .size = TITLE_SIZE,
                     .color = continued ? st->muted : st->accent};
    const char *lab = continued ? doc_lang_fill(f->a, lo_lang(f)->continued, fig->label, NULL)
                                : fig->label;
    hlist_add_text(&h, lab, strlen(lab), &label, (src_loc){0});
    disp_color color = continued ? st->muted : st->text;
    hl_font title = {.style = TEXT_SANS_BOLD, .size = TITLE_SIZE, .color = color};
    hlist_add_text(&h, "  ", 2, &title, (src_loc){0});
    flow_add_runs(f, &h, fig->title, FLOW_HEADING, TITLE_SIZE, color);
    hlist_finish(&h);
    double width = right - left;
    size_t first = out->n;
    lines_build(f->a, f->pa, &h, &width, &left, 1, false, TITLE_LEADING * 0.78, TITLE_LEADING * 0.22, out);
    lo_tag_lines(out, first, f->tag);
    lo_close(f, saved);
    if (first == out->n)
        return first;
    lo_line *l = &out->lines[first];
    if (!continued) {
        disp_item *r = lo_line_add_item(f->a, l, DISP_RULE);
        r->color = st->accent;
        r->u.rule.x0 = left;
        r->u.rule.x1 = right;
        r->u.rule.y0 = r->u.rule.y1 = l->height + RULE_ABOVE - 2;
        r->u.rule.width = 0.8;
        l->height += RULE_ABOVE;
    }
    for (size_t i = first; i < out->n; i++)
        out->lines[i].penalty_after = LB_INF_PENALTY;
    return first;
}

/* The paragraphs of a caption or note, however nested, at one size. */
static void small_text(flow *f, const doc_block *b, double left, double right, double size,
                       double leading, disp_color color, bool justify, double space,
                       lo_lines *out)
{
    for (const doc_block *c = b->first; c; c = c->next) {
        if (c->kind == DOC_PARAGRAPH || c->kind == DOC_HEADING) {
            int saved = lo_open(f, DISP_S_P);
            size_t first = flow_paragraph(f, c, left, right, FLOW_SERIF, size, leading, color, justify,
                                          out);
            lo_close(f, saved);
            if (first < out->n)
                out->lines[first].space_before = space;
            space = 2;
        } else {
            small_text(f, c, left, right, size, leading, color, justify, space, out);
        }
    }
}

void figure_notes(flow *f, const doc_figure *fig, double left, double right, lo_lines *out)
{
    const layout_style *st = f->st;
    if (fig->caption)
        small_text(f, fig->caption, left, right, 8.5, 11, st->text, true, 6, out);
    if (fig->note)
        small_text(f, fig->note, left, right, 7.5, 9.5, st->muted, false, 4, out);
    if (fig->source) {
        int saved = lo_open(f, DISP_S_P);
        size_t first = flow_paragraph(f, fig->source, left, right, FLOW_SERIF, 7.5, 9.5, st->muted,
                                      false, out);
        lo_close(f, saved);
        if (first < out->n)
            out->lines[first].space_before = fig->note ? 2 : 4;
    }
}

/* A row of one to four key figures, each a big number over its label on
 * a tinted panel with an accent rule on top. */
static void key_figures(flow *f, const doc_figure *fig, double left, double right, lo_line *l)
{
    const layout_style *st = f->st;
    size_t n = fig->n_stats;
    if (!n)
        return;
    double gap = 8, pad = 9, width = right - left;
    double cw = (width - gap * (double)(n - 1)) / (double)n, inner = cw - 2 * pad;
    /* One size for every number, so the row reads as a set. */
    double vsize = 24;
    for (size_t i = 0; i < n; i++)
        while (vsize > 12 && flow_width(f, fig->stat_values[i], TEXT_SANS_BOLD, vsize) > inner)
            vsize -= 0.5;
    lo_lines *labels = arena_alloc(f->a, n * sizeof *labels);
    size_t most = 0;
    double lsize = 8.5, lleading = 10.5;
    for (size_t i = 0; i < n; i++) {
        double x = left + (double)i * (cw + gap) + pad;
        flow_paragraph(f, fig->stat_labels[i], x, x + inner, FLOW_SANS, lsize, lleading, st->text,
                       false, &labels[i]);
        if (labels[i].n > most)
            most = labels[i].n;
    }
    double top_pad = 12, bottom_pad = 10;
    double value_h = vsize * 0.74;
    double height = top_pad + value_h + 7 + (double)most * lleading + bottom_pad - lleading * 0.22;
    l->height = height;
    l->depth = 0;
    for (size_t i = 0; i < n; i++) {
        double x = left + (double)i * (cw + gap);
        disp_item *bg = lo_line_add_item(f->a, l, DISP_RECT);
        bg->color = st->code_bg;
        bg->u.rect.x = x;
        bg->u.rect.y = 0;
        bg->u.rect.w = cw;
        bg->u.rect.h = height;
        disp_item *r = lo_line_add_item(f->a, l, DISP_RULE);
        r->color = st->accent;
        r->u.rule.x0 = x;
        r->u.rule.x1 = x + cw;
        r->u.rule.y0 = r->u.rule.y1 = height - 1;
        r->u.rule.width = 2;
        double base = height - top_pad - value_h;
        lo_line_add_text(f, l, fig->stat_values[i], strlen(fig->stat_values[i]), TEXT_SANS_BOLD,
                         vsize, st->accent, x + pad, base, fig->loc);
        double y = base - 7 - lleading * 0.78;
        for (size_t k = 0; k < labels[i].n; k++, y -= lleading) {
            const lo_line *ll = &labels[i].lines[k];
            for (size_t q = 0; q < ll->n_items; q++) {
                disp_item *it = lo_line_add_item(f->a, l, ll->items[q].kind);
                *it = ll->items[q];
                lo_item_move(it, 0, y);
            }
        }
    }
}

static void picture(flow *f, const doc_figure *fig, double left, double right, lo_line *l)
{
    const image *img = fig->img;
    if (!img || img->width <= 0 || img->height <= 0)
        return;
    const layout_style *st = f->st;
    double avail = right - left;
    double max_h = (st->page_h - st->margin_top - st->margin_bottom) * 0.42;
    double w = avail, h = w * img->height / img->width;
    if (h > max_h) {
        h = max_h;
        w = h * img->width / img->height;
    }
    l->height = h;
    l->depth = 0;
    double x = left + (avail - w) / 2;
    disp_item *it = lo_line_add_item(f->a, l, DISP_IMAGE);
    it->u.image.img = img;
    it->u.image.x = x;
    it->u.image.y = 0;
    it->u.image.w = w;
    it->u.image.h = h;
    /* A hairline frame keeps a pale image from dissolving into the page
     * (adding its rules moves the line's items: `it` is not used again). */
    static const double corners[4][4] = {{0, 0, 1, 0}, {1, 0, 1, 1}, {1, 1, 0, 1}, {0, 1, 0, 0}};
    for (int k = 0; k < 4; k++) {
        disp_item *r = lo_line_add_item(f->a, l, DISP_RULE);
        r->color = st->rule;
        r->u.rule.x0 = x + corners[k][0] * w;
        r->u.rule.y0 = corners[k][1] * h;
        r->u.rule.x1 = x + corners[k][2] * w;
        r->u.rule.y1 = corners[k][3] * h;
        r->u.rule.width = 0.4;
    }
}

/* What a figure shows, in words: a chart's data, key figures' values
 * and labels, an image's alt text (else its title). */
static const char *figure_alt(flow *f, const doc_figure *fig)
{
    if (fig->kind == DOC_FIG_IMAGE && fig->alt && *fig->alt)
        return arena_strdup(f->a, fig->alt);
    buf b;
    buf_init(&b);
    if (fig->label)
        buf_puts(&b, fig->label);
    if (fig->title)
        buf_printf(&b, "%s%s", b.len ? ": " : "", doc_plain_text(f->a, fig->title));
    if (fig->kind == DOC_FIG_BAR || fig->kind == DOC_FIG_LINE)
        chart_alt_data(f, fig, &b);
    else
        for (size_t i = 0; i < fig->n_stats; i++)
            buf_printf(&b, "%s%s %s", b.len ? (i ? "; " : ". ") : "", fig->stat_values[i],
                       doc_plain_text(f->a, fig->stat_labels[i]));
    const char *alt = b.len ? buf_to_arena(&b, f->a) : NULL;
    buf_fini(&b);
    return alt;
}

void figure_lines(flow *f, const doc_block *b, double left, double right, lo_lines *out)
{
    const doc_figure *fig = b->figure;
    if (fig->kind == DOC_FIG_TABLE) {
        table_lines(f, fig, left, right, out);
        return;
    }
    int id = ++f->n_floats;
    /* The figure holds its title (a caption) and body, and says what it
     * shows in words; its caption, note and source are read after it. */
    int saved = lo_open(f, DISP_S_FIGURE);
    if (f->tag > 0)
        f->out->structs[f->tag].alt = figure_alt(f, fig);
    size_t first = figure_title(f, fig, left, right, false, out);
    lo_line *l = lo_lines_push(f->a, out);
    l->space_before = 8;
    switch (fig->kind) {
    case DOC_FIG_BAR:
    case DOC_FIG_LINE:
        chart_draw(f, fig, left, right - left, l);
        lo_tag_items(l, 0, f->tag, true);
        break;
    case DOC_FIG_STAT:
        key_figures(f, fig, left, right, l);
        lo_tag_items(l, 0, f->tag, false);
        break;
    case DOC_FIG_IMAGE:
        picture(f, fig, left, right, l);
        lo_tag_items(l, 0, f->tag, false);
        break;
    case DOC_FIG_TABLE:
        break;
    }
    lo_close(f, saved);
    figure_notes(f, fig, left, right, out);
    if (first < out->n)
        out->lines[first].anchor = arena_strdup(f->a, fig->anchor);
    for (size_t i = first; i < out->n; i++) {
        out->lines[i].float_id = id;
        out->lines[i].penalty_after = LB_INF_PENALTY;
    }
}
