/*
 * md.h: Markdown to document blocks, the only code that uses cmark.
 */
#ifndef BRIEFC_CONTENT_MD_H
#define BRIEFC_CONTENT_MD_H

#include "base/arena.h"
#include "content/cite.h"
#include "content/doc.h"
#include "content/mdprep.h"
#include "diag/diag.h"

/* State shared by every section of one document: the note numbering. */
typedef struct md_context {
    arena *a;
    diag_list *d;
    doc *document;
    const char *root_dir;    /* images must lie inside this folder */
    cite_state *cites;       /* the library, and which sources were cited */
} md_context;

/* Converts one Markdown text (origin) and appends its blocks to parent.
 * base_dir resolves relative image paths. */
void md_convert(md_context *ctx, const md_origin *origin, const char *base_dir,
                doc_block *parent);

#endif
