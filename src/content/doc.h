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
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "content/lang.h"
#include "diag/diag.h"
#include "image/image.h"

typedef enum {
    DOC_ROOT,        /* children: the body blocks */
    DOC_HEADING,     /* runs; level 1..6 (1: the body's top level) */
    DOC_PARAGRAPH,   /* runs */
    DOC_QUOTE,       /* children */
    DOC_LIST,        /* children: DOC_ITEM; ordered, start, tight */
    DOC_ITEM,        /* children */
    DOC_CODE,        /* text: the literal lines */
    DOC_RULE,        /* a thematic break */
    DOC_IMAGE,       /* image: the picture, its alt text and size */
    DOC_BOX,         /* children: set in a shaded box (a brief's summary) */
    DOC_FIGURE,      /* figure: a numbered chart, table, key figures or image */
    DOC_PAGE_BREAK,  /* what follows starts a new page */
    DOC_CONTENTS,    /* the table of contents, set here (a packet's) */
} doc_kind;

/* Inline styles, combined as bits. */
enum {
    DOC_STYLE_BOLD = 1,
    DOC_STYLE_ITALIC = 2,
    DOC_STYLE_CODE = 4,
    DOC_STYLE_STRIKE = 8,     /* ~~struck~~ */
    DOC_STYLE_SUB = 16,       /* H~2~O */
    DOC_STYLE_SUP = 32,       /* x^2^ */
};

typedef enum {
    RUN_TEXT,        /* text with a style, maybe a link */
    RUN_NOTE_REF,    /* the call of footnote `note` */
    RUN_BREAK,       /* a hard line break */
    RUN_FIG_REF,     /* "Figure 2": text, linked ("#fig:ID") to figure `figure` */
} doc_run_kind;

typedef struct doc_run {
    doc_run_kind kind;
    unsigned style;
    const char *text;   /* UTF-8, not NUL-terminated within larger text: use len */
    size_t len;
    const char *link;   /* URI of the enclosing link, or NULL */
    int note;           /* RUN_NOTE_REF: the note's number (1-based) */
    int figure;         /* RUN_FIG_REF: index into doc.figures */
    src_loc loc;
} doc_run;

typedef enum {
    DOC_FIG_BAR,
    DOC_FIG_LINE,
    DOC_FIG_TABLE,
    DOC_FIG_STAT,
    DOC_FIG_IMAGE,
} doc_figure_kind;

typedef enum {
    DOC_ALIGN_LEFT,
    DOC_ALIGN_RIGHT,
    DOC_ALIGN_CENTER,
    DOC_ALIGN_DECIMAL,   /* numbers right-aligned on their decimal point */
} doc_align;

/* A series of a chart: values[i] for category i where present[i]. */
typedef struct doc_series {
    const char *name;           /* NULL: the chart's only series */
    const double *values;
    const bool *present;
} doc_series;

typedef struct doc_block doc_block;

/* A size the text asks for ({width=50%}, {width=3in}): points, or a share
 * of the measure; both 0 when not given. */
typedef struct doc_size {
    double points, fraction;
} doc_size;

/* A figure with its number, its texts converted and its data. A table
 * written in Markdown is one too: numbered only when it has a caption
 * (title), else set in the text without a label. */
typedef struct doc_figure {
    doc_figure_kind kind;
    const char *anchor;         /* "fig:ID": the name links to it use */
    src_loc loc;                /* its file, for messages about the text it shows */
    const char *label;          /* "Figure 2" or "Table 1"; NULL: not numbered */
    doc_block *title;           /* a paragraph: the title's runs; NULL: none */
    doc_block *caption;         /* a DOC_ROOT of Markdown blocks, or NULL */
    doc_block *note;            /* a paragraph starting "Note:", or NULL */
    doc_block *source;          /* a paragraph starting "Source:", or NULL */
    /* charts */
    const char *unit;           /* the value axis' label, or NULL */
    const char **categories;
    size_t n_categories;
    src_loc categories_loc;     /* where they are given, for messages about their labels */
    doc_series *series;
    size_t n_series;
    bool has_range;
    double range[2];
    bool horizontal, value_labels;
    int decimals;               /* for value labels */
    /* tables: n_rows rows of n_columns cells, row by row, each cell a
     * paragraph (its runs may call notes) */
    doc_block **headers;
    doc_align *align;
    size_t n_columns;
    doc_block **cells;
    const bool *numeric;        /* numeric[i]: cells[i] is a number */
    size_t n_rows;
    /* key figures */
    const char **stat_values;
    doc_block **stat_labels;    /* paragraphs */
    size_t n_stats;
    /* images */
    const image *img;
    const char *alt;
} doc_figure;

/* An image block's picture, apart from the block: a long document has
 * hundreds of thousands of blocks (a table's cells) and few images. */
typedef struct doc_image {
    const image *img;
    const char *alt;          /* what it shows, UTF-8 */
    doc_size width, height;   /* the size asked for */
} doc_image;

/* 112 bytes, the fields by size: a long document has hundreds of
 * thousands of blocks (a table's cells). */
struct doc_block {
    doc_kind kind;
    int level;                /* heading level */
    src_loc loc;
    doc_block *first, *last, *next;   /* children and siblings */
    doc_run *runs;
    size_t n_runs, cap_runs;
    const char *text;         /* code block literal (NUL-terminated) */
    doc_image *image;         /* DOC_IMAGE */
    const doc_figure *figure; /* DOC_FIGURE */
    uint32_t len;             /* text's length (a section is at most 16 MB) */
    int start;                /* first number of an ordered list */
    int task;                 /* item: 0 not a task, 1 open [ ], 2 done [x] */
    bool ordered, tight;      /* lists */
};

typedef struct doc_note {
    int number;
    src_loc loc;             /* where it is defined */
    doc_block *first;        /* its blocks, in order (next): no root of their own,
                              * which would cost 50,000 notes 5.6 MB */
} doc_note;

/* An entry of a packet's contents: a document or one of its headings,
 * somewhere else in the packet (the page number comes at finishing). */
typedef struct doc_contents_entry {
    const char *title;
    int level;                /* 1: a document; 2 and more: its headings */
} doc_contents_entry;

typedef struct doc {
    const doc_lang *lang;     /* the words layout writes (Contents, Page X of Y); NULL: en */
    const char *mark;         /* the draft mark set across every page, or NULL */
    const char *title, *subtitle, *date_text;   /* plain text, curly quotes */
    doc_block *title_text, *subtitle_text;      /* the same as paragraphs, emphasis kept;
                                                 * NULL: set the plain text */
    bool cover;               /* the title block fills a page of its own (a packet) */
    const char **cover_lines; /* a cover's lines under the title (committee, place) */
    size_t n_cover_lines;
    doc_contents_entry *contents;   /* toc: these entries instead of the headings */
    size_t n_contents;
    const char *short_title;  /* the running head's text */
    bool toc;
    int toc_depth;            /* heading levels the contents and bookmarks list; 0: 3 */
    const char **authors;
    size_t n_authors;
    bool a4;
    doc_block *root;
    doc_note *notes;         /* notes[i].number == i + 1 */
    size_t n_notes, cap_notes;
    doc_figure *figures;     /* in the brief's order; numbered in the document's */
    size_t n_figures;
} doc;

doc_block *doc_block_new(arena *a, doc_kind kind, src_loc loc);
void doc_block_append(doc_block *parent, doc_block *child);
doc_run *doc_block_add_run(arena *a, doc_block *b, doc_run_kind kind);
/* A copy of b in a, its runs, their texts and links in exactly the room
 * they take (b's children are not copied): for a block built in scratch
 * memory, where its runs doubled and its texts grew. */
doc_block *doc_block_copy(arena *a, const doc_block *b);
/* Inserts child into parent's children right after `after`. */
void doc_block_insert_after(doc_block *parent, doc_block *after, doc_block *child);
/* Library text (titles, headings from YAML) with the punctuation Markdown
 * text gets from cmark: ' becomes an apostrophe, -- an en dash. */
char *doc_typographic(arena *a, const char *s, size_t *len);
/* Appends s in that form to text (*len bytes and a NUL, allocated in a),
 * in place when text is a's last allocation (a note's pieces joined into
 * one run); returns the text, *len its new length. */
char *doc_typographic_append(arena *a, char *text, size_t *len, const char *s);

/* The text of a paragraph's runs, joined. */
char *doc_plain_text(arena *a, const doc_block *b);

/* Words in the text of the body (headings, paragraphs, lists, quotes,
 * code) and, with notes, of the footnotes: what `briefc check` counts and
 * an oral reading time is estimated from. */
size_t doc_word_count(const doc *D, bool notes);

/* Writes an indented text form of the tree, for tests and debugging. */
void doc_dump(const doc *d, FILE *out);

#endif
