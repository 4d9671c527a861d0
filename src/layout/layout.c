/*
 * layout.c: the layout entry point: flow, page building, finalizing.
 */
#include "layout/layout.h"

#include "layout/internal.h"

#include <math.h>
#include <string.h>

display_doc *layout_document(arena *a, diag_list *d, const doc *D, const text_fonts *fonts,
                             const text_hyph *hyph, const layout_style *st, layout_stats *stats)
{
    display_doc *out = display_new(a, st->page_w, st->page_h);
    /* Display faces are numbered as the text module numbers them. */
    for (size_t i = 0; i < text_fonts_count(fonts); i++)
        display_add_face(a, out, text_font_path(text_fonts_face(fonts, (int)i)));
    layout_stats scratch;
    flow f = {.a = a, .d = d, .fonts = fonts, .hyph = hyph, .st = st, .out = out,
              .stats = stats ? stats : &scratch};
    flow_build(&f, D);
    pagebuild_run(&f);
    finalize_pages(&f, D);
    return out;
}

void layout_stats_print(const layout_stats *s, FILE *out)
{
    static const char *const buckets[8] = {"< -0.5", "-0.5..0", "0..0.25", "0.25..0.5",
                                           "0.5..0.75", "0.75..1", "1..2", ">= 2"};
    fprintf(out, "pages: %d\n", s->pages);
    fprintf(out, "lines: %d\n", s->lines);
    fprintf(out, "justified lines: %d\n", s->justified);
    fprintf(out, "hyphenated lines: %d\n", s->hyphenated);
    fprintf(out, "overfull lines: %d\n", s->overfull);
    fprintf(out, "widows: %d\n", s->widows);
    fprintf(out, "orphans: %d\n", s->orphans);
    fprintf(out, "space stretch ratio: mean %.3f, sd %.3f\n", s->ratio_mean, s->ratio_sd);
    for (int i = 0; i < 8; i++)
        fprintf(out, "  %-10s %d\n", buckets[i], s->ratio_hist[i]);
}
