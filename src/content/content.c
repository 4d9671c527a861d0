/*
 * content.c: the brief model to the document tree (see content.h).
 */
#include "content/content.h"

#include <string.h>

#include "base/file.h"
#include "content/figure.h"
#include "content/md.h"

static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

const char *content_date(arena *a, int year, int month, int day)
{
    if (month < 1 || month > 12)
        return arena_printf(a, "%d", year);
    if (day < 1)
        return arena_printf(a, "%s %d", month_names[month - 1], year);
    return arena_printf(a, "%d %s %d", day, month_names[month - 1], year);
}

static void text_block(arena *a, doc_block *parent, doc_kind kind, int level, const char *text,
                       src_loc loc)
{
    doc_block *h = doc_block_new(a, kind, loc);
    h->level = level;
    doc_run *r = doc_block_add_run(a, h, RUN_TEXT);
    r->text = doc_typographic(a, text, &r->len);
    r->loc = loc;
    doc_block_append(parent, h);
}

/* The recommendations: a heading, then for each addressee in the brief's
 * order its heading and a numbered list of its selected recommendations,
 * each converted from Markdown (notes and citations included). */
static void recommendations(arena *a, md_context *ctx, const brief *b, src_loc loc)
{
    doc_block *root = ctx->document->root;
    text_block(a, root, DOC_HEADING, 2, "Recommendations", loc);
    for (size_t g = 0; g < b->n_groups; g++) {
        const char *heading = b->groups[g];
        for (size_t i = 0; i < b->n_addressees; i++)
            if (strcmp(b->addressees[i].key, b->groups[g]) == 0)
                heading = b->addressees[i].heading;
        doc_block *list = doc_block_new(a, DOC_LIST, loc);
        list->ordered = true;
        list->start = 1;
        list->tight = true;
        for (size_t i = 0; i < b->n_recs; i++) {
            const brief_rec *r = &b->recs[i];
            if (!r->selected || strcmp(r->to, b->groups[g]) != 0)
                continue;
            doc_block *item = doc_block_new(a, DOC_ITEM, r->loc);
            ctx->cites->rec = r;
            md_convert_at(ctx, r->file, r->text, r->len, r->line_offset, r->col_offset, b->dir, item);
            ctx->cites->rec = NULL;
            doc_block_append(list, item);
        }
        if (!list->first)
            continue;
        text_block(a, root, DOC_HEADING, 3, heading, loc);
        doc_block_append(root, list);
    }
}

/* The title, subtitle and running head are inline Markdown: set with
 * their emphasis, and as plain text (curly quotes) for the PDF's Title,
 * bookmarks and running heads. */
static void titles(md_context *ctx, const brief *b, doc *D)
{
    arena *a = ctx->a;
    ctx->no_notes = "a title";
    D->title_text = md_convert_inline(ctx, b->path, b->title, b->title_loc.line,
                                      b->title_loc.col, b->dir);
    D->title = doc_plain_text(a, D->title_text);
    if (b->subtitle) {
        D->subtitle_text = md_convert_inline(ctx, b->path, b->subtitle, b->subtitle_loc.line,
                                             b->subtitle_loc.col, b->dir);
        D->subtitle = doc_plain_text(a, D->subtitle_text);
    }
    D->short_title = b->short_title
                         ? doc_plain_text(a, md_convert_inline(ctx, b->path, b->short_title,
                                                               b->short_title_loc.line,
                                                               b->short_title_loc.col, b->dir))
                         : D->title;
    ctx->no_notes = NULL;
}

doc *content_build(arena *a, diag_list *d, const brief *b)
{
    int errors_before = diag_error_count(d);
    doc *D = arena_alloc(a, sizeof *D);
    D->toc = b->toc;
    D->authors = b->authors;
    D->n_authors = b->n_authors;
    D->date_text = b->has_date ? content_date(a, b->year, b->month, b->day) : NULL;
    D->a4 = b->paper == PAPER_A4;
    D->root = doc_block_new(a, DOC_ROOT, (src_loc){b->path, 1, 1});

    cite_state cites;
    cite_init(&cites, a, b);
    md_context ctx = {.a = a, .d = d, .document = D, .root_dir = b->dir, .cites = &cites};
    titles(&ctx, b, D);
    figure_state figs;
    figure_build_all(&figs, &ctx, b);
    if (b->summary.text) {
        doc_block *box = doc_block_new(a, DOC_BOX, b->summary.loc);
        const brief_section *sm = &b->summary;
        md_convert_at(&ctx, sm->file, sm->text, sm->len, sm->line_offset, sm->col_offset, b->dir,
                      box);
        doc_block_append(D->root, box);
        figure_place_referenced(&figs, D->root, NULL);
    }
    doc_block *bibliography = NULL;
    for (size_t i = 0; i < b->n_sections; i++) {
        const brief_section *s = &b->sections[i];
        doc_block *last = D->root->last;
        if (s->kind == SECTION_RECOMMENDATIONS) {
            recommendations(a, &ctx, b, s->loc);
        } else if (s->kind == SECTION_SOURCES) {
            /* Filled once every citation has been seen. */
            bibliography = doc_block_new(a, DOC_ROOT, s->loc);
            doc_block_append(D->root, bibliography);
        } else if (s->kind == SECTION_FIGURE) {
            if (s->figure >= 0)
                doc_block_append(D->root, figure_block(&figs, s->figure));
        } else {
            md_convert_at(&ctx, s->file, s->text, s->len, s->line_offset, s->col_offset,
                          file_dirname(a, s->file), D->root);
        }
        figure_place_referenced(&figs, D->root, last);
    }
    figure_finish(&figs);
    cite_bibliography(a, d, &cites, bibliography);
    return diag_error_count(d) > errors_before ? NULL : D;
}
