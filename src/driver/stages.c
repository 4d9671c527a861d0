/*
 * stages.c: the stages one document goes through (see stages.h), and the
 * driver that holds what the documents of one compile share.
 */
#include "driver/stages.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "config.h"
#include "content/content.h"
#include "image/image.h"

/* The last second a PDF date (and a brief's date) can hold: 9999-12-31
 * 23:59:59 UTC. */
#define MAX_EPOCH 253402300799LL

/* SOURCE_DATE_EPOCH when set (reproducible builds), else the clock. A
 * value that is not whole seconds from 0 to MAX_EPOCH is an error: a
 * build that asked to be reproducible must not quietly use the clock. */
static time_t now(diag_list *d, bool *reproducible)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        src_loc at = {"SOURCE_DATE_EPOCH", 0, 0};
        if (*end != '\0' || !(sde[0] >= '0' && sde[0] <= '9')) {
            diag_error(d, at, "'%s' is not a number of seconds", sde);
            diag_hint(d, "SOURCE_DATE_EPOCH is the build's time in whole seconds since "
                         "1970-01-01 UTC, e.g. 1700000000; unset it to use the clock");
        } else if (errno == ERANGE || v > MAX_EPOCH) {
            diag_error(d, at, "'%s' is out of range", sde);
            diag_hint(d, "SOURCE_DATE_EPOCH runs from 0 to %lld (9999-12-31 23:59:59 UTC), "
                         "the years a PDF date can hold", MAX_EPOCH);
        } else {
            *reproducible = true;
            return (time_t)v;
        }
    }
    return time(NULL);
}

/* YYYY-MM-DD of t (UTC); never reads a struct tm gmtime_r did not fill. */
static void day_of(time_t t, char out[16])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        tm = (struct tm){.tm_year = 70, .tm_mday = 1};
    strftime(out, 16, "%Y-%m-%d", &tm);
}

void driver_today(diag_list *d, char today[16])
{
    bool reproducible = false;
    day_of(now(d, &reproducible), today);
}

driver *driver_new(const driver_options *o, diag_list *d)
{
    arena *a = arena_new();
    file_record_start(a);
    file_note_value(a, "(briefc)", "briefc " BRIEFC_VERSION);
    driver *dr = arena_alloc(a, sizeof *dr);
    dr->a = a;
    dr->d = d;
    dr->o = o;
    dr->fonts_dir = o->fonts_dir ? o->fonts_dir : driver_fonts_dir(dr->fonts_buf, sizeof dr->fonts_buf);
    dr->now = now(d, &dr->reproducible);
    day_of(dr->now, dr->today);
    return dr;
}

void driver_free(driver *dr)
{
    if (!dr)
        return;
    for (size_t i = 0; i < dr->n_font_sets; i++)
        text_fonts_free(dr->font_sets[i].fonts);
    for (size_t i = 0; i < dr->n_doc_arenas; i++)
        arena_free(dr->doc_arenas[i]);
    text_hyph_free(dr->hyph);
    arena_free(dr->a);
}

static bool same_name(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

const text_fonts *driver_fonts(driver *dr, const brief_style *bs)
{
    if (dr->o->shared_fonts && !bs->fonts[0] && !bs->fonts[1] && !bs->fonts[2]) {
        /* Shared, through a view of this compile's own: the faces it asks
         * for are its inputs (noted in its record, each hashed once for all
         * compiles), and a face that fails to load is reported to it. */
        if (!dr->shared_view)
            dr->shared_view = text_fonts_view(dr->a, dr->d, dr->o->shared_fonts);
        return dr->shared_view;
    }
    for (size_t i = 0; i < dr->n_font_sets; i++) {
        font_set *fs = &dr->font_sets[i];
        if (same_name(fs->serif, bs->fonts[0]) && same_name(fs->sans, bs->fonts[1]) &&
            same_name(fs->mono, bs->fonts[2]))
            return fs->fonts;
    }
    text_families fam = {bs->fonts[0], bs->fonts[1], bs->fonts[2],
                         bs->fonts_loc[0], bs->fonts_loc[1], bs->fonts_loc[2]};
    text_fonts *fonts = text_fonts_load(dr->a, dr->d, dr->fonts_dir, &fam);
    if (!fonts)
        return NULL;
    font_set *fs = ARENA_PUSH(dr->a, dr->font_sets, dr->n_font_sets, dr->cap_font_sets);
    *fs = (font_set){bs->fonts[0], bs->fonts[1], bs->fonts[2], fonts};
    return fonts;
}

void driver_note_fonts(driver *dr)
{
    for (size_t i = 0; i < dr->n_font_sets; i++)
        text_fonts_note(dr->font_sets[i].fonts, dr->a);
    text_fonts_note(dr->shared_view, dr->a);
}

const text_hyph *driver_hyphenation(driver *dr)
{
    if (dr->o->shared_hyph) {
        file_note(dr->a, TEXT_HYPH_DEFAULT, NULL, 0);
        return dr->o->shared_hyph;
    }
    if (!dr->hyph_loaded) {
        dr->hyph = text_hyph_load(dr->d, TEXT_HYPH_DEFAULT);
        dr->hyph_loaded = true;
        if (dr->hyph)
            file_note(dr->a, TEXT_HYPH_DEFAULT, NULL, 0);
    }
    return dr->hyph;
}

/* Each stage's gate counts only the errors it reported itself, so the
 * documents of a packet pass or fail one by one. */
driver_doc *driver_load(driver *dr, const char *path)
{
    int errors = diag_error_count(dr->d);
    driver_doc *dd = arena_alloc(dr->a, sizeof *dd);
    dd->path = path;
    dd->b = brief_load(dr->a, dr->d, path, dr->today);
    return dd->b && diag_error_count(dr->d) == errors ? dd : NULL;
}

/* An arena of one document's, which driver_free frees if the compile
 * stops before doc_arena_free does. */
static arena *doc_arena(driver *dr)
{
    arena *a = arena_new();
    file_record_share(dr->a, a);
    *(arena **)ARENA_PUSH(dr->a, dr->doc_arenas, dr->n_doc_arenas, dr->cap_doc_arenas) = a;
    return a;
}

static void doc_arena_free(driver *dr, arena *a)
{
    for (size_t i = 0; a && i < dr->n_doc_arenas; i++)
        if (dr->doc_arenas[i] == a) {
            arena_free(a);
            dr->doc_arenas[i] = NULL;
        }
}

bool driver_content(driver *dr, driver_doc *dd)
{
    int errors = diag_error_count(dr->d);
    if (!dd->a)
        dd->a = doc_arena(dr);
    dd->D = content_build(dd->a, dr->a, dr->d, dd->b);
    if (dd->D && (dr->std & BRIEF_STD_UA1))
        content_check_alt(dd->D, dd->b, dr->d);
    /* The sections' parse trees are gone; the layout should not stack on them. */
    arena_return_freed();
    return dd->D && diag_error_count(dr->d) == errors;
}

bool driver_style(driver *dr, const brief_style *s, brief_paper paper, layout_style *st)
{
    arena *a = dr->a;
    diag_list *d = dr->d;
    layout_style_default(st, paper == PAPER_A4);
    if (s->margins[0] > 0) {
        st->margin_top = s->margins[0];
        st->margin_right = s->margins[1];
        st->margin_bottom = s->margins[2];
        st->margin_left = s->margins[3];
    }
    if (s->font_size > 0) {
        double scale = s->font_size / st->body_size;
        st->body_size = s->font_size;
        st->note_size *= scale;
        st->note_leading *= scale;
        st->code_size *= scale;
        st->code_leading *= scale;
        st->body_leading = s->leading > 0 ? s->leading : s->font_size * 1.38;
    } else if (s->leading > 0) {
        st->body_leading = s->leading;
    }
    for (int i = 0; i < 6; i++)
        if (s->heading_sizes[i] > 0)
            st->heading_size[i] = s->heading_sizes[i];
    if (s->has_accent)
        st->accent = (disp_color){s->accent[0], s->accent[1], s->accent[2]};
    st->organisation = s->organisation;
    st->footer = s->footer;
    st->header = s->header;
    st->plain_title = s->plain_title;
    st->protrusion = s->has_protrusion ? s->protrusion : true;
    if (s->logo) {
        image *img = arena_alloc(a, sizeof *img);
        char err[256];
        if (!image_open(a, s->logo, img, err, sizeof err))
            return diag_error(d, s->logo_loc, "cannot use logo '%s': %s", s->logo, err);
        st->logo = img;
    }
    return true;
}

bool driver_layout(driver *dr, driver_doc *dd)
{
    int errors = diag_error_count(dr->d);
    const brief *b = dd->b;
    dd->fonts = driver_fonts(dr, &b->style);
    if (!dd->fonts || diag_error_count(dr->d) != errors)
        return false;
    /* The brief's own paper: wins over the style's. */
    brief_paper paper = b->paper_given || !b->style.has_paper ? b->paper : b->style.paper;
    if (!driver_style(dr, &b->style, paper, &dd->st))
        return false;
    /* The mark's text is resolved by content: "DRAFT" is a word of the language. */
    const doc *D = dd->D;
    dd->st.watermark = arena_strdup(dr->a, D->mark);
    if (!dd->la)
        dd->la = doc_arena(dr);
    if (!dd->pa)
        dd->pa = doc_arena(dr);
    dd->L = layout_flow(dd->la, dr->a, dd->pa, dr->d, D, dd->fonts, driver_hyphenation(dr),
                        &dd->st, &dd->stats);
    dd->title = arena_strdup(dr->a, D->title);
    dd->subtitle = arena_strdup(dr->a, D->subtitle);
    dd->short_title = arena_strdup(dr->a, D->short_title);
    dd->lang = D->lang ? D->lang : doc_lang_default();
    dd->words = doc_word_count(D, true);
    dd->spoken = doc_word_count(D, false);
    doc_arena_free(dr, dd->a);
    dd->a = NULL;
    dd->D = NULL;
    layout_paginate(dd->L);
    driver_note_fonts(dr);
    return diag_error_count(dr->d) == errors;
}

void driver_release(driver *dr, driver_doc *dd)
{
    doc_arena_free(dr, dd->a);
    doc_arena_free(dr, dd->la);
    dd->a = dd->la = NULL;
    dd->D = NULL;
    dd->L = NULL;
    /* The lines go: the PDF writer is not stacked on what they leave. */
    arena_return_freed();
}

void driver_drop_pages(driver *dr, driver_doc *dd, display_doc *doc)
{
    display_drop_items(doc);
    doc_arena_free(dr, dd->pa);
    dd->pa = NULL;
}

long long driver_created(const driver *dr, bool has_date, int year, int month, int day)
{
    if (dr->reproducible)
        return (long long)dr->now;
    if (!has_date)
        return -1;
    struct tm tm = {0};
    tm.tm_year = year - 1900;
    tm.tm_mon = month ? month - 1 : 0;
    tm.tm_mday = day ? day : 1;
    return (long long)timegm(&tm);
}

void driver_metadata(driver *dr, const driver_doc *dd, display_doc *out)
{
    const brief *b = dd->b;
    /* The document's plain texts: Markdown read, quotes curled. */
    out->title = dd->title;
    if (b->n_authors) {
        buf au;
        buf_init(&au);
        for (size_t i = 0; i < b->n_authors; i++) {
            if (i)
                buf_puts(&au, ", ");
            buf_puts(&au, b->authors[i]);
        }
        out->author = buf_to_arena(&au, dr->a);
        buf_fini(&au);
    }
    out->subject = dd->subtitle;
    out->lang = dd->lang->code;
    out->creator = "briefc " BRIEFC_VERSION;
    out->created = driver_created(dr, b->has_date, b->year, b->month, b->day);
}

/* Spoken testimony runs at about 130 words a minute. */
#define ORAL_WORDS_PER_MINUTE 130.0

void driver_report(driver *dr, const driver_doc *dd, const char *name, bool print)
{
    const brief *b = dd->b;
    size_t words = dd->words, spoken = dd->spoken;
    size_t pages = layout_page_count(dd->L);
    bool testimony = b->oral_limit > 0 || (b->style.name && strcmp(b->style.name, "testimony") == 0);
    double minutes = spoken / ORAL_WORDS_PER_MINUTE;
    if (print) {
        printf("%-28s %5zu words %4zu page%s", name, words, pages, pages == 1 ? " " : "s");
        if (testimony)
            printf("  read aloud in about %.1f min", minutes);
        if (b->oral_limit > 0)
            printf(" (limit %g min)", b->oral_limit);
        putchar('\n');
    }
    if (b->oral_limit > 0 && minutes > b->oral_limit) {
        diag_warning(dr->d, b->oral_limit_loc,
                     "read aloud, this testimony takes about %.1f minutes (%zu words at %.0f "
                     "a minute), over its oral limit of %g",
                     minutes, spoken, ORAL_WORDS_PER_MINUTE, b->oral_limit);
        diag_hint(dr->d, "shorten the oral statement, or submit the full text for the record "
                         "and summarise it aloud");
    }
}
