/*
 * internal.h: the types the layout steps hand to one another.
 *   hlist.c     inline runs -> boxes, glue and penalties (lb_item + hl_info)
 *   lines.c     breaks an hlist into lines, each a lo_line of display items
 *   flow.c      document blocks -> the vertical list of lines and spaces
 *   pagebuild.c the vertical list and the footnotes -> pages
 *   figure.c    a figure's frame (title, caption, note, source) and its
 *               key figures and images; chart.c draws bar and line charts,
 *               table.c sets tables as rows that may split across pages
 *   finalize.c  running heads and "Page X of Y" once the numbering is known
 * Never seen outside src/layout.
 */
#ifndef BRIEFC_LAYOUT_INTERNAL_H
#define BRIEFC_LAYOUT_INTERNAL_H

#include "base/buf.h"
#include "content/doc.h"
#include "diag/diag.h"
#include "layout/display.h"
#include "layout/layout.h"
#include "layout/linebreak.h"
#include "layout/style.h"
#include "text/font.h"
#include "text/hyph.h"

/* Placeholder dests for footnote links, fixed up once notes are placed. */
#define LO_NOTE_DEST(n) (-(n))

/* A line ready to be placed: display items with page x coordinates and y
 * relative to the baseline. */
typedef struct lo_lines lo_lines;

typedef struct lo_line {
    double height, depth;     /* above and below the baseline */
    double space_before;      /* discarded at the top of a page */
    disp_item *items;
    size_t n_items, cap_items;
    int *notes;               /* footnotes called in this line */
    size_t n_notes, cap_notes;
    int penalty_after;        /* LB_INF_PENALTY forbids a page break after this line */
    const char *outline;      /* a heading's title, to bookmark at this line */
    int outline_level;
    double ratio;             /* the line's adjustment ratio (justified lines) */
    bool justified;
    bool hyphenated;          /* ends with a hyphen the breaker added */
    bool overfull;            /* wider than its measure (could not shrink enough) */
    bool emergency;           /* ends between two Korean syllables (keep-all's last resort) */
    int toc_entry;            /* a heading listed in the contents: its entry, 1-based */
    int toc_line;             /* the last line of a contents entry: its entry, 1-based */
    double text_end;          /* for toc_line: where the entry's text ends */
    int para;                 /* paragraph serial number, 0 outside paragraphs */
    int para_line, para_lines;   /* this line's index in it, and its count */
    int float_id;             /* > 0: a line of that float (a figure that may move to
                               * the top of the next page while text goes on) */
    const char *anchor;       /* a named destination at this line's top ("fig:ID") */
    const lo_lines *repeat;   /* lines set first when this line starts a page
                               * (a table's header) */
} lo_line;

struct lo_lines {
    lo_line *lines;
    size_t n, cap;
    size_t reserve;           /* room the next line made keeps for items added to
                               * it after (a note's number): its items would
                               * otherwise be copied again, to twice their room */
};

/* What a box, glue or penalty of an hlist stands for. */
typedef struct hl_info {
    double size, rise;
    const char *link;
    double letter_stretch;    /* glue between syllables (hlist_syllable_breaks): its
                               * stretch on a line that ends at a syllable break */
    disp_color color;
    int face;
    uint32_t actual;          /* not 0: one stand-in glyph for this character */
    int note;                 /* > 0: this box is the call of that note */
    int tag;                  /* its structure element (a link, a note's call); 0:
                               * the paragraph's, given when its lines are tagged */
    uint32_t glyph_start, n_glyphs;   /* boxes: into hlist.glyphs (a section is at most
                                       * 16 MB, its glyphs far fewer than 2^32) */
    bool strike;              /* a rule through it (~~struck~~) */
} hl_info;

typedef struct hlist {
    arena *a;
    diag_list *d;
    const text_fonts *fonts;
    const text_hyph *hyph;     /* NULL: no hyphenation */
    bool protrude;             /* hanging punctuation (set before hlist_finish) */
    lb_item *items;
    hl_info *info;
    size_t n, cap;
    uint32_t *glyphs;
    size_t n_glyphs, cap_glyphs;
} hlist;

/* Text settings of a run of text. */
typedef struct hl_font {
    text_style style;
    double size;
    disp_color color;
    const char *link;
    bool code;                /* spaces do not stretch or shrink */
    bool literal;             /* every space is kept as a glyph (code blocks) */
    int script;               /* 1: superscript, -1: subscript */
    bool strike;              /* struck through */
    int tag;                  /* a structure element of its own (a link), or 0 */
} hl_font;

void hlist_init(hlist *h, arena *a, diag_list *d, const text_fonts *fonts, const text_hyph *hyph);
/* The face that shows cp in style: *draw is the glyph to draw, cp or its
 * stand-in (text_stand_in, then *actual is cp, else 0); -1 when no face
 * shows it. */
int hlist_pick(const text_fonts *fonts, text_style style, uint32_t cp, uint32_t *draw,
               uint32_t *actual);
/* A character no face shows: a warning where it stands, never silence. */
void hlist_warn_missing(diag_list *d, uint32_t cp, src_loc loc);
/* Appends UTF-8 text; spaces become glue, other break opportunities
 * (after hard hyphens, inside URLs, between ideographs) penalties. */
void hlist_add_text(hlist *h, const char *s, size_t len, const hl_font *f, src_loc loc);
/* A footnote call: a superscript number that links to the note; calls
 * side by side are separated by a comma ("1,2"). */
void hlist_add_note_ref(hlist *h, int number, const hl_font *f);
void hlist_add_break(hlist *h);
/* Ends the paragraph with \parfillskip and a forced break. */
void hlist_finish(hlist *h);
/* A copy of a finished h whose boxes are cut between Korean syllables,
 * with an emergency penalty at each cut (lb_item.emergency): the breaks
 * keep-all forbids, for lines_build to offer when a line would otherwise
 * run past its measure. NULL when h has no two syllables side by side.
 * Its glyphs are h's; the arena is h's. */
const hlist *hlist_syllable_breaks(const hlist *h);
double hlist_text_width(const text_fonts *fonts, const char *s, size_t len, text_style style,
                        double size);

/* Breaks h into lines. widths[i] is the measure of line i (the last
 * repeats), x[i] the left edge of line i. justify: Knuth-Plass with
 * justified lines; else ragged right. Appends lines, allocated in a, to
 * out, their glyphs in glyph_a; the breaking's own work goes in h's
 * arena. */
void lines_build(arena *a, arena *glyph_a, const hlist *h, const double *widths, const double *x,
                 size_t n_widths, bool justify, double height, double depth, lo_lines *out);

typedef struct flow flow;

lo_line *lo_lines_push(arena *a, lo_lines *ls);
/* Gives l exact copies, in a, of its items (with room for reserve more)
 * and notes (built where they doubled as they grew); glyph_a not NULL: of
 * its runs' glyphs too, there. */
void lo_line_keep(arena *a, arena *glyph_a, lo_line *l, size_t reserve);
disp_item *lo_line_add_item(arena *a, lo_line *l, disp_kind kind);
/* Moves an item by (dx, dy), whatever its kind (a path's points are
 * moved in place: a copied path shares them). */
void lo_item_move(disp_item *it, double dx, double dy);

/* Places text on a line without breaking it: used for labels, folios. A
 * character no face shows is warned about at loc (a loc without a file:
 * text set, and warned about, elsewhere first, or generated). */
double lo_line_add_text(flow *f, lo_line *l, const char *s, size_t len, text_style style,
                        double size, disp_color color, double x, double y, src_loc loc);

/* The faces a paragraph is set in: the serif of the text, the sans of
 * tables (bold where the text is bold), or the bold sans of headings. */
typedef enum { FLOW_SERIF, FLOW_SANS, FLOW_HEADING } flow_family;

/* Adds a paragraph's runs to h (their emphasis, links, note calls). */
void flow_add_runs(flow *f, hlist *h, const doc_block *b, flow_family fam, double size,
                   disp_color color);
/* Sets a paragraph's runs between x0 and x1, appending its lines to out;
 * returns the first new line. */
size_t flow_paragraph(flow *f, const doc_block *b, double x0, double x1, flow_family fam,
                      double size, double leading, disp_color color, bool justify,
                      lo_lines *out);
/* Plain text in one face, broken ragged-right into lines of `width`;
 * returns the first new line. loc: where the text comes from, for
 * messages about characters no font has. */
size_t flow_text(flow *f, const char *s, text_style style, double size, double leading,
                 disp_color color, double x, double width, src_loc loc, lo_lines *out);

/* A figure's lines (figure.c). A table's rows stay in the flow and may
 * split; every other figure is a float: its lines carry a float id. */
void figure_lines(flow *f, const doc_block *b, double left, double right, lo_lines *out);
/* Draws a bar or line chart into l, `width` wide from x = left, with the
 * baseline at the chart's foot; sets l's height (chart.c). */
void chart_draw(flow *f, const doc_figure *fig, double left, double width, lo_line *l);
/* A chart's data in words, for readers that cannot see it, after its
 * label and title in b: its unit, then each series' values by category. */
void chart_alt_data(flow *f, const doc_figure *fig, buf *b);
/* A table's header and rows (table.c); the header repeats on every page
 * the table continues on. */
void table_lines(flow *f, const doc_figure *fig, double left, double right, lo_lines *out);
/* The rule, label and title a figure starts with; returns the first line. */
size_t figure_title(flow *f, const doc_figure *fig, double left, double right, bool continued,
                    lo_lines *out);
/* The caption, note and source lines a figure ends with. */
void figure_notes(flow *f, const doc_figure *fig, double left, double right, lo_lines *out);
/* Width of text in a face, for labels. */
double flow_width(const flow *f, const char *s, text_style style, double size);

struct flow {
    arena *a;                 /* the document's layout: lines, lists, their work */
    arena *da;                /* the display list and all it points at (glyphs,
                               * strings, points), which outlive a (a when the same) */
    arena *pa;                /* of that, what the pages show: their items, the
                               * glyphs, adjustments and points of those, which
                               * the PDF writer is done with before it saves
                               * (da when the same) */
    arena *scratch;           /* a paragraph's hlist and breaking, emptied after each
                               * (NULL: use a) */
    arena *lines_a;           /* not NULL: where flow_paragraph and flow_text put the
                               * lines and their items, to be copied and let go (a
                               * table's cells); their glyphs stay in a */
    diag_list *d;
    const text_fonts *fonts;
    const text_hyph *hyph;
    const layout_style *st;
    display_doc *out;
    lo_lines body;
    lo_lines *notes;          /* notes[i]: the lines of note i + 1 */
    size_t n_notes;
    int n_paras;
    layout_stats *stats;      /* filled by pagebuild_run */
    /* The document, while flow_build reads it; NULL after: the lines own
     * copies of what they show, and the document may go before pages
     * are built. What finishing needs of it is kept here. */
    const doc *D;
    const doc_lang *lang;     /* NULL: English */
    bool cover;               /* the first page is a packet's cover: no folio */
    const char *short_title;  /* the running head, unless the style has one */
    const char *link_from, *link_copy;   /* the last link address copied, and its copy */
    /* The table of contents: the headings it lists, and where each
     * heading and each entry landed (filled by pagebuild_run). */
    const doc_block **toc_heads;   /* NULL entries: a packet's entries (D->contents) */
    size_t n_toc;
    int *toc_head_page, *toc_head_dest, *toc_line_page;
    double *toc_line_y;
    int n_floats;
    /* The logical structure: the element new blocks go under (0: what is
     * set now is an artifact), the element whose text first calls each
     * note (a note is read after it), and each contents entry's link. */
    int tag;
    int *note_parent;
    int *toc_tag;
};

/* A new structure element under f->tag; returns it. */
int lo_struct(flow *f, disp_role role);
/* Makes a new element under f->tag the one blocks go under; returns the
 * element to restore with lo_close. Under an artifact, nothing is made. */
int lo_open(flow *f, disp_role role);
static inline void lo_close(flow *f, int saved)
{
    f->tag = saved;
}
/* Gives the text, image and link items without an element, of lines
 * first.. of ls, the element tag. */
void lo_tag_lines(lo_lines *ls, size_t first, int tag);
/* The same for the items from `from` on of one line, of every kind
 * (a chart: its paths and markers are the figure too) when all. */
void lo_tag_items(lo_line *l, size_t from, int tag, bool all);

void flow_build(flow *f, const doc *D);
/* The words of the document being laid out (English when it has none). */
static inline const doc_lang *lo_lang(const flow *f)
{
    return f->lang ? f->lang : doc_lang_default();
}
/* Where the text of a line ends (its rightmost glyph). */
double lo_line_text_end(const flow *f, const lo_line *l);
void pagebuild_run(flow *f);
void finalize_pages(flow *f, const layout_numbering *n);
/* The stamps of placeholder pages (see layout_placeholders). */
void finalize_stamps(flow *f, const layout_numbering *n);

#endif
