/*
 * figure.h: the brief's figures in the document tree. Each selected
 * figure becomes a doc_figure (texts converted, data copied, image
 * decoded); a DOC_FIGURE block places it where a `- figure:` section
 * says or, failing that, after the block that first refers to it. Once
 * the whole document is built, figures are numbered in reading order
 * ("Figure 1", and "Table 1" for tables) and every reference gets its
 * label and its link. Internal to src/content.
 */
#ifndef BRIEFC_CONTENT_FIGURE_H
#define BRIEFC_CONTENT_FIGURE_H

#include "brief/brief.h"
#include "content/md.h"

typedef struct figure_state {
    md_context *ctx;
    const brief *b;
    bool *shown;             /* shown[i]: figure i has its block */
} figure_state;

/* Fills the document's figures from b (one per selected figure, in b's
 * order) and tells the converter which figures references may name. */
void figure_build_all(figure_state *fs, md_context *ctx, const brief *b);

/* The block that shows figure i (an index into b->figures). */
doc_block *figure_block(figure_state *fs, int i);

/* Places each figure that no section places after the top-level block
 * that first refers to it: for parent's blocks after `after` (NULL: all). */
void figure_place_referenced(figure_state *fs, doc_block *parent, doc_block *after);

/* Numbers the shown figures in reading order, labels and links every
 * reference, and warns about selected figures that are never shown. */
void figure_finish(figure_state *fs);

#endif
