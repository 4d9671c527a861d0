/*
 * mdprep.h: the line-based pass that runs over Markdown before cmark.
 * It takes footnote definitions out (cmark would eat `[^1]: Word` as a
 * link reference definition), replaces inline notes `^[...]` by markers,
 * hides `[^` from cmark so a reference can never become a link, and keeps
 * a byte map from its output back to its input so every later position
 * still points into the user's file.
 */
#ifndef BRIEFC_CONTENT_MDPREP_H
#define BRIEFC_CONTENT_MDPREP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "diag/diag.h"

/* In the output, "[^" becomes MDPREP_REF_OPEN "^", and an inline note
 * becomes MDPREP_INLINE_OPEN <digits> MDPREP_INLINE_CLOSE. The markers are
 * rare Unicode punctuation (category Po), not letters, so cmark's smart
 * quotes treat `word."[^1]` as a closing quote, as they would the "[". */
#define MDPREP_REF_OPEN "\xe2\xb8\xae"      /* U+2E2E reversed question mark */
#define MDPREP_INLINE_OPEN "\xe2\xb8\xb0"   /* U+2E30 ring point */
#define MDPREP_INLINE_CLOSE "\xe2\xb8\xb1"  /* U+2E31 word separator middle dot */
/* A citation [see @a, p. 2; @b] becomes MDPREP_CITE_OPEN <digits> MDPREP_INLINE_CLOSE. */
#define MDPREP_CITE_OPEN "\xe2\xb8\xb2"     /* U+2E32 turned comma */
/* A figure reference @fig:ID (or [@fig:ID]) becomes MDPREP_FIG_OPEN <digits> MDPREP_INLINE_CLOSE. */
#define MDPREP_FIG_OPEN "\xe2\xb8\xb3"      /* U+2E33 raised dot */

/* Where a text came from, for mapping positions back. */
typedef struct md_origin {
    const char *file;
    const char *input;       /* the text in the file's terms */
    size_t input_len;
    int line_offset, col_offset;   /* where input[0] sits in the file */
    const size_t *line_starts;     /* input offsets of each line (set by mdprep_run) */
    size_t n_lines;
} md_origin;

typedef struct md_text {
    char *text;              /* NUL-terminated */
    size_t len;
    uint32_t *map;           /* map[i]: input offset of output byte i (len + 1 entries) */
    size_t *line_starts;     /* output offset of each line's start */
    size_t n_lines;
    md_origin origin;
} md_text;

typedef struct md_footdef {
    const char *label;
    src_loc loc;             /* of the '[' that opens the definition */
    md_text body;            /* the note's Markdown, continuation lines de-indented */
    int uses;                /* references seen (filled in by the converter) */
    int number;              /* note number once first referenced, else 0 */
    bool duplicate;          /* a second definition of the label (reported) */
} md_footdef;

typedef struct md_inline_note {
    src_loc loc;             /* of the '^' */
    md_text body;
} md_inline_note;

typedef struct md_cite {
    src_loc loc;             /* of the '[' */
    const char *text;        /* what is between the brackets, as written */
    size_t len;
} md_cite;

typedef struct md_figref {
    src_loc loc;             /* of the '@' (or of the '[' around it) */
    const char *id;          /* what follows "@fig:" */
} md_figref;

typedef struct md_prepared {
    md_text main;
    md_footdef *defs;
    size_t n_defs, cap_defs;
    md_inline_note *inlines;
    size_t n_inlines, cap_inlines;
    md_cite *cites;
    size_t n_cites, cap_cites;
    md_figref *figrefs;
    size_t n_figrefs, cap_figrefs;
} md_prepared;

/* Runs the pass over origin->input. Duplicate definitions are reported
 * to d (error at the second, note at the first). The arena owns all. */
void mdprep_run(arena *a, diag_list *d, const md_origin *origin, md_prepared *out);

/* Maps a cmark position (1-based line, 1-based byte column) in t back to
 * the file: a 1-based line and character column. */
src_loc mdprep_locate(const md_text *t, int line, int byte_col);
/* Maps an output byte offset of t back to the file. */
src_loc mdprep_locate_offset(const md_text *t, size_t offset);

#endif
