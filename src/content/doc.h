/*
 * doc.h: the document tree, the content module's one data structure.
 * Blocks (headings, paragraphs, lists, quotes, code, images, rules) hold
 * styled inline runs; footnotes are numbered through the document and
 * kept in one list, each with the blocks of its body. Layout reads this
 * tree and never sees YAML or Markdown.
 */
#ifndef BRIEFC_CONTENT_DOC_H
#define BRIEFC_CONTENT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/arena.h"
#include "diag/diag.h"
#include "image/image.h"

typedef enum {
    DOC_ROOT,        /* children: the body blocks */
    DOC_HEADING,     /* runs; level 1..6 */
    DOC_PARAGRAPH,   /* runs */
    DOC_QUOTE,       /* children */
    DOC_LIST,        /* children: DOC_ITEM; ordered, start, tight */
    DOC_ITEM,        /* children */
    DOC_CODE,        /* text: the literal lines */
    DOC_RULE,        /* a thematic break */
    DOC_IMAGE,       /* img, alt */
    DOC_BOX,         /* children: set in a shaded box (a brief's summary) */
} doc_kind;

/* Inline styles, combined as bits. */
enum {
    DOC_STYLE_BOLD = 1,
    DOC_STYLE_ITALIC = 2,
    DOC_STYLE_CODE = 4,
};

typedef enum {
    RUN_TEXT,        /* text with a style, maybe a link */
    RUN_NOTE_REF,    /* the call of footnote `note` */
    RUN_BREAK,       /* a hard line break */
} doc_run_kind;

typedef struct doc_run {
    doc_run_kind kind;
    unsigned style;
    const char *text;   /* UTF-8, not NUL-terminated within larger text: use len */
    size_t len;
    const char *link;   /* URI of the enclosing link, or NULL */
    int note;           /* RUN_NOTE_REF: the note's number (1-based) */
    src_loc loc;
} doc_run;

typedef struct doc_block doc_block;
struct doc_block {
    doc_kind kind;
    src_loc loc;
    doc_block *first, *last, *next;   /* children and siblings */
    doc_run *runs;
    size_t n_runs, cap_runs;
    int level;                /* heading level */
    bool ordered, tight;      /* lists */
    int start;                /* first number of an ordered list */
    const char *text;         /* code block literal (NUL-terminated) */
    size_t len;
    const image *img;         /* image */
    const char *alt;          /* image alt text, UTF-8 */
};

typedef struct doc_note {
    int number;
    src_loc loc;             /* where it is defined */
    doc_block *body;         /* a DOC_ROOT holding the note's blocks */
} doc_note;

typedef struct doc {
    const char *title, *subtitle, *date_text;
    const char *short_title;  /* the running head's text */
    bool toc;
    const char **authors;
    size_t n_authors;
    bool a4;
    doc_block *root;
    doc_note *notes;         /* notes[i].number == i + 1 */
    size_t n_notes, cap_notes;
} doc;

doc_block *doc_block_new(arena *a, doc_kind kind, src_loc loc);
void doc_block_append(doc_block *parent, doc_block *child);
doc_run *doc_block_add_run(arena *a, doc_block *b, doc_run_kind kind);

/* Writes an indented text form of the tree, for tests and debugging. */
void doc_dump(const doc *d, FILE *out);

#endif
