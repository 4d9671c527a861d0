/*
 * content.h: building the document tree from the brief model: the title
 * block from the brief's fields, each section's Markdown through cmark,
 * footnotes numbered through the whole document.
 */
#ifndef BRIEFC_CONTENT_H
#define BRIEFC_CONTENT_H

#include "base/arena.h"
#include "brief/brief.h"
#include "content/doc.h"
#include "diag/diag.h"

/* Returns the document, or NULL when an error was reported. */
doc *content_build(arena *a, diag_list *d, const brief *b);

#endif
