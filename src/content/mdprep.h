/*
 * mdprep.h: the line-based pass that runs over Markdown before cmark-gfm.
 * It does what no Markdown library does: turns Pandoc's inline notes
 * `^[...]` into a marker in place and their bodies into block quotes
 * after the text, citations and figure references into markers,
 * `H~2~O` and `x^2^` into script markers; it checks footnote labels
 * (defined twice, never defined, never used), and keeps a byte map from
 * its output back to its input so every later position still points into
 * the user's file.
 */
#ifndef BRIEFC_CONTENT_MDPREP_H
#define BRIEFC_CONTENT_MDPREP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "diag/diag.h"

/* Markers are rare Unicode punctuation (category Po), not letters, so
 * cmark's smart quotes and emphasis rules treat them as they would the
 * "[" they replace. A citation [see @a, p. 2; @b] becomes
 * MDPREP_CITE_OPEN <digits> MDPREP_CLOSE; a figure reference @fig:ID (or
 * [@fig:ID]) MDPREP_FIG_OPEN <digits> MDPREP_CLOSE; ~sub~ and ^sup^
 * MDPREP_SUB_OPEN / MDPREP_SUP_OPEN, the text, MDPREP_SCRIPT_CLOSE. */
#define MDPREP_CLOSE "\xe2\xb8\xb1"         /* U+2E31 word separator middle dot */
#define MDPREP_CITE_OPEN "\xe2\xb8\xb2"     /* U+2E32 turned comma */
#define MDPREP_FIG_OPEN "\xe2\xb8\xb3"      /* U+2E33 raised dot */
#define MDPREP_SUB_OPEN "\xe2\xb8\xb4"      /* U+2E34 raised comma */
#define MDPREP_SUP_OPEN "\xe2\xb8\xb5"      /* U+2E35 turned semicolon */
#define MDPREP_SCRIPT_CLOSE "\xe2\xb8\xb6"  /* U+2E36 dagger with left guard */
/* An inline note: MDPREP_NOTE_OPEN <digits> MDPREP_CLOSE in place. */
#define MDPREP_NOTE_OPEN "\xe2\xb8\xb0"     /* U+2E30 ring point */

/* The last position found on a line, so positions found in order along
 * a long line cost what lies between them, not the way from the line's
 * start (one per line: notes' definitions are found in between). */
typedef struct md_locate_cache {
    size_t offset;
    int col;
} md_locate_cache;

/* Where a text came from, for mapping positions back. */
typedef struct md_origin {
    const char *file;
    const char *input;       /* the text in the file's terms */
    size_t input_len;
    int line_offset, col_offset;   /* where input[0] sits in the file */
    const size_t *line_starts;     /* input offsets of each line (set by mdprep_run) */
    size_t n_lines;
    md_locate_cache *cache;        /* one per line, set by mdprep_run, shared by its texts */
} md_origin;

/* Where a run of output bytes came from: from `in` on, byte for byte
 * (copied), or all from `in` (written by the pass: a marker, a label). */
typedef struct md_span {
    uint32_t out, in;
    bool copied;
} md_span;

typedef struct md_text {
    char *text;              /* NUL-terminated */
    size_t len;
    md_span *spans;          /* the input offset of every output byte, and of len:
                              * runs in output order, the first at 0 */
    size_t n_spans;
    size_t *line_starts;     /* output offset of each line's start */
    size_t n_lines;
    md_origin origin;
} md_text;

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
    md_cite *cites;
    size_t n_cites, cap_cites;
    md_figref *figrefs;
    size_t n_figrefs, cap_figrefs;
    size_t n_inline_notes;
    size_t *note_at;         /* where each inline note's body, "> " and its text,
                              * starts in main.text (rising), then one past
                              * the end */
} md_prepared;

/* Runs the pass over origin->input. A footnote defined twice, called but
 * never defined (an error, with a did-you-mean hint) or defined but never
 * called (a warning) is reported to d. The arena owns all. */
void mdprep_run(arena *a, diag_list *d, const md_origin *origin, md_prepared *out);

/* Maps a cmark position (1-based line, 1-based byte column) in t back to
 * the file: a 1-based line and character column. */
src_loc mdprep_locate(const md_text *t, int line, int byte_col);
/* Maps an output byte offset of t back to the file. */
src_loc mdprep_locate_offset(const md_text *t, size_t offset);

#endif
