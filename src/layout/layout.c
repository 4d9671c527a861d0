/*
 * layout.c: the layout entry point: flow, page building, finalizing.
 */
#include "layout/layout.h"

#include "layout/internal.h"

#include <math.h>
#include <string.h>

struct layout_doc {
    flow f;
    layout_stats scratch;
    bool stamps;              /* placeholders: stamped, not folioed */
    bool finished;
};

layout_doc *layout_document(arena *a, arena *da, diag_list *d, const doc *D,
                            const text_fonts *fonts, const text_hyph *hyph,
                            const layout_style *st, layout_stats *stats)
{
    layout_doc *L = layout_flow(a, da, da, d, D, fonts, hyph, st, stats);
    layout_paginate(L);
    return L;
}

layout_doc *layout_flow(arena *a, arena *da, arena *pa, diag_list *d, const doc *D,
                        const text_fonts *fonts, const text_hyph *hyph, const layout_style *st,
                        layout_stats *stats)
{
    layout_doc *L = arena_alloc(a, sizeof *L);
    display_doc *out = display_new(da, st->page_w, st->page_h);
    /* Display faces are numbered as the text module numbers them. */
    for (size_t i = 0; i < text_fonts_count(fonts); i++)
        display_add_face(da, out, text_fonts_path(fonts, (int)i));
    L->f = (flow){.a = a, .da = da, .pa = pa, .d = d, .fonts = fonts, .hyph = hyph, .st = st,
                  .out = out, .stats = stats ? stats : &L->scratch};
    L->f.scratch = arena_new();
    flow_build(&L->f, D);
    arena_free(L->f.scratch);
    L->f.scratch = NULL;
    return L;
}

void layout_paginate(layout_doc *L)
{
    pagebuild_run(&L->f);
}

layout_doc *layout_placeholders(arena *a, arena *da, diag_list *d, const text_fonts *fonts,
                                const layout_style *st, const double *w, const double *h,
                                size_t n)
{
    layout_doc *L = arena_alloc(a, sizeof *L);
    display_doc *out = display_new(da, st->page_w, st->page_h);
    for (size_t i = 0; i < text_fonts_count(fonts); i++)
        display_add_face(da, out, text_fonts_path(fonts, (int)i));
    for (size_t i = 0; i < n; i++) {
        disp_page *pg = display_add_page(da, out);
        pg->width = w[i];
        pg->height = h[i];
        pg->bound = DISP_ROOT;
    }
    L->f = (flow){.a = a, .da = da, .pa = da, .d = d, .fonts = fonts, .st = st, .out = out,
                  .stats = &L->scratch};
    L->stamps = true;
    return L;
}

display_doc *layout_display(const layout_doc *L)
{
    return L->f.out;
}

size_t layout_page_count(const layout_doc *L)
{
    return L->f.out->n_pages;
}

void layout_finish(layout_doc *L, const layout_numbering *n)
{
    if (L->finished)
        return;
    L->finished = true;
    if (L->stamps)
        finalize_stamps(&L->f, n);
    else
        finalize_pages(&L->f, n);
    /* The texts the list points at (descriptions, bookmarks' titles,
     * links' addresses) came from the document and the layout: copied, so
     * that both may go now. */
    if (L->f.da != L->f.a)
        display_own_texts(L->f.da, L->f.out);
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
    fprintf(out, "emergency breaks: %d\n", s->emergency);
    fprintf(out, "widows: %d\n", s->widows);
    fprintf(out, "orphans: %d\n", s->orphans);
    fprintf(out, "space stretch ratio: mean %.3f, sd %.3f\n", s->ratio_mean, s->ratio_sd);
    for (int i = 0; i < 8; i++)
        fprintf(out, "  %-10s %d\n", buckets[i], s->ratio_hist[i]);
}

void layout_stats_add(layout_stats *sum, const layout_stats *s)
{
    int n = sum->justified + s->justified;
    if (n > 0) {
        /* Means and deviations combine through their sums of squares. */
        double m = (sum->ratio_mean * sum->justified + s->ratio_mean * s->justified) / n;
        double q = ((sum->ratio_sd * sum->ratio_sd + sum->ratio_mean * sum->ratio_mean) *
                        sum->justified +
                    (s->ratio_sd * s->ratio_sd + s->ratio_mean * s->ratio_mean) * s->justified) /
                   n;
        sum->ratio_mean = m;
        sum->ratio_sd = q - m * m > 0 ? sqrt(q - m * m) : 0;
    }
    sum->pages += s->pages;
    sum->lines += s->lines;
    sum->justified = n;
    sum->hyphenated += s->hyphenated;
    sum->overfull += s->overfull;
    sum->emergency += s->emergency;
    sum->widows += s->widows;
    sum->orphans += s->orphans;
    for (int i = 0; i < 8; i++)
        sum->ratio_hist[i] += s->ratio_hist[i];
}
