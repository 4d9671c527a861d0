/*
 * content.c: the brief model to the document tree (see content.h).
 * Heading levels are the brief's, not Markdown's: the shallowest level
 * the body's sections use becomes level 1, so a brief whose sections
 * start at '#' and one whose sections start at '##' come out alike, and
 * the generated headings (Recommendations, Sources, an annex's) sit at
 * level 1 beside them.
 */
#include "content/content.h"

#include <string.h>

#include "base/file.h"
#include "content/figure.h"
#include "content/md.h"

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
 * each converted from Markdown (notes and citations included). Kept in a
 * container of their own, whose headings are set at their levels here. */
static void recommendations(arena *a, md_context *ctx, const brief *b, src_loc loc)
{
    doc_block *root = doc_block_new(a, DOC_ROOT, loc);
    doc_block_append(ctx->document->root, root);
    text_block(a, root, DOC_HEADING, 1, ctx->document->lang->recommendations, loc);
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
        text_block(a, root, DOC_HEADING, 2, heading, loc);
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

/* The shallowest level of the headings among blocks first.. (siblings,
 * not looking inside them: a heading in a quote is no structure); 0 when
 * there is none. Figures and generated containers are skipped. */
static int shallowest(const doc_block *first)
{
    int top = 0;
    for (const doc_block *b = first; b; b = b->next)
        if (b->kind == DOC_HEADING && (top == 0 || b->level < top))
            top = b->level;
    return top;
}

/* Moves every heading under b (at any depth; figures and generated
 * containers apart) by shift levels, none above level 1. */
static void shift_headings(doc_block *b, int shift)
{
    for (doc_block *c = b->first; c; c = c->next) {
        if (c->kind == DOC_FIGURE || c->kind == DOC_ROOT)
            continue;
        if (c->kind == DOC_HEADING) {
            c->level += shift;
            if (c->level < 1)
                c->level = 1;
        }
        shift_headings(c, shift);
    }
}

/* The letters of the n-th annex (0-based): A..Z, then AA, AB, ... */
static const char *annex_letters(arena *a, int n)
{
    char s[8];
    int k = (int)sizeof s - 1;
    s[k] = '\0';
    for (n++; n > 0 && k > 0; n = (n - 1) / 26)
        s[--k] = (char)('A' + (n - 1) % 26);
    return arena_strdup(a, s + k);
}

/* An annex: a page break, then a container holding the heading "Annex A:
 * TITLE" at level 1 and the file's blocks, its headings under it (its
 * shallowest at level 2). The title is the annex's title: or the file's
 * first block, which must then be a heading. */
static void annex(arena *a, md_context *ctx, figure_state *figs, const brief_section *s)
{
    doc_block *root = ctx->document->root;
    doc_block_append(root, doc_block_new(a, DOC_PAGE_BREAK, s->loc));
    doc_block *box = doc_block_new(a, DOC_ROOT, s->loc);
    doc_block_append(root, box);
    md_convert_at(ctx, s->file, s->text, s->len, s->line_offset, s->col_offset,
                  file_dirname(a, s->file), box);
    doc_block *h = doc_block_new(a, DOC_HEADING, s->loc);
    h->level = 1;
    doc_run *r = doc_block_add_run(a, h, RUN_TEXT);
    r->text = doc_lang_fill(a, ctx->document->lang->annex, annex_letters(a, s->annex), NULL);
    r->len = strlen(r->text);
    r->loc = s->loc;
    doc_block *first = box->first;
    if (s->title) {
        doc_run *t = doc_block_add_run(a, h, RUN_TEXT);
        t->text = doc_typographic(a, s->title, &t->len);
        t->loc = s->loc;
    } else if (first && first->kind == DOC_HEADING) {
        for (size_t i = 0; i < first->n_runs; i++)
            *doc_block_add_run(a, h, first->runs[i].kind) = first->runs[i];
        box->first = first->next;
        if (box->last == first)
            box->last = NULL;
    } else {
        diag_error(ctx->d, s->loc, "annex '%s' has no title: it does not start with a heading",
                   s->file);
        diag_hint(ctx->d, "start the file with its title as a heading ('# Title'), or write "
                          "'- {annex: FILE, title: TITLE}'");
        return;
    }
    int top = shallowest(box->first);
    if (top)
        shift_headings(box, 2 - top);
    h->next = box->first;
    box->first = h;
    if (!box->last)
        box->last = h;
    figure_place_referenced(figs, box, NULL);
}

doc *content_build(arena *a, arena *keep, diag_list *d, const brief *b)
{
    int errors_before = diag_error_count(d);
    doc *D = arena_alloc(a, sizeof *D);
    D->lang = content_lang(b->lang);
    D->mark = b->mark ? b->mark : b->mark_draft ? D->lang->draft : NULL;
    D->toc = b->toc;
    D->toc_depth = b->toc_depth;
    D->authors = b->authors;
    D->n_authors = b->n_authors;
    D->date_text = b->has_date ? doc_lang_date(a, D->lang, b->year, b->month, b->day) : NULL;
    D->a4 = b->paper == PAPER_A4;
    D->root = doc_block_new(a, DOC_ROOT, (src_loc){b->path, 1, 1});

    cite_state cites;
    cite_init(&cites, a, b);
    md_context ctx = {.a = a, .keep = keep, .d = d, .document = D, .root_dir = b->dir,
                      .cites = &cites};
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
    bool after_annex = false;
    for (size_t i = 0; i < b->n_sections; i++) {
        const brief_section *s = &b->sections[i];
        doc_block *last = D->root->last;
        if (s->kind == SECTION_ANNEX) {
            annex(a, &ctx, &figs, s);
            after_annex = true;
            continue;
        }
        if (s->kind == SECTION_RECOMMENDATIONS) {
            recommendations(a, &ctx, b, s->loc);
        } else if (s->kind == SECTION_PAGE_BREAK) {
            doc_block_append(D->root, doc_block_new(a, DOC_PAGE_BREAK, s->loc));
        } else if (s->kind == SECTION_SOURCES) {
            /* After an annex the list starts a page, so it reads as no
             * part of the annex. */
            if (after_annex)
                doc_block_append(D->root, doc_block_new(a, DOC_PAGE_BREAK, s->loc));
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
    /* The body's own headings: direct blocks of the root (the summary box,
     * figures and generated containers apart). */
    int top = shallowest(D->root->first);
    if (top > 1)
        shift_headings(D->root, 1 - top);
    figure_finish(&figs);
    cite_bibliography(a, d, &cites, bibliography);
    cite_fini(&cites);
    return diag_error_count(d) > errors_before ? NULL : D;
}

static bool alt_in(const doc_block *b, diag_list *d)
{
    bool ok = true;
    for (; b; b = b->next) {
        if (b->kind == DOC_IMAGE && !(b->image->alt && *b->image->alt)) {
            diag_error(d, b->loc, "this image has no alt text, which PDF/UA-1 (pdf-standard: "
                                  "ua-1) requires");
            diag_hint(d, "say in the brackets what the image shows: ![A map of the border "
                         "crossings](map.png)");
            ok = false;
        }
        if (b->first && !alt_in(b->first, d))
            ok = false;
    }
    return ok;
}

bool content_check_alt(const doc *D, const brief *b, diag_list *d)
{
    bool ok = alt_in(D->root, d);
    for (size_t i = 0; i < D->n_notes; i++)
        for (const doc_block *b = D->notes[i].first; b; b = b->next)
            if (!alt_in(b, d))
                ok = false;
    for (size_t i = 0; b && i < b->n_figures; i++) {
        const brief_figure *f = &b->figures[i];
        if (f->image && !(f->alt && *f->alt)) {
            diag_error(d, f->image_loc, "this figure's image has no alt text, which PDF/UA-1 "
                                        "(pdf-standard: ua-1) requires");
            diag_hint(d, "add 'alt:' to the figure, saying what the image shows");
            ok = false;
        }
    }
    return ok;
}
