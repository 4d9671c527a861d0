/*
 * bind.h: binding PDFs made by other programs (hearing packets) into
 * briefc's output. libharu cannot read PDFs, so this module, through qpdf,
 * is the only code in briefc that does. Two stages: bind_inspect reads a
 * source PDF's page sizes and bookmarks before layout (so placeholders of
 * the right size can be laid out), and bind_merge puts each source page
 * under its placeholder once libharu has written the packet.
 */
#ifndef BRIEFC_BIND_H
#define BRIEFC_BIND_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

/* A bookmark of a bound PDF: its title (UTF-8, converted from the PDF's
 * text string: PDFDocEncoding or UTF-16BE with BOM), its nesting level
 * (1 = top), the 0-based page it points to (-1 when it points nowhere
 * resolvable) and the y of its destination in the page's own user space
 * (NAN when none). */
typedef struct bind_outline {
    const char *title;
    int level;
    int page;
    double y;
} bind_outline;

typedef struct bind_info {
    size_t n_pages;
    /* each page's displayed size in points: CropBox (else MediaBox),
     * intersected with MediaBox, after /Rotate (90/270 swap them) */
    double *width, *height;
    bind_outline *outlines;   /* in document order */
    size_t n_outlines;
} bind_info;

/* Reads the PDF at path into out (the arena owns everything in it).
 * Fails (false, a one-line reason in err) for a missing, unreadable,
 * non-PDF, encrypted (even with an empty password) or damaged file; a
 * file qpdf had to warn about while reading it, its pages or their
 * content counts as damaged. */
bool bind_inspect(arena *a, const char *path, bind_info *out, char *err, size_t err_size);

/* One page to bind: page `page` (0-based) of the packet is a placeholder
 * that libharu wrote with exactly the displayed size of page src_page of
 * src; its own content (a stamp) ends up drawn on top of the source page. */
typedef struct bind_page {
    int page;
    const char *src;
    int src_page;
} bind_page;

/* Reads packet_pdf, puts each source page under its placeholder (the
 * placeholder page objects stay, so libharu's outlines, links and
 * destinations still point at them) and writes out_pdf, which must be a
 * different file. deterministic_id makes the /ID depend on the content
 * only (for SOURCE_DATE_EPOCH builds). *dropped counts annotations of
 * source pages that could not be carried over (widgets and other non-link
 * annotations, links to pages not bound in this call, other actions).
 * Returns false with a reason in err on any failure. */
bool bind_merge(const char *packet_pdf, const char *out_pdf, const bind_page *pages, size_t n,
                bool deterministic_id, int *dropped, char *err, size_t err_size);

#endif
