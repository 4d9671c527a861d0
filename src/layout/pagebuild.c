/*
 * pagebuild.c: the vertical list and the footnotes to pages.
 *
 * Each page takes body lines from the top while they fit together with
 * the notes they call; the footnote rules are those of docs/FOOTNOTES.md:
 *   1. a note starts on the page of its call, never before, never after;
 *   2. when the notes called on a page do not all fit, only the last is
 *      split: its first lines stay, the rest continue at the foot of the
 *      next page, before that page's own notes; as TeX splits them, a
 *      note of three lines or fewer never is, each part keeps two lines
 *      at least, no part ends on a hyphen, and a page ends up to
 *      SPLIT_SLACK lines early rather than split a note;
 *   3. a line whose note cannot show even its first line moves to the
 *      next page, with the line.
 * Among the places a page may end, the builder takes the last one whose
 * penalty allows a break (no widow, no orphan, no heading at a page foot,
 * no break inside a short code block); only when none exists does it take
 * the last place that fits.
 *
 * Figures are floats: each is anchored after the body line that precedes
 * it. It is set there when it fits on the page; otherwise it waits for
 * the top of the next page while the text goes on filling this one.
 * Floats keep their order (a later one never passes a waiting one), so
 * their numbers read in order. A table continued from the page before
 * starts the page with its repeated header.
 */
#include "layout/internal.h"

#include <math.h>
#include <string.h>

#define NOTE_GAP 2.0        /* between two notes */
#define NOTE_RULE_GAP 4.0   /* between the rule and the first note */
#define FLOAT_GAP 14.0      /* between a figure and the text above or below it */
#define SPLIT_SLACK 4       /* lines of text a page gives up to keep its notes whole */

typedef struct segment {
    int note;               /* 1-based */
    size_t from, to;        /* lines [from, to) of the note */
} segment;

/* A float: a figure's lines, kept together. */
typedef struct fl {
    const lo_line *lines;
    size_t n;
    size_t anchor;          /* the body line it comes before */
    double h;
} fl;

typedef struct builder {
    flow *f;
    fl *floats;
    size_t n_floats, cap_floats;
    size_t next_float;      /* the floats before it are placed */
    struct named {          /* named destinations ("fig:ID") */
        const char *name;
        int dest;
    } *names;
    size_t n_names, cap_names;
    double top, bottom, avail;
    bool *placed;           /* placed[n]: note n has started on some page */
    int *note_dest;         /* note_dest[n]: its destination */
    segment carry;          /* the rest of a split note, or note 0 */
    segment *segs;
    size_t n_segs, cap_segs;
    arena *page_a;          /* the page being built: its items, as they double */
} builder;

static double line_h(const lo_line *l)
{
    return l->height + l->depth;
}

/* The height of n lines set together (the first one's space dropped). */
static double lines_h(const lo_line *ls, size_t n)
{
    double h = 0;
    for (size_t i = 0; i < n; i++)
        h += line_h(&ls[i]) + (i ? ls[i].space_before : 0);
    return h;
}

static double note_lines_h(const builder *b, int note, size_t from, size_t to)
{
    const lo_lines *ls = &b->f->notes[note - 1];
    double h = 0;
    for (size_t i = from; i < to && i < ls->n; i++)
        h += line_h(&ls->lines[i]) + (i > from ? ls->lines[i].space_before : 0);
    return h;
}

static double separator_h(const builder *b)
{
    return b->f->st->note_skip + NOTE_RULE_GAP;
}

/* The notes a page with body lines [s, e] needs, in order: the carried
 * rest first, then each note first called there. */
static void collect_segments(builder *b, size_t s, size_t e)
{
    b->n_segs = 0;
    if (b->carry.note) {
        segment *g = ARENA_PUSH(b->f->a, b->segs, b->n_segs, b->cap_segs);
        *g = b->carry;
    }
    for (size_t i = s; i <= e && i < b->f->body.n; i++) {
        const lo_line *l = &b->f->body.lines[i];
        for (size_t k = 0; k < l->n_notes; k++) {
            int n = l->notes[k];
            if (n < 1 || (size_t)n > b->f->n_notes || b->placed[n])
                continue;
            bool dup = false;
            for (size_t q = 0; q < b->n_segs; q++)
                if (b->segs[q].note == n && !(b->carry.note == n && q == 0))
                    dup = true;
            if (dup)
                continue;
            segment *g = ARENA_PUSH(b->f->a, b->segs, b->n_segs, b->cap_segs);
            g->note = n;
            g->from = 0;
            g->to = b->f->notes[n - 1].n;
        }
    }
}

/* Whether segment g may be cut after its line t (from < t < to): two
 * lines at least on each side, and not after a hyphenated line. */
static bool split_ok(const builder *b, const segment *g, size_t t)
{
    const lo_lines *ls = &b->f->notes[g->note - 1];
    return t >= g->from + 2 && t + 2 <= g->to && !ls->lines[t - 1].hyphenated;
}

/* The fewest lines of g that may stand on a page (the rest going to the
 * next): all of it when it cannot be split (three lines or fewer, or no
 * place where it may be). */
static size_t min_part(const builder *b, const segment *g)
{
    for (size_t t = g->from + 2; t + 2 <= g->to; t++)
        if (split_ok(b, g, t))
            return t - g->from;
    return g->to - g->from;
}

/* Height the notes need at least: all in full but the last, of which its
 * smallest lawful part is enough. *full gets the height without split. */
static double notes_min_h(const builder *b, double *full)
{
    if (b->n_segs == 0) {
        *full = 0;
        return 0;
    }
    double h = separator_h(b), all = h;
    for (size_t i = 0; i < b->n_segs; i++) {
        const segment *g = &b->segs[i];
        double gap = i ? NOTE_GAP : 0;
        double whole = note_lines_h(b, g->note, g->from, g->to);
        all += gap + whole;
        if (i + 1 < b->n_segs)
            h += gap + whole;
        else
            h += gap + note_lines_h(b, g->note, g->from, g->from + min_part(b, g));
    }
    *full = all;
    return h;
}

static double body_h(const builder *b, size_t s, size_t e)
{
    double h = 0;
    for (size_t i = s; i <= e; i++) {
        const lo_line *l = &b->f->body.lines[i];
        h += line_h(l) + (i > s ? l->space_before : 0);
    }
    return h;
}

static void place_line(builder *b, disp_page *pg, const lo_line *l, double baseline,
                       bool artifact)
{
    for (size_t i = 0; i < l->n_items; i++) {
        disp_item *it = display_add_item(b->page_a, pg, l->items[i].kind);
        *it = l->items[i];
        if (artifact)
            it->tag = DISP_ARTIFACT;
        switch (it->kind) {
        case DISP_TEXT:
            it->u.text.y += baseline;
            break;
        case DISP_RULE:
            it->u.rule.y0 += baseline;
            it->u.rule.y1 += baseline;
            break;
        case DISP_RECT:
            it->u.rect.y += baseline;
            break;
        case DISP_IMAGE:
            it->u.image.y += baseline;
            break;
        case DISP_LINK:
            it->u.link.y += baseline;
            break;
        case DISP_PATH: {
            /* The points are the line's own: a line set twice (a repeated
             * header) must not move them twice. */
            double *pts = arena_alloc(b->f->pa, 2 * it->u.path.n * sizeof *pts);
            for (size_t k = 0; k < it->u.path.n; k++) {
                pts[2 * k] = it->u.path.pts[2 * k];
                pts[2 * k + 1] = it->u.path.pts[2 * k + 1] + baseline;
            }
            it->u.path.pts = pts;
            break;
        }
        case DISP_DOT:
            it->u.dot.y += baseline;
            break;
        }
    }
}

/* What a placed line marks: a bookmark and its destination for a
 * heading, the page of a contents entry, a named destination. */
static void mark(builder *b, int page_no, const lo_line *l, double y)
{
    flow *f = b->f;
    if (l->outline) {
        int dest = display_add_dest(f->da, f->out, page_no, f->st->margin_left, y + l->height + 4);
        display_add_outline(f->da, f->out, l->outline, l->outline_level, dest);
        if (l->toc_entry) {
            f->toc_head_page[l->toc_entry - 1] = page_no;
            f->toc_head_dest[l->toc_entry - 1] = dest;
        }
    }
    if (l->toc_line) {
        f->toc_line_page[l->toc_line - 1] = page_no;
        f->toc_line_y[l->toc_line - 1] = y;
    }
    if (l->anchor) {
        int dest = display_add_dest(f->da, f->out, page_no, f->st->margin_left, y + l->height + 4);
        struct named *nd = ARENA_PUSH(f->a, b->names, b->n_names, b->cap_names);
        nd->name = l->anchor;
        nd->dest = dest;
    }
}

/* Sets n lines from y (the top of the first) downwards; returns the y
 * under the last. */
static double place_lines(builder *b, disp_page *pg, int page_no, const lo_line *ls, size_t n,
                          double y, bool artifact)
{
    for (size_t i = 0; i < n; i++) {
        const lo_line *l = &ls[i];
        if (i)
            y -= l->space_before;
        y -= l->height;
        place_line(b, pg, l, y, artifact);
        mark(b, page_no, l, y);
        y -= l->depth;
    }
    return y;
}

static void count_line(layout_stats *st, const lo_line *l, double *sum, double *sum2)
{
    bool text = false;
    for (size_t i = 0; i < l->n_items && !text; i++)
        text = l->items[i].kind == DISP_TEXT;
    if (!text)
        return;
    st->lines++;
    st->hyphenated += l->hyphenated;
    st->overfull += l->overfull;
    st->emergency += l->emergency;
    if (!l->justified)
        return;
    st->justified++;
    double r = l->ratio;
    static const double edges[7] = {-0.5, 0, 0.25, 0.5, 0.75, 1, 2};
    int b = 0;
    while (b < 7 && r >= edges[b])
        b++;
    st->ratio_hist[b]++;
    *sum += r;
    *sum2 += r * r;
}

/* Widows and orphans as a reader sees them: a paragraph's last line alone
 * at the top of a page, or its first alone at the foot. */
static void count_breaks(layout_stats *st, const lo_lines *body, const size_t *first,
                         const size_t *last, size_t pages)
{
    for (size_t p = 0; p < pages; p++) {
        if (first[p] > last[p] || last[p] >= body->n)
            continue;
        const lo_line *top = &body->lines[first[p]], *foot = &body->lines[last[p]];
        if (p > 0 && top->para && top->para_lines > 1 && top->para_line == top->para_lines - 1)
            st->widows++;
        if (p + 1 < pages && foot->para && foot->para_lines > 1 && foot->para_line == 0)
            st->orphans++;
    }
}

/* Builds one page from body line s; returns the first line of the next. */
/* The page's items were gathered in page_a, doubling as they grew: the
 * page keeps an exact copy, with room for what finalizing adds (running
 * heads, the folio, a draft mark). */
#define PAGE_ITEMS_LATER 8

static void keep_page(builder *b, disp_page *pg)
{
    size_t cap = pg->n_items + PAGE_ITEMS_LATER;
    disp_item *items = arena_alloc(b->f->pa, cap * sizeof *items);
    if (pg->n_items)
        memcpy(items, pg->items, pg->n_items * sizeof *items);
    pg->items = items;
    pg->cap_items = cap;
    arena_reset(b->page_a);
}

static size_t build_page(builder *b, size_t s)
{
    flow *f = b->f;
    size_t n = f->body.n;
    /* Waiting floats go first, as many as fit (one at least, so that a
     * float taller than the room still gets a page), leaving room for
     * the first line of a note carried over. */
    double carry_min = 0;
    if (b->carry.note)
        carry_min = separator_h(b) + note_lines_h(b, b->carry.note, b->carry.from, b->carry.from + 1);
    /* A page that continues a table keeps it whole at its top: floats
     * that wait go after the table's end instead ("late"). */
    const lo_lines *rep = s > 0 && s < n ? f->body.lines[s].repeat : NULL;
    double rep_h = rep ? lines_h(rep->lines, rep->n) + f->body.lines[s].space_before : 0;
    size_t top_first = b->next_float, top_end = top_first, late = 0;
    double top_h = 0;
    while (!rep && top_end < b->n_floats && b->floats[top_end].anchor <= s) {
        double h = b->floats[top_end].h + FLOAT_GAP;
        if ((top_end > top_first || carry_min > 0) && top_h + h + carry_min > b->avail)
            break;
        top_h += h;
        top_end++;
    }
    while (rep && top_end + late < b->n_floats && b->floats[top_end + late].anchor <= s)
        late++;
    bool waiting = !rep && top_end < b->n_floats && b->floats[top_end].anchor <= s;

    /* at[j]: the body line float top_end + j is set after. */
    size_t *at = arena_alloc(f->a, (b->n_floats - top_end + 1) * sizeof *at);
    size_t best_allowed = (size_t)-1, best_any = (size_t)-1, best_whole = (size_t)-1;
    size_t inl_allowed = 0, inl_any = 0, inl_whole = 0, n_inline = 0, fi = top_end;
    double inline_h = 0, inh_allowed = 0, inh_any = 0, inh_whole = 0;
    for (size_t k = s; k < n; k++) {
        collect_segments(b, s, k);
        double full;
        double need = top_h + rep_h + body_h(b, s, k) + inline_h + notes_min_h(b, &full);
        if (need > b->avail)
            break;
        /* Late floats: at the first lawful break past the table. Then the
         * floats anchored right after this line: here if they fit, else
         * they wait, and every later one with them. */
        bool clean = (f->body.lines[k].penalty_after < LB_INF_PENALTY || k + 1 == n) &&
                     (k + 1 == n || !f->body.lines[k + 1].repeat);
        /* Floats anchored after a forced break belong to the next page. */
        bool eject = f->body.lines[k].penalty_after <= LB_EJECT_PENALTY;
        while (fi < b->n_floats &&
               (fi < top_end + late ? clean : b->floats[fi].anchor == k + 1 && !eject)) {
            double h = b->floats[fi].h + 2 * FLOAT_GAP;
            if (!waiting && need + h - FLOAT_GAP <= b->avail) {
                at[n_inline++] = k;
                inline_h += h;
                need += h;
            } else {
                waiting = true;
            }
            fi++;
        }
        best_any = k;
        inl_any = n_inline;
        inh_any = inline_h;
        if (f->body.lines[k].penalty_after < LB_INF_PENALTY || k + 1 == n) {
            best_allowed = k;
            inl_allowed = n_inline;
            inh_allowed = inline_h;
            /* A break whose notes all fit in full (a float set inline
             * counts in need; full is the notes' whole height). */
            if (need - notes_min_h(b, &full) + full <= b->avail) {
                best_whole = k;
                inl_whole = n_inline;
                inh_whole = inline_h;
            }
        }
        if (f->body.lines[k].penalty_after <= LB_EJECT_PENALTY)
            break;     /* a forced break: the page ends here */
    }
    size_t e = s, inl = 0;
    double inh = 0;
    bool body = true;
    if (best_whole != (size_t)-1 && best_allowed != (size_t)-1 &&
        (body_h(b, s, best_allowed) + inh_allowed) - (body_h(b, s, best_whole) + inh_whole) <=
            SPLIT_SLACK * f->st->body_leading) {
        /* A few lines less on this page rather than a note split (the
         * room given up counts figures set there too). */
        e = best_whole, inl = inl_whole, inh = inh_whole;
    } else if (best_allowed != (size_t)-1) {
        e = best_allowed, inl = inl_allowed, inh = inh_allowed;
    } else if (top_end > top_first) {
        /* Figures at the top leave no room for a lawful break: the page
         * holds the figures, and the text starts the next one. */
        body = false;
    } else if (best_any != (size_t)-1) {
        e = best_any, inl = inl_any, inh = inh_any;
    } else if (b->carry.note && s < n) {
        /* A carried note too tall to share the page with even one line. */
        body = false;
    }
    /* else: a single line taller than the page: place it anyway */
    if (s >= n)
        body = false;

    disp_page *pg = display_add_page(f->da, f->out);
    int page_no = (int)f->out->n_pages - 1;
    double y = b->top;
    for (size_t t = top_first; t < top_end; t++) {
        y = place_lines(b, pg, page_no, b->floats[t].lines, b->floats[t].n, y, false);
        y -= FLOAT_GAP;
    }
    b->next_float = top_end;
    if (body) {
        if (rep) {
            y = place_lines(b, pg, page_no, rep->lines, rep->n, y, true);
            y -= f->body.lines[s].space_before;
        }
        size_t fidx = top_end;
        bool after_float = false;
        for (size_t i = s; i <= e; i++) {
            const lo_line *l = &f->body.lines[i];
            if (i > s && !after_float)
                y -= l->space_before;
            y -= l->height;
            place_line(b, pg, l, y, false);
            mark(b, page_no, l, y);
            y -= l->depth;
            after_float = false;
            while (fidx < top_end + inl && at[fidx - top_end] == i) {
                y -= FLOAT_GAP;
                y = place_lines(b, pg, page_no, b->floats[fidx].lines, b->floats[fidx].n, y, false);
                y -= FLOAT_GAP;
                fidx++;
                after_float = true;
            }
        }
        b->next_float = top_end + inl;
        collect_segments(b, s, e);
    } else {
        /* No body line: only the rest of a long note, if any. */
        b->n_segs = 0;
        if (b->carry.note) {
            segment *g = ARENA_PUSH(f->a, b->segs, b->n_segs, b->cap_segs);
            *g = b->carry;
        }
    }
    double room = b->avail - top_h - (body ? rep_h + body_h(b, s, e) + inh : 0);
    b->carry.note = 0;
    if (b->n_segs) {
        /* How much of the last note fits. */
        double used = separator_h(b);
        for (size_t i = 0; i + 1 < b->n_segs; i++)
            used += (i ? NOTE_GAP : 0) + note_lines_h(b, b->segs[i].note, b->segs[i].from,
                                                       b->segs[i].to);
        segment *last = &b->segs[b->n_segs - 1];
        used += b->n_segs > 1 ? NOTE_GAP : 0;
        /* Whole if it fits, else cut at the last lawful place that fits,
         * else its smallest part all the same (the page was built to
         * hold that much). */
        size_t to = last->to;
        if (used + note_lines_h(b, last->note, last->from, to) > room) {
            to = last->from + min_part(b, last);
            for (size_t t = to + 1; t < last->to; t++)
                if (split_ok(b, last, t) &&
                    used + note_lines_h(b, last->note, last->from, t) <= room)
                    to = t;
        }
        if (to < last->to) {
            b->carry.note = last->note;
            b->carry.from = to;
            b->carry.to = last->to;
            last->to = to;
        }
        double total = separator_h(b);
        for (size_t i = 0; i < b->n_segs; i++)
            total += (i ? NOTE_GAP : 0) +
                     note_lines_h(b, b->segs[i].note, b->segs[i].from, b->segs[i].to);
        /* Notes sit on the bottom margin, the rule above them. */
        double ny = b->bottom + total - f->st->note_skip;
        disp_item *r = display_add_item(b->page_a, pg, DISP_RULE);
        r->color = f->st->rule;
        r->u.rule.x0 = f->st->margin_left;
        r->u.rule.x1 = f->st->margin_left + (f->st->page_w - f->st->margin_left -
                                             f->st->margin_right) * 0.3;
        r->u.rule.y0 = r->u.rule.y1 = ny;
        r->u.rule.width = 0.5;
        ny -= NOTE_RULE_GAP;
        for (size_t i = 0; i < b->n_segs; i++) {
            const segment *g = &b->segs[i];
            const lo_lines *ls = &f->notes[g->note - 1];
            if (i)
                ny -= NOTE_GAP;
            for (size_t k = g->from; k < g->to; k++) {
                const lo_line *l = &ls->lines[k];
                if (k > g->from)
                    ny -= l->space_before;
                ny -= l->height;
                if (k == 0) {
                    b->placed[g->note] = true;
                    b->note_dest[g->note] = display_add_dest(f->da, f->out, page_no,
                                                             f->st->margin_left,
                                                             ny + l->height + 2);
                }
                place_line(b, pg, l, ny, false);
                ny -= l->depth;
            }
        }
    }
    keep_page(b, pg);
    return body ? e + 1 : s;
}

void pagebuild_run(flow *f)
{
    const layout_style *st = f->st;
    builder b = {.f = f, .page_a = arena_new()};
    b.top = st->page_h - st->margin_top;
    b.bottom = st->margin_bottom;
    b.avail = b.top - b.bottom;
    b.placed = arena_alloc(f->a, (f->n_notes + 1) * sizeof *b.placed);
    b.note_dest = arena_alloc(f->a, (f->n_notes + 1) * sizeof *b.note_dest);
    /* Floats leave the vertical list, each anchored where it stood. */
    /* At most one line more than the body per figure (a break line):
     * allocated once, not doubled as it fills. */
    lo_lines text = {0};
    text.cap = f->body.n + 1;
    for (size_t i = 0; i < f->body.n; i++)
        text.cap += f->body.lines[i].float_id != 0;
    text.lines = arena_alloc(f->a, text.cap * sizeof *text.lines);
    for (size_t i = 0; i < f->body.n;) {
        const lo_line *l = &f->body.lines[i];
        if (!l->float_id) {
            *lo_lines_push(f->a, &text) = *l;
            i++;
            continue;
        }
        size_t k = i;
        while (k < f->body.n && f->body.lines[k].float_id == l->float_id)
            k++;
        fl *fv = ARENA_PUSH(f->a, b.floats, b.n_floats, b.cap_floats);
        fv->lines = l;
        fv->n = k - i;
        fv->anchor = text.n;
        fv->h = lines_h(l, k - i);
        /* A forced break right after a figure stays after it: an empty
         * line carries it, with the figure anchored before that line. */
        if (f->body.lines[k - 1].penalty_after <= LB_EJECT_PENALTY)
            lo_lines_push(f->a, &text)->penalty_after = LB_EJECT_PENALTY;
        i = k;
    }
    f->body = text;
    size_t s = 0;
    size_t *first = NULL, *last = NULL, n_first = 0, n_last = 0, cap_first = 0, cap_last = 0;
    while (s < f->body.n || b.carry.note || b.next_float < b.n_floats) {
        /* Such a break line at the top of a page, with no figure waiting,
         * would only make a blank page. */
        while (s < f->body.n && !f->body.lines[s].n_items && !b.carry.note &&
               f->body.lines[s].penalty_after <= LB_EJECT_PENALTY &&
               !(b.next_float < b.n_floats && b.floats[b.next_float].anchor <= s))
            s++;
        if (!(s < f->body.n || b.carry.note || b.next_float < b.n_floats))
            break;
        size_t floats_before = b.next_float;
        size_t next = build_page(&b, s);
        if (next == s && !b.carry.note && b.next_float == floats_before && s < f->body.n)
            next = s + 1;    /* cannot happen, but never loop */
        /* A page of figures or of a note's rest has no body line: first >
         * last, so it counts no widow or orphan. */
        *(size_t *)ARENA_PUSH(f->a, first, n_first, cap_first) = next > s ? s : 1;
        *(size_t *)ARENA_PUSH(f->a, last, n_last, cap_last) = next > s ? next - 1 : 0;
        s = next;
    }
    arena_free(b.page_a);
    if (f->out->n_pages == 0)
        display_add_page(f->da, f->out);

    layout_stats *stats = f->stats;
    memset(stats, 0, sizeof *stats);
    stats->pages = (int)f->out->n_pages;
    double sum = 0, sum2 = 0;
    for (size_t i = 0; i < f->body.n; i++)
        count_line(stats, &f->body.lines[i], &sum, &sum2);
    for (size_t n = 0; n < f->n_notes; n++)
        for (size_t i = 0; i < f->notes[n].n; i++)
            count_line(stats, &f->notes[n].lines[i], &sum, &sum2);
    if (stats->justified) {
        stats->ratio_mean = sum / stats->justified;
        double var = sum2 / stats->justified - stats->ratio_mean * stats->ratio_mean;
        stats->ratio_sd = var > 0 ? sqrt(var) : 0;
    }
    count_breaks(stats, &f->body, first, last, n_first);
    /* Footnote calls link to their notes; a call whose note was never
     * placed (none such should exist) loses its link. */
    for (size_t p = 0; p < f->out->n_pages; p++) {
        disp_page *pg = &f->out->pages[p];
        size_t kept = 0;
        for (size_t i = 0; i < pg->n_items; i++) {
            disp_item *it = &pg->items[i];
            if (it->kind == DISP_LINK && it->u.link.uri && it->u.link.uri[0] == '#') {
                /* A link to a named place (a figure): to its destination,
                 * or no link when the name was never placed. */
                size_t k = 0;
                while (k < b.n_names && strcmp(b.names[k].name, it->u.link.uri + 1) != 0)
                    k++;
                if (k == b.n_names)
                    continue;
                it->u.link.uri = NULL;
                it->u.link.dest = b.names[k].dest;
            } else if (it->kind == DISP_LINK && !it->u.link.uri && it->u.link.dest < 0) {
                int n = -it->u.link.dest;
                if (n < 1 || (size_t)n > f->n_notes || !b.placed[n])
                    continue;
                it->u.link.dest = b.note_dest[n];
            }
            pg->items[kept++] = *it;
        }
        pg->n_items = kept;
    }
}
