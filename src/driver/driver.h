/*
 * driver.h: a compile, from YAML to PDF, as stages that can be called one
 * by one: load a brief (its model), build its content (the document
 * tree), lay it out (pages waiting for their numbers), number it, write
 * the PDF. A gate after each stage stops at the first stage that reported
 * an error, and the PDF is written atomically, so a failed compile never
 * replaces or damages a good PDF. One driver serves every document of a
 * compile (a brief alone, or a packet's documents) and shares what they
 * can share: the loaded fonts and hyphenation patterns.
 */
#ifndef BRIEFC_DRIVER_H
#define BRIEFC_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag/diag.h"

/* What a compile made, for `briefc build`'s progress lines. */
typedef struct driver_result {
    int pages;
} driver_result;

typedef struct driver_options {
    const char *brief_path;    /* a brief, or a packet */
    const char *out_path;      /* the PDF to write; NULL with check_only */
    const char *fonts_dir;     /* NULL: the default (see driver_fonts_dir) */
    bool check_only;           /* validate everything, write nothing */
    bool strict;               /* warnings are errors */
    bool dump_layout;          /* print the display list to stdout */
    bool stats;                /* print typesetting statistics to stdout */
    const char *deps_path;     /* a make/ninja depfile of every file read, or NULL */
    const char *record_path;   /* briefc's own record of every input and its hash, or NULL */
    driver_result *result;     /* filled on success, or NULL */
    /* --pdf-standard: the standards the PDF claims (BRIEF_STD_* bits of
     * brief/brief.h), in place of the brief's pdf-standard:; 0: the brief's. */
    unsigned pdf_standard;
    bool record_always;        /* the record even of a failed compile (watch) */
    /* Loaded once by `briefc build` and shared, read-only, by the compiles
     * of its threads (NULL: each compile loads its own): the default
     * families' faces from fonts_dir, and the hyphenation patterns. */
    const struct text_fonts *shared_fonts;
    const struct text_hyph *shared_hyph;
} driver_options;

/* Whether the record at record_path (written by a compile) still holds:
 * every file it lists has the same content, briefc is the same version,
 * and a brief dated today was built today. */
bool driver_record_fresh(const char *record_path);
/* The page count the record's build made (0: unknown). */
int driver_record_pages(const char *record_path);

/* Parses --pdf-standard's value: ua-1, a-2b, a-2u, or several joined by
 * commas ("ua-1,a-2u"). False for anything else (a-2b with a-2u too). */
bool driver_parse_standard(const char *s, unsigned *out);

/* Runs the compile of a brief or a packet; reports to d. True on success. */
bool driver_compile(const driver_options *o, diag_list *d);

/* Exit statuses of `briefc build` (and of the CLI): the environment
 * status tells a scheduler that the machine, not a brief, is broken. */
enum {
    DRIVER_OK = 0,
    DRIVER_FAILED = 1,         /* a document failed; the others were built */
    DRIVER_USAGE = 2,
    DRIVER_ENVIRONMENT = 3,    /* fonts, patterns or the output folder */
    DRIVER_BUSY = 4,           /* another build holds the output folder */
};

typedef struct driver_build_options {
    const char *dir;           /* the shelf: every *.yaml in it */
    const char *out_dir;
    const char *fonts_dir;     /* NULL: the default */
    int jobs;                  /* documents compiled at once */
    bool strict, force;
    bool color;                /* diagnostics in colour */
    bool json;                 /* diagnostics as JSON lines */
    int shard, shards;         /* build the shard-th (1-based) of `shards` slices; 0: all */
    const char *report_path;   /* a JSON report of every document, or NULL */
    const char *cache_dir;     /* PDFs shared between machines by content hash, or NULL */
} driver_build_options;

/* Builds every brief and packet of the shelf that changed since its last
 * good build; returns one of the statuses above. */
int driver_build(const driver_build_options *o);

/* Removes the temporary files of PDFs being written when SIGINT, SIGTERM
 * or SIGHUP ends the process (for the command line). */
void driver_cleanup_on_signals(void);

/* The fonts folder: $BRIEFC_FONTS, else the one the build was configured
 * with, else fonts/ beside the executable's parent folder (composed in
 * buf, of `size` bytes). */
const char *driver_fonts_dir(char *buf, size_t size);

/* Compiles o's brief, then again whenever a file it read changes, until
 * a signal ends the process (`briefc watch`). Diagnostics go to stderr. */
int driver_watch(const driver_options *o, bool color);

/* The build identity: a hash of briefc's version, the faces in fonts_dir
 * and the hyphenation patterns (what `--version` prints). */
unsigned long long driver_identity(const char *fonts_dir);

#endif
