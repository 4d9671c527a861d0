/*
 * pdf_text.c: a DISP_TEXT item as one text object written straight into
 * the page's content stream. libharu has no TJ call, and its word spacing
 * (Tw) does nothing for CID fonts, so kerning and justification can only
 * go in as TJ numbers; and its font calls take only fonts it made, so the
 * text object (BT, Tf, rg, Tm, TJ, ET) is written whole here. libharu
 * still names the font in the page's resources (GetLocalFontName), and
 * its graphics mode is the same before and after.
 */
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <string.h>

#include "pdf/pdf_writer.h"

/* The text is formatted by hand into a small window flushed into the
 * buffer: printf per glyph was the writer's main cost. */
typedef struct out {
    buf *b;
    char *p;                   /* next free byte of win */
    char win[512];
} out;

static void flush(out *o)
{
    buf_append(o->b, o->win, (size_t)(o->p - o->win));
    o->p = o->win;
}

/* Room for n more bytes (n is at most 64). */
static char *room(out *o, size_t n)
{
    if ((size_t)(o->win + sizeof o->win - o->p) < n)
        flush(o);
    return o->p;
}

static void put_str(out *o, const char *s, size_t n)
{
    memcpy(room(o, n), s, n);
    o->p += n;
}

/* A number as PDF wants it: at most three decimals, no exponent, no
 * locale, no "-0". */
static void put_num(out *o, double v)
{
    long long m = llround((double)pdf_real(v) * 1000.0);
    char digits[32], *e = digits + sizeof digits, *p = e;
    bool neg = m < 0;
    if (neg)
        m = -m;
    long long whole = m / 1000;
    int frac = (int)(m % 1000), places = 3;
    if (frac) {
        while (frac % 10 == 0) {
            frac /= 10;
            places--;
        }
        for (int i = 0; i < places; i++, frac /= 10)
            *--p = (char)('0' + frac % 10);
        *--p = '.';
    }
    do
        *--p = (char)('0' + whole % 10);
    while ((whole /= 10) != 0);
    if (neg)
        *--p = '-';
    put_str(o, p, (size_t)(e - p));
}

static void put_hex4(out *o, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    char *p = room(o, 4);
    p[0] = hex[v >> 12 & 15];
    p[1] = hex[v >> 8 & 15];
    p[2] = hex[v >> 4 & 15];
    p[3] = hex[v & 15];
    o->p += 4;
}

/* [<codes> adj <codes> ...] TJ: the adjustment after a glyph, in points,
 * becomes -adjust*1000/size thousandths of an em (negative moves right);
 * runs of glyphs without adjustment share one hex string. */
static void write_tj(buf *b, const disp_item *it)
{
    const uint16_t *g = it->u.text.run->glyphs;
    size_t n = it->u.text.run->n_glyphs, k = 0;
    double size = it->u.text.size;
    out o = {.b = b};
    o.p = o.win;
    /* A turned run (a draft mark) turns its text matrix. */
    double rad = it->u.text.angle * M_PI / 180, ca = cos(rad), sa = sin(rad);
    if (it->u.text.angle == 0) {
        put_str(&o, "1 0 0 1 ", 8);
    } else {
        put_num(&o, ca);
        put_str(&o, " ", 1);
        put_num(&o, sa);
        put_str(&o, " ", 1);
        put_num(&o, -sa);
        put_str(&o, " ", 1);
        put_num(&o, ca);
        put_str(&o, " ", 1);
    }
    put_num(&o, it->u.text.x);
    put_str(&o, " ", 1);
    put_num(&o, it->u.text.y);
    put_str(&o, " Tm\n[", 5);
    bool open = false;         /* inside a hex string */
    double pending = 0;        /* TJ units not yet written */
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = g[i];
        double adjust = display_adjust_next(it, i, &k);
        if (!pdf_drawable(cp)) {
            pending += isfinite(adjust) ? -adjust * 1000.0 / size : 0;
            continue;
        }
        if (fabs(pending) >= 0.0005) {   /* not 0 at three decimals */
            if (open)
                put_str(&o, "> ", 2);
            put_num(&o, pending);
            put_str(&o, " ", 1);
            open = false;
        }
        pending = 0;
        if (!open)
            put_str(&o, "<", 1);
        open = true;
        put_hex4(&o, cp);
        pending = isfinite(adjust) ? -adjust * 1000.0 / size : 0;
    }
    /* An adjustment after the last glyph moves nothing that is drawn. */
    if (open)
        put_str(&o, ">] TJ\nET\n", 9);
    else
        put_str(&o, "] TJ\nET\n", 8);
    flush(&o);
}

/* A size or colour to five decimals, as libharu wrote them: the layout's
 * TJ adjustments assume the exact size, so three would drift. */
static void put_real(buf *b, double v)
{
    char s[48];
    int n = snprintf(s, sizeof s, "%.5f", (double)pdf_real(v));
    while (n > 1 && s[n - 1] == '0')
        n--;
    if (s[n - 1] == '.')
        n--;
    if (n == 2 && s[0] == '-' && s[1] == '0')
        s[n = 1, 0] = '0';
    buf_append(b, s, (size_t)n);
}

/* A see-through fill (an ExtGState with /ca), made once per opacity;
 * libharu raises the file's version to 1.4 for it. */
static HPDF_ExtGState faded(pdf_writer *w, double opacity)
{
    if (w->faded && w->faded_opacity == opacity)
        return w->faded;
    HPDF_ExtGState gs = HPDF_CreateExtGState(w->pdf);
    if (!pdf_check_ptr(w, gs, "cannot make a see-through fill") ||
        !pdf_check(w, HPDF_ExtGState_SetAlphaFill(gs, pdf_unit(opacity)),
                   "cannot set a fill opacity of %g", opacity))
        return NULL;
    if (w->pdf->pdf_version < HPDF_VER_14)
        w->pdf->pdf_version = HPDF_VER_14;
    w->faded = gs;
    w->faded_opacity = opacity;
    return gs;
}

static bool draw_run(pdf_writer *w, size_t page, const disp_item *it);

/* Raw operators into page's content stream, outside any text object. */
static bool put_ops(pdf_writer *w, size_t page, const char *ops)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)w->pages[page]->attr;
    return pdf_check(w, HPDF_Stream_WriteStr(attr->stream, ops),
                     "cannot write marked content on page %zu", page + 1);
}

/* A see-through run is drawn inside q ... Q, so its opacity ends with it.
 * A mark across the page (a draft mark) is a span whose ActualText is
 * empty: readers draw it, but text extraction and screen readers take
 * nothing from it, so its large slanted letters cannot cut into the
 * reading order of the text under them. */
bool pdf_text_draw(pdf_writer *w, size_t page, const disp_item *it)
{
    double op = it->u.text.opacity / 100.0;
    bool mark = it->u.text.mark || it->u.text.actual;
    char span[64] = "/Span <</ActualText ()>> BDC\n";
    uint32_t a = it->u.text.actual;
    /* A stand-in glyph (an en dash for a minus sign) reads as the real
     * character: ActualText is UTF-16BE, with its byte-order mark. */
    if (a > 0xFFFF)
        snprintf(span, sizeof span, "/Span <</ActualText <FEFF%04X%04X>>> BDC\n",
                 0xD800 + ((a - 0x10000) >> 10), 0xDC00 + ((a - 0x10000) & 0x3FF));
    else if (a)
        snprintf(span, sizeof span, "/Span <</ActualText <FEFF%04X>>> BDC\n", (unsigned)a);
    if (mark && !put_ops(w, page, span))
        return false;
    bool ok;
    if (!(op > 0 && op < 1)) {
        ok = draw_run(w, page, it);
    } else {
        HPDF_Page pg = w->pages[page];
        HPDF_ExtGState gs = faded(w, op);
        ok = gs && pdf_check(w, HPDF_Page_GSave(pg), "cannot save the state on page %zu", page + 1) &&
             pdf_check(w, HPDF_Page_SetExtGState(pg, gs), "cannot set an opacity on page %zu",
                       page + 1) &&
             draw_run(w, page, it) &&
             pdf_check(w, HPDF_Page_GRestore(pg), "cannot restore the state on page %zu", page + 1);
    }
    return ok && (!mark || put_ops(w, page, "EMC\n"));
}

static bool draw_run(pdf_writer *w, size_t page, const disp_item *it)
{
    double size = it->u.text.size;
    size_t shown = 0;
    for (size_t i = 0; i < it->u.text.run->n_glyphs; i++)
        shown += pdf_drawable(it->u.text.run->glyphs[i]);
    if (!shown || !isfinite(size) || size <= 0)
        return true;           /* nothing to show */
    HPDF_Font font = pdf_font(w, it->u.text.face);
    if (!font)
        return false;
    HPDF_Page pg = w->pages[page];
    HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;
    const char *name = HPDF_Page_GetLocalFontName(pg, font);
    if (!pdf_check_ptr(w, name, "cannot name a font on page %zu", page + 1))
        return false;
    const disp_color *c = &it->color;
    buf_reset(&w->ops);
    buf_printf(&w->ops, "BT\n/%s ", name);
    put_real(&w->ops, size);
    buf_puts(&w->ops, " Tf\n");
    double rgb[3] = {pdf_unit(c->r), pdf_unit(c->g), pdf_unit(c->b)};
    for (int k = 0; k < 3; k++) {
        put_real(&w->ops, rgb[k]);
        buf_puts(&w->ops, k < 2 ? " " : " rg\n");
    }
    write_tj(&w->ops, it);
    return pdf_check(w, HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)w->ops.data,
                                          (HPDF_UINT)w->ops.len),
                     "cannot write text on page %zu", page + 1);
}
