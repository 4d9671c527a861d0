/*
 * check.h: what the brief's schema checkers share (schema.c checks the
 * brief, library.c the library files): the checking context, tables of
 * keys, and checks of common value types. Private to src/brief.
 */
#ifndef BRIEFC_BRIEF_CHECK_H
#define BRIEFC_BRIEF_CHECK_H

#include <limits.h>

#include "brief/brief.h"
#include "brief/ynode.h"

typedef struct checker {
    arena *a;
    diag_list *d;
    brief *b;
    const char *today;
    const char *data;          /* the brief's text, for block scalar offsets */
    size_t len;
    char root[PATH_MAX];       /* the brief's folder, resolved */
    const ynode *library;      /* the brief's library: value, or NULL */
    const ynode *selection;    /* the brief's sources: list, or NULL */
    brief_source *source;      /* the library entry being checked */
    brief_rec *rec;            /* the recommendation being checked */
    const ynode *recs;         /* the brief's recommendations: value, or NULL */
    const ynode *recs_key;     /* and its key */
    const char *style_dir;     /* the styles/ folder, while a style is read */
    brief_section *section;    /* the section entry being checked */
    const ynode *section_key;  /* its file: or markdown: key, once seen */
    const ynode *section_title;   /* its title: key, once seen */
    const ynode *style;        /* the brief's style: value, or NULL */
    bool draft;                /* draft: */
    const ynode *draft_key;    /* where draft: is, or NULL */
    const char *watermark;     /* the brief's watermark: text */
    const ynode *watermark_key;
    bool section_ok;           /* its text was read */
    const ynode *figures;      /* the brief's figures: value, or NULL */
    struct figure_check *fig;  /* the figure file being checked (figures.c) */
    struct packet_check *pk;   /* the packet being checked (packet.c) */
    const ynode *rec_text;     /* the recommendation's text: in the brief's language */
    bool lang_given;           /* the brief's own lang: (wins over its style's) */
    bool std_given;            /* the brief's own pdf-standard: (wins over its style's) */
} checker;

typedef bool (*field_fn)(checker *c, const ynode *key, const ynode *value);

/* What a key's value must be; brief_check_keys reports any other kind
 * at the value, so a handler is called only with the kind it expects. */
typedef enum {
    FIELD_ANY,           /* the handler checks */
    FIELD_TEXT,          /* a scalar (it may be empty: the handler decides) */
    FIELD_LIST,
    FIELD_MAPPING,
    FIELD_TEXT_OR_LIST,  /* one text, or a list of them (author:) */
} field_type;

/* One row of a mapping's schema: a new key is a new row and a handler. */
typedef struct field {
    const char *key;
    field_type type;
    bool required;
    field_fn check;
} field;


/* Checks map against fields: calls each known key's handler, reports
 * unknown keys (with a did-you-mean hint) and missing required keys.
 * `what` names the mapping in messages ("a brief", "a source"). */
void brief_check_mapping(checker *c, const ynode *map, const field *fields, size_t n,
                         const char *what);
/* The same, but an unknown key is reported as "unknown <unknown> 'k'"
 * (unknown: "section kind"); NULL gives "unknown key 'k' in <what>". */
void brief_check_keys(checker *c, const ynode *map, const field *fields, size_t n,
                      const char *what, const char *unknown);
/* Hints at the last diagnostic: "did you mean 'X'?" for the candidate
 * nearest word, or else `otherwise` (printf-style; NULL: no hint). */
void brief_hint_near(checker *c, const char *word, const char *const *candidates, size_t n,
                     const char *otherwise, ...) __attribute__((format(printf, 5, 6)));
/* True when v is text (non-empty if asked); else reports and is false. */
bool brief_want_string(checker *c, const ynode *key, const ynode *v, bool non_empty);
/* pdf-standard: one of ua-1, a-2b, a-2u, or a list of them (a-2b and
 * a-2u exclude each other), as BRIEF_STD_* bits in *out. */
bool brief_check_pdf_standard(checker *c, const ynode *key, const ynode *v, unsigned *out);
/* Where a scalar's text starts: after its opening quote, if any (so a
 * position inside the text, as inline Markdown reports it, maps back). */
src_loc brief_text_loc(const ynode *v);
/* A number from lo to hi (NaN and infinities refused); else reports. */
bool brief_want_number(checker *c, const ynode *k, const ynode *v, double lo, double hi,
                       double *out);
/* true/yes or false/no; else reports and is false. */
bool brief_want_bool(checker *c, const ynode *k, const ynode *v, bool *out);
/* A list of texts (an author list, tags): one text is accepted as a
 * list of one when one_allowed. The arena owns the array. */
bool brief_names(checker *c, const ynode *k, const ynode *v, bool one_allowed,
                 const char ***out, size_t *n);
/* YYYY-MM-DD (a real day) or YYYY-MM; month and day 0 when absent. */
bool brief_parse_date(const char *s, int *y, int *m, int *d);
/* Days in a month of a year (month 1-12), leap years counted. */
int brief_days_in_month(int year, int month);
/* Loads library/sources.yaml (or the folder the brief's library: names)
 * when the brief selects sources, checks every entry and resolves the
 * selection. Reports every problem. */
void brief_load_library(checker *c);

/* Reads and parses a brief's or packet's own YAML file (`what`: "brief";
 * `needs`: the keys an empty one lacks; `keys`: those it starts with): a UTF-8 mapping, or NULL after
 * reporting why not. Its text is returned in data/len. */
ynode *brief_read_root(arena *a, diag_list *d, const char *path, const char *what,
                       const char *needs, const char *keys, char **data, size_t *len);

/* Reads and parses a YAML file of the library; errors at `at` (with an
 * optional hint) when it cannot be read. The text is returned too. */
ynode *brief_read_yaml(checker *c, const char *path, src_loc at, const char *hint,
                       const char **text, size_t *text_len);
/* A file of the brief's library folder (library: or library/). */
char *brief_library_file(checker *c, const char *name);

/* Where a Markdown scalar's text starts in its YAML file (data/len). */
void brief_markdown_offsets(const char *data, size_t len, const ynode *v, int *line, int *col);

/* Loads addressees.yaml and recommendations.yaml when the brief has a
 * recommendations: key, and resolves its groups and selection. */
void brief_load_recommendations(checker *c);

/* The handlers of a brief's date: and paper: keys (schema.c), which a
 * packet's keys share: they set c->b's date and paper fields. */
bool brief_check_date(checker *c, const ynode *key, const ynode *v);
bool brief_check_paper(checker *c, const ynode *key, const ynode *v);

/* A watermark: value: one line of text; else reports and is false. */
bool brief_check_mark_text(checker *c, const ynode *key, const ynode *v, const char **out);

/* A lang: value (brief, style, packet): en, ko, zh-Hans or zh-Hant;
 * else an error at it with a did-you-mean hint, and false. */
bool brief_check_lang(checker *c, const ynode *key, const ynode *v, brief_lang *out);

/* A text of the library in the brief's language (README: the library's
 * texts per language): v itself when it is text (the library's
 * language, en), or the entry of v, a mapping by language, for the
 * brief's language, else its en entry. *fell_back says the text chosen
 * is not in the brief's language (a plain text counts only when it has
 * letters: numbers are no language's); the caller warns, now or once it
 * knows the text is shown (brief_lang_warn). key names the text in
 * messages (NULL: a list item). NULL after reporting an error. */
const ynode *brief_lang_text(checker *c, const ynode *key, const ynode *v, bool *fell_back);
/* Whether v is a mapping whose keys are all language codes: a text given
 * per language where a list item may also be a mapping of other keys (a
 * table's column: its header, or {header:, align:}). */
bool brief_lang_mapping(const ynode *v);
/* The warning for a text set in en in a brief of another language, at
 * the library's text: "<what> has no ko text; its en text is used". */
void brief_lang_warn(checker *c, src_loc at, const char *what);

/* Reads styles/NAME.yaml for the brief's style: value into b->style. */
void brief_load_style(checker *c, const ynode *name);

/* Whether a resolved path lies inside the resolved folder dir, or inside
 * the brief's folder. */
bool brief_inside(const char *dir, const char *real);
bool brief_inside_root(const checker *c, const char *real);
/* Whether rel, read as written, climbs above its folder ("a/../../x"). */
bool brief_climbs_out(const char *rel);

/* Loads the figures the brief selects (figures: [ids]) from the library's
 * figures/ folder, with their data, and resolves `- figure:` sections. */
void brief_load_figures(checker *c);

/* The line and column (in characters) of byte offset off in s. */
src_loc brief_offset_loc(const char *path, const char *s, size_t off);

#endif
