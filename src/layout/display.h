/*
 * display.h: the laid-out document, page by page: positioned text runs,
 * rules, filled boxes, images, links and outline entries. It is the seam
 * between layout and the PDF writer: layout fills it, pdf/ reads it, and
 * tests can dump it as text without writing a PDF.
 *
 * Coordinates are PDF points with the origin at the bottom-left of the
 * page, y growing upwards, as in PDF itself.
 */
#ifndef BRIEFC_LAYOUT_DISPLAY_H
#define BRIEFC_LAYOUT_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "image/image.h"

typedef struct disp_color {
    float r, g, b;              /* 0..1: floats, as libharu's own, in every item */
} disp_color;

/* An extra advance after glyph `at` of a text run, in points (positive
 * widens): kerning, and a justified space's stretch or shrink. A float,
 * since the PDF writes it to a thousandth of a point's thousandth of an
 * em. Most glyphs have none, so a run keeps only these, in order of at:
 * a long brief holds millions of glyphs, at 2 bytes each instead of 8. */
typedef struct disp_adjust {
    uint32_t at;
    float by;
} disp_adjust;

/* The glyphs of a text item, one stretch of text in one face written as
 * one TJ: a record of its own, which the item points at, so that an item
 * (copied from its line to its page) stays 72 bytes. */
typedef struct disp_run {
    uint32_t n_glyphs, n_adjust;
    disp_adjust *adjust;        /* n_adjust of them, or NULL */
    uint16_t glyphs[];          /* BMP code points the face has */
} disp_run;

typedef enum {
    DISP_TEXT,
    DISP_RULE,      /* a stroked line */
    DISP_RECT,      /* a filled rectangle */
    DISP_IMAGE,
    DISP_LINK,      /* a clickable area: to a URI or to a destination */
    DISP_PATH,      /* a stroked polyline (a chart's line), or a filled polygon */
    DISP_DOT,       /* a filled circle (a chart's marker), maybe ringed */
} disp_kind;

/* What an item belongs to in the document's logical structure, for
 * readers that do not see the page (screen readers, reflow): a tree of
 * these in display_doc.structs, in reading order. Index 0 is the
 * artifact: what no reader needs (running heads, folios, rules, leaders,
 * backgrounds, a draft mark); index 1 (DISP_ROOT) is the document. */
typedef enum {
    DISP_S_ARTIFACT,
    DISP_S_DOCUMENT,
    DISP_S_PART,        /* a document of a packet */
    DISP_S_HEADING,     /* level 1..6 */
    DISP_S_P,
    DISP_S_L,           /* a list: items of a label and a body */
    DISP_S_LI,
    DISP_S_LBL,
    DISP_S_LBODY,
    DISP_S_QUOTE,       /* a block quote */
    DISP_S_CODE,        /* a code block */
    DISP_S_TABLE,
    DISP_S_TR,
    DISP_S_TH,          /* a column's header cell */
    DISP_S_TD,
    DISP_S_FIGURE,      /* a chart, an image, key figures: alt says what it shows */
    DISP_S_CAPTION,
    DISP_S_NOTE,        /* a footnote's body */
    DISP_S_REFERENCE,   /* a footnote's call */
    DISP_S_LINK,
    DISP_S_TOC,         /* the contents and their entries */
    DISP_S_TOCI,
} disp_role;

#define DISP_ARTIFACT 0
#define DISP_ROOT 1

/* 16 bytes: a long brief has hundreds of thousands (a table's cells). */
typedef struct disp_struct {
    const char *alt;    /* figures: what they show, in words; links: where they go
                         * (UTF-8); NULL: none */
    int parent;         /* an index into display_doc.structs; -1 for the root */
    unsigned char role; /* a disp_role */
    unsigned char level;   /* headings: 1..6 */
    bool after;         /* read after the rest of its parent (a note after the
                         * paragraph that calls it) */
} disp_struct;

typedef struct disp_item {
    disp_kind kind;
    int tag;            /* its structure element (display_doc.structs); 0: an artifact */
    disp_color color;
    union {
        struct {
            double size;        /* points */
            double x, y;        /* start of the baseline */
            disp_run *run;      /* its glyphs: never NULL */
            double angle;       /* degrees, counter-clockwise about (x, y); 0: level */
            uint32_t actual;    /* not 0: the run is one stand-in glyph for this
                                 * character (text_stand_in), which text
                                 * extraction reads instead */
            int16_t face;       /* index into display_doc.faces */
            uint8_t opacity;    /* percent: below 100, see-through (a draft mark);
                                 * 0 stands for 100 */
            bool mark;          /* a mark across the page, no text of the document:
                                 * drawn, but text extraction reads nothing */
        } text;
        struct {
            double x0, y0, x1, y1;
            double width;       /* line width in points */
        } rule;
        struct {
            double x, y, w, h;  /* lower-left corner and size */
        } rect;
        struct {
            double x, y, w, h;
            const image *img;
        } image;
        struct {
            double x, y, w, h;  /* the active area */
            const char *uri;    /* an external link, or NULL */
            int dest;           /* else an index into display_doc.dests */
        } link;
        struct {
            double *pts;        /* x0, y0, x1, y1, ...: n points */
            size_t n;
            double width;       /* stroke width; a polygon is filled instead */
            double dash;        /* dash and gap length, 0: solid */
            bool fill;          /* close and fill with the colour */
        } path;
        struct {
            double x, y, r;
            double ring;        /* width of a white ring around it, 0: none */
        } dot;
    } u;
} disp_item;

/* A run of room for n glyphs, none yet, in a. */
disp_run *display_run_new(arena *a, size_t n);

/* The extra advance after glyph g of text item it, for a walk over its
 * glyphs in order: *k is the walk's place in its run's adjust, 0 at the
 * start. */
static inline float display_adjust_next(const disp_item *it, size_t g, size_t *k)
{
    const disp_run *r = it->u.text.run;
    if (*k < r->n_adjust && r->adjust[*k].at == g)
        return r->adjust[(*k)++].by;
    return 0;
}

typedef struct disp_page {
    double width, height;       /* this page's size in points */
    int bound;                  /* not 0: a page of a PDF made elsewhere goes under
                                 * this one (a packet's), read as this element's */
    disp_item *items;
    size_t n_items, cap_items;
} disp_page;

/* A named place in the document: a page and the top of what it marks. */
typedef struct disp_dest {
    int page;                   /* 0-based */
    double x, y;
} disp_dest;

/* A bookmark. Entries are in document order; level 1 is top level. */
typedef struct disp_outline {
    const char *title;          /* UTF-8 */
    int level;
    int dest;
} disp_outline;

/* A page-label range: from page `page` on, pages are labelled first,
 * first + 1, ... in decimal or lower-case roman numerals. */
typedef struct disp_label {
    int page;                   /* 0-based */
    bool roman;
    int first;
} disp_label;

/* A face, and once the pages are final what the PDF embeds of it: the
 * font program, and for each character the pages draw its glyph in that
 * program and its width, with the metrics of its font descriptor (all in
 * 1/1000 em). Filled by the driver from the text module. */
typedef struct disp_face {
    const char *path;           /* the TrueType file to embed */
    const void *data;           /* or, when not NULL, these bytes: the file cut */
    size_t len;                 /* down to the glyphs the pages draw (a subset) */
    const uint32_t *codes;      /* the characters drawn, ascending */
    const uint16_t *gids;       /* their glyphs in the program embedded */
    const int16_t *widths;      /* their advances */
    size_t n_codes;
    const char *ps_name;        /* the PostScript name */
    int ascent, descent, cap_height, x_height, bbox[4], italic_angle, missing_width;
    bool fixed_pitch;
} disp_face;

typedef struct display_doc {
    double width, height;       /* the size of pages added from now on, in points */
    disp_face *faces;
    size_t n_faces, cap_faces;
    disp_page *pages;
    size_t n_pages, cap_pages;
    disp_dest *dests;
    size_t n_dests, cap_dests;
    disp_outline *outlines;
    size_t n_outlines, cap_outlines;
    disp_struct *structs;       /* the logical structure: [0] artifact, [1] the document */
    size_t n_structs, cap_structs;
    disp_label *labels;         /* none: the reader numbers pages 1 to N */
    size_t n_labels, cap_labels;
    /* Metadata, UTF-8; NULL when absent. */
    const char *title, *author, *subject, *creator;
    const char *lang;           /* the catalog's /Lang (BCP 47: en, ko, zh-Hans) */
    /* Creation date as seconds since the epoch (SOURCE_DATE_EPOCH or the
     * brief's date), or -1 for none. */
    long long created;
} display_doc;

display_doc *display_new(arena *a, double width, double height);
/* A page of the document's current size (width, height). */
disp_page *display_add_page(arena *a, display_doc *doc);
disp_item *display_add_item(arena *a, disp_page *page, disp_kind kind);
int display_add_dest(arena *a, display_doc *doc, int page, double x, double y);
void display_add_outline(arena *a, display_doc *doc, const char *title, int level, int dest);
int display_add_face(arena *a, display_doc *doc, const char *path);
void display_add_label(arena *a, display_doc *doc, int page, bool roman, int first);
/* A structure element under parent, read after its earlier siblings;
 * returns its index (items' tag). */
int display_add_struct(arena *a, display_doc *doc, disp_role role, int parent);

/* Appends src's pages to dst, each keeping its size, with src's
 * destinations, links and bookmarks (nested `depth` levels deeper) made
 * to point into dst; faces are shared by file, so a face both use is
 * embedded once; src's structure becomes a part of dst's document, read
 * after what dst holds. Returns the index in dst of src's first page. Items are
 * shared, not copied: src must not change afterwards. */
size_t display_append(arena *a, display_doc *dst, const display_doc *src, int depth);

/* Copies into a the texts doc points at (structure elements' descriptions,
 * links' addresses; bookmarks' titles are copied as they are added), so
 * that the arenas they came from may be freed. */
void display_own_texts(arena *a, display_doc *doc);
/* Forgets every page's items, whose memory its owner frees (layout_flow's
 * pa): once the PDF writer has drawn them (pdf_write_std's pages_drawn),
 * the largest part of a long document's display list is no longer read. */
void display_drop_items(display_doc *doc);

/* Writes a deterministic text trace of every page (for tests and
 * `briefc compile --dump-layout`). */
void display_dump(const display_doc *doc, FILE *out);

#endif
