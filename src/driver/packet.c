/*
 * packet.c: a hearing packet compiled into one PDF. Each brief goes
 * through the stages on its own (its own style, notes numbered from 1,
 * its figures and links its own), each PDF made elsewhere is read for
 * its pages and bookmarks; then, knowing every document's page count,
 * the packet numbers them all in one sequence, lays out its front matter
 * (cover, witness list, contents with the real page numbers), appends
 * every display list into one, and writes it with the bound PDFs' pages
 * put under their placeholders.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/file.h"
#include "bind/bind.h"
#include "brief/packet.h"
#include "config.h"
#include "content/content.h"
#include "driver/stages.h"

/* One document of the packet on its way. */
typedef struct part {
    const packet_document *pd;
    driver_doc *dd;            /* a brief */
    bind_info info;            /* a PDF made elsewhere */
    layout_doc *L;             /* its pages (a PDF's: placeholders) */
    const char *title, *label;
    int start_dest;            /* its display list's destination at its first page */
    int first;                 /* its first page in the packet, 0-based */
    int dest_offset;           /* where its destinations start in the packet's list */
    int min_level;             /* its bookmarks' top level */
} part;

/* Reads one document: a brief through load, content and layout; a PDF
 * through bind_inspect. False when it reported an error. */
static bool read_part(driver *dr, const brief_packet *P, part *pt, const layout_style *pst,
                      const text_fonts *pfonts)
{
    const packet_document *pd = pt->pd;
    if (pd->kind == PACKET_DOC_BRIEF) {
        pt->dd = driver_load(dr, pd->path);
        if (!pt->dd || !driver_content(dr, pt->dd) || !driver_layout(dr, pt->dd))
            return false;
        pt->L = pt->dd->L;
        const brief *b = pt->dd->b;
        pt->title = pd->title ? pd->title : pt->dd->title;
        pt->label = pd->label ? pd->label : b->short_title ? pt->dd->short_title
                                                            : pt->dd->title;
        return true;
    }
    char err[512];
    if (!bind_inspect(dr->a, pd->path, &pt->info, err, sizeof err)) {
        diag_error(dr->d, pd->path_loc, "cannot bind '%s': %s", pd->file, err);
        diag_hint(dr->d, "name a readable, unencrypted PDF, or remove this document from '%s'",
                  P->path);
        return false;
    }
    pt->L = layout_placeholders(dr->a, dr->a, dr->d, pfonts, pst, pt->info.width,
                                pt->info.height, pt->info.n_pages);
    display_doc *out = layout_display(pt->L);
    /* Its own bookmarks point into its pages. */
    for (size_t i = 0; i < pt->info.n_outlines; i++) {
        const bind_outline *o = &pt->info.outlines[i];
        int dest = -1;
        if (o->page >= 0 && (size_t)o->page < pt->info.n_pages)
            dest = display_add_dest(dr->a, out, o->page, 0,
                                    isnan(o->y) ? pt->info.height[o->page] : o->y);
        display_add_outline(dr->a, out, o->title, o->level, dest);
    }
    pt->title = pd->title;
    pt->label = pd->label ? pd->label : pd->title;
    return true;
}

static void push_entry(arena *a, doc_contents_entry **e, size_t *n, size_t *cap,
                       const char *title, int level)
{
    doc_contents_entry *x = ARENA_PUSH(a, *e, *n, *cap);
    *x = (doc_contents_entry){title, level};
}

/* The contents: each document, then its top-level headings (or its own
 * top-level bookmarks), each linked to its place. dests[] collects the
 * destination (in the document's own list) of each entry. */
static doc_contents_entry *contents_entries(driver *dr, part *parts, size_t n, size_t *n_entries,
                                            size_t **of_part, int **local_dest)
{
    doc_contents_entry *e = NULL;
    size_t ne = 0, cap = 0, cap_p = 0, cap_d = 0, np = 0, nd = 0;
    *of_part = NULL;
    *local_dest = NULL;
    for (size_t i = 0; i < n; i++) {
        part *pt = &parts[i];
        const display_doc *out = layout_display(pt->L);
        push_entry(dr->a, &e, &ne, &cap, pt->title, 1);
        *(size_t *)ARENA_PUSH(dr->a, *of_part, np, cap_p) = i;
        *(int *)ARENA_PUSH(dr->a, *local_dest, nd, cap_d) = pt->start_dest;
        pt->min_level = 99;
        for (size_t k = 0; k < out->n_outlines; k++)
            if (out->outlines[k].level < pt->min_level)
                pt->min_level = out->outlines[k].level;
        for (size_t k = 0; k < out->n_outlines; k++) {
            const disp_outline *o = &out->outlines[k];
            if (o->level != pt->min_level || o->dest < 0)
                continue;
            /* A brief's own contents is no heading of its text. */
            if (pt->dd && pt->dd->b->toc && strcmp(o->title, pt->dd->lang->contents) == 0)
                continue;
            push_entry(dr->a, &e, &ne, &cap, o->title, 2);
            *(size_t *)ARENA_PUSH(dr->a, *of_part, np, cap_p) = i;
            *(int *)ARENA_PUSH(dr->a, *local_dest, nd, cap_d) = o->dest;
        }
    }
    *n_entries = ne;
    return e;
}

/* What `briefc check` tells of each document: words, pages and, for
 * testimony, how long it takes to read aloud; a testimony over its
 * oral-limit: is warned about. */
static void report_parts(driver *dr, const part *parts, size_t n, bool print)
{
    for (size_t i = 0; i < n; i++) {
        const part *pt = &parts[i];
        size_t pages = layout_page_count(pt->L);
        if (!pt->dd) {
            if (print)
                printf("%-28s %5s words %4zu page%s  (bound PDF)\n", pt->label, "-", pages,
                       pages == 1 ? " " : "s");
            continue;
        }
        driver_report(dr, pt->dd, pt->label, print);
    }
}

bool driver_packet(driver *dr)
{
    arena *a = dr->a;
    diag_list *d = dr->d;
    const driver_options *o = dr->o;
    brief_packet *P = brief_packet_load(a, d, o->brief_path, dr->today);
    if (!P)
        return false;
    /* One file, one claim: the packet's, for every document it binds. */
    dr->std = o->pdf_standard ? o->pdf_standard : P->pdf_standard;
    const text_fonts *pfonts = driver_fonts(dr, &P->style);
    layout_style pst;
    if (!pfonts || !driver_style(dr, &P->style, P->paper_given || !P->style.has_paper
                                                    ? P->paper : P->style.paper, &pst))
        return false;
    /* The packet's style may mark its front matter; each document has its own mark. */
    pst.watermark = P->style.watermark;

    size_t n = P->n_documents;
    part *parts = arena_alloc(a, n * sizeof *parts);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        parts[i].pd = &P->documents[i];
        /* Every document is read, so one compile reports them all. */
        if (!read_part(dr, P, &parts[i], &pst, pfonts))
            ok = false;
    }
    if (!ok || diag_error_count(d))
        return false;
    for (size_t i = 0; i < n; i++)
        parts[i].start_dest = display_add_dest(a, layout_display(parts[i].L), 0, 0,
                                               layout_display(parts[i].L)->pages[0].height);

    /* The front matter, its contents set without their numbers. */
    const char **titles = arena_alloc(a, n * sizeof *titles);
    for (size_t i = 0; i < n; i++)
        titles[i] = parts[i].title;
    size_t n_entries, *of_part;
    int *local_dest;
    doc_contents_entry *entries = contents_entries(dr, parts, n, &n_entries, &of_part, &local_dest);
    doc *FD = content_packet_front(a, P, titles, entries, n_entries);
    layout_stats stats;
    layout_doc *front = layout_document(a, a, d, FD, pfonts, driver_hyphenation(dr), &pst,
                                        &stats);
    if (diag_error_count(d))
        return false;

    /* Every page's place: the front matter, then each document from a
     * new page (with recto: from a right-hand one, after a blank verso). */
    int F = (int)layout_page_count(front), pos = F;
    bool *blank_before = arena_alloc(a, n * sizeof *blank_before);
    int dests = (int)layout_display(front)->n_dests;
    for (size_t i = 0; i < n; i++) {
        if (P->recto && pos % 2 == 1) {
            blank_before[i] = true;
            pos++;
        }
        parts[i].first = pos;
        pos += (int)layout_page_count(parts[i].L);
        parts[i].dest_offset = dests;
        dests += (int)layout_display(parts[i].L)->n_dests;
    }
    int N = pos;
    bool roman = P->style.roman_front;
    int base = roman ? F : 0;          /* documents number from 1 after a roman front */
    int total = N - base;

    int *toc_number = arena_alloc(a, (n_entries + 1) * sizeof *toc_number);
    int *toc_dest = arena_alloc(a, (n_entries + 1) * sizeof *toc_dest);
    for (size_t k = 0; k < n_entries; k++) {
        const part *pt = &parts[of_part[k]];
        const disp_dest *dd = &layout_display(pt->L)->dests[local_dest[k]];
        toc_number[k] = pt->first + dd->page + 1 - base;
        toc_dest[k] = pt->dest_offset + local_dest[k];
    }
    /* The packet numbers every page, so its folios and stamps are in its
     * language, whatever each document is written in. */
    layout_finish(front, &(layout_numbering){.first = 1, .total = roman ? 0 : N, .roman = roman,
                                             .toc_number = toc_number, .toc_dest = toc_dest,
                                             .lang = FD->lang});
    for (size_t i = 0; i < n; i++)
        layout_finish(parts[i].L, &(layout_numbering){.first = parts[i].first + 1 - base,
                                                      .total = total, .label = parts[i].label,
                                                      .lang = FD->lang});

    /* One display list: packet > document > headings in the bookmarks. */
    display_doc *out = display_new(a, pst.page_w, pst.page_h);
    display_append(a, out, layout_display(front), 0);
    for (size_t k = 1; k < out->n_outlines; k++)
        out->outlines[k].level++;
    driver_bound *bound = NULL;
    size_t n_bound = 0, cap_bound = 0;
    for (size_t i = 0; i < n; i++) {
        part *pt = &parts[i];
        if (blank_before[i])
            display_add_page(a, out);
        display_add_outline(a, out, pt->title, 2, pt->dest_offset + pt->start_dest);
        const display_doc *src = layout_display(pt->L);
        display_append(a, out, src, pt->min_level > 10 ? 0 : 3 - pt->min_level);
        for (size_t p = 0; !pt->dd && p < src->n_pages; p++)
            *(driver_bound *)ARENA_PUSH(a, bound, n_bound, cap_bound) =
                (driver_bound){pt->first + (int)p, pt->pd->path, (int)p};
    }
    display_add_label(a, out, 0, roman, 1);
    if (roman && F < N)
        display_add_label(a, out, F, false, 1);
    out->title = P->title;
    out->subject = P->subtitle;
    out->author = P->committee;
    out->lang = FD->lang->code;
    out->creator = "briefc " BRIEFC_VERSION;
    out->created = driver_created(dr, P->has_date, P->year, P->month, P->day);

    report_parts(dr, parts, n, o->check_only);
    if (o->result)
        o->result->pages = N;
    if (o->check_only)
        printf("%-28s %5s       %4d pages in all\n", "packet", "", N);
    if (o->dump_layout)
        display_dump(out, stdout);
    if (o->stats) {
        for (size_t i = 0; i < n; i++)
            if (parts[i].dd)
                layout_stats_add(&stats, &parts[i].dd->stats);
        stats.pages = N;
        layout_stats_print(&stats, stdout);
    }
    if (o->check_only || diag_error_count(d))
        return !diag_error_count(d);
    for (size_t i = 0; i < n; i++)
        if (parts[i].dd)
            driver_release(dr, parts[i].dd);
    return driver_write(dr, out, bound, n_bound, o->out_path, NULL);
}
