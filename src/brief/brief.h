/*
 * brief.h: the brief model, the typed and validated form of a brief's YAML.
 * brief_load reads the YAML (through yaml_load.c, the only file that uses
 * libyaml), checks it against the schema, resolves every file it names and
 * reads each section's Markdown text. Later stages read this model only.
 */
#ifndef BRIEFC_BRIEF_H
#define BRIEFC_BRIEF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "diag/diag.h"

typedef enum { PAPER_LETTER, PAPER_A4 } brief_paper;

/* The language a brief is written in (lang:): its generated words, date
 * format and /Lang follow it (src/content/lang.c), and the library's
 * texts given per language are picked by it. */
typedef enum { BRIEF_LANG_EN, BRIEF_LANG_KO, BRIEF_LANG_ZH_HANS, BRIEF_LANG_ZH_HANT } brief_lang;
#define BRIEF_N_LANGS 4

/* "en", "ko", "zh-Hans", "zh-Hant": as lang: and the library's mappings spell them. */
const char *brief_lang_code(brief_lang l);

/* The standards a brief's PDF claims (pdf-standard:), as bits: PDF/UA-1,
 * and PDF/A-2 at level b or u (one of them). */
enum { BRIEF_STD_UA1 = 1, BRIEF_STD_A2B = 2, BRIEF_STD_A2U = 4 };

/* Heading levels the contents and bookmarks list when toc-depth: is not given. */
#define BRIEF_TOC_DEPTH 3

typedef enum {
    SECTION_MARKDOWN,   /* Markdown text: from a file or inline in the YAML */
    SECTION_SOURCES,    /* the list of sources the brief cites */
    SECTION_RECOMMENDATIONS,   /* the selected recommendations, by addressee */
    SECTION_FIGURE,     /* one of the brief's figures, placed here */
    SECTION_PAGE_BREAK, /* what follows starts a new page */
    SECTION_ANNEX,      /* Markdown from a file, set after the body as "Annex A" */
} brief_section_kind;

typedef enum {
    SOURCE_REPORT,
    SOURCE_TESTIMONY,
    SOURCE_ARTICLE,
    SOURCE_PRESS_RELEASE,
    SOURCE_BOOK,
    SOURCE_WEB,
    SOURCE_TREATY,
    SOURCE_UN_DOCUMENT,
} brief_source_type;

/* An entry of the library's sources.yaml. */
typedef struct brief_source {
    const char *id;
    src_loc loc;               /* its entry in sources.yaml */
    brief_source_type type;
    const char **authors;      /* people or organisations, as written */
    size_t n_authors;
    const char *title;
    const char *short_title;   /* for short notes; NULL: derived from the title */
    const char *publisher;
    const char *place;         /* of publication: reports, books, UN documents */
    const char *venue;         /* venue:, journal: or site:, where the title appears */
    const char *series;        /* a report's or book's series, a treaty series (U.N.T.S.) */
    const char *number;        /* a report's or book's number in its series */
    const char *volume;        /* an article's or a treaty series' volume */
    const char *issue;         /* an article's issue */
    const char *page;          /* a treaty's first page in its series */
    const char *symbol;        /* a UN document's symbol (A/HRC/25/CRP.1) */
    const char *date;          /* as written: YYYY, YYYY-MM or YYYY-MM-DD */
    const char *url;
    const char *pages;         /* an article's page range */
    const char *note;          /* for the library's keepers; never printed */
    const char *accessed;      /* for web sources */
    bool selected;             /* listed in the brief's sources: */
    src_loc selected_at;       /* where */
} brief_source;

typedef struct brief_section {
    brief_section_kind kind;
    src_loc loc;               /* the section's entry in the brief YAML */
    const char *file;          /* file the Markdown text comes from (the .md, or the brief for inline) */
    const char *text;          /* Markdown text, NUL-terminated */
    size_t len;
    /* Where text[0] sits in `file`: for a .md file line 1 col 1; for
     * inline Markdown the first content line of the block scalar and its
     * indentation, so that positions in the text map back to the YAML:
     * file line = line_offset + md line - 1, col = col_offset + md col - 1. */
    int line_offset;
    int col_offset;
    int figure;                /* SECTION_FIGURE: index into brief.figures */
    int annex;                 /* SECTION_ANNEX: 0 for Annex A, 1 for B, ... */
    const char *title;         /* SECTION_ANNEX: its title; NULL: the file's first heading */
} brief_section;

/* An entry of the library's addressees.yaml: a key and its heading. */
typedef struct brief_addressee {
    const char *key;
    const char *heading;       /* "To the Government of the People's Republic of China" */
    src_loc loc;
    /* Where its heading, set in en, lacks the brief's language (warned
     * about once the heading is known to be shown); file NULL: it has it. */
    src_loc untranslated;
} brief_addressee;

/* An entry of the library's recommendations.yaml. */
typedef struct brief_rec {
    const char *id;
    src_loc loc;
    const char *to;            /* an addressee key */
    const char *file;          /* recommendations.yaml, for positions in the text */
    const char *text;          /* Markdown */
    size_t len;
    int line_offset, col_offset;   /* where text[0] sits in file */
    src_loc untranslated;      /* as an addressee's: its text lacks the brief's language */
    const char **tags;
    size_t n_tags;
    bool has_sources;
    const char **sources;      /* its sources: ids, as written */
    src_loc *source_locs;      /* where each is */
    size_t n_sources;
    bool selected;
} brief_rec;

typedef enum {
    FIGURE_BAR,
    FIGURE_LINE,
    FIGURE_TABLE,
    FIGURE_STAT,
    FIGURE_IMAGE,
} brief_figure_kind;

typedef enum {
    ALIGN_LEFT,
    ALIGN_RIGHT,
    ALIGN_CENTER,
    ALIGN_DECIMAL,      /* numbers right-aligned on their decimal point */
} brief_align;

/* A named series of a chart: one value per category; present[i] false
 * where the data leave the cell empty. */
typedef struct brief_series {
    const char *name;          /* NULL: unnamed (a chart of one series) */
    double *values;
    bool *present;
} brief_series;

typedef struct brief_column {
    const char *header;
    src_loc header_loc;        /* where its text starts */
    brief_align align;
} brief_column;

/* One key figure of a stat callout: "34,000" and what it counts. */
typedef struct brief_stat {
    const char *value;
    const char *label;         /* inline Markdown */
    src_loc label_loc;
} brief_stat;

/* A source a figure cites: a library source and an optional locator. */
typedef struct brief_figure_source {
    int source;                /* index into brief.sources */
    const char *locator;       /* "p. 12", or NULL */
} brief_figure_source;

/* A figure of the library's figures/ folder (figures/ID.yaml), checked
 * with its data (inline, or a CSV file beside it). */
typedef struct brief_figure {
    const char *id;
    brief_figure_kind kind;
    src_loc loc;               /* where the brief selects it */
    const char *file;          /* its YAML file */
    const char *title;
    src_loc title_loc;
    brief_section caption;     /* Markdown; text NULL when absent */
    brief_section note;        /* Markdown; text NULL when absent */
    brief_figure_source *sources;
    size_t n_sources;
    /* bar and line charts */
    const char *unit;          /* the value axis' label, or NULL */
    const char **categories;
    size_t n_categories;
    src_loc categories_loc;    /* the categories: key, or the data's x column */
    brief_series *series;
    size_t n_series;
    bool has_range;
    double range[2];           /* y-range: the value axis' lower and upper ends */
    bool horizontal;           /* bars drawn across, for long category names */
    bool value_labels;         /* values written at bars and points where they fit */
    int decimals;              /* the most decimals any value is written with */
    /* tables: n_rows rows of n_columns cells, row by row */
    brief_column *columns;
    size_t n_columns;
    const char **cells;        /* each inline Markdown */
    src_loc *cell_locs;        /* where each cell's text starts */
    bool *numeric;             /* numeric[i]: cells[i] is a number (1,234.5) */
    size_t n_rows;
    /* stat callouts */
    brief_stat *stats;
    size_t n_stats;
    /* images */
    const char *image;         /* the PNG or JPEG file, resolved */
    src_loc image_loc;
    const char *alt;           /* the image described in words, or NULL */
    bool placed;               /* a `- figure:` section places it */
} brief_figure;

/* A style file (styles/NAME.yaml beside the brief): what it sets; a
 * field not set keeps the built-in default (has_* false or NULL). */
typedef struct brief_style {
    const char *name;
    src_loc loc;               /* the brief's style: value */
    bool has_paper;
    brief_paper paper;
    double margins[4];         /* top, right, bottom, left in points; 0: default */
    double font_size, leading; /* 0: default */
    double heading_sizes[6];   /* 0: default */
    bool has_accent;
    double accent[3];          /* r, g, b in 0..1 */
    const char *organisation;  /* shown above the title */
    const char *logo;          /* an image file, resolved */
    src_loc logo_loc;
    const char *footer;        /* text before "Page X of Y" */
    const char *header;        /* the running head; NULL: the brief's short title */
    const char *fonts[3];      /* serif, sans, mono family names; NULL: default */
    src_loc fonts_loc[3];
    bool plain_title;          /* title-block: plain (a centred caption, no colour) */
    bool roman_front;          /* front-matter: roman (a packet's i, ii, iii) */
    bool has_protrusion, protrusion;   /* protrusion: hanging punctuation */
    const char *watermark;     /* text set across every page of a brief in this style */
    bool has_lang;
    brief_lang lang;           /* lang: of the style's briefs (and packets) */
    bool has_pdf_standard;
    unsigned pdf_standard;     /* pdf-standard: of the style's briefs (BRIEF_STD_*) */
} brief_style;

typedef struct brief {
    const char *path;          /* the brief's YAML file as given */
    const char *dir;           /* its folder: relative paths resolve here */
    const char *title;         /* each inline Markdown */
    const char *subtitle;      /* NULL when absent */
    const char *short_title;   /* for the running head; NULL: the title */
    src_loc title_loc, subtitle_loc, short_title_loc;   /* where each text starts */
    brief_section summary;     /* summary: Markdown for the boxed summary (text NULL: none) */
    bool toc;                  /* a table of contents after the title */
    int toc_depth;             /* heading levels the contents and bookmarks list (1..6) */
    /* The draft mark set across every page (a watermark: of the brief or
     * its style), resolved; NULL: none, or the language's own word for a
     * draft when mark_draft (draft: true without a watermark). */
    const char *mark;
    bool mark_draft;
    brief_lang lang;           /* lang:, else its style's, else en */
    unsigned pdf_standard;     /* pdf-standard: (BRIEF_STD_*), else its style's */
    const char **authors;      /* n_authors strings */
    size_t n_authors;
    /* date: year always set when has_date; month/day 0 when not given. */
    bool has_date;
    int year, month, day;
    brief_paper paper;
    bool paper_given;          /* paper: in the brief overrides the style's */
    brief_style style;
    brief_section *sections;
    size_t n_sections;
    brief_source *sources;     /* every source of the library */
    size_t n_sources;
    brief_addressee *addressees;
    size_t n_addressees;
    brief_rec *recs;           /* every recommendation of the library */
    size_t n_recs;
    const char **groups;       /* addressee keys, in the brief's order */
    size_t n_groups;
    /* The brief's recommendations' select: key (or recommendations: when
     * select: is left out): where a selected recommendation citing a
     * source the brief does not select is reported, since the brief is
     * what must change. */
    src_loc recs_select_at;
    brief_figure *figures;     /* the figures the brief selects, in its order */
    size_t n_figures;
    const char **figure_names; /* every figure id of the library's figures/ folder */
    size_t n_figure_names;
    double oral_limit;         /* oral-limit: minutes a testimony may take aloud; 0: none */
    src_loc oral_limit_loc;
} brief;

/* Loads and validates the brief at path. Reports every problem found (not
 * just the first) to d, with file:line:col; returns NULL if there was any
 * error. `today` (YYYY-MM-DD) is the date used for `date: today`. The
 * arena owns the model. Each file read is registered with diag_add_source. */
brief *brief_load(arena *a, diag_list *d, const char *path, const char *today);

#endif
