/*
 * content.c: the brief model to the document tree (see content.h).
 */
#include "content/content.h"

#include <string.h>

#include "base/file.h"
#include "content/md.h"

static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

static const char *date_text(arena *a, const brief *b)
{
    if (!b->has_date)
        return NULL;
    if (b->month < 1 || b->month > 12)
        return arena_printf(a, "%d", b->year);
    if (b->day < 1)
        return arena_printf(a, "%s %d", month_names[b->month - 1], b->year);
    return arena_printf(a, "%d %s %d", b->day, month_names[b->month - 1], b->year);
}

/* Converts Markdown that sits at (line, col) of file into parent. */
static void convert(md_context *ctx, const char *file, const char *text, size_t len, int line,
                    int col, const char *base_dir, doc_block *parent)
{
    md_origin origin = {
        .file = file,
        .input = text,
        .input_len = len,
        .line_offset = line,
        .col_offset = col,
    };
    md_convert(ctx, &origin, base_dir, parent);
}

static void text_block(arena *a, doc_block *parent, doc_kind kind, int level, const char *text,
                       src_loc loc)
{
    doc_block *h = doc_block_new(a, kind, loc);
    h->level = level;
    doc_run *r = doc_block_add_run(a, h, RUN_TEXT);
    /* Headings from the library get a typographic apostrophe, as
     * Markdown text does. */
    size_t n = strlen(text), k = 0;
    char *t = arena_alloc(a, n * 3 + 1);
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\'') {
            memcpy(t + k, "\xe2\x80\x99", 3);
            k += 3;
        } else {
            t[k++] = text[i];
        }
    }
    r->text = t;
    r->len = k;
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
            convert(ctx, r->file, r->text, r->len, r->line_offset, r->col_offset, b->dir, item);
            doc_block_append(list, item);
        }
        if (!list->first)
            continue;
        text_block(a, root, DOC_HEADING, 3, heading, loc);
        doc_block_append(root, list);
    }
}

doc *content_build(arena *a, diag_list *d, const brief *b)
{
    int errors_before = diag_error_count(d);
    doc *D = arena_alloc(a, sizeof *D);
    D->title = b->title;
    D->subtitle = b->subtitle;
    D->short_title = b->short_title ? b->short_title : b->title;
    D->toc = b->toc;
    D->authors = b->authors;
    D->n_authors = b->n_authors;
    D->date_text = date_text(a, b);
    D->a4 = b->paper == PAPER_A4;
    D->root = doc_block_new(a, DOC_ROOT, (src_loc){b->path, 1, 1});

    cite_state cites;
    cite_init(&cites, a, b);
    md_context ctx = {a, d, D, b->dir, &cites};
    if (b->summary.text) {
        doc_block *box = doc_block_new(a, DOC_BOX, b->summary.loc);
        const brief_section *sm = &b->summary;
        convert(&ctx, sm->file, sm->text, sm->len, sm->line_offset, sm->col_offset, b->dir, box);
        doc_block_append(D->root, box);
    }
    doc_block *bibliography = NULL;
    for (size_t i = 0; i < b->n_sections; i++) {
        const brief_section *s = &b->sections[i];
        if (s->kind == SECTION_RECOMMENDATIONS) {
            recommendations(a, &ctx, b, s->loc);
            continue;
        }
        if (s->kind == SECTION_SOURCES) {
            /* Filled once every citation has been seen. */
            bibliography = doc_block_new(a, DOC_ROOT, s->loc);
            doc_block_append(D->root, bibliography);
            continue;
        }
        convert(&ctx, s->file, s->text, s->len, s->line_offset, s->col_offset,
                file_dirname(a, s->file), D->root);
    }
    cite_bibliography(a, d, &cites, bibliography);
    return diag_error_count(d) > errors_before ? NULL : D;
}
