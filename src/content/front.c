/*
 * front.c: a packet's front matter as a document tree: the cover from
 * the hearing's metadata, the witness list by panel, and the packet's
 * contents, whose entries (each document and its headings) are laid out
 * elsewhere and get their page numbers when the packet is numbered.
 */
#include "content/content.h"

#include <string.h>

/* "Tuesday, 13 June 2023": a hearing's day is read with its weekday. */
static const char *hearing_date(arena *a, const doc_lang *l, const brief_packet *p)
{
    if (!p->has_date)
        return NULL;
    const char *date = doc_lang_date(a, l, p->year, p->month, p->day);
    if (p->month < 1 || p->month > 12 || p->day < 1)
        return date;
    /* Sakamoto's method: the weekday of a Gregorian date. */
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = p->year - (p->month < 3);
    int w = (y + y / 4 - y / 100 + y / 400 + t[p->month - 1] + p->day) % 7;
    return doc_lang_fill(a, l->hearing_day, l->weekdays[w], date);
}

static doc_run *add_text(arena *a, doc_block *b, const char *text, unsigned style, src_loc loc)
{
    doc_run *r = doc_block_add_run(a, b, RUN_TEXT);
    r->text = doc_typographic(a, text, &r->len);
    r->style = style;
    r->loc = loc;
    return r;
}

static void heading(arena *a, doc_block *root, int level, const char *text, src_loc loc)
{
    doc_block *h = doc_block_new(a, DOC_HEADING, loc);
    h->level = level;
    add_text(a, h, text, 0, loc);
    doc_block_append(root, h);
}

/* One witness: the name in bold, each title on a line of its own, the
 * organisation, and the document submitted. */
static void witness(arena *a, doc_block *root, const doc_lang *l, const brief_packet *p,
                    const packet_witness *w, const char *const *doc_titles)
{
    doc_block *para = doc_block_new(a, DOC_PARAGRAPH, w->loc);
    add_text(a, para, w->name, DOC_STYLE_BOLD, w->loc);
    for (size_t i = 0; i < w->n_titles; i++) {
        doc_block_add_run(a, para, RUN_BREAK);
        add_text(a, para, w->titles[i], 0, w->loc);
    }
    if (w->organisation) {
        doc_block_add_run(a, para, RUN_BREAK);
        add_text(a, para, w->organisation, 0, w->loc);
    }
    if (w->document >= 0 && (size_t)w->document < p->n_documents) {
        doc_block_add_run(a, para, RUN_BREAK);
        add_text(a, para, l->submitted, 0, w->loc);
        add_text(a, para, doc_titles[w->document], DOC_STYLE_ITALIC, w->loc);
    }
    doc_block_append(root, para);
}

doc *content_packet_front(arena *a, const brief_packet *p, const char *const *doc_titles,
                          const doc_contents_entry *entries, size_t n_entries)
{
    doc *D = arena_alloc(a, sizeof *D);
    src_loc at = {p->path, 1, 1};
    D->lang = content_lang(p->lang);
    D->title = doc_typographic(a, p->title, NULL);
    D->subtitle = p->subtitle ? doc_typographic(a, p->subtitle, NULL) : NULL;
    D->short_title = D->title;
    D->cover = true;
    D->a4 = p->paper == PAPER_A4;
    const char *lines[3];
    size_t n = 0;
    if (p->committee)
        lines[n++] = doc_typographic(a, p->committee, NULL);
    const char *date = hearing_date(a, D->lang, p);
    if (date && p->time)
        lines[n++] = arena_printf(a, "%s%s%s", date, D->lang->comma,
                                  doc_typographic(a, p->time, NULL));
    else if (date || p->time)
        lines[n++] = date ? date : doc_typographic(a, p->time, NULL);
    if (p->location)
        lines[n++] = doc_typographic(a, p->location, NULL);
    D->cover_lines = arena_alloc(a, (n + 1) * sizeof *D->cover_lines);
    memcpy(D->cover_lines, lines, n * sizeof *lines);
    D->n_cover_lines = n;
    D->root = doc_block_new(a, DOC_ROOT, at);
    if (p->n_panels) {
        heading(a, D->root, 1, D->lang->witness_list, at);
        for (size_t i = 0; i < p->n_panels; i++) {
            const packet_panel *pn = &p->panels[i];
            if (pn->heading)
                heading(a, D->root, 2, pn->heading, pn->loc);
            for (size_t k = 0; k < pn->n_witnesses; k++)
                witness(a, D->root, D->lang, p, &pn->witnesses[k], doc_titles);
        }
        doc_block_append(D->root, doc_block_new(a, DOC_PAGE_BREAK, at));
    }
    if (p->toc && n_entries) {
        D->contents = arena_alloc(a, n_entries * sizeof *D->contents);
        for (size_t i = 0; i < n_entries; i++)
            D->contents[i] = (doc_contents_entry){doc_typographic(a, entries[i].title, NULL),
                                                  entries[i].level};
        D->n_contents = n_entries;
        doc_block_append(D->root, doc_block_new(a, DOC_CONTENTS, at));
    }
    return D;
}
