/*
 * content.c: the brief model to the document tree (see content.h).
 */
#include "content/content.h"

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
    doc_block *bibliography = NULL;
    for (size_t i = 0; i < b->n_sections; i++) {
        const brief_section *s = &b->sections[i];
        if (s->kind == SECTION_SOURCES) {
            /* Filled once every citation has been seen. */
            bibliography = doc_block_new(a, DOC_ROOT, s->loc);
            doc_block_append(D->root, bibliography);
            continue;
        }
        md_origin origin = {
            .file = s->file,
            .input = s->text,
            .input_len = s->len,
            .line_offset = s->line_offset,
            .col_offset = s->col_offset,
        };
        md_convert(&ctx, &origin, file_dirname(a, s->file), D->root);
    }
    cite_bibliography(a, d, &cites, bibliography);
    return diag_error_count(d) > errors_before ? NULL : D;
}
