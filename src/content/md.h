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
    arena *keep;             /* images: the display list shows them after the
                              * document is gone (may be a) */
    diag_list *d;
    doc *document;
    const char *root_dir;    /* images must lie inside this folder */
    cite_state *cites;       /* the library, and which sources were cited */
    /* Figures @fig:ID may name: the brief's selection (a run's figure is
     * an index into it), and every figure of the library, for messages. */
    const char *const *figure_ids;
    size_t n_figure_ids;
    const char *const *figure_names;
    size_t n_figure_names;
    /* Non-NULL while converting text that cannot hold notes ("a figure's
     * caption"): a footnote or citation there is an error naming it. */
    const char *no_notes;
} md_context;

/* Converts one Markdown text (origin) and appends its blocks to parent.
 * base_dir resolves relative image paths. */
void md_convert(md_context *ctx, const md_origin *origin, const char *base_dir,
                doc_block *parent);
/* The same for text that sits at (line, col) of file. */
void md_convert_at(md_context *ctx, const char *file, const char *text, size_t len, int line,
                   int col, const char *base_dir, doc_block *parent);

/* Parses text as md_convert does, converts nothing, and frees the tree;
 * returns the parser's node count. The floor of bench/parse_floor: what
 * cmark-gfm alone costs a section. */
size_t md_parse_only(const char *text, size_t len);

/* Inline Markdown (a table cell, a title) that sits at (line, col) of
 * file, as one paragraph: the runs of every paragraph it makes, joined
 * by spaces. Text with nothing Markdown could change skips the parser. */
doc_block *md_convert_inline(md_context *ctx, const char *file, const char *text, int line,
                             int col, const char *base_dir);

#endif
