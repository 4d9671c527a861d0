/*
 * pdf.c: the display list to a PDF file through libharu (see pdf.h).
 *
 * Pages are drawn first; links, destinations and bookmarks come after,
 * once every page they may point at exists. Every libharu call is checked:
 * its errors are sticky (every later call fails until HPDF_ResetError), so
 * the first one is reported, reset, and the write abandoned.
 */
#include "pdf/pdf.h"

#include <hpdf.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "pdf/fixes.h"

typedef struct writer {
    HPDF_Doc pdf;
    const display_doc *doc;
    diag_list *d;
    const char *path;
    HPDF_STATUS error, detail;
    HPDF_Font *fonts;          /* by display face, loaded when first used */
    HPDF_Page *pages;
    HPDF_Destination *dests;
    const image **images;      /* images embedded so far, and their objects */
    HPDF_Image *objects;
    size_t n_images, cap_images, cap_objects;
    arena *a;
    buf ops;
} writer;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    writer *w = data;
    if (!w->error) {
        w->error = error;
        w->detail = detail;
    }
}

/* Reports the pending libharu error (if any) while doing `what`. */
static bool failed(writer *w, const char *what)
{
    if (!w->error && HPDF_GetError(w->pdf) == HPDF_OK)
        return false;
    HPDF_STATUS e = w->error ? w->error : HPDF_GetError(w->pdf);
    HPDF_STATUS dt = w->error ? w->detail : HPDF_GetErrorDetail(w->pdf);
    diag_error(w->d, (src_loc){w->path, 0, 0}, "cannot write the PDF: %s (libharu error 0x%04X, detail %u)",
               what, (unsigned)e, (unsigned)dt);
    HPDF_ResetError(w->pdf);
    w->error = 0;
    return true;
}

static HPDF_Font font_for(writer *w, int face)
{
    if (face < 0 || (size_t)face >= w->doc->n_faces)
        return NULL;
    if (w->fonts[face])
        return w->fonts[face];
    const char *path = w->doc->faces[face].path;
    const char *name = HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE);
    HPDF_Font f = name ? HPDF_GetFont(w->pdf, name, "UTF-8") : NULL;
    char what[1024];
    snprintf(what, sizeof what, "cannot load font '%s'", path);
    if (failed(w, what) || !f) {
        if (!f && !diag_error_count(w->d))
            diag_error(w->d, (src_loc){w->path, 0, 0}, "cannot write the PDF: %s", what);
        return NULL;
    }
    if (!pdf_fix_tounicode(f)) {
        diag_error(w->d, (src_loc){w->path, 0, 0},
                   "cannot write the PDF: font '%s' has no ToUnicode map to repair", path);
        return NULL;
    }
    w->fonts[face] = f;
    return f;
}

/* One text run as one TJ: glyph codes are the UCS-2 code points; the
 * adjustment after a glyph becomes a TJ number in thousandths of the size
 * (negative moves right). */
static bool draw_text(writer *w, HPDF_Page page, const disp_item *it)
{
    HPDF_Font font = font_for(w, it->u.text.face);
    if (!font)
        return false;
    double size = it->u.text.size;
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
    HPDF_Page_SetRGBFill(page, (HPDF_REAL)it->color.r, (HPDF_REAL)it->color.g, (HPDF_REAL)it->color.b);
    buf *b = &w->ops;
    buf_reset(b);
    buf_printf(b, "1 0 0 1 %.3f %.3f Tm\n[<", it->u.text.x, it->u.text.y);
    for (size_t i = 0; i < it->u.text.n_glyphs; i++) {
        uint32_t cp = it->u.text.glyphs[i].cp;
        if (cp > 0xFFFF)
            continue;
        /* Measuring marks the glyph as used, so it goes into the subset. */
        HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
        buf_printf(b, "%04X", (unsigned)cp);
        double adj = it->u.text.glyphs[i].adjust;
        if (adj > 0.0005 || adj < -0.0005)
            buf_printf(b, "> %.1f <", -adj * 1000.0 / size);
    }
    buf_puts(b, ">] TJ\n");
    pdf_fix_write_raw(page, b->data);
    HPDF_Page_EndText(page);
    return !failed(w, "writing text");
}

static HPDF_Image image_for(writer *w, const image *img)
{
    for (size_t i = 0; i < w->n_images; i++)
        if (w->images[i] == img)
            return w->objects[i];
    HPDF_Image obj = HPDF_LoadRawImageFromMem(w->pdf, img->pixels, (HPDF_UINT)img->width,
                                              (HPDF_UINT)img->height,
                                              img->channels == 1 ? HPDF_CS_DEVICE_GRAY
                                                                 : HPDF_CS_DEVICE_RGB, 8);
    if (obj && img->alpha) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(w->pdf, img->alpha, (HPDF_UINT)img->width,
                                                   (HPDF_UINT)img->height, HPDF_CS_DEVICE_GRAY, 8);
        if (mask && HPDF_Image_AddSMask(obj, mask) == HPDF_OK)
            pdf_fix_version_14(w->pdf);
    }
    if (!obj || failed(w, "embedding an image"))
        return NULL;
    size_t n = w->n_images;
    *(const image **)ARENA_PUSH(w->a, w->images, w->n_images, w->cap_images) = img;
    *(HPDF_Image *)ARENA_PUSH(w->a, w->objects, n, w->cap_objects) = obj;
    return obj;
}

static bool draw_page(writer *w, HPDF_Page page, const disp_page *pg)
{
    for (size_t i = 0; i < pg->n_items; i++) {
        const disp_item *it = &pg->items[i];
        const disp_color *c = &it->color;
        switch (it->kind) {
        case DISP_TEXT:
            if (!draw_text(w, page, it))
                return false;
            break;
        case DISP_RULE:
            HPDF_Page_SetLineWidth(page, (HPDF_REAL)it->u.rule.width);
            HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c->r, (HPDF_REAL)c->g, (HPDF_REAL)c->b);
            HPDF_Page_MoveTo(page, (HPDF_REAL)it->u.rule.x0, (HPDF_REAL)it->u.rule.y0);
            HPDF_Page_LineTo(page, (HPDF_REAL)it->u.rule.x1, (HPDF_REAL)it->u.rule.y1);
            HPDF_Page_Stroke(page);
            break;
        case DISP_RECT:
            HPDF_Page_SetRGBFill(page, (HPDF_REAL)c->r, (HPDF_REAL)c->g, (HPDF_REAL)c->b);
            HPDF_Page_Rectangle(page, (HPDF_REAL)it->u.rect.x, (HPDF_REAL)it->u.rect.y,
                                (HPDF_REAL)it->u.rect.w, (HPDF_REAL)it->u.rect.h);
            HPDF_Page_Fill(page);
            break;
        case DISP_IMAGE: {
            HPDF_Image img = image_for(w, it->u.image.img);
            if (!img)
                return false;
            HPDF_Page_DrawImage(page, img, (HPDF_REAL)it->u.image.x, (HPDF_REAL)it->u.image.y,
                                (HPDF_REAL)it->u.image.w, (HPDF_REAL)it->u.image.h);
            break;
        }
        case DISP_LINK:
            break;   /* after all pages exist */
        }
        if (failed(w, "drawing a page"))
            return false;
    }
    return true;
}

/* URIs with spaces or non-ASCII bytes are percent-encoded. */
static const char *encode_uri(arena *a, const char *uri)
{
    buf b;
    buf_init(&b);
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
            buf_printf(&b, "%%%02X", *p);
        else
            buf_putc(&b, (char)*p);
    }
    const char *s = buf_to_arena(&b, a);
    buf_fini(&b);
    return s;
}

static bool add_links(writer *w, HPDF_Page page, const disp_page *pg)
{
    for (size_t i = 0; i < pg->n_items; i++) {
        const disp_item *it = &pg->items[i];
        if (it->kind != DISP_LINK)
            continue;
        HPDF_Rect r = {(HPDF_REAL)it->u.link.x, (HPDF_REAL)it->u.link.y,
                       (HPDF_REAL)(it->u.link.x + it->u.link.w),
                       (HPDF_REAL)(it->u.link.y + it->u.link.h)};
        HPDF_Annotation an = NULL;
        if (it->u.link.uri)
            an = HPDF_Page_CreateURILinkAnnot(page, r, encode_uri(w->a, it->u.link.uri));
        else if (it->u.link.dest >= 0 && (size_t)it->u.link.dest < w->doc->n_dests)
            an = HPDF_Page_CreateLinkAnnot(page, r, w->dests[it->u.link.dest]);
        if (an)
            HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
        if (failed(w, "adding a link"))
            return false;
    }
    return true;
}

static bool add_outlines(writer *w)
{
    HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    HPDF_Outline parents[8] = {NULL};
    for (size_t i = 0; i < w->doc->n_outlines; i++) {
        const disp_outline *o = &w->doc->outlines[i];
        int level = o->level < 1 ? 1 : o->level > 6 ? 6 : o->level;
        /* The nearest open entry above this level is the parent. */
        HPDF_Outline parent = NULL;
        for (int l = level - 1; l >= 1 && !parent; l--)
            parent = parents[l];
        HPDF_Outline out = HPDF_CreateOutline(w->pdf, parent, o->title, utf8);
        if (!out || failed(w, "adding a bookmark"))
            return false;
        if (o->dest >= 0 && (size_t)o->dest < w->doc->n_dests)
            HPDF_Outline_SetDestination(out, w->dests[o->dest]);
        HPDF_Outline_SetOpened(out, level < 2);
        parents[level] = out;
        for (int l = level + 1; l < 8; l++)
            parents[l] = NULL;
    }
    return !failed(w, "adding bookmarks");
}

static void set_info(writer *w)
{
    const display_doc *doc = w->doc;
    HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
    if (doc->title)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, doc->title);
    if (doc->author)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_AUTHOR, doc->author);
    if (doc->subject)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_SUBJECT, doc->subject);
    if (doc->creator)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, doc->creator);
    if (doc->created >= 0) {
        time_t t = (time_t)doc->created;
        struct tm tm;
        gmtime_r(&t, &tm);
        /* 'Z' as the zone indicator fails in libharu 2.3.0: use +00'00. */
        HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                          tm.tm_sec, '+', 0, 0};
        HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date);
    }
}

bool pdf_write(const display_doc *doc, const char *path, const char *name, diag_list *d)
{
    writer w = {.doc = doc, .d = d, .path = name ? name : path};
    w.a = arena_new();
    buf_init(&w.ops);
    bool ok = false;
    w.pdf = HPDF_New(on_error, &w);
    if (!w.pdf) {
        diag_error(d, (src_loc){w.path, 0, 0}, "cannot write the PDF: libharu could not start");
        goto done;
    }
    /* Compression must be set before any font or page exists. */
    HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(w.pdf);
    if (failed(&w, "setting up"))
        goto done;
    w.fonts = arena_alloc(w.a, (doc->n_faces + 1) * sizeof *w.fonts);
    w.pages = arena_alloc(w.a, (doc->n_pages + 1) * sizeof *w.pages);
    w.dests = arena_alloc(w.a, (doc->n_dests + 1) * sizeof *w.dests);
    for (size_t p = 0; p < doc->n_pages; p++) {
        HPDF_Page page = HPDF_AddPage(w.pdf);
        if (!page || failed(&w, "adding a page"))
            goto done;
        HPDF_Page_SetWidth(page, (HPDF_REAL)doc->width);
        HPDF_Page_SetHeight(page, (HPDF_REAL)doc->height);
        w.pages[p] = page;
        if (!draw_page(&w, page, &doc->pages[p]))
            goto done;
    }
    for (size_t i = 0; i < doc->n_dests; i++) {
        const disp_dest *dd = &doc->dests[i];
        if (dd->page < 0 || (size_t)dd->page >= doc->n_pages)
            continue;
        w.dests[i] = pdf_fix_dest_xyz(w.pdf, w.pages[dd->page], dd->x, dd->y);
        if (!w.dests[i] || failed(&w, "adding a destination"))
            goto done;
    }
    for (size_t p = 0; p < doc->n_pages; p++)
        if (!add_links(&w, w.pages[p], &doc->pages[p]))
            goto done;
    if (!add_outlines(&w))
        goto done;
    set_info(&w);
    if (failed(&w, "setting the document information"))
        goto done;
    if (HPDF_SaveToFile(w.pdf, path) != HPDF_OK || failed(&w, "saving")) {
        if (!diag_error_count(d))
            diag_error(d, (src_loc){w.path, 0, 0}, "cannot write the PDF");
        goto done;
    }
    ok = true;
done:
    if (w.pdf)
        HPDF_Free(w.pdf);
    buf_fini(&w.ops);
    arena_free(w.a);
    return ok;
}
