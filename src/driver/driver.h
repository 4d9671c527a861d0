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

typedef struct driver_options {
    const char *brief_path;    /* a brief, or a packet */
    const char *out_path;      /* the PDF to write; NULL with check_only */
    const char *fonts_dir;     /* NULL: the default (see driver_fonts_dir) */
    bool check_only;           /* validate everything, write nothing */
    bool strict;               /* warnings are errors */
    bool dump_layout;          /* print the display list to stdout */
    bool stats;                /* print typesetting statistics to stdout */
} driver_options;

/* Runs the compile of a brief or a packet; reports to d. True on success. */
bool driver_compile(const driver_options *o, diag_list *d);

/* The fonts folder: $BRIEFC_FONTS, else the one the build was configured
 * with, else fonts/ beside the executable's parent folder (composed in
 * buf, of `size` bytes). */
const char *driver_fonts_dir(char *buf, size_t size);

#endif
