/*
 * style.h: the typographic parameters layout works with: page, margins,
 * sizes, leading, spacing and colours. One struct, filled with the
 * default policy-brief style; later the brief's style file fills it.
 */
#ifndef BRIEFC_LAYOUT_STYLE_H
#define BRIEFC_LAYOUT_STYLE_H

#include <stdbool.h>

#include "layout/display.h"

typedef struct layout_style {
    double page_w, page_h;
    double margin_top, margin_bottom, margin_left, margin_right;
    double body_size, body_leading;
    double note_size, note_leading;
    double code_size, code_leading;
    double heading_size[6];
    double para_skip;          /* space between paragraphs */
    double list_indent;        /* hanging indent of list items */
    double quote_indent;
    double note_skip;          /* space above the footnote rule */
    disp_color text, accent, muted, code_bg, rule;
    const char *organisation;  /* above the title; NULL: none */
    const image *logo;         /* at the title block's right; NULL: none */
    const char *footer;        /* left of the folio; NULL: none */
    const char *header;        /* the running head; NULL: the document's short title */
    bool plain_title;          /* a centred serif caption instead of the branded block */
    bool protrusion;           /* justified text hangs its punctuation into the margins */
    const char *watermark;     /* set across every page (a draft mark); NULL: none */
} layout_style;

/* The default policy-brief style on Letter (a4 = false) or A4 paper. */
void layout_style_default(layout_style *s, bool a4);

#endif
