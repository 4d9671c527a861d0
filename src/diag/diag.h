/*
 * diag.h: diagnostics in the style of a C compiler.
 * Every stage reports problems in the user's input here, with the file,
 * line and column they concern; the build decides at each stage gate
 * whether to go on. Messages print as "file:line:col: error: message".
 */
#ifndef BRIEFC_DIAG_H
#define BRIEFC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A place in an input file. line and col are 1-based; col counts
 * characters (code points), not bytes. line 0 means "the whole file". */
typedef struct src_loc {
    const char *file;
    int line;
    int col;
} src_loc;

typedef enum {
    DIAG_ERROR,
    DIAG_WARNING,
    DIAG_NOTE,
} diag_severity;

typedef struct diag_list diag_list;

/* diag_print shows this many errors (with their notes), then counts the
 * rest in one line "N more errors not shown". */
#define DIAG_MAX_SHOWN 50
/* A source excerpt longer than this many characters is cut around the
 * column. */
#define DIAG_EXCERPT_WIDTH 100

typedef struct diag_entry {
    diag_severity severity;
    src_loc loc;
    const char *message;
    const char *hint;       /* NULL or a "did you mean"-style help line */
} diag_entry;

diag_list *diag_new(void);
void diag_free(diag_list *d);           /* diag_free(NULL) is a no-op */

/* Each returns false so a caller can write `return diag_error(...)`. */
bool diag_error(diag_list *d, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool diag_warning(diag_list *d, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool diag_note(diag_list *d, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Attaches a hint to the most recent diagnostic. */
void diag_hint(diag_list *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Makes a file's text known so printing can show the offending line
 * under the message. The text is copied. */
void diag_add_source(diag_list *d, const char *file, const char *text, size_t len);

size_t diag_count(const diag_list *d);
const diag_entry *diag_get(const diag_list *d, size_t i);
int diag_error_count(const diag_list *d);
int diag_warning_count(const diag_list *d);
/* Turns every warning into an error (for --strict). */
void diag_set_warnings_as_errors(diag_list *d, bool on);

/* Prints the diagnostics in the order reported, up to DIAG_MAX_SHOWN
 * errors and as many warnings, then one line counting those left out. With show_source, the
 * source line (cut around the column when long) and a caret follow each
 * message (when the text is known); with color, severities are coloured. */
void diag_print(const diag_list *d, FILE *out, bool show_source, bool color);
/* The same as JSON lines, one object per diagnostic: file, line, column,
 * severity, message, hint (null when none), for schedulers and editors. */
void diag_print_json(const diag_list *d, FILE *out);
/* One diagnostic as that JSON object, appended to b (a report's). */
struct buf;
void diag_entry_json(struct buf *b, const diag_entry *e);

/* The candidate closest to word by edit distance, or NULL when none is
 * close enough to be a likely typo. */
const char *diag_suggest(const char *word, const char *const *candidates, size_t n);

#endif
