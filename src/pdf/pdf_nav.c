/*
 * pdf_nav.c: links (to URIs and to places in the document), their
 * destinations, and the bookmarks (outlines).
 *
 * A destination is [page /XYZ left top null]: null keeps the reader's
 * zoom. libharu 2.3.0's HPDF_Destination_SetXYZ refuses a zoom of 0 (it
 * wants 0.08-32) and its error then poisons the document, so a
 * bookmark's array is built here, its page reference, /XYZ and null
 * shared by every destination. A link annotation is an empty
 * dictionary, its record in the writer's arena, whose write hook writes
 * its entries as libharu would (pdf_link), its destination's array in
 * it: libharu's objects cost kilobytes a link (an array object of its
 * own, 250 bytes more), and a brief may have tens of thousands of notes.
 */
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <string.h>

#include "pdf/pdf_writer.h"

/* What every destination array shares: a reference per page, /XYZ and
 * null. They live in the writer's arena, flagged indirect so that no
 * array frees them (HPDF_Obj_Free passes over indirect objects), and
 * are put into the arrays' lists directly (HPDF_Array_Add would refuse
 * an object a second array holds). A destination built with libharu's
 * calls cost ~600 bytes: a 20-slot list, a proxy, a 128-byte name. */
struct pdf_dest_parts {
    HPDF_Proxy_Rec *page;        /* by display page; obj NULL until used */
    HPDF_Name_Rec xyz;
    HPDF_Null_Rec null;
};

static void *dest_part(pdf_writer *w, size_t page)
{
    struct pdf_dest_parts *d = w->dest_parts;
    if (!d) {
        d = w->dest_parts = arena_alloc(w->a, sizeof *d);
        d->page = arena_alloc(w->a, (w->doc->n_pages + 1) * sizeof *d->page);
        d->xyz.header.obj_id = HPDF_OTYPE_INDIRECT | HPDF_OTYPE_DIRECT;
        d->xyz.header.obj_class = HPDF_OCLASS_NAME;
        memcpy(d->xyz.value, "XYZ", 4);
        d->null.header.obj_id = HPDF_OTYPE_INDIRECT | HPDF_OTYPE_DIRECT;
        d->null.header.obj_class = HPDF_OCLASS_NULL;
    }
    HPDF_Proxy_Rec *p = &d->page[page];
    if (!p->obj) {
        p->header.obj_id = HPDF_OTYPE_INDIRECT | HPDF_OTYPE_DIRECT;
        p->header.obj_class = HPDF_OCLASS_PROXY;
        p->obj = w->pages[page];
    }
    return p;
}

/* Display dest i; NULL for an index or page that does not exist. */
static const disp_dest *dest_at(const pdf_writer *w, int i)
{
    if (i < 0 || (size_t)i >= w->doc->n_dests)
        return NULL;
    const disp_dest *dd = &w->doc->dests[i];
    return dd->page < 0 || (size_t)dd->page >= w->doc->n_pages ? NULL : dd;
}

/* A bookmark's destination: display dest i's, made on first use (so
 * unused ones are not written); NULL for one dest_at does not find. It
 * is the array HPDF_Destination_New makes, with [page /XYZ x y null] in
 * a list of 5. */
static HPDF_Destination dest_for(pdf_writer *w, int i, bool *failed)
{
    *failed = false;
    const disp_dest *dd = dest_at(w, i);
    if (!dd)
        return NULL;
    if (w->dests[i])
        return w->dests[i];
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Destination dst = HPDF_Array_New(mm);
    HPDF_STATUS st = dst ? HPDF_Xref_Add(w->pdf->xref, dst) : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK) {
        dst->header.obj_class |= HPDF_OSUBCLASS_DESTINATION;
        HPDF_List five = HPDF_List_New(mm, 5);
        if (five) {
            HPDF_List_Free(dst->list);
            dst->list = five;
        }
        HPDF_Real x = HPDF_Real_New(mm, pdf_real(dd->x)), y = HPDF_Real_New(mm, pdf_real(dd->y));
        st = five && x && y ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
        if (st != HPDF_OK) {
            HPDF_Obj_Free(mm, x);
            HPDF_Obj_Free(mm, y);
        }
        if (st == HPDF_OK)
            st = HPDF_List_Add(dst->list, dest_part(w, (size_t)dd->page));
        if (st == HPDF_OK)
            st = HPDF_List_Add(dst->list, &w->dest_parts->xyz);
        if (st == HPDF_OK)
            st = HPDF_List_Add(dst->list, x);
        if (st == HPDF_OK)
            st = HPDF_List_Add(dst->list, y);
        if (st == HPDF_OK)
            st = HPDF_List_Add(dst->list, &w->dest_parts->null);
    }
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

/* The write hook of a link's dictionary: its entries, byte for byte as
 * libharu 2.3.0 writes the dictionary HPDF_Page_CreateLinkAnnot (or
 * CreateURILinkAnnot) makes, with the /Border, /F, /Contents and
 * /StructParent we add, in that order; reals through HPDF_FToA, the URI
 * through libharu's escaping. */
/* n reals as libharu writes them in an array (HPDF_FToA), each followed
 * by a space. */
static void put_reals(buf *b, const HPDF_REAL *v, int n)
{
    for (int k = 0; k < n; k++) {
        char num[HPDF_REAL_LEN + 1];
        char *end = HPDF_FToA(num, v[k], num + HPDF_REAL_LEN);
        buf_append(b, num, (size_t)(end - num));
        buf_putc(b, ' ');
    }
}

static HPDF_STATUS link_entries(HPDF_Dict annot, HPDF_Stream s)
{
    const pdf_link *l = annot->attr;
    buf b;
    buf_init(&b);
    buf_puts(&b, "/Rect [ ");
    put_reals(&b, l->rect, 4);
    buf_puts(&b, "]\012/Type /Annot\012/Subtype /Link\012");
    HPDF_STATUS st = HPDF_OK;
    if (l->uri) {
        buf_puts(&b, "/A <<\012/Type /Action\012/S /URI\012/URI ");
        st = HPDF_Stream_Write(s, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
        if (st == HPDF_OK)
            st = HPDF_Stream_WriteEscapeText(s, l->uri);
        buf_reset(&b);
        buf_puts(&b, "\012>>\012");
    } else {
        /* As libharu writes the array HPDF_Destination_New makes, but in
         * the link: no object of its own for each of 50,000 notes. */
        buf_puts(&b, "/Dest [");
        pdf_put_ref(&b, l->dest_page);
        buf_puts(&b, " /XYZ ");
        put_reals(&b, l->dest_xy, 2);
        buf_puts(&b, "null ]\012");
    }
    buf_puts(&b, "/P");
    pdf_put_ref(&b, l->page);
    buf_puts(&b, "\012/Border [ 0 0 0 ]\012/F 4\012");
    if (l->contents) {
        buf_puts(&b, "/Contents ");
        pdf_put_text(&b, l->contents);
        buf_putc(&b, '\012');
    }
    if (l->struct_parent >= 0) {
        buf_puts(&b, "/StructParent");
        pdf_put_uint(&b, (unsigned long)l->struct_parent);
        buf_putc(&b, '\012');
    }
    if (st == HPDF_OK)
        st = HPDF_Stream_Write(s, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    buf_fini(&b);
    return st;
}

/* A link annotation on page p: an empty dictionary in the cross-reference
 * table, in the page's /Annots, whose hook writes *l; the dictionary's
 * record and *l are kept in the writer's arena (pdf_kept_dict). */
static HPDF_Annotation link_annot(pdf_writer *w, size_t p, const pdf_link *l)
{
    HPDF_Page page = w->pages[p];
    if (l->uri && strlen(l->uri) > HPDF_LIMIT_MAX_STRING_LEN) {
        pdf_check(w, HPDF_STRING_OUT_OF_RANGE, "cannot add a link on page %zu", p + 1);
        return NULL;
    }
    /* Its record and its pdf_link in one piece of the arena. */
    struct kept_link {
        HPDF_Dict_Rec dict;
        pdf_link link;
    } *k = arena_alloc(w->a, sizeof *k);
    k->link = *l;
    HPDF_Annotation an = &k->dict;
    pdf_kept_dict(&w->kept, an, link_entries, &k->link);
    if (!pdf_check(w, HPDF_Xref_Add(w->pdf->xref, an), "cannot add a link on page %zu", p + 1))
        return NULL;
    an->header.obj_class |= HPDF_OSUBCLASS_ANNOTATION;
    /* The page's /Annots, as libharu's AddAnnotation keeps it. */
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
        annots = HPDF_Array_New(w->pdf->mmgr);
        if (!pdf_check_ptr(w, annots, "cannot add a link on page %zu", p + 1) ||
            !pdf_check(w, HPDF_Dict_Add(page, "Annots", annots), "cannot add a link on page %zu",
                       p + 1))
            return NULL;
    }
    if (!pdf_check(w, HPDF_Array_Add(annots, an), "cannot add a link on page %zu", p + 1))
        return NULL;
    return an;
}

bool pdf_nav_links(pdf_writer *w, size_t page)
{
    if (page >= w->doc->n_pages)
        return true;
    const disp_page *pg = &w->doc->pages[page];
    for (size_t i = 0; i < pg->n_items; i++) {
        const disp_item *it = &pg->items[i];
        if (it->kind != DISP_LINK)
            continue;
        double x = it->u.link.x, y = it->u.link.y;
        pdf_link l = {.rect = {pdf_real(x), pdf_real(y), pdf_real(x + it->u.link.w),
                               pdf_real(y + it->u.link.h)},
                      .page = w->pages[page], .struct_parent = -1};
        if (l.rect[3] < l.rect[1]) {   /* libharu puts the top above the bottom */
            HPDF_REAL t = l.rect[3];
            l.rect[3] = l.rect[1];
            l.rect[1] = t;
        }
        if (it->u.link.uri) {
            l.uri = encode_uri(w, it->u.link.uri);
        } else {
            const disp_dest *dd = dest_at(w, it->u.link.dest);
            if (!dd)
                continue;      /* a link to nowhere: leave it out */
            l.dest_page = w->pages[dd->page];
            l.dest_xy[0] = pdf_real(dd->x);
            l.dest_xy[1] = pdf_real(dd->y);
        }
        HPDF_Annotation an = link_annot(w, page, &l);
        if (!an)
            return false;
        pdf_tags_annot(w, page, it->tag, an, it->u.link.uri);
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
