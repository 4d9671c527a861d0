/*
 * pdf_writer.h: the state of one pdf_write call, shared by the PDF
 * module's files (pdf.c drives; pdf_font, pdf_text, pdf_graphics, pdf_nav
 * and pdf_meta each write one kind of object). Internal to src/pdf/.
 *
 * libharu 2.3.0's errors are sticky: after one, every call fails until
 * HPDF_ResetError. So every call is checked with pdf_check, which reports
 * the first error, resets it, and the write is abandoned.
 */
#ifndef BRIEFC_PDF_WRITER_H
#define BRIEFC_PDF_WRITER_H

#include <hpdf.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "diag/diag.h"
#include "layout/display.h"
#include "pdf/pdf.h"

/* A link annotation (pdf_nav.c): an empty libharu dictionary in the
 * cross-reference table whose write hook writes these entries as libharu
 * 2.3.0 writes its own link annotation's (a libharu object per key, each
 * element with a 128-byte key, cost ~3 KB a link). */
typedef struct pdf_link {
    HPDF_REAL rect[4];           /* left, bottom, right, top */
    const char *uri;             /* percent-encoded; NULL for a link to a place */
    HPDF_Page dest_page;         /* the place: [page /XYZ x y null], written in */
    HPDF_REAL dest_xy[2];
    HPDF_Page page;
    const char *contents;        /* UTF-8, written as UTF-16BE; NULL: none */
    int struct_parent;           /* its ParentTree key; -1: none */
} pdf_link;

/* Dictionaries whose records the writer keeps in its arena, for objects
 * written wholly by their write hook (the structure elements of
 * pdf_tags.c and the links of pdf_nav.c, tens of thousands of each:
 * HPDF_Dict_New costs a 104-byte record and a 40-byte list, two mallocs,
 * each). libharu 2.3.0 frees a dictionary's record and its list through
 * their own memory manager (HPDF_Dict_Free, HPDF_List_Free), so theirs is
 * this one, which frees nothing, and they all share one empty list
 * (test_pdf_tags pins both). */
typedef struct pdf_kept {
    HPDF_MMgr_Rec mmgr;          /* the document's, but free does nothing */
    HPDF_List_Rec empty;         /* the list every kept dictionary shares */
} pdf_kept;

/* Makes k's manager from the document's (k must outlive HPDF_Free). */
void pdf_kept_init(pdf_kept *k, HPDF_MMgr mm);
/* d as HPDF_Dict_New makes a dictionary, in k, with write hook fn and
 * attr; it must get no entries (they would go in the shared list). */
void pdf_kept_dict(pdf_kept *k, HPDF_Dict_Rec *d, HPDF_Dict_OnWriteFunc fn, void *attr);

typedef struct pdf_writer {
    HPDF_Doc pdf;
    const display_doc *doc;      /* its pages' items: until pages_drawn is called */
    void (*pages_drawn)(void *ctx);
    void *pages_ctx;
    diag_list *d;
    const char *name;            /* the file messages name */
    arena *a;                    /* scratch, freed at the end of the write */
    HPDF_STATUS error, detail;   /* the first error libharu reported, 0 if none */
    HPDF_Font *fonts;            /* by display face; NULL until first used */
    int n_fonts;                 /* fonts written so far (for subset tags) */
    HPDF_Page *pages;            /* by display page */
    HPDF_Destination *dests;     /* by display dest; made when first pointed at */
    struct pdf_dest_parts *dest_parts;   /* what destinations share (pdf_nav.c) */
    struct pdf_embedded {        /* images embedded so far */
        const image *img;
        HPDF_Image xobj;
    } *images;
    size_t n_images, cap_images;
    buf ops;                     /* scratch for raw content-stream operators */
    buf raw, zip;                /* scratch for pdf_deflate */
    HPDF_Dict tounicode;         /* the ToUnicode map all fonts share */
    HPDF_ExtGState faded;        /* the see-through fill of draft marks, once made */
    double faded_opacity;
    /* Tagging (pdf_tags.c): the marked-content sequences in stream order
     * and the annotations of structure elements. */
    struct pdf_mc {
        int tag, page, mcid;
    } *mcs;
    size_t n_mcs, cap_mcs;
    struct pdf_objr {
        int tag, page;
        HPDF_Annotation annot;
    } *objrs;
    size_t n_objrs, cap_objrs;
    bool mc_open;                /* a marked-content sequence is open on this page */
    int mc_tag;                  /* its element (0: an artifact) */
    int next_mcid;
    pdf_kept kept;               /* the manager of kept dictionaries (pdf.c) */
    HPDF_Dict_Rec elems;         /* the record structure elements share (pdf_tags.c) */
    const pdf_standard *std;     /* the standards the file claims */
    unsigned long long id_hash[2];   /* of the pages' content, for the file's /ID */
} pdf_writer;

/* True when st is HPDF_OK and libharu reported nothing. Otherwise reports
 * "<what> (libharu error 0x…, detail …)" (what is printf-style), clears
 * libharu's sticky error and returns false. */
bool pdf_check(pdf_writer *w, HPDF_STATUS st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for a call that returns an object: NULL is a failure. */
bool pdf_check_ptr(pdf_writer *w, const void *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The font of a display face, written and cached on first use
 * (pdf_font.c); NULL after reporting. */
HPDF_Font pdf_font(pdf_writer *w, int face);

/* Raw entries, for the write hooks of objects whose dictionaries hold
 * nothing (structure elements, links), as libharu writes them (pdf.c):
 * " n", a number without printf (a tree has thousands); " N G R", a
 * reference to an indirect object; <FEFF...>, a text string as UTF-16BE
 * in hex. */
void pdf_put_uint(buf *b, unsigned long v);
void pdf_put_ref(buf *b, const void *obj);
void pdf_put_text(buf *b, const char *s);

/* Deflates a stream object's data now, at our level (pdf.c); what names
 * it in messages. */
bool pdf_deflate(pdf_writer *w, HPDF_Dict dict, const char *what);
/* Deflates data into the empty stream of dict: what pdf_deflate does,
 * without copying the data through libharu's stream first. */
bool pdf_deflate_bytes(pdf_writer *w, HPDF_Dict dict, const void *data, size_t len,
                       const char *what);

/* Codes are the UCS-2 code points; libharu's UTF-8 fonts are BMP only,
 * and surrogates are no characters. */
static inline bool pdf_drawable(uint32_t cp)
{
    return cp <= 0xFFFF && (cp < 0xD800 || cp > 0xDFFF);
}

/* One DISP_TEXT item as one raw TJ (pdf_text.c). */
bool pdf_text_draw(pdf_writer *w, size_t page, const disp_item *it);

/* DISP_RULE, DISP_RECT and DISP_IMAGE items (pdf_graphics.c). */
bool pdf_graphics_rule(pdf_writer *w, size_t page, const disp_item *it);
bool pdf_graphics_rect(pdf_writer *w, size_t page, const disp_item *it);
bool pdf_graphics_image(pdf_writer *w, size_t page, const disp_item *it);
/* DISP_PATH and DISP_DOT items: chart lines, areas and markers. */
bool pdf_graphics_path(pdf_writer *w, size_t page, const disp_item *it);
bool pdf_graphics_dot(pdf_writer *w, size_t page, const disp_item *it);

/* The DISP_LINK items of one page, and the bookmarks; both after every
 * page exists, since they point at pages (pdf_nav.c). */
bool pdf_nav_links(pdf_writer *w, size_t page);
bool pdf_nav_outlines(pdf_writer *w);
/* The page labels (/PageLabels) of the display list, if it has any. */
bool pdf_nav_labels(pdf_writer *w);

/* Marked content: before each drawn item of `page`, the sequence of its
 * element (tag; 0 an artifact) is opened unless it is the open one; at
 * the page's end the open one is closed (pdf_tags.c). */
void pdf_tags_page_start(pdf_writer *w);
bool pdf_tags_item(pdf_writer *w, size_t page, int tag);
bool pdf_tags_page_end(pdf_writer *w, size_t page);
/* A page a PDF made elsewhere goes under: MCID 0 is its content's, which
 * src/bind wraps in marked content as it puts the page there. */
bool pdf_tags_bound(pdf_writer *w, size_t page, int tag);
/* A link's annotation: described (its element's text, else fallback),
 * and kept for its element's kids; annot's attr is its pdf_link. */
void pdf_tags_annot(pdf_writer *w, size_t page, int tag, HPDF_Annotation annot,
                    const char *fallback);
/* The structure tree, /MarkInfo, /ViewerPreferences and the pages'
 * /StructParents, once every page and annotation exists. */
bool pdf_tags_write(pdf_writer *w, size_t n_pages);
/* Takes the record structure elements share out of libharu's
 * cross-reference table, which would free it once per element
 * (HPDF_Dict_Free zeroes its class, and the next free hands the memory to
 * free()): called before HPDF_Free, whatever happened. */
void pdf_tags_forget(pdf_writer *w);

/* What a file claiming PDF/UA-1 or PDF/A-2 adds (pdf_std.c): XMP
 * metadata, the sRGB output intent, the /ID from the hash of the
 * streams' content (pdf_std_hash, fed as they are deflated); nothing
 * when it claims neither. After every page is final. */
bool pdf_std_write(pdf_writer *w);
void pdf_std_hash(pdf_writer *w, const void *data, size_t len);

/* The document information dictionary (pdf_meta.c). */
bool pdf_meta_set(pdf_writer *w);
/* s made safe for libharu's UTF-8 strings: invalid bytes, surrogates and
 * characters above U+FFFF (which libharu mangles) become U+FFFD. */
const char *pdf_meta_bmp_text(pdf_writer *w, const char *s);

/* A coordinate for libharu: finite and within PDF's real range. */
static inline HPDF_REAL pdf_real(double v)
{
    if (!isfinite(v))
        return 0;
    if (v > 32767)
        return 32767;
    if (v < -32767)
        return -32767;
    return (HPDF_REAL)v;
}

/* A colour component clamped to 0..1 (libharu rejects anything else). */
static inline HPDF_REAL pdf_unit(double v)
{
    return !(v > 0) ? 0 : v > 1 ? 1 : (HPDF_REAL)v;
}

#endif
