/*
 * lines.c: an hlist broken into lines, each turned into display items.
 * Justified text goes through the Knuth-Plass breaker; ragged text
 * (headings, titles) is broken first-fit. A line's glue becomes the space
 * glyph plus an adjustment, so the PDF keeps real spaces (copy and search
 * work) while the spacing is exactly what the breaker chose. A Korean
 * line that would run past its measure (keep-all leaves no break) is
 * broken again with breaks between syllables offered as a last resort.
 */
#include "layout/internal.h"

#include <string.h>

lo_line *lo_lines_push(arena *a, lo_lines *ls)
{
    lo_line *l = ARENA_PUSH(a, ls->lines, ls->n, ls->cap);
    return l;
}

disp_item *lo_line_add_item(arena *a, lo_line *l, disp_kind kind)
{
    disp_item *it = ARENA_PUSH(a, l->items, l->n_items, l->cap_items);
    it->kind = kind;
    return it;
}

void lo_item_move(disp_item *it, double dx, double dy)
{
    switch (it->kind) {
    case DISP_TEXT:
        it->u.text.x += dx;
        it->u.text.y += dy;
        break;
    case DISP_RULE:
        it->u.rule.x0 += dx;
        it->u.rule.x1 += dx;
        it->u.rule.y0 += dy;
        it->u.rule.y1 += dy;
        break;
    case DISP_RECT:
        it->u.rect.x += dx;
        it->u.rect.y += dy;
        break;
    case DISP_IMAGE:
        it->u.image.x += dx;
        it->u.image.y += dy;
        break;
    case DISP_LINK:
        it->u.link.x += dx;
        it->u.link.y += dy;
        break;
    case DISP_PATH:
        for (size_t i = 0; i < it->u.path.n; i++) {
            it->u.path.pts[2 * i] += dx;
            it->u.path.pts[2 * i + 1] += dy;
        }
        break;
    case DISP_DOT:
        it->u.dot.x += dx;
        it->u.dot.y += dy;
        break;
    }
}

#define NO_RUN ((size_t)-1)

/* Text drawing state while a line is written out. */
typedef struct pen {
    arena *a;
    lo_line *line;
    size_t run;               /* the text run glyphs are appended to: its index in
                               * the line's items (a pointer would not survive the
                               * items growing), or NO_RUN */
    size_t cap_glyphs, cap_adjust;   /* the run's arrays' room */
    double x;                 /* where the next glyph goes */
    const char *link;         /* the link being spanned, and where it began */
    double link_x0, link_top, link_bottom;
    int note;
    int link_tag;             /* the link's structure element */
    const hl_info *strike;    /* the struck text being spanned, and where it began */
    double strike_x0;
} pen;

/* The rule through struck text, at half the x-height. */
static void close_strike(pen *p)
{
    if (!p->strike)
        return;
    disp_item *it = lo_line_add_item(p->a, p->line, DISP_RULE);
    it->color = p->strike->color;
    it->u.rule.x0 = p->strike_x0;
    it->u.rule.x1 = p->x;
    it->u.rule.y0 = it->u.rule.y1 = p->strike->rise + p->strike->size * 0.27;
    it->u.rule.width = p->strike->size * 0.055;
    p->strike = NULL;
}

/* Starts or ends the strike span as the item at `in` requires. */
static void strike_at(pen *p, const hl_info *in)
{
    if (in->strike && !p->strike) {
        p->strike = in;
        p->strike_x0 = p->x;
    } else if (!in->strike) {
        close_strike(p);
    }
}

static void close_link(pen *p)
{
    if (!p->link && !p->note)
        return;
    disp_item *it = lo_line_add_item(p->a, p->line, DISP_LINK);
    it->u.link.x = p->link_x0;
    it->u.link.y = p->link_bottom;
    it->u.link.w = p->x - p->link_x0;
    it->u.link.h = p->link_top - p->link_bottom;
    it->u.link.uri = p->link;
    it->u.link.dest = p->note ? LO_NOTE_DEST(p->note) : 0;
    it->tag = p->link_tag;
    p->link = NULL;
    p->note = 0;
}

/* Adds a glyph to the current run, or starts a run; a stand-in glyph
 * (actual: the character it shows) is a run of its own. */
static void glyph(pen *p, int face, double size, double rise, disp_color color, uint32_t cp,
                  uint32_t actual, double width, int tag)
{
    disp_item *r = p->run == NO_RUN ? NULL : &p->line->items[p->run];
    if (!r || r->u.text.face != face || r->u.text.size != size || r->u.text.y != rise ||
        memcmp(&r->color, &color, sizeof color) != 0 || actual || r->u.text.actual ||
        r->tag != tag) {
        r = lo_line_add_item(p->a, p->line, DISP_TEXT);
        r->tag = tag;
        r->color = color;
        r->u.text.face = (int16_t)face;
        r->u.text.size = size;
        r->u.text.x = p->x;
        r->u.text.y = rise;
        r->u.text.actual = actual;
        p->run = p->line->n_items - 1;
        p->cap_glyphs = p->cap_adjust = 0;
    }
    disp_run *run = r->u.text.run;
    if (!run || run->n_glyphs == p->cap_glyphs) {
        size_t cap = p->cap_glyphs ? 2 * p->cap_glyphs : 16;
        run = arena_grow(p->a, run, run ? sizeof *run + p->cap_glyphs * sizeof *run->glyphs : 0,
                         sizeof *run + cap * sizeof *run->glyphs);
        if (!p->cap_glyphs)
            *run = (disp_run){0};
        r->u.text.run = run;
        p->cap_glyphs = cap;
    }
    /* hlist_pick draws BMP characters only. */
    run->glyphs[run->n_glyphs++] = (uint16_t)cp;
    p->x += width;
}

/* Widens the space after the last glyph of the current run by extra. */
static void adjust_last(pen *p, double extra)
{
    disp_item *r = p->run == NO_RUN ? NULL : &p->line->items[p->run];
    disp_run *run = r ? r->u.text.run : NULL;
    if (run && run->n_glyphs) {
        uint32_t at = run->n_glyphs - 1, n = run->n_adjust;
        if (n && run->adjust[n - 1].at == at) {
            run->adjust[n - 1].by += extra;
        } else if (extra != 0) {
            if (n == p->cap_adjust) {
                size_t cap = p->cap_adjust ? 2 * p->cap_adjust : 8;
                run->adjust = arena_grow(p->a, run->adjust, p->cap_adjust * sizeof *run->adjust,
                                         cap * sizeof *run->adjust);
                p->cap_adjust = cap;
            }
            run->adjust[run->n_adjust++] = (disp_adjust){at, (float)extra};
        }
    } else {
        p->run = NO_RUN;
    }
    p->x += extra;
}

/* A line ending at a syllable break (justified): the ratio that fills
 * its measure with the spaces' stretch and the letter stretch between its
 * syllables together, so its letters take some of the slack. */
static double letter_ratio(const hlist *h, const lb_line *ln)
{
    double stretch = 0;
    for (size_t k = ln->start; k < ln->end && k < h->n; k++)
        if (h->items[k].type == LB_GLUE && h->items[k].stretch < LB_FIL)
            stretch += h->items[k].stretch + h->info[k].letter_stretch;
    return ln->shortfall > 0 && stretch > 0 ? ln->shortfall / stretch : ln->ratio;
}

void lo_line_keep(arena *a, arena *glyph_a, lo_line *l, size_t reserve)
{
    disp_item *items = arena_alloc(a, (l->n_items + reserve) * sizeof *items);
    for (size_t i = 0; i < l->n_items; i++) {
        items[i] = l->items[i];
        if (glyph_a && items[i].kind == DISP_TEXT) {
            const disp_run *r = items[i].u.text.run;
            size_t n = sizeof *r + r->n_glyphs * sizeof *r->glyphs;
            disp_run *kept = memcpy(arena_alloc(glyph_a, n), r, n);
            if (r->n_adjust)
                kept->adjust = memcpy(arena_alloc(glyph_a, r->n_adjust * sizeof *r->adjust),
                                      r->adjust, r->n_adjust * sizeof *r->adjust);
            items[i].u.text.run = kept;
        }
    }
    l->items = items;
    l->cap_items = l->n_items + reserve;
    if (l->n_notes) {
        size_t n = l->n_notes * sizeof *l->notes;
        l->notes = memcpy(arena_alloc(a, n), l->notes, n);
        l->cap_notes = l->n_notes;
    }
}

/* A line's items, their glyphs and its notes are drawn in a scratch
 * arena, where each array doubles as it grows; the line keeps exact
 * copies (a long brief holds a hundred thousand lines). */
static void draw_line(arena *a, arena *glyph_a, arena *scratch, const hlist *h,
                      const lb_line *ln, double x0, bool justify, double height, double depth,
                      lo_lines *out)
{
    bool letters = justify && ln->emergency;
    lo_line *line = lo_lines_push(a, out);
    line->height = height;
    line->depth = depth;
    line->ratio = letters ? letter_ratio(h, ln) : justify ? ln->ratio : 0;
    line->justified = justify;
    /* A line that starts with hanging punctuation starts in the margin. */
    if (ln->start < h->n && h->items[ln->start].type == LB_BOX)
        x0 -= h->items[ln->start].protrude_left;
    pen p = {.a = scratch, .line = line, .x = x0, .run = NO_RUN};
    double r = letters ? letter_ratio(h, ln) : justify ? ln->ratio : 0;
    if (r < -1)
        r = -1;
    size_t cap_notes = 0;
    for (size_t k = ln->start; k < ln->end && k < h->n; k++) {
        const lb_item *it = &h->items[k];
        const hl_info *in = &h->info[k];
        if (it->type == LB_BOX) {
            strike_at(&p, in);
            const char *link = in->note ? NULL : in->link;
            if (link != p.link || in->note != p.note) {
                close_link(&p);
                if (link || in->note) {
                    p.link = link;
                    p.note = in->note;
                    p.link_tag = in->tag;
                    p.link_x0 = p.x;
                    p.link_top = in->rise + in->size * 0.9;
                    p.link_bottom = in->rise - in->size * 0.25;
                }
            }
            if (in->note) {
                int *n = ARENA_PUSH(scratch, line->notes, line->n_notes, cap_notes);
                *n = in->note;
            }
            const text_font *font = text_fonts_face(h->fonts, in->face);
            for (size_t g = 0; g < in->n_glyphs; g++) {
                uint32_t cp = h->glyphs[in->glyph_start + g];
                /* Kerning within a box, exactly as hlist.c measured it. */
                if (g > 0) {
                    int k = text_font_kern(font, h->glyphs[in->glyph_start + g - 1], cp);
                    if (k)
                        adjust_last(&p, k * in->size / 1000.0);
                }
                double w = text_font_advance(font, cp) * in->size / 1000.0;
                glyph(&p, in->face, in->size, in->rise, in->color, cp, in->actual, w, in->tag);
            }
        } else if (it->type == LB_GLUE) {
            if (!in->strike)
                close_strike(&p);
            double stretch = it->stretch + (letters ? in->letter_stretch : 0);
            double w = it->width + (r >= 0 ? r * stretch : r * it->shrink);
            if (it->stretch >= LB_FIL)
                w = it->width;
            if (p.link && in->link != p.link)
                close_link(&p);
            const disp_item *run = p.run == NO_RUN ? NULL : &p.line->items[p.run];
            if (in->n_glyphs && run) {
                double sw = text_font_advance(text_fonts_face(h->fonts, in->face), ' ') *
                            in->size / 1000.0;
                if (run->u.text.face == in->face && run->u.text.size == in->size &&
                    run->u.text.y == 0) {
                    glyph(&p, in->face, in->size, 0, run->color, ' ', 0, sw, run->tag);
                    adjust_last(&p, w - sw);
                    continue;
                }
                /* The run is in another face (Hangul, an italic word):
                 * the gap as it was, then the run's own space glyph,
                 * taken back at once, so the text a screen reader or a
                 * copy takes has the space, while every position and
                 * measure stays exactly what it was (the pen is put
                 * back, and advance minus itself is exactly 0). */
                adjust_last(&p, w);
                const text_font *rf = text_fonts_face(h->fonts, run->u.text.face);
                if (run->u.text.y == 0 && !run->u.text.actual && text_font_has_glyph(rf, ' ')) {
                    double x = p.x, rsw = text_font_advance(rf, ' ') * run->u.text.size / 1000.0;
                    glyph(&p, run->u.text.face, run->u.text.size, 0, run->color, ' ', 0, rsw,
                          run->tag);
                    adjust_last(&p, -rsw);
                    p.x = x;
                }
                continue;
            }
            adjust_last(&p, w);
        }
    }
    /* A break at a hyphenation point shows the hyphen. */
    if (ln->end < h->n && h->items[ln->end].type == LB_PENALTY && h->items[ln->end].flagged &&
        h->items[ln->end].width > 0) {
        const hl_info *in = &h->info[ln->end];
        glyph(&p, in->face, in->size, 0, in->color, '-', 0, h->items[ln->end].width, in->tag);
    }
    /* A line that ends at a space keeps it, drawn after its last glyph
     * and taken back at once: nothing moves, but text taken from the
     * structure (a screen reader) reads a space between the line's last
     * word and the next line's first. */
    if (ln->end < h->n && h->items[ln->end].type == LB_GLUE && h->info[ln->end].n_glyphs &&
        p.run != NO_RUN) {
        const hl_info *in = &h->info[ln->end];
        double sw = text_font_advance(text_fonts_face(h->fonts, in->face), ' ') * in->size / 1000.0;
        double x = p.x;
        glyph(&p, in->face, in->size, 0, p.line->items[p.run].color, ' ', 0, sw, in->tag);
        adjust_last(&p, -sw);
        p.x = x;
    }
    close_strike(&p);
    close_link(&p);
    lo_line_keep(a, glyph_a, line, out->reserve);
    out->reserve = 0;
}

/* First-fit breaking for ragged-right text. An emergency break is taken
 * only when the line reaches past its measure before any other break. A
 * line wider than its measure gets ratio -LB_FIL (overfull), which is
 * not drawn: ragged lines are set at their natural width. */
static void break_ragged(arena *a, const hlist *h, const double *widths, size_t n_widths,
                         lb_result *res)
{
    size_t cap = 0;
    res->lines = NULL;
    res->n_lines = 0;
    res->pass = 1;
    res->overfull = 0;
    res->emergency = 0;
    size_t start = 0;
    while (start < h->n) {
        double measure = widths[res->n_lines < n_widths ? res->n_lines : n_widths - 1];
        double w = 0, best_w = 0, emergency_w = 0;
        size_t best = (size_t)-1, emergency = (size_t)-1;
        size_t k;
        for (k = start; k < h->n; k++) {
            const lb_item *it = &h->items[k];
            if (best == (size_t)-1 && emergency != (size_t)-1 && w > measure) {
                best = emergency;
                best_w = emergency_w;
                break;
            }
            bool legal = (it->type == LB_GLUE && k > start && h->items[k - 1].type == LB_BOX) ||
                         (it->type == LB_PENALTY && it->penalty < LB_INF_PENALTY && !it->emergency);
            if (it->type == LB_PENALTY && it->emergency && w <= measure) {
                emergency = k;
                emergency_w = w;
            }
            if (legal && w <= measure) {
                best = k;
                best_w = w;
                if (it->type == LB_PENALTY && it->penalty <= LB_EJECT_PENALTY)
                    break;
            }
            if (legal && w > measure && best != (size_t)-1)
                break;
            if (it->type == LB_BOX)
                w += it->width;
            else if (it->type == LB_GLUE && it->stretch < LB_FIL)
                w += it->width;
        }
        if (best == (size_t)-1) {
            best = k < h->n ? k : h->n;
            best_w = w;
        }
        lb_line *ln = ARENA_PUSH(a, res->lines, res->n_lines, cap);
        ln->start = start;
        ln->end = best;
        ln->hyphenated = best < h->n && h->items[best].type == LB_PENALTY && h->items[best].flagged;
        ln->emergency = best < h->n && h->items[best].type == LB_PENALTY && h->items[best].emergency;
        ln->ratio = 0;
        if (best < h->n && h->items[best].type == LB_PENALTY)
            best_w += h->items[best].width;
        ln->shortfall = measure - best_w;
        if (best_w > measure + 1e-6) {
            ln->ratio = -LB_FIL;
            res->overfull++;
        }
        res->emergency += ln->emergency;
        start = best + 1;
        while (start < h->n && h->items[start].type != LB_BOX &&
               !(h->items[start].type == LB_PENALTY &&
                 h->items[start].penalty <= LB_EJECT_PENALTY))
            start++;
        if (start < h->n && h->items[start].type == LB_PENALTY)
            start++;
        /* Nothing left but the paragraph's closing glue and penalty. */
        bool rest = false;
        for (size_t q = start; q < h->n; q++)
            if (h->items[q].type == LB_BOX)
                rest = true;
        if (!rest)
            break;
    }
}

/* Breaks h as lines_build says; *used is the list the lines index (h, or
 * its copy with breaks between Korean syllables when without them some
 * line would be overfull). */
static void break_lines(const hlist *h, const double *widths, size_t n_widths, bool justify,
                        lb_result *res, const hlist **used)
{
    lb_params params;
    lb_params_default(&params);
    params.emergency_stretch = widths[0] * 0.06;
    *used = h;
    if (justify)
        lb_break(h->a, h->items, h->n, widths, n_widths, &params, res);
    else
        break_ragged(h->a, h, widths, n_widths, res);
    if (!res->overfull)
        return;
    const hlist *cut = hlist_syllable_breaks(h);
    if (!cut)
        return;
    lb_result again;
    if (justify)
        lb_break(h->a, cut->items, cut->n, widths, n_widths, &params, &again);
    else
        break_ragged(h->a, cut, widths, n_widths, &again);
    if (again.overfull < res->overfull) {
        *res = again;
        *used = cut;
    }
}

void lines_build(arena *a, arena *glyph_a, const hlist *h0, const double *widths, const double *x,
                 size_t n_widths, bool justify, double height, double depth, lo_lines *out)
{
    if (h0->n == 0)
        return;
    lb_result res;
    const hlist *h;
    break_lines(h0, widths, n_widths, justify, &res, &h);
    arena *scratch = arena_new();
    for (size_t i = 0; i < res.n_lines; i++) {
        size_t wi = i < n_widths ? i : n_widths - 1;
        bool last = i + 1 == res.n_lines;
        /* The last line's ratio is near 0 (its \parfillskip stretches), but
         * it is drawn with it all the same: it may have had to shrink. */
        draw_line(a, glyph_a, scratch, h, &res.lines[i], x[wi], justify, height, depth, out);
        arena_reset(scratch);
        lo_line *l = &out->lines[out->n - 1];
        l->hyphenated = res.lines[i].hyphenated;
        l->overfull = res.lines[i].ratio < -1;
        l->emergency = res.lines[i].emergency;
        l->justified = justify && !last &&
                                           !(res.lines[i].end < h->n &&
                                             h->items[res.lines[i].end].penalty <= LB_EJECT_PENALTY);
    }
    arena_free(scratch);
}
