/*
 * pdf_nav.c: links (to URIs and to places in the document), their
 * destinations, and the bookmarks (outlines).
 *
 * A destination is [page /XYZ left top null]: null keeps the reader's
 * zoom. libharu 2.3.0's HPDF_Destination_SetXYZ refuses a zoom of 0 (it
 * wants 0.08-32) and its error then poisons the document, so the array is
 * rebuilt here through libharu's array functions.
 */
#include <hpdf_objects.h>

#include "pdf/pdf_writer.h"

/* The destination of display dest i, made on first use (so unused ones
 * are not written); NULL for an index or page that does not exist. */
static HPDF_Destination dest_for(pdf_writer *w, int i, bool *failed)
{
    *failed = false;
    if (i < 0 || (size_t)i >= w->doc->n_dests)
        return NULL;
    if (w->dests[i])
        return w->dests[i];
    const disp_dest *dd = &w->doc->dests[i];
    if (dd->page < 0 || (size_t)dd->page >= w->doc->n_pages)
        return NULL;
    HPDF_Page page = w->pages[dd->page];
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);   /* [page /Fit] */
    if (!pdf_check_ptr(w, dst, "cannot make a destination on page %d", dd->page + 1)) {
        *failed = true;
        return NULL;
    }
    HPDF_Array_Clear(dst);
    HPDF_STATUS st = HPDF_Array_Add(dst, page);
    if (st == HPDF_OK)
        st = HPDF_Array_AddName(dst, "XYZ");
    if (st == HPDF_OK)
        st = HPDF_Array_AddReal(dst, pdf_real(dd->x));
    if (st == HPDF_OK)
        st = HPDF_Array_AddReal(dst, pdf_real(dd->y));
    if (st == HPDF_OK)
        st = HPDF_Array_Add(dst, HPDF_Null_New(w->pdf->mmgr));
    if (!pdf_check(w, st, "cannot make a destination on page %d", dd->page + 1)) {
        *failed = true;
        return NULL;
    }
    return w->dests[i] = dst;
}

static bool uri_safe(unsigned char c)
{
    return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' &&
           c != '`' && c != '{' && c != '|' && c != '}';
}

/* URIs are ASCII: spaces, non-ASCII bytes (UTF-8) and the characters RFC
 * 3986 excludes are percent-encoded; an existing %XX stays as it is. */
static const char *encode_uri(pdf_writer *w, const char *uri)
{
    buf *b = &w->ops;
    buf_reset(b);
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if (uri_safe(*p))
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%02X", *p);
    }
    return buf_to_arena(b, w->a);
}

bool pdf_nav_links(pdf_writer *w, size_t page)
{
    if (page >= w->doc->n_pages)
        return true;
    const disp_page *pg = &w->doc->pages[page];
    HPDF_Page hp = w->pages[page];
    for (size_t i = 0; i < pg->n_items; i++) {
        const disp_item *it = &pg->items[i];
        if (it->kind != DISP_LINK)
            continue;
        double x = it->u.link.x, y = it->u.link.y;
        HPDF_Rect r = {pdf_real(x), pdf_real(y), pdf_real(x + it->u.link.w),
                       pdf_real(y + it->u.link.h)};
        HPDF_Annotation an;
        if (it->u.link.uri) {
            an = HPDF_Page_CreateURILinkAnnot(hp, r, encode_uri(w, it->u.link.uri));
        } else {
            bool failed;
            HPDF_Destination dst = dest_for(w, it->u.link.dest, &failed);
            if (failed)
                return false;
            if (!dst)
                continue;      /* a link to nowhere: leave it out */
            an = HPDF_Page_CreateLinkAnnot(hp, r, dst);
        }
        if (!pdf_check_ptr(w, an, "cannot add a link on page %zu", page + 1) ||
            /* URI links get no /Border, and the default draws a box. */
            !pdf_check(w, HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0),
                       "cannot remove the border of a link on page %zu", page + 1) ||
            !pdf_tags_annot(w, page, it->tag, an, it->u.link.uri))
            return false;
    }
    return true;
}

/* Bookmarks nest by level: an entry goes under the nearest earlier entry
 * of a lower level (so a level 3 after a level 1 nests under the level 1),
 * or at the top. */
bool pdf_nav_outlines(pdf_writer *w)
{
    const display_doc *doc = w->doc;
    if (!doc->n_outlines)
        return true;
    HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    if (!pdf_check_ptr(w, utf8, "cannot find libharu's UTF-8 encoder for bookmarks"))
        return false;
    struct open_entry {
        int level;
        HPDF_Outline outline;
    } *stack = arena_alloc(w->a, doc->n_outlines * sizeof *stack);
    size_t depth = 0;
    for (size_t i = 0; i < doc->n_outlines; i++) {
        const disp_outline *o = &doc->outlines[i];
        while (depth > 0 && stack[depth - 1].level >= o->level)
            depth--;
        HPDF_Outline parent = depth ? stack[depth - 1].outline : NULL;
        const char *title = pdf_meta_bmp_text(w, o->title ? o->title : "");
        HPDF_Outline out = HPDF_CreateOutline(w->pdf, parent, title, utf8);
        if (!pdf_check_ptr(w, out, "cannot add the bookmark \"%s\"", title))
            return false;
        bool failed;
        HPDF_Destination dst = dest_for(w, o->dest, &failed);
        if (failed ||
            (dst && !pdf_check(w, HPDF_Outline_SetDestination(out, dst),
                               "cannot point the bookmark \"%s\" at its place", title)) ||
            /* Top-level entries show their sections; deeper ones start closed. */
            !pdf_check(w, HPDF_Outline_SetOpened(out, depth == 0),
                       "cannot open the bookmark \"%s\"", title))
            return false;
        stack[depth++] = (struct open_entry){o->level, out};
    }
    return true;
}

/* /PageLabels: what a reader shows as each page's number (a packet's
 * front matter i, ii, then 1, 2, ... as its footers say). */
bool pdf_nav_labels(pdf_writer *w)
{
    const display_doc *doc = w->doc;
    for (size_t i = 0; i < doc->n_labels; i++) {
        const disp_label *l = &doc->labels[i];
        if (l->page < 0 || (size_t)l->page >= doc->n_pages || l->first < 1)
            continue;
        HPDF_PageNumStyle style = l->roman ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN
                                           : HPDF_PAGE_NUM_STYLE_DECIMAL;
        if (!pdf_check(w, HPDF_AddPageLabel(w->pdf, (HPDF_UINT)l->page, style,
                                            (HPDF_UINT)l->first, NULL),
                       "cannot label page %d", l->page + 1))
            return false;
    }
    return true;
}
