/*
 * finalize.c: what can only be set once every page exists: the footer
 * "Page X of Y" on every page and, from page 2 on, a running head with
 * the brief's title.
 */
#include "layout/internal.h"

#include <stdio.h>
#include <string.h>

static double text_width(const flow *f, const char *s, text_style style, double size)
{
    return hlist_text_width(f->fonts, s, strlen(s), style, size);
}

/* Places text on page p at (x, y) through a scratch line. */
static void put(flow *f, disp_page *pg, const char *s, text_style style, double size,
                disp_color color, double x, double y)
{
    lo_line l;
    memset(&l, 0, sizeof l);
    lo_line_add_text(f->a, &l, f->fonts, s, strlen(s), style, size, color, x, y);
    for (size_t i = 0; i < l.n_items; i++)
        *display_add_item(f->a, pg, l.items[i].kind) = l.items[i];
}

void finalize_pages(flow *f, const doc *D)
{
    const layout_style *st = f->st;
    size_t n = f->out->n_pages;
    double size = 8.5;
    double left = st->margin_left, right = st->page_w - st->margin_right;
    for (size_t p = 0; p < n; p++) {
        disp_page *pg = &f->out->pages[p];
        char folio[64];
        snprintf(folio, sizeof folio, "Page %zu of %zu", p + 1, n);
        double w = text_width(f, folio, TEXT_SANS, size);
        put(f, pg, folio, TEXT_SANS, size, st->muted, (left + right - w) / 2,
            st->margin_bottom * 0.5);
        if (p == 0 || !D->title)
            continue;
        double y = st->page_h - st->margin_top * 0.6;
        put(f, pg, D->title, TEXT_SANS, size, st->muted, left, y);
        disp_item *r = display_add_item(f->a, pg, DISP_RULE);
        r->color = st->rule;
        r->u.rule.x0 = left;
        r->u.rule.x1 = right;
        r->u.rule.y0 = r->u.rule.y1 = y - 5;
        r->u.rule.width = 0.4;
    }
}
