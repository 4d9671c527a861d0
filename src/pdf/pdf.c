/*
 * pdf.c: the document lifecycle of pdf_write (see pdf.h): start libharu
 * with our error handler, draw the pages, add links and bookmarks once
 * every page exists, set the information, save, and always free; the
 * memory manager of the dictionaries kept in the writer's arena; and the
 * raw entries their write hooks put (numbers, references, text strings).
 */
#include "pdf/pdf.h"

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "pdf/pdf_writer.h"

/* libharu calls this for each error it raises; a failure often cascades
 * into more, so only the first (the cause) is kept. */
static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    pdf_writer *w = data;
    if (!w->error) {
        w->error = error;
        w->detail = detail;
    }
}

static bool report(pdf_writer *w, HPDF_STATUS st, const char *fmt, va_list ap)
{
    HPDF_STATUS code = w->error, detail = w->detail;
    if (!code && w->pdf) {
        code = HPDF_GetError(w->pdf);
        detail = HPDF_GetErrorDetail(w->pdf);
    }
    if (!code)
        code = st;
    char what[1024];
    vsnprintf(what, sizeof what, fmt, ap);
    if (code)
        diag_error(w->d, (src_loc){w->name, 0, 0}, "%s (libharu error 0x%04X, detail %u)", what,
                   (unsigned)code, (unsigned)detail);
    else
        diag_error(w->d, (src_loc){w->name, 0, 0}, "%s (libharu gave no error code)", what);
    if (code == HPDF_FILE_OPEN_ERROR || code == HPDF_FILE_IO_ERROR)
        diag_hint(w->d, "the system says: %s", strerror((int)detail));
    else if (code == HPDF_TTF_MISSING_TABLE || code == HPDF_TTF_INVALID_FOMAT)
        diag_hint(w->d, "only TrueType fonts (.ttf with glyf outlines) can be embedded, "
                        "not OpenType/CFF (.otf)");
    if (w->pdf)
        HPDF_ResetError(w->pdf);
    w->error = w->detail = 0;
    return false;
}

bool pdf_check(pdf_writer *w, HPDF_STATUS st, const char *fmt, ...)
{
    if (st == HPDF_OK && !w->error)
        return true;
    va_list ap;
    va_start(ap, fmt);
    report(w, st, fmt, ap);
    va_end(ap);
    return false;
}

bool pdf_check_ptr(pdf_writer *w, const void *p, const char *fmt, ...)
{
    if (p && !w->error)
        return true;
    va_list ap;
    va_start(ap, fmt);
    report(w, HPDF_OK, fmt, ap);
    va_end(ap);
    return false;
}

static bool draw_page(pdf_writer *w, size_t p)
{
    HPDF_Page page = HPDF_AddPage(w->pdf);
    if (!pdf_check_ptr(w, page, "cannot add page %zu", p + 1))
        return false;
    w->pages[p] = page;
    disp_page blank = {.width = w->doc->width, .height = w->doc->height};
    const disp_page *pg = p < w->doc->n_pages ? &w->doc->pages[p] : &blank;
    if (!pdf_check(w, HPDF_Page_SetWidth(page, pdf_real(pg->width)),
                   "cannot set the width of page %zu to %g pt", p + 1, pg->width) ||
        !pdf_check(w, HPDF_Page_SetHeight(page, pdf_real(pg->height)),
                   "cannot set the height of page %zu to %g pt", p + 1, pg->height))
        return false;
    pdf_tags_page_start(w);
    if (pg->bound > 0 && !pdf_tags_bound(w, p, pg->bound))
        return false;
    for (size_t i = 0; i < pg->n_items; i++) {
        const disp_item *it = &pg->items[i];
        bool ok = it->kind == DISP_LINK || pdf_tags_item(w, p, it->tag);
        if (!ok)
            return false;
        switch (it->kind) {
        case DISP_TEXT: ok = pdf_text_draw(w, p, it); break;
        case DISP_RULE: ok = pdf_graphics_rule(w, p, it); break;
        case DISP_RECT: ok = pdf_graphics_rect(w, p, it); break;
        case DISP_IMAGE: ok = pdf_graphics_image(w, p, it); break;
        case DISP_PATH: ok = pdf_graphics_path(w, p, it); break;
        case DISP_DOT: ok = pdf_graphics_dot(w, p, it); break;
        case DISP_LINK: break;   /* once every page exists */
        }
        if (!ok)
            return false;
    }
    return pdf_tags_page_end(w, p);
}

/* zlib's level for the pages' content, chosen by measurement (callgrind,
 * docs/PERFORMANCE.md): against libharu's fixed default (6), level 2
 * takes 14 M fewer instructions on the flagship brief (-4%) and 96 M on a
 * 64-page one (-12%), for files 3% and 24% larger; level 1 saves 1 M more
 * but gives up another 5% of size. */
#define PDF_DEFLATE_LEVEL 2

/* Writes /Filter /FlateDecode into a stream's dictionary as libharu
 * writes it out: a stream libharu does not flag (so does not deflate
 * again) otherwise loses its /Filter. */
static HPDF_STATUS flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Deflates data into the empty stream of dict, at our level, flagged so
 * that libharu writes /Filter but does not deflate it again. */
bool pdf_deflate_bytes(pdf_writer *w, HPDF_Dict dict, const void *data, size_t len,
                       const char *what)
{
    /* Every stream's content goes into the file's /ID (pdf_std.c). */
    pdf_std_hash(w, data, len);
    uLongf zn = compressBound(len);
    buf_reset(&w->zip);
    buf_reserve(&w->zip, zn);
    if (compress2((Bytef *)w->zip.data, &zn, (const Bytef *)data, len, PDF_DEFLATE_LEVEL) != Z_OK)
        return diag_error(w->d, (src_loc){w->name, 0, 0}, "cannot compress the %s", what);
    if (!pdf_check(w, HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)w->zip.data, (HPDF_UINT)zn),
                   "cannot compress the %s", what))
        return false;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = flate_filter;
    return true;
}

/* Deflates a stream's data now, at our level, in place of libharu's
 * deflate at save (zlib's default level, fixed in libharu). */
bool pdf_deflate(pdf_writer *w, HPDF_Dict dict, const char *what)
{
    HPDF_Stream s = dict->stream;
    HPDF_UINT n = s ? s->size : 0;
    if (!n || !(dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE))
        return true;
    /* One pair of buffers serves every stream: memory first touched is
     * what costs (docs/PERFORMANCE.md), not reuse. */
    buf_reset(&w->raw);
    buf_reserve(&w->raw, n);
    HPDF_UINT got = n;
    if (!pdf_check(w, HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET), "cannot read the %s", what) ||
        !pdf_check(w, HPDF_Stream_Read(s, (HPDF_BYTE *)w->raw.data, &got), "cannot read the %s", what))
        return false;
    HPDF_MemStream_FreeData(s);
    return pdf_deflate_bytes(w, dict, w->raw.data, got, what);
}

/* The free function of kept dictionaries' manager: the arena frees them. */
static void keep(void *p)
{
    (void)p;
}

void pdf_kept_init(pdf_kept *k, HPDF_MMgr mm)
{
    k->mmgr = *mm;
    k->mmgr.free_fn = keep;
    k->mmgr.mpool = NULL;
    k->empty = (HPDF_List_Rec){.mmgr = &k->mmgr, .error = mm->error, .items_per_block = 1};
}

void pdf_kept_dict(pdf_kept *k, HPDF_Dict_Rec *d, HPDF_Dict_OnWriteFunc fn, void *attr)
{
    memset(d, 0, sizeof *d);
    d->header.obj_class = HPDF_OCLASS_DICT;
    d->mmgr = &k->mmgr;
    d->error = k->mmgr.error;
    d->list = &k->empty;
    d->filter = HPDF_STREAM_FILTER_NONE;
    d->write_fn = fn;
    d->attr = attr;
}

static bool write_doc(pdf_writer *w, const char *path)
{
    const display_doc *doc = w->doc;
    /* Compression applies only to fonts and pages made after it is set. */
    if (!pdf_check(w, HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL), "cannot turn on compression") ||
        !pdf_check(w, HPDF_UseUTFEncodings(w->pdf), "cannot enable UTF-8 text (bookmarks, metadata)"))
        return false;
    w->fonts = arena_alloc(w->a, (doc->n_faces + 1) * sizeof *w->fonts);
    w->pages = arena_alloc(w->a, (doc->n_pages + 1) * sizeof *w->pages);
    w->dests = arena_alloc(w->a, (doc->n_dests + 1) * sizeof *w->dests);
    /* A PDF needs a page: an empty document gets one blank page. */
    size_t n_pages = doc->n_pages ? doc->n_pages : 1;
    /* Each page's content is deflated as soon as it is drawn (nothing is
     * written into it after): a long brief's content would otherwise wait
     * for the save uncompressed, all of it at once. */
    char what[48];
    for (size_t p = 0; p < n_pages; p++) {
        snprintf(what, sizeof what, "content of page %zu", p + 1);
        if (!draw_page(w, p) ||
            !pdf_deflate(w, ((HPDF_PageAttr)w->pages[p]->attr)->contents, what))
            return false;
    }
    for (size_t p = 0; p < doc->n_pages; p++)
        if (!pdf_nav_links(w, p))
            return false;
    if (w->pages_drawn)
        w->pages_drawn(w->pages_ctx);
    if (!pdf_nav_outlines(w) || !pdf_nav_labels(w) || !pdf_meta_set(w) ||
        !pdf_tags_write(w, n_pages))
        return false;
    if (!pdf_std_write(w))
        return false;
    return pdf_check(w, HPDF_SaveToFile(w->pdf, path), "cannot save the PDF");
}

bool pdf_write(const display_doc *doc, const char *path, const char *name, diag_list *d)
{
    return pdf_write_std(doc, NULL, path, name, d, NULL, NULL);
}

bool pdf_write_std(const display_doc *doc, const pdf_standard *std, const char *path,
                   const char *name, diag_list *d, void (*pages_drawn)(void *ctx), void *ctx)
{
    static const pdf_standard none = {0};
    pdf_writer w = {.doc = doc, .d = d, .name = name ? name : path, .std = std ? std : &none,
                    .pages_drawn = pages_drawn, .pages_ctx = ctx};
    w.pdf = HPDF_New(on_error, &w);
    if (!w.pdf)
        return diag_error(d, (src_loc){w.name, 0, 0}, "cannot start libharu (out of memory?)");
    w.a = arena_new();
    pdf_kept_init(&w.kept, w.pdf->mmgr);
    buf_init(&w.ops);
    buf_init(&w.raw);
    buf_init(&w.zip);
    bool ok = write_doc(&w, path);
    pdf_tags_forget(&w);
    HPDF_Free(w.pdf);
    buf_fini(&w.ops);
    buf_fini(&w.raw);
    buf_fini(&w.zip);
    arena_free(w.a);
    return ok;
}

/* Raw entries (see pdf_writer.h): what write hooks put in a buffer. */

/* A text string as UTF-16BE with its byte-order mark. */
static void utf16(buf *b, const char *s)
{
    buf_append(b, "\xFE\xFF", 2);
    size_t len = strlen(s), chars = 0;
    for (size_t i = 0; i < len && chars < 4000; chars++) {
        bool valid;
        uint32_t cp = utf8_decode(s, len, &i, &valid);
        if (!valid || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = UTF8_REPLACEMENT;
        uint16_t u[2];
        int n = 1;
        if (cp > 0xFFFF) {
            u[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            u[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
            n = 2;
        } else {
            u[0] = (uint16_t)cp;
        }
        for (int k = 0; k < n; k++) {
            char be[2] = {(char)(u[k] >> 8), (char)(u[k] & 0xFF)};
            buf_append(b, be, 2);
        }
    }
}

void pdf_put_text(buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    buf b;
    buf_init(&b);
    utf16(&b, s);
    buf_putc(out, '<');
    for (size_t i = 0; i < b.len; i++) {
        unsigned char c = (unsigned char)b.data[i];
        buf_putc(out, hex[c >> 4]);
        buf_putc(out, hex[c & 15]);
    }
    buf_putc(out, '>');
    buf_fini(&b);
}

void pdf_put_uint(buf *b, unsigned long v)
{
    char d[24];
    size_t n = sizeof d;
    do {
        d[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    d[--n] = ' ';
    buf_append(b, d + n, sizeof d - n);
}

void pdf_put_ref(buf *b, const void *obj)
{
    const HPDF_Obj_Header *h = obj;
    pdf_put_uint(b, h->obj_id & 0x00FFFFFF);
    pdf_put_uint(b, h->gen_no);
    buf_puts(b, " R");
}
