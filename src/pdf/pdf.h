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

/* Writes doc to path (the caller makes the write atomic: path is a
 * temporary file; messages name `name`, the file the user asked for).
 * Returns false and reports to d on any failure. */
bool pdf_write(const display_doc *doc, const char *path, const char *name, diag_list *d);

#endif
