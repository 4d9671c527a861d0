/*
 * stages.h: the driver's stages, private to src/driver. A driver holds
 * what every document of one compile shares (the arena, the options, the
 * loaded fonts by family, the hyphenation patterns, today's date); a
 * driver_doc is one brief going through the stages.
 */
#ifndef BRIEFC_DRIVER_STAGES_H
#define BRIEFC_DRIVER_STAGES_H

#include <limits.h>
#include <time.h>

#include "base/arena.h"
#include "brief/brief.h"
#include "content/doc.h"
#include "driver/driver.h"
#include "layout/layout.h"
#include "text/font.h"
#include "text/hyph.h"

typedef struct font_set {
    const char *serif, *sans, *mono;   /* the family names (NULL: default) */
    text_fonts *fonts;
} font_set;

typedef struct driver {
    arena *a;
    diag_list *d;
    const driver_options *o;
    const char *fonts_dir;
    char fonts_buf[PATH_MAX];
    font_set *font_sets;       /* loaded once per set of families */
    text_fonts *shared_view;   /* this compile's view of the shared default set */
    size_t n_font_sets, cap_font_sets;
    text_hyph *hyph;
    bool hyph_loaded;
    arena **doc_arenas;        /* the documents' own (driver_doc.a), NULL once freed */
    size_t n_doc_arenas, cap_doc_arenas;
    time_t now;                /* SOURCE_DATE_EPOCH, or the clock */
    bool reproducible;         /* SOURCE_DATE_EPOCH is set */
    char today[16];            /* YYYY-MM-DD, for `date: today` */
    unsigned std;              /* the standards the PDF claims (BRIEF_STD_*) */
} driver;

typedef struct driver_doc {
    const char *path;
    /* Its document tree, freed by driver_layout as soon as the text is
     * set in lines (D is NULL after), and its layout, freed by
     * driver_release once the display list (in the driver's arena, with
     * its images) is final: the pages and the PDF writer reuse that
     * memory. Each is a long brief's largest structure in its time. */
    arena *a, *la;
    /* What its pages show (their items, glyphs and points), freed by
     * driver_write once the PDF writer has drawn them, for a brief
     * alone; a packet's pages point into each of its documents'. */
    arena *pa;
    brief *b;
    doc *D;
    /* What the driver reads of D after it is gone (copies in its arena). */
    const char *title, *subtitle, *short_title;
    const doc_lang *lang;
    size_t words, spoken;     /* words of the whole, and of the text read aloud */
    const text_fonts *fonts;
    layout_style st;
    layout_doc *L;
    layout_stats stats;
} driver_doc;

/* A driver for one compile; everything it makes lives in its arena. */
driver *driver_new(const driver_options *o, diag_list *d);
void driver_free(driver *dr);

/* The stages: each returns false (or NULL) when it reported an error. */
driver_doc *driver_load(driver *dr, const char *path);
bool driver_content(driver *dr, driver_doc *dd);
/* Frees dd's layout (L): after layout_finish, and after whatever reads
 * it (driver_report). */
void driver_release(driver *dr, driver_doc *dd);
/* Fonts and style, then the layout: pages without their numbers. The
 * document tree is freed once its text is set in lines. */
bool driver_layout(driver *dr, driver_doc *dd);
/* The fonts of a style's families, loaded on first use. */
const text_fonts *driver_fonts(driver *dr, const brief_style *bs);
/* Notes in the compile's record the faces its own font sets loaded so
 * far: faces load when first consulted, so these are its inputs. */
void driver_note_fonts(driver *dr);
/* The hyphenation patterns, loaded on first use (NULL: none). */
const text_hyph *driver_hyphenation(driver *dr);
/* The layout style from the built-in default and a style file. */
bool driver_style(driver *dr, const brief_style *s, brief_paper paper, layout_style *st);
/* The PDF's creation date: SOURCE_DATE_EPOCH when set, else the
 * document's own date (day 1 of a month, 1 January of a year), else -1. */
long long driver_created(const driver *dr, bool has_date, int year, int month, int day);
/* The PDF's information from the brief (title, authors, dates). */
void driver_metadata(driver *dr, const driver_doc *dd, display_doc *out);

/* Words, pages and, for testimony, the time to read it aloud (printed
 * when print); warns when a testimony runs over its oral-limit:. */
void driver_report(driver *dr, const driver_doc *dd, const char *name, bool print);

/* A PDF made elsewhere, bound page for page over placeholder pages. */
typedef struct driver_bound {
    int page;                  /* the placeholder's page in the display list */
    const char *src;
    int src_page;
} driver_bound;

/* Gives the temporary file tmp the mode target should have: the one of
 * the file it replaces, else what the umask gives a new file. */
bool driver_give_mode(const char *tmp, const char *target);
/* Today's date (YYYY-MM-DD): SOURCE_DATE_EPOCH's day when set. */
void driver_today(diag_list *d, char today[16]);

/* Temporary files that SIGINT/SIGTERM remove (cleanup.c): create makes
 * one from templ (ending in XXXXXX, as mkstemp's) and enters it in one
 * step, returning its descriptor, open and locked while the file is
 * written (the table owns it: do not close it), and *slot to pass to done
 * once the file is renamed or removed, which closes it. */
int driver_temp_create(char *templ, int *slot);
/* Removes the files in dir whose names start with prefix that a killed
 * run left (no living process holds their lock). */
void driver_temp_sweep(const char *dir, const char *prefix);
void driver_temp_done(int slot);

/* Writes data to path atomically (a temporary file beside it, flushed,
 * given path's mode, renamed over it); false with errno set on failure. */
bool driver_write_bytes(const char *path, const void *data, size_t len);

/* Writes doc atomically to out (binding the bound pages in, if any),
 * each face cut down to the glyphs it draws; frees the page content of
 * dd (NULL: none) once the writer has drawn it. */
bool driver_write(driver *dr, display_doc *doc, const driver_bound *bound, size_t n_bound,
                  const char *out, driver_doc *dd);
/* Frees what dd's pages show (dd->pa); doc, its display list, forgets it. */
void driver_drop_pages(driver *dr, driver_doc *dd, display_doc *doc);

/* The packet compile (packet.c). */
bool driver_packet(driver *dr);

#endif
