/*
 * linebreak.h: Knuth-Plass total-fit paragraph breaking.
 * A paragraph is a list of boxes, glue and penalties (Knuth & Plass,
 * "Breaking Paragraphs into Lines", 1981); this module chooses the breaks
 * with least total demerits. It knows nothing of fonts or text.
 */
#ifndef BRIEFC_LAYOUT_LINEBREAK_H
#define BRIEFC_LAYOUT_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

#define LB_INF_PENALTY 10000     /* a penalty this high forbids a break */
#define LB_EJECT_PENALTY (-10000) /* a penalty this low forces one */
#define LB_FIL 1e6               /* "infinite" stretch, e.g. \parfillskip */

typedef enum { LB_BOX, LB_GLUE, LB_PENALTY } lb_type;

typedef struct lb_item {
    double width;         /* points; for a penalty, the width added if broken there (a hyphen) */
    double stretch;       /* glue only */
    double shrink;        /* glue only */
    int penalty;          /* penalty only */
    unsigned char type;   /* an lb_type, in a byte: a paragraph holds one item per
                           * box, glue and penalty */
    bool flagged;         /* penalty only: a hyphen break (double-hyphen demerits) */
    bool hyphenation;     /* penalty only: offered only from the second pass on */
    bool emergency;       /* penalty only: offered only in the last-resort pass */
    /* Hanging punctuation (microtype's protrusion): how far a box's first
     * glyph may hang into the left margin when it starts a line, and its
     * last (or a penalty's hyphen) into the right when it ends one; the
     * line may be that much wider than its measure. */
    double protrude_left, protrude_right;
} lb_item;

/* TeX's parameters with TeX's defaults (see lb_params_default). */
typedef struct lb_params {
    double pretolerance;        /* first pass, no hyphenation; < 0 skips it (100) */
    double tolerance;           /* second pass (200) */
    double emergency_stretch;   /* third pass: extra stretch per line, in points */
    int line_penalty;           /* 10 */
    int adj_demerits;           /* 10000: adjacent lines of incompatible fitness */
    int double_hyphen_demerits; /* 10000 */
    int final_hyphen_demerits;  /* 5000 */
} lb_params;

void lb_params_default(lb_params *p);

/* The ratio applies to finite glue: width + ratio * stretch (or shrink).
 * A line with LB_FIL stretch that is short gets 0 (the fil glue takes the
 * slack). A ratio below -1 marks an overfull line: -shortfall / shrink,
 * or -LB_FIL when the line has no shrink at all. */
typedef struct lb_line {
    size_t start;         /* first item of the line (after discarding glue/penalties at a break) */
    size_t end;           /* the break item (a glue or penalty), or n for the paragraph end */
    double ratio;         /* adjustment ratio: >0 stretched, <0 shrunk */
    bool hyphenated;      /* ends at a flagged penalty */
    bool emergency;       /* ends at an emergency penalty */
    double shortfall;     /* the measure less the line's natural width (< 0: too wide) */
} lb_line;

typedef struct lb_result {
    lb_line *lines;
    size_t n_lines;
    int pass;             /* 1 to 4: the pass that succeeded */
    int overfull;         /* lines that could not shrink enough (only if the last pass failed too) */
    int emergency;        /* lines that end at an emergency break */
} lb_result;

/* Breaks items[0..n) into lines. widths[i] is the measure of line i; the
 * last entry repeats for all later lines. The item list must end with a
 * forced break (penalty LB_EJECT_PENALTY), normally after a \parfillskip
 * glue. Always produces a result; the arena owns it. n == 0 gives no
 * lines; a list of only the closing items gives one empty line. When no
 * pass finds lines within tolerance, the last pass rescues as TeX does:
 * a line that cannot shrink enough is kept (overfull) rather than lost.
 * Penalties marked emergency (a break between Korean syllables, which
 * keep-all forbids) are offered only by a fourth pass, run only when the
 * list has them and the third (or, without emergency stretch, the
 * second) finds no feasible lines: a last resort before an overfull line,
 * which accepts any line that is not overfull, however loose.
 * p NULL means lb_params_default; no widths means a measure of 0. */
void lb_break(arena *a, const lb_item *items, size_t n,
              const double *widths, size_t n_widths,
              const lb_params *p, lb_result *out);

#endif
