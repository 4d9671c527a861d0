/*
 * figure.c: the brief's figures in the document tree (see figure.h).
 */
#include "content/figure.h"

#include <string.h>

#include "base/file.h"

static doc_figure_kind kind_of(brief_figure_kind k)
{
    switch (k) {
    case FIGURE_BAR: return DOC_FIG_BAR;
    case FIGURE_LINE: return DOC_FIG_LINE;
    case FIGURE_TABLE: return DOC_FIG_TABLE;
    case FIGURE_STAT: return DOC_FIG_STAT;
    case FIGURE_IMAGE: return DOC_FIG_IMAGE;
    }
    return DOC_FIG_IMAGE;
}

static doc_align align_of(brief_align a)
{
    switch (a) {
    case ALIGN_LEFT: return DOC_ALIGN_LEFT;
    case ALIGN_RIGHT: return DOC_ALIGN_RIGHT;
    case ALIGN_CENTER: return DOC_ALIGN_CENTER;
    case ALIGN_DECIMAL: return DOC_ALIGN_DECIMAL;
    }
    return DOC_ALIGN_LEFT;
}

/* Markdown of a figure (its caption or note), where notes cannot go. */
static doc_block *figure_markdown(md_context *ctx, const brief_section *s, const char *what,
                                  const char *dir)
{
    if (!s->text)
        return NULL;
    doc_block *root = doc_block_new(ctx->a, DOC_ROOT, s->loc);
    ctx->no_notes = what;
    md_convert_at(ctx, s->file, s->text, s->len, s->line_offset, s->col_offset, dir, root);
    ctx->no_notes = NULL;
    return root;
}

/* "Note: " (in the document's language) in front of the note's first
 * paragraph. */
static void label_note(arena *a, doc_block *root, const char *word)
{
    doc_block *p = root->first;
    if (!p || p->kind != DOC_PARAGRAPH) {
        doc_block *np = doc_block_new(a, DOC_PARAGRAPH, root->loc);
        np->next = root->first;
        root->first = np;
        if (!root->last)
            root->last = np;
        p = np;
    }
    doc_run *old = p->runs;
    size_t n = p->n_runs;
    p->runs = NULL;
    p->n_runs = p->cap_runs = 0;
    doc_run *r = doc_block_add_run(a, p, RUN_TEXT);
    r->text = word;
    r->len = strlen(word);
    r->style = DOC_STYLE_ITALIC;
    r->loc = root->loc;
    for (size_t i = 0; i < n; i++)
        *doc_block_add_run(a, p, old[i].kind) = old[i];
}

static void build(figure_state *fs, size_t i)
{
    md_context *ctx = fs->ctx;
    arena *a = ctx->a;
    const brief_figure *bf = &fs->b->figures[i];
    doc_figure *f = &ctx->document->figures[i];
    const char *dir = file_dirname(a, bf->file);
    f->kind = kind_of(bf->kind);
    f->anchor = arena_printf(a, "fig:%s", bf->id);
    f->loc = (src_loc){bf->file, 0, 0};
    ctx->no_notes = "a figure's title";
    f->title = md_convert_inline(ctx, bf->file, bf->title ? bf->title : "", bf->title_loc.line,
                                 bf->title_loc.col, dir);
    ctx->no_notes = NULL;
    f->caption = figure_markdown(ctx, &bf->caption, "a figure's caption", dir);
    f->note = figure_markdown(ctx, &bf->note, "a figure's note", dir);
    if (f->note)
        label_note(a, f->note, ctx->document->lang->note);
    if (bf->n_sources) {
        int *ids = arena_alloc(a, bf->n_sources * sizeof *ids);
        const char **locators = arena_alloc(a, bf->n_sources * sizeof *locators);
        for (size_t k = 0; k < bf->n_sources; k++) {
            ids[k] = bf->sources[k].source;
            locators[k] = bf->sources[k].locator;
        }
        f->source = cite_source_line(a, ctx->cites, ids, locators, bf->n_sources, bf->loc);
    }
    f->unit = bf->unit;
    f->categories = bf->categories;
    f->n_categories = bf->n_categories;
    f->categories_loc = bf->categories_loc;
    f->n_series = bf->n_series;
    f->series = arena_alloc(a, (bf->n_series + 1) * sizeof *f->series);
    for (size_t k = 0; k < bf->n_series; k++)
        f->series[k] = (doc_series){bf->series[k].name, bf->series[k].values, bf->series[k].present};
    f->has_range = bf->has_range;
    f->range[0] = bf->range[0];
    f->range[1] = bf->range[1];
    f->horizontal = bf->horizontal;
    f->value_labels = bf->value_labels;
    f->decimals = bf->decimals;
    f->n_columns = bf->n_columns;
    f->headers = arena_alloc(a, (bf->n_columns + 1) * sizeof *f->headers);
    f->align = arena_alloc(a, (bf->n_columns + 1) * sizeof *f->align);
    for (size_t k = 0; k < bf->n_columns; k++) {
        const brief_column *col = &bf->columns[k];
        f->headers[k] = md_convert_inline(ctx, col->header_loc.file ? col->header_loc.file : bf->file,
                                          col->header ? col->header : "", col->header_loc.line,
                                          col->header_loc.col, dir);
        f->align[k] = align_of(col->align);
    }
    /* Cells are inline Markdown: emphasis, links, notes and citations. */
    size_t n_cells = bf->n_rows * bf->n_columns;
    f->cells = arena_alloc(a, (n_cells + 1) * sizeof *f->cells);
    for (size_t k = 0; k < n_cells; k++) {
        src_loc at = bf->cell_locs ? bf->cell_locs[k] : (src_loc){bf->file, 0, 0};
        f->cells[k] = md_convert_inline(ctx, at.file ? at.file : bf->file, bf->cells[k],
                                        at.line, at.col, dir);
    }
    f->numeric = bf->numeric;
    f->n_rows = bf->n_rows;
    f->n_stats = bf->n_stats;
    f->stat_values = arena_alloc(a, (bf->n_stats + 1) * sizeof *f->stat_values);
    f->stat_labels = arena_alloc(a, (bf->n_stats + 1) * sizeof *f->stat_labels);
    ctx->no_notes = "a key figure's label";
    for (size_t k = 0; k < bf->n_stats; k++) {
        f->stat_values[k] = doc_typographic(a, bf->stats[k].value, NULL);
        src_loc at = bf->stats[k].label_loc;
        f->stat_labels[k] = md_convert_inline(ctx, at.file ? at.file : bf->file,
                                              bf->stats[k].label, at.line, at.col, dir);
    }
    ctx->no_notes = NULL;
    f->alt = bf->alt;
    if (bf->kind == FIGURE_IMAGE && bf->image) {
        image *img = arena_alloc(ctx->keep, sizeof *img);
        char err[256];
        if (image_open(ctx->keep, bf->image, img, err, sizeof err))
            f->img = img;
        else
            diag_error(ctx->d, bf->image_loc, "cannot use image '%s': %s", bf->image, err);
    }
}

void figure_build_all(figure_state *fs, md_context *ctx, const brief *b)
{
    arena *a = ctx->a;
    doc *D = ctx->document;
    fs->ctx = ctx;
    fs->b = b;
    fs->shown = arena_alloc(a, b->n_figures + 1);
    D->n_figures = b->n_figures;
    D->figures = arena_alloc(a, (b->n_figures + 1) * sizeof *D->figures);
    const char **ids = arena_alloc(a, (b->n_figures + 1) * sizeof *ids);
    for (size_t i = 0; i < b->n_figures; i++)
        ids[i] = b->figures[i].id;
    ctx->figure_ids = ids;
    ctx->n_figure_ids = b->n_figures;
    ctx->figure_names = b->figure_names;
    ctx->n_figure_names = b->n_figure_names;
    for (size_t i = 0; i < b->n_figures; i++)
        build(fs, i);
}

doc_block *figure_block(figure_state *fs, int i)
{
    doc_block *blk = doc_block_new(fs->ctx->a, DOC_FIGURE, fs->b->figures[i].loc);
    blk->figure = &fs->ctx->document->figures[i];
    fs->shown[i] = true;
    return blk;
}

/* Calls fn for every figure reference in b and below it, and in the
 * notes its text calls. */
static void each_ref(const doc *D, const doc_block *b, void (*fn)(void *, doc_run *), void *data)
{
    for (size_t i = 0; i < b->n_runs; i++) {
        doc_run *r = &b->runs[i];
        if (r->kind == RUN_FIG_REF)
            fn(data, r);
        else if (r->kind == RUN_NOTE_REF && r->note >= 1 && (size_t)r->note <= D->n_notes)
            for (const doc_block *c = D->notes[r->note - 1].first; c; c = c->next)
                each_ref(D, c, fn, data);
    }
    for (const doc_block *c = b->first; c; c = c->next)
        each_ref(D, c, fn, data);
}

typedef struct placing {
    figure_state *fs;
    doc_block *parent, *after;   /* a placed figure goes after `after` */
} placing;

static void place_one(void *data, doc_run *r)
{
    placing *p = data;
    figure_state *fs = p->fs;
    if (r->figure < 0 || (size_t)r->figure >= fs->b->n_figures || fs->shown[r->figure] ||
        fs->b->figures[r->figure].placed)
        return;
    doc_block *blk = figure_block(fs, r->figure);
    doc_block_insert_after(p->parent, p->after, blk);
    p->after = blk;
}

void figure_place_referenced(figure_state *fs, doc_block *parent, doc_block *after)
{
    doc_block *b = after ? after->next : parent->first;
    while (b) {
        placing p = {fs, parent, b};
        if (b->kind == DOC_FIGURE) {
            /* A figure named only in another's caption or note follows it. */
            if (b->figure->caption)
                each_ref(fs->ctx->document, b->figure->caption, place_one, &p);
            if (b->figure->note)
                each_ref(fs->ctx->document, b->figure->note, place_one, &p);
        } else {
            each_ref(fs->ctx->document, b, place_one, &p);
        }
        b = b->next;   /* the figures just placed come next: their captions too */
    }
}

typedef struct counters {
    int figures, tables;
} counters;

/* Figures and tables in reading order, wherever they stand (a Markdown
 * table may sit in a list); a table without a title is not numbered. */
static void number(arena *a, const doc_lang *l, const doc_block *b, counters *n)
{
    for (const doc_block *c = b->first; c; c = c->next) {
        if (c->kind == DOC_FIGURE && c->figure->title) {
            doc_figure *f = (doc_figure *)c->figure;
            bool table = f->kind == DOC_FIG_TABLE;
            const char *num = arena_printf(a, "%d", table ? ++n->tables : ++n->figures);
            f->label = doc_lang_fill(a, table ? l->table : l->figure, num, NULL);
        } else {
            number(a, l, c, n);
        }
    }
}

static void label_ref(void *data, doc_run *r)
{
    figure_state *fs = data;
    const doc_figure *f = &fs->ctx->document->figures[r->figure];
    if (!f->label) {
        diag_error(fs->ctx->d, r->loc, "figure '%s' is referred to here but not shown",
                   fs->b->figures[r->figure].id);
        diag_hint(fs->ctx->d, "place it with '- figure: %s' in the brief's sections",
                  fs->b->figures[r->figure].id);
        r->text = "";
        return;
    }
    r->text = f->label;
    r->len = strlen(f->label);
    r->link = arena_printf(fs->ctx->a, "#%s", f->anchor);
}

void figure_finish(figure_state *fs)
{
    md_context *ctx = fs->ctx;
    doc *D = ctx->document;
    for (size_t i = 0; i < fs->b->n_figures; i++) {
        const brief_figure *bf = &fs->b->figures[i];
        if (fs->shown[i])
            continue;
        diag_warning(ctx->d, bf->loc, "figure '%s' is selected but neither placed nor referred to",
                     bf->id);
        diag_hint(ctx->d, "place it with '- figure: %s' in the sections, or refer to it with "
                          "@fig:%s", bf->id, bf->id);
    }
    counters n = {0, 0};
    number(ctx->a, D->lang, D->root, &n);
    each_ref(D, D->root, label_ref, fs);
    for (size_t i = 0; i < D->n_figures; i++) {
        const doc_figure *f = &D->figures[i];
        if (f->caption)
            each_ref(D, f->caption, label_ref, fs);
        if (f->note)
            each_ref(D, f->note, label_ref, fs);
    }
}
