/*
 * compile.h: one compile of one brief, from its YAML to its PDF, through
 * every stage with a gate after each: a stage that reported an error
 * stops the compile, and the PDF is written atomically, so a failed
 * compile never replaces or damages a good PDF.
 */
#ifndef BRIEFC_BUILD_COMPILE_H
#define BRIEFC_BUILD_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag/diag.h"

typedef struct build_options {
    const char *brief_path;
    const char *out_path;      /* the PDF to write; NULL with check_only */
    const char *fonts_dir;     /* NULL: the default (see build_fonts_dir) */
    bool check_only;           /* validate everything, write nothing */
    bool strict;               /* warnings are errors */
    bool dump_layout;          /* print the display list to stdout */
    bool stats;                /* print typesetting statistics to stdout */
} build_options;

/* Runs the compile; reports to d. Returns true on success. */
bool build_compile(const build_options *o, diag_list *d);

/* The fonts folder: $BRIEFC_FONTS, else the one the build was configured
 * with, else fonts/ beside the executable's parent folder (composed in
 * buf, of `size` bytes). */
const char *build_fonts_dir(char *buf, size_t size);

#endif
