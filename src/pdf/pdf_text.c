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
    buf_puts(b, "1 0 0 1 ");
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

bool pdf_text_draw(pdf_writer *w, size_t page, const disp_item *it)
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
