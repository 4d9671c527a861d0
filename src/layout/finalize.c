/*
 * finalize.c: what can only be set once the numbering of the whole is
 * known (a brief alone, or a packet of documents): the footer "Page X of
 * Y" (and a packet document's own "Lee testimony, p. 3"), from page 2 on
 * a running head with the brief's title, and the contents' page numbers.
 */
#include "layout/internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"

static double text_width(const flow *f, const char *s, text_style style, double size)
{
    return hlist_text_width(f->fonts, s, strlen(s), style, size);
}

/* Places text on page p at (x, y) through a scratch line. */
static void put(flow *f, disp_page *pg, const char *s, text_style style, double size,
                disp_color color, double x, double y, int tag)
{
    lo_line l;
    memset(&l, 0, sizeof l);
    /* Running heads and folios: their text is set (and warned about)
     * where it first stands, or made here. */
    lo_line_add_text(f, &l, s, strlen(s), style, size, color, x, y, (src_loc){0});
    for (size_t i = 0; i < l.n_items; i++) {
        l.items[i].tag = tag;
        *display_add_item(f->pa, pg, l.items[i].kind) = l.items[i];
    }
}

/* Page numbers, dotted leaders and links of the contents' entries. The
 * dots sit on a grid measured from the right margin, as TeX aligns
 * leaders, so they line up from entry to entry. */
static void contents_numbers(flow *f, const layout_numbering *nb)
{
    const layout_style *st = f->st;
    double right = st->page_w - st->margin_right, size = st->body_size;
    double step = size * 0.5;
    /* Where each entry's text ends: the last glyph of its (last) line,
     * found in one pass over the body, not one pass per entry. */
    double *ends = arena_alloc(f->a, (f->n_toc + 1) * sizeof *ends);
    for (size_t i = 0; i < f->body.n; i++) {
        int t = f->body.lines[i].toc_line;
        if (t > 0 && (size_t)t <= f->n_toc)
            ends[t - 1] = f->body.lines[i].text_end;
    }
    for (size_t k = 0; k < f->n_toc; k++) {
        int lp = f->toc_line_page[k], hp = f->toc_head_page[k];
        int number = hp < 0 ? -1 : hp + nb->first, dest = hp < 0 ? -1 : f->toc_head_dest[k];
        if (nb->toc_number) {
            number = nb->toc_number[k];
            dest = nb->toc_dest[k];
        }
        if (lp < 0 || number < 0)
            continue;
        disp_page *pg = &f->out->pages[lp];
        double y = f->toc_line_y[k];
        char num[16];
        snprintf(num, sizeof num, "%d", number);
        double w = text_width(f, num, TEXT_SERIF, size);
        /* The number belongs to the entry's link; the leaders are artifacts. */
        int tag = f->toc_tag ? f->toc_tag[k] : DISP_ARTIFACT;
        put(f, pg, num, TEXT_SERIF, size, st->text, right - w, y, tag);
        double from = ends[k];
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
            lo_line_add_text(f, &l, dots.data, dots.len, TEXT_SERIF, size, st->muted, x + step,
                             y, (src_loc){0});
            if (l.n_items == 1) {
                disp_run *r = l.items[0].u.text.run;
                r->adjust = arena_alloc(f->pa, r->n_glyphs * sizeof *r->adjust);
                for (uint32_t g = 0; g < r->n_glyphs; g++)
                    r->adjust[g] = (disp_adjust){g, (float)(step - dot)};
                r->n_adjust = r->n_glyphs;
            }
            for (size_t i = 0; i < l.n_items; i++)
                *display_add_item(f->pa, pg, l.items[i].kind) = l.items[i];
        }
        buf_fini(&dots);
        disp_item *link = display_add_item(f->pa, pg, DISP_LINK);
        link->u.link.x = st->margin_left;
        link->u.link.y = y - size * 0.3;
        link->u.link.w = right - st->margin_left;
        link->u.link.h = size * 1.2;
        link->u.link.dest = dest;
        link->tag = tag;
    }
}

/* Lower-case roman numerals, as front matter is numbered. */
static void roman(int n, char *out, size_t size)
{
    static const int value[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const digits[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl",
                                         "x", "ix", "v", "iv", "i"};
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < 13 && n > 0; i++)
        while (n >= value[i] && len + 3 < size) {
            len += (size_t)snprintf(out + len, size - len, "%s", digits[i]);
            n -= value[i];
        }
}

/* The words of the folios: the numbering's (a packet's), else the
 * document's own. */
static const doc_lang *folio_lang(const flow *f, const layout_numbering *nb)
{
    return nb->lang ? nb->lang : lo_lang(f);
}

/* "Page 3 of 12", or "Page ii" in roman front matter, in the language. */
static const char *folio_text(flow *f, const layout_numbering *nb, int number)
{
    const doc_lang *l = folio_lang(f, nb);
    char n[32], total[16];
    if (nb->roman) {
        roman(number, n, sizeof n);
        return doc_lang_fill(f->a, l->folio_alone, n, NULL);
    }
    snprintf(n, sizeof n, "%d", number);
    snprintf(total, sizeof total, "%d", nb->total);
    return doc_lang_fill(f->a, l->folio, n, total);
}

/* A packet document's own page: "Lee testimony, p. 3". */
static const char *own_page(flow *f, const layout_numbering *nb, size_t page)
{
    char n[32];
    snprintf(n, sizeof n, "%zu", page);
    return doc_lang_fill(f->a, folio_lang(f, nb)->doc_page, nb->label, n);
}

/* A bound page's stamp sits in its bottom-right corner, a quarter inch
 * from the edges, as a Bates number does, on white so it reads over
 * whatever the page has there. */
void finalize_stamps(flow *f, const layout_numbering *nb)
{
    const layout_style *st = f->st;
    double size = 8.5, pad = 3;
    for (size_t p = 0; p < f->out->n_pages; p++) {
        disp_page *pg = &f->out->pages[p];
        const char *folio = folio_text(f, nb, nb->first + (int)p);
        const char *text = nb->label ? arena_printf(f->a, "%s  \xc2\xb7  %s",
                                                    own_page(f, nb, p + 1), folio)
                                     : folio;
        double w = text_width(f, text, TEXT_SANS, size);
        double x = pg->width - 18 - w, y = 18;
        if (x < 18)
            x = 18;
        disp_item *bg = display_add_item(f->pa, pg, DISP_RECT);
        bg->color = (disp_color){1, 1, 1};
        bg->u.rect.x = x - pad;
        bg->u.rect.y = y - size * 0.3 - pad;
        bg->u.rect.w = w + 2 * pad;
        bg->u.rect.h = size * 1.2 + 2 * pad;
        put(f, pg, text, TEXT_SANS, size, st->muted, x, y, DISP_ARTIFACT);
    }
}

/* The draft mark: the text in a large sans along the page's diagonal,
 * centred, 10% black drawn see-through over everything, so it reads as a
 * light grey and hides nothing under it. Each run is placed along the
 * slanted baseline (a fallback face makes a run of its own). */
static void draft_mark(flow *f, disp_page *pg)
{
    const char *s = f->st->watermark;
    double unit = text_width(f, s, TEXT_SANS_BOLD, 1);
    if (!(unit > 0))
        return;
    double diag = hypot(pg->width, pg->height);
    double size = 0.6 * diag / unit;
    if (size > 150)
        size = 150;
    double angle = atan2(pg->height, pg->width), ca = cos(angle), sa = sin(angle);
    /* The baseline's start, so that the text's middle (half its width
     * along, a third of its size up) is the page's centre. */
    double along = unit * size / 2, up = size * 0.35;
    double x0 = pg->width / 2 - ca * along + sa * up;
    double y0 = pg->height / 2 - sa * along - ca * up;
    lo_line l;
    memset(&l, 0, sizeof l);
    lo_line_add_text(f, &l, s, strlen(s), TEXT_SANS_BOLD, size, (disp_color){0, 0, 0}, 0, 0,
                     (src_loc){0});
    for (size_t i = 0; i < l.n_items; i++) {
        disp_item *it = display_add_item(f->pa, pg, DISP_TEXT);
        *it = l.items[i];
        double dx = it->u.text.x;
        it->u.text.x = x0 + dx * ca;
        it->u.text.y = y0 + dx * sa;
        it->u.text.angle = angle * 180 / M_PI;
        it->u.text.opacity = 10;
        it->u.text.mark = true;
    }
}

void finalize_pages(flow *f, const layout_numbering *nb)
{
    contents_numbers(f, nb);
    const layout_style *st = f->st;
    size_t n = f->out->n_pages;
    double size = 8.5;
    double left = st->margin_left, right = st->page_w - st->margin_right;
    for (size_t p = 0; p < n; p++) {
        disp_page *pg = &f->out->pages[p];
        if (p == 0 && f->cover)
            continue;     /* a packet's cover carries no folio */
        const char *folio = folio_text(f, nb, nb->first + (int)p);
        const char *foot = st->footer;
        if (nb->label)
            foot = arena_printf(f->a, "%s%s%s", foot ? foot : "", foot ? "  \xc2\xb7  " : "",
                                own_page(f, nb, p + 1));
        double w = text_width(f, folio, TEXT_SANS, size);
        if (foot) {
            put(f, pg, foot, TEXT_SANS, size, st->muted, left, st->margin_bottom * 0.5,
                DISP_ARTIFACT);
            put(f, pg, folio, TEXT_SANS, size, st->muted, right - w, st->margin_bottom * 0.5,
                DISP_ARTIFACT);
        } else {
            put(f, pg, folio, TEXT_SANS, size, st->muted, (left + right - w) / 2,
                st->margin_bottom * 0.5, DISP_ARTIFACT);
        }
        const char *head = st->header ? st->header : f->short_title;
        if (p == 0 || !head)
            continue;
        double y = st->page_h - st->margin_top * 0.6;
        put(f, pg, head, TEXT_SANS, size, st->muted, left, y, DISP_ARTIFACT);
        disp_item *r = display_add_item(f->pa, pg, DISP_RULE);
        r->color = st->rule;
        r->u.rule.x0 = left;
        r->u.rule.x1 = right;
        r->u.rule.y0 = r->u.rule.y1 = y - 5;
        r->u.rule.width = 0.4;
    }
    /* Last, so it lies over the page's text and its backgrounds alike. */
    for (size_t p = 0; p < n && st->watermark; p++)
        draft_mark(f, &f->out->pages[p]);
}
