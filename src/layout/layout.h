/*
 * layout.h: the document tree to pages. Paragraphs are broken into lines
 * with Knuth-Plass, lines stacked into pages with their footnotes, and the
 * result returned as a display list for the PDF writer. Never calls
 * libharu and never sees Markdown or YAML.
 */
#ifndef BRIEFC_LAYOUT_H
#define BRIEFC_LAYOUT_H

#include <stdio.h>

#include "base/arena.h"
#include "content/doc.h"
#include "diag/diag.h"
#include "layout/display.h"
#include "layout/style.h"
#include "text/font.h"
#include "text/hyph.h"

/* What the typesetting achieved, for `briefc compile --stats`. Ratios are
 * the adjustment ratios of justified lines (0: natural spacing, 1: all
 * stretch used, -1: all shrink used). */
typedef struct layout_stats {
    int pages;
    int lines;                /* body and note lines of text */
    int justified;            /* of which justified (not last lines) */
    int hyphenated;
    int overfull;             /* lines wider than their measure */
    int emergency;            /* lines broken between Korean syllables (keep-all's last resort) */
    int widows, orphans;      /* paragraph lines alone at a page's top / foot */
    int ratio_hist[8];        /* justified lines by ratio: <-0.5, <0, <0.25, <0.5, <0.75, <1, <2, >=2 */
    double ratio_mean, ratio_sd;
} layout_stats;

/* A laid-out document whose pages wait for their numbers. */
typedef struct layout_doc layout_doc;

/* How a document's pages are numbered, decided by whoever knows the
 * whole (a brief alone, or a packet of documents). */
typedef struct layout_numbering {
    int first;                /* the number of the document's first page */
    int total;                /* pages in the whole: "Page X of Y" */
    bool roman;               /* i, ii, iii (a packet's front matter) */
    const char *label;        /* a packet's running reference ("Lee testimony"):
                               * each page also says "Lee testimony, p. N"; NULL: none */
    /* A packet's contents list entries of other documents: for entry k,
     * the number to print and the destination to link (in the display
     * list the document will be appended to); NULL: the document's own. */
    const int *toc_number, *toc_dest;
    /* The words of the folios and stamps: a packet's, whose numbers they
     * are, on every document it binds; NULL: the document's own. */
    const doc_lang *lang;
} layout_numbering;

/* Lays out D with style st, the faces of fonts and the hyphenation
 * patterns hyph (NULL: none). The arena a owns the layout, da its
 * display list and everything the list points at: once layout_finish has
 * run, a may be freed (with D, if D is no longer wanted) while the
 * display list lives on, as long as the images D shows live in da or
 * longer. a and da may be the same. Problems (characters no font has)
 * are reported to d. */
layout_doc *layout_document(arena *a, arena *da, diag_list *d, const doc *D,
                            const text_fonts *fonts, const text_hyph *hyph,
                            const layout_style *st, layout_stats *stats);
/* layout_document in two steps, for a caller that frees D between them:
 * layout_flow sets D's text in lines (in a), which hold copies of what
 * they show, so that D may be freed as soon as it returns (a long brief's
 * tree is as large as its lines); layout_paginate then sets the lines on
 * pages. Arenas and faces as for layout_document, but what the pages
 * show (their items, and the glyphs and points those hold) goes in pa,
 * which may be freed once the pages are drawn (display_drop_items), while
 * the rest of the display list (pages, structure, destinations) lives in
 * da; D's images must still live in da. */
layout_doc *layout_flow(arena *a, arena *da, arena *pa, diag_list *d, const doc *D,
                        const text_fonts *fonts, const text_hyph *hyph, const layout_style *st,
                        layout_stats *stats);
void layout_paginate(layout_doc *L);
/* Pages that stand for the pages of a PDF made elsewhere, n of them of
 * the sizes w[i] x h[i], blank but for the stamp layout_finish puts at
 * their foot (the packet's page number and the running reference), over
 * a white ground, since the bound page lies under it. */
layout_doc *layout_placeholders(arena *a, arena *da, diag_list *d, const text_fonts *fonts,
                                const layout_style *st, const double *w, const double *h,
                                size_t n);
/* Its pages; complete once layout_finish has numbered them. */
display_doc *layout_display(const layout_doc *L);
size_t layout_page_count(const layout_doc *L);
/* Adds the folios, running heads and the contents' page numbers. Once. */
void layout_finish(layout_doc *L, const layout_numbering *n);
/* The loaded font of a face's file, or NULL (then it is loaded from the
 * file for the moment it takes). */
typedef const text_font *(*layout_face_finder)(void *ctx, const char *path);

/* Fills in what the PDF embeds of each face the final pages draw with
 * (embed.c): characters, subset program, glyphs, widths, metrics. False
 * after reporting a face that cannot be loaded. */
bool layout_embed_faces(arena *a, diag_list *d, display_doc *doc, layout_face_finder find,
                        void *ctx);

void layout_stats_print(const layout_stats *s, FILE *out);
/* Adds s to sum, as if their lines were one document's (a packet's). */
void layout_stats_add(layout_stats *sum, const layout_stats *s);

#endif
