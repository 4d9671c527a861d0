/*
 * linebreak.c: Knuth-Plass total-fit line breaking, after TeX: The Program
 * §813-890. One pass walks the legal breakpoints once, keeping a list of
 * active nodes (breaks from which a line could still reach the current
 * point); each breakpoint is scored against every active node, so a pass
 * costs O(items x active). Widths come from prefix sums instead of TeX's
 * delta nodes: the line from a break to a later one is a subtraction.
 * Passes: pretolerance without hyphenation, tolerance with it, tolerance
 * plus emergency stretch, then (only for a list with emergency breaks,
 * and only when the others fail) the same with those breaks offered; the
 * last pass that runs keeps a rescue node so a paragraph always breaks,
 * overfull if it must.
 */
#include "layout/linebreak.h"

#include <stdlib.h>
#include <stdint.h>

#define INF_BAD 10000
#define OVERFULL_BAD (INF_BAD + 1)
#define AWFUL_BAD INT64_MAX
#define NONE SIZE_MAX
/* Widths are doubles; a line within this many points of fitting fits. */
#define EPS 1e-6

enum { VERY_LOOSE, LOOSE, DECENT, TIGHT, N_FIT };

/* Width, stretch and shrink of items[0..i), fil stretch counted apart. */
typedef struct sums {
    double width, stretch, shrink, fil;
} sums;

typedef struct active {
    size_t next;        /* next active node, or NONE; also links the free list */
    size_t passive;     /* the break this node stands for; NONE at the paragraph start */
    size_t start;       /* first item of the line that follows the break */
    size_t line;        /* number (from 1) of that line */
    int fitness;        /* of the line that ends at the break */
    bool hyphenated;
    int64_t demerits;   /* total from the paragraph start */
} active;

typedef struct passive {
    size_t pos;         /* the break item */
    size_t prev;        /* the break before it, or NONE */
} passive;

typedef struct breaker {
    arena *a;
    const lb_item *items;
    size_t n;
    const double *widths;
    size_t n_widths;
    size_t easy_line;   /* lines after this one all have the same width */
    const lb_params *p;
    sums *sum;          /* n + 1 entries */
    active *act;
    size_t n_act, cap_act, free_act;
    passive *pas;
    size_t n_pas, cap_pas;
    size_t head;        /* first active node, or NONE */
    /* the pass */
    double threshold, extra_stretch;
    bool hyphenation, emergency, final_pass;
} breaker;

/* One line's natural size. */
typedef struct measure {
    double width, stretch, shrink, fil;
} measure;

static int badness(double t, double s)
{
    if (t <= 0)
        return 0;
    if (s <= 0)
        return INF_BAD;
    double r = t / s;
    if (!(r <= 10))             /* also catches NaN */
        return INF_BAD;
    double b = 100 * r * r * r + 0.5;
    return b >= INF_BAD ? INF_BAD : (int)b;
}

static double line_width(const breaker *br, size_t line)
{
    size_t i = line <= br->n_widths ? line - 1 : br->n_widths - 1;
    return br->widths[i];
}

/* The line from item `start` up to a break at `pos` (a glue or penalty, or
 * n), including the width a penalty adds when broken at. A break inside the
 * discarded run after the previous break gives an empty line. */
static measure line_measure(const breaker *br, size_t start, size_t pos)
{
    measure m = {0, 0, 0, 0};
    if (pos > start) {
        const sums *a = &br->sum[start], *b = &br->sum[pos];
        m.width = b->width - a->width;
        m.stretch = b->stretch - a->stretch;
        m.shrink = b->shrink - a->shrink;
        m.fil = b->fil - a->fil;
    }
    if (pos < br->n && br->items[pos].type == LB_PENALTY)
        m.width += br->items[pos].width;
    if (pos > start) {
        /* What hangs into the margins is not counted. */
        if (br->items[start].type == LB_BOX)
            m.width -= br->items[start].protrude_left;
        if (pos < br->n && br->items[pos].type == LB_PENALTY && br->items[pos].width > 0) {
            m.width -= br->items[pos].protrude_right;
        } else {
            size_t k = pos;
            while (k > start && br->items[k - 1].type != LB_BOX)
                k--;
            if (k > start)
                m.width -= br->items[k - 1].protrude_right;
        }
    }
    return m;
}

/* After a break, glue and penalties up to the next box (or forced break)
 * vanish: the next line starts there. */
static size_t next_start(const breaker *br, size_t pos)
{
    size_t j = pos + 1;
    while (j < br->n) {
        const lb_item *it = &br->items[j];
        if (it->type == LB_BOX || (it->type == LB_PENALTY && it->penalty <= LB_EJECT_PENALTY))
            break;
        j++;
    }
    return j < br->n ? j : br->n;
}

/* Active nodes whose lines end in this group all start lines of the same
 * width class, so their successors compete (TeX's easy_line). */
static size_t group_of(const breaker *br, size_t line)
{
    return line < br->easy_line ? line : br->easy_line;
}

static size_t new_active(breaker *br)
{
    size_t k;
    if (br->free_act != NONE) {
        k = br->free_act;
        br->free_act = br->act[k].next;
    } else {
        ARENA_PUSH(br->a, br->act, br->n_act, br->cap_act);
        k = br->n_act - 1;
    }
    return k;
}

/* Unlinks node k (after prev) onto the free list; returns its successor. */
static size_t retire(breaker *br, size_t prev, size_t k)
{
    size_t next = br->act[k].next;
    if (prev == NONE)
        br->head = next;
    else
        br->act[prev].next = next;
    br->act[k].next = br->free_act;
    br->free_act = k;
    return next;
}

static void link_after(breaker *br, size_t prev, size_t k)
{
    if (prev == NONE) {
        br->act[k].next = br->head;
        br->head = k;
    } else {
        br->act[k].next = br->act[prev].next;
        br->act[prev].next = k;
    }
}

/* Best break found at the current point for each fitness class. */
typedef struct candidates {
    int64_t minimal[N_FIT];
    size_t passive[N_FIT];
    size_t line[N_FIT];
    int64_t minimum;
} candidates;

static void reset_candidates(candidates *c)
{
    for (int f = 0; f < N_FIT; f++)
        c->minimal[f] = AWFUL_BAD;
    c->minimum = AWFUL_BAD;
}

/* Turns the candidates into active nodes after `prev`; returns the last
 * one inserted (or prev) so the scan carries on behind them. */
static size_t insert_candidates(breaker *br, candidates *c, size_t prev, size_t pos, bool flagged)
{
    int64_t adj = br->p->adj_demerits < 0 ? -(int64_t)br->p->adj_demerits
                                          : (int64_t)br->p->adj_demerits;
    int64_t limit = c->minimum > AWFUL_BAD - adj ? AWFUL_BAD - 1 : c->minimum + adj;
    size_t start = next_start(br, pos);
    for (int f = 0; f < N_FIT; f++) {
        if (c->minimal[f] == AWFUL_BAD || c->minimal[f] > limit)
            continue;
        passive *ps = ARENA_PUSH(br->a, br->pas, br->n_pas, br->cap_pas);
        ps->pos = pos;
        ps->prev = c->passive[f];
        size_t k = new_active(br);
        active *q = &br->act[k];
        q->passive = br->n_pas - 1;
        q->start = start;
        q->line = c->line[f] + 1;
        q->fitness = f;
        q->hyphenated = flagged;
        q->demerits = c->minimal[f];
        link_after(br, prev, k);
        prev = k;
    }
    reset_candidates(c);
    return prev;
}

static int64_t line_demerits(const breaker *br, const active *r, int b, int fit, int pi,
                             bool flagged, bool final)
{
    int64_t d = (int64_t)br->p->line_penalty + b;
    d = (d >= 10000 || d <= -10000) ? 100000000 : d * d;
    if (pi > 0)
        d += (int64_t)pi * pi;
    else if (pi > LB_EJECT_PENALTY)
        d -= (int64_t)pi * pi;
    if (final) {
        if (r->hyphenated)
            d += br->p->final_hyphen_demerits;
    } else if (flagged && r->hyphenated) {
        d += br->p->double_hyphen_demerits;
    }
    if (abs(fit - r->fitness) > 1)
        d += br->p->adj_demerits;
    return d;
}

/* TeX's try_break: scores the break at `pos` against every active node,
 * retires nodes that can no longer reach it, records the best new breaks. */
static void try_break(breaker *br, size_t pos, int pi, bool flagged, bool final)
{
    candidates c;
    reset_candidates(&c);
    size_t prev = NONE, r = br->head;
    size_t group = NONE;
    for (;;) {
        if (r == NONE || group_of(br, br->act[r].line) != group) {
            if (c.minimum != AWFUL_BAD)
                prev = insert_candidates(br, &c, prev, pos, flagged);
            if (r == NONE)
                return;
            group = group_of(br, br->act[r].line);
        }
        active *ar = &br->act[r];
        measure m = line_measure(br, ar->start, pos);
        double shortfall = line_width(br, ar->line) - m.width;
        int b, fit;
        if (shortfall > 0) {
            if (m.fil > 0) {
                b = 0;
                fit = DECENT;
            } else {
                b = badness(shortfall, m.stretch + br->extra_stretch);
                fit = b > 99 ? VERY_LOOSE : b > 12 ? LOOSE : DECENT;
            }
        } else if (-shortfall > m.shrink + EPS) {
            b = OVERFULL_BAD;
            fit = TIGHT;
        } else {
            b = -shortfall > m.shrink ? 100 : badness(-shortfall, m.shrink);
            fit = b > 12 ? TIGHT : DECENT;
        }

        /* A node that cannot reach past this point retires after it. */
        bool stays, artificial = false;
        if (b > INF_BAD || pi <= LB_EJECT_PENALTY) {
            /* The rescue: the last pass never lets the list run empty. */
            artificial = br->final_pass && c.minimum == AWFUL_BAD && ar->next == NONE &&
                         prev == NONE;
            if (!artificial && b > br->threshold) {
                r = retire(br, prev, r);
                continue;
            }
            stays = false;
        } else {
            prev = r;
            if (b > br->threshold) {
                r = ar->next;
                continue;
            }
            stays = true;
        }

        int64_t d = artificial ? 0 : line_demerits(br, ar, b, fit, pi, flagged, final);
        d += ar->demerits;
        if (d <= c.minimal[fit]) {
            c.minimal[fit] = d;
            c.passive[fit] = ar->passive;
            c.line[fit] = ar->line;
            if (d < c.minimum)
                c.minimum = d;
        }
        r = stays ? ar->next : retire(br, prev, r);
    }
}

/* One pass over the paragraph; false if every active node died. */
static bool run_pass(breaker *br)
{
    br->n_act = 0;
    br->n_pas = 0;
    br->free_act = NONE;
    size_t k = new_active(br);
    br->act[k] = (active){.next = NONE, .passive = NONE, .start = 0, .line = 1,
                          .fitness = DECENT, .hyphenated = false, .demerits = 0};
    br->head = k;

    /* The list's closing forced penalty is the paragraph end; if the caller
     * forgot it, the end of the list is. */
    size_t last = br->n;
    if (br->n > 0 && br->items[br->n - 1].type == LB_PENALTY &&
        br->items[br->n - 1].penalty <= LB_EJECT_PENALTY)
        last = br->n - 1;
    for (size_t i = 0; i < last && br->head != NONE; i++) {
        const lb_item *it = &br->items[i];
        if (it->type == LB_GLUE) {
            if (i > 0 && br->items[i - 1].type == LB_BOX)
                try_break(br, i, 0, false, false);
        } else if (it->type == LB_PENALTY && it->penalty < LB_INF_PENALTY) {
            bool forced = it->penalty <= LB_EJECT_PENALTY;
            if (it->hyphenation && !br->hyphenation && !forced)
                continue;
            if (it->emergency && !br->emergency && !forced)
                continue;
            try_break(br, i, forced ? LB_EJECT_PENALTY : it->penalty, it->flagged, false);
        }
    }
    if (br->head == NONE)
        return false;
    try_break(br, last, LB_EJECT_PENALTY, false, true);
    return br->head != NONE;
}

static size_t best_node(const breaker *br)
{
    size_t best = br->head;
    for (size_t r = br->head; r != NONE; r = br->act[r].next)
        if (br->act[r].demerits < br->act[best].demerits)
            best = r;
    return best;
}

/* The adjustment ratio that sets the line to its measure, and whether even
 * full shrinking leaves it too wide. */
static double line_ratio(const breaker *br, size_t start, size_t pos, double w, bool *overfull)
{
    measure m = line_measure(br, start, pos);
    double shortfall = w - m.width;
    *overfull = false;
    if (shortfall > 0)
        return m.fil > 0 || m.stretch <= 0 ? 0 : shortfall / m.stretch;
    if (shortfall == 0)
        return 0;
    if (-shortfall > m.shrink + EPS) {
        *overfull = true;
        return m.shrink > 0 ? shortfall / m.shrink : -LB_FIL;
    }
    if (m.shrink <= 0 || -shortfall >= m.shrink)
        return -1;
    return shortfall / m.shrink;
}

static void emit(breaker *br, size_t best, lb_result *out)
{
    size_t count = 0;
    for (size_t q = br->act[best].passive; q != NONE; q = br->pas[q].prev)
        count++;
    out->lines = arena_alloc(br->a, count * sizeof *out->lines);
    out->n_lines = count;
    out->overfull = 0;
    size_t q = br->act[best].passive;
    for (size_t i = count; i-- > 0; q = br->pas[q].prev) {
        size_t pos = br->pas[q].pos, prev = br->pas[q].prev;
        size_t start = prev == NONE ? 0 : next_start(br, br->pas[prev].pos);
        lb_line *ln = &out->lines[i];
        /* The paragraph's closing penalty belongs to the last line. */
        ln->end = i + 1 == count ? br->n : pos;
        ln->start = start < pos ? start : pos;
        bool over;
        ln->ratio = line_ratio(br, ln->start, pos, line_width(br, i + 1), &over);
        ln->shortfall = line_width(br, i + 1) - line_measure(br, ln->start, pos).width;
        out->overfull += over;
        ln->hyphenated = i + 1 < count && br->items[pos].type == LB_PENALTY &&
                         br->items[pos].flagged;
        ln->emergency = i + 1 < count && br->items[pos].type == LB_PENALTY &&
                        br->items[pos].emergency;
        out->emergency += ln->emergency;
    }
}

void lb_params_default(lb_params *p)
{
    p->pretolerance = 100;
    p->tolerance = 200;
    p->emergency_stretch = 0;
    p->line_penalty = 10;
    p->adj_demerits = 10000;
    p->double_hyphen_demerits = 10000;
    p->final_hyphen_demerits = 5000;
}

void lb_break(arena *a, const lb_item *items, size_t n, const double *widths, size_t n_widths,
              const lb_params *p, lb_result *out)
{
    out->lines = NULL;
    out->n_lines = 0;
    out->pass = 1;
    out->overfull = 0;
    out->emergency = 0;
    if (n == 0 || !items)
        return;
    static const double no_width = 0;
    lb_params defaults;
    if (!p) {
        lb_params_default(&defaults);
        p = &defaults;
    }
    breaker br = {.a = a, .items = items, .n = n, .widths = widths, .n_widths = n_widths, .p = p};
    if (!widths || n_widths == 0) {
        br.widths = &no_width;
        br.n_widths = 1;
    }
    br.easy_line = br.n_widths - 1;
    br.sum = arena_alloc(a, (n + 1) * sizeof *br.sum);
    bool has_emergency = false;
    for (size_t i = 0; i < n; i++) {
        sums s = br.sum[i];
        const lb_item *it = &items[i];
        has_emergency |= it->type == LB_PENALTY && it->emergency;
        if (it->type == LB_BOX) {
            s.width += it->width;
        } else if (it->type == LB_GLUE) {
            s.width += it->width;
            if (it->stretch >= LB_FIL)
                s.fil += it->stretch;
            else
                s.stretch += it->stretch;
            s.shrink += it->shrink;
        }
        br.sum[i + 1] = s;
    }

    /* TeX's last pass is the second without emergency stretch, else the
     * third; a list with emergency breaks gets one more, offering them. */
    int last = p->emergency_stretch > 0 ? 3 : 2;
    int pass = p->pretolerance >= 0 ? 1 : 2;
    for (;; pass++) {
        br.hyphenation = pass > 1;
        br.emergency = pass > last;
        /* The last resort takes any line that is not overfull: a loose
         * line is better than one past the margin. */
        br.threshold = pass == 1 ? p->pretolerance : br.emergency ? INF_BAD : p->tolerance;
        br.extra_stretch = pass >= 3 ? p->emergency_stretch : 0;
        br.final_pass = pass == last + has_emergency;
        if (run_pass(&br) || br.final_pass)
            break;
    }
    out->pass = pass;
    if (br.head == NONE) {
        /* Cannot happen (the rescue keeps a node), but never return nothing. */
        out->lines = arena_alloc(a, sizeof *out->lines);
        out->n_lines = 1;
        out->lines[0] = (lb_line){.start = 0, .end = n, .ratio = 0, .hyphenated = false};
        return;
    }
    emit(&br, best_node(&br), out);
}
