/*
 * finalize.c: what can only be set once every page exists: the footer
 * "Page X of Y" on every page and, from page 2 on, a running head with
 * the brief's title.
 */
#include "layout/internal.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"

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

/* Page numbers, dotted leaders and links of the contents' entries. The
 * dots sit on a grid measured from the right margin, as TeX aligns
 * leaders, so they line up from entry to entry. */
static void contents_numbers(flow *f)
{
    const layout_style *st = f->st;
    double right = st->page_w - st->margin_right, size = st->body_size;
    double step = size * 0.5;
    for (size_t k = 0; k < f->n_toc; k++) {
        int lp = f->toc_line_page[k], hp = f->toc_head_page[k];
        if (lp < 0 || hp < 0)
            continue;
        disp_page *pg = &f->out->pages[lp];
        double y = f->toc_line_y[k];
        char num[16];
        snprintf(num, sizeof num, "%d", hp + 1);
        double w = text_width(f, num, TEXT_SERIF, size);
        put(f, pg, num, TEXT_SERIF, size, st->text, right - w, y);
        /* Find where this entry's text ends: its line's last glyph. */
        double from = 0;
        for (size_t i = 0; i < f->body.n; i++)
            if (f->body.lines[i].toc_line == (int)k + 1)
                from = f->body.lines[i].text_end;
        double dot = text_width(f, ".", TEXT_SERIF, size);
        double x = right - 24 - step;
        buf dots;
        buf_init(&dots);
        int n = 0;
        while (x > from + step) {
            x -= step;
            n++;
        }
        if (n > 0) {
            lo_line l;
            memset(&l, 0, sizeof l);
            for (int i = 0; i < n; i++)
                buf_putc(&dots, '.');
            lo_line_add_text(f->a, &l, f->fonts, dots.data, dots.len, TEXT_SERIF, size,
                             st->muted, x + step, y);
            if (l.n_items == 1)
                for (size_t g = 0; g < l.items[0].u.text.n_glyphs; g++)
                    l.items[0].u.text.glyphs[g].adjust = step - dot;
            for (size_t i = 0; i < l.n_items; i++)
                *display_add_item(f->a, pg, l.items[i].kind) = l.items[i];
        }
        buf_fini(&dots);
        disp_item *link = display_add_item(f->a, pg, DISP_LINK);
        link->u.link.x = st->margin_left;
        link->u.link.y = y - size * 0.3;
        link->u.link.w = right - st->margin_left;
        link->u.link.h = size * 1.2;
        link->u.link.dest = f->toc_head_dest[k];
    }
}

void finalize_pages(flow *f, const doc *D)
{
    contents_numbers(f);
    const layout_style *st = f->st;
    size_t n = f->out->n_pages;
    double size = 8.5;
    double left = st->margin_left, right = st->page_w - st->margin_right;
    for (size_t p = 0; p < n; p++) {
        disp_page *pg = &f->out->pages[p];
        char folio[64];
        snprintf(folio, sizeof folio, "Page %zu of %zu", p + 1, n);
        double w = text_width(f, folio, TEXT_SANS, size);
        if (st->footer) {
            put(f, pg, st->footer, TEXT_SANS, size, st->muted, left, st->margin_bottom * 0.5);
            put(f, pg, folio, TEXT_SANS, size, st->muted, right - w, st->margin_bottom * 0.5);
        } else {
            put(f, pg, folio, TEXT_SANS, size, st->muted, (left + right - w) / 2,
                st->margin_bottom * 0.5);
        }
        const char *head = st->header ? st->header : D->short_title;
        if (p == 0 || !head)
            continue;
        double y = st->page_h - st->margin_top * 0.6;
        put(f, pg, head, TEXT_SANS, size, st->muted, left, y);
        disp_item *r = display_add_item(f->a, pg, DISP_RULE);
        r->color = st->rule;
        r->u.rule.x0 = left;
        r->u.rule.x1 = right;
        r->u.rule.y0 = r->u.rule.y1 = y - 5;
        r->u.rule.width = 0.4;
    }
}
