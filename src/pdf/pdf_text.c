/*
 * pdf_text.c: a DISP_TEXT item as one TJ written straight into the page's
 * content stream. libharu has no TJ call, and its word spacing (Tw) does
 * nothing for CID fonts, so kerning and justification can only go in as
 * TJ numbers. libharu still selects the font (SetFontAndSize registers the
 * page resource) and keeps BT/ET, so its own state stays consistent.
 */
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>

#include "pdf/pdf_writer.h"

/* A number as PDF wants it: at most three decimals, no exponent, no
 * locale, no "-0". */
static void put_num(buf *b, double v)
{
    long long m = llround((double)pdf_real(v) * 1000.0);
    if (m < 0) {
        buf_putc(b, '-');
        m = -m;
    }
    buf_printf(b, "%lld", m / 1000);
    if (m % 1000) {
        char frac[8];
        snprintf(frac, sizeof frac, "%03lld", m % 1000);
        for (int i = 2; i > 0 && frac[i] == '0'; i--)
            frac[i] = '\0';
        buf_printf(b, ".%s", frac);
    }
}

/* Codes are the UCS-2 code points; libharu's UTF-8 fonts are BMP only,
 * and surrogates are no characters. */
static bool drawable(uint32_t cp)
{
    return cp <= 0xFFFF && (cp < 0xD800 || cp > 0xDFFF);
}

/* [<codes> adj <codes> ...] TJ: the adjustment after a glyph, in points,
 * becomes -adjust*1000/size thousandths of an em (negative moves right);
 * runs of glyphs without adjustment share one hex string. */
static void write_tj(buf *b, HPDF_Font font, const disp_item *it)
{
    const disp_glyph *g = it->u.text.glyphs;
    size_t n = it->u.text.n_glyphs;
    double size = it->u.text.size;
    /* A turned run (a draft mark) turns its text matrix. */
    double rad = it->u.text.angle * M_PI / 180, ca = cos(rad), sa = sin(rad);
    if (it->u.text.angle == 0) {
        buf_puts(b, "1 0 0 1 ");
    } else {
        put_num(b, ca);
        buf_putc(b, ' ');
        put_num(b, sa);
        buf_putc(b, ' ');
        put_num(b, -sa);
        buf_putc(b, ' ');
        put_num(b, ca);
        buf_putc(b, ' ');
    }
    put_num(b, it->u.text.x);
    buf_putc(b, ' ');
    put_num(b, it->u.text.y);
    buf_puts(b, " Tm\n[");
    bool open = false;         /* inside a hex string */
    double pending = 0;        /* TJ units not yet written */
    for (size_t i = 0; i < n; i++) {
        if (!drawable(g[i].cp)) {
            pending += isfinite(g[i].adjust) ? -g[i].adjust * 1000.0 / size : 0;
            continue;
        }
        if (fabs(pending) >= 0.0005) {   /* not 0 at three decimals */
            if (open)
                buf_puts(b, "> ");
            put_num(b, pending);
            buf_putc(b, ' ');
            open = false;
        }
        pending = 0;
        if (!open)
            buf_putc(b, '<');
        open = true;
        /* Measuring marks the glyph as used: unmeasured glyphs are left out
         * of the embedded subset and draw blank. */
        HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)g[i].cp);
        buf_printf(b, "%04X", (unsigned)g[i].cp);
        pending = isfinite(g[i].adjust) ? -g[i].adjust * 1000.0 / size : 0;
    }
    /* An adjustment after the last glyph moves nothing that is drawn. */
    buf_puts(b, open ? ">] TJ\n" : "] TJ\n");
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
    double op = it->u.text.opacity;
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
    for (size_t i = 0; i < it->u.text.n_glyphs; i++)
        shown += drawable(it->u.text.glyphs[i].cp);
    if (!shown || !isfinite(size) || size <= 0)
        return true;           /* nothing to show */
    HPDF_Font font = pdf_font(w, it->u.text.face);
    if (!font)
        return false;
    HPDF_Page pg = w->pages[page];
    HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;
    const disp_color *c = &it->color;
    if (!pdf_check(w, HPDF_Page_BeginText(pg), "cannot begin text on page %zu", page + 1) ||
        !pdf_check(w, HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)size),
                   "cannot select a %g pt font on page %zu", size, page + 1) ||
        !pdf_check(w, HPDF_Page_SetRGBFill(pg, pdf_unit(c->r), pdf_unit(c->g), pdf_unit(c->b)),
                   "cannot set the text colour on page %zu", page + 1))
        return false;
    buf_reset(&w->ops);
    write_tj(&w->ops, font, it);
    return pdf_check(w, HPDF_Stream_WriteStr(attr->stream, w->ops.data),
                     "cannot write text on page %zu", page + 1) &&
           pdf_check(w, HPDF_Page_EndText(pg), "cannot end text on page %zu", page + 1);
}
