/*
 * fuzz_layout.h: what the fuzz targets share: laying out a document with
 * the shipped fonts (loaded once per process, from BRIEFC_FONTS or fonts/).
 */
#ifndef BRIEFC_FUZZ_LAYOUT_H
#define BRIEFC_FUZZ_LAYOUT_H

#include <stdlib.h>

#include "layout/layout.h"

static inline void fuzz_layout(arena *a, diag_list *d, const doc *D)
{
    static text_fonts *fonts;
    static arena *fa;
    if (!fonts) {
        fa = arena_new();
        diag_list *fd = diag_new();
        fonts = text_fonts_load(fa, fd, getenv("BRIEFC_FONTS") ? getenv("BRIEFC_FONTS") : "fonts", NULL);
        diag_free(fd);
    }
    if (D && fonts) {
        layout_style st;
        layout_style_default(&st, false);
        layout_doc *L = layout_document(a, a, d, D, fonts, NULL, &st, NULL);
        int n = (int)layout_page_count(L);
        layout_finish(L, &(layout_numbering){.first = 1, .total = n});
    }
}

#endif
