/*
 * pdf.h: the PDF writer, the only module that calls libharu. It turns a
 * display list into a PDF file and works around libharu 2.3.0's known
 * faults (see docs/DESIGN.md and ../shared/research/libraries.md).
 */
#ifndef BRIEFC_PDF_H
#define BRIEFC_PDF_H

#include <stdbool.h>

#include "diag/diag.h"
#include "layout/display.h"

/* The standards a file claims to meet (briefc's `pdf-standard:`):
 * PDF/UA-1 and PDF/A-2, level b or u. Every file is tagged; these add
 * the XMP metadata that names them, the output intent and the file ID. */
typedef struct pdf_standard {
    bool ua1;
    char pdfa2;                 /* 0, 'B' or 'U' */
} pdf_standard;

/* Writes doc to path (the caller makes the write atomic: path is a
 * temporary file; messages name `name`, the file the user asked for).
 * Returns false and reports to d on any failure. */
bool pdf_write(const display_doc *doc, const char *path, const char *name, diag_list *d);
/* The same, claiming std (NULL: none). Once every page is drawn and its
 * links made, the writer reads the pages' items no more and calls
 * pages_drawn(ctx) (when not NULL), which may free them
 * (display_drop_items): what comes after (the structure tree, the save)
 * is the largest part of a long document's PDF. */
bool pdf_write_std(const display_doc *doc, const pdf_standard *std, const char *path,
                   const char *name, diag_list *d, void (*pages_drawn)(void *ctx), void *ctx);

#endif
