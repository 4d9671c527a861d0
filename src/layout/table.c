/*
 * table.c: a table figure as lines of the vertical list: its title, a
 * header row between rules, one line per row (cells wrapped within their
 * column), a closing rule and the caption, note and source. Unlike other
 * figures a table stays in the flow and may continue on the next page; a
 * continued table starts with "Table N (continued)" and its header again.
 * Columns get their natural width; text columns share what is left or
 * give up what is missing. Numbers align on their decimal point.
 */
#include "layout/internal.h"

#include <math.h>
#include <string.h>

#define CELL_SIZE 8.0
#define HEAD_SIZE 7.5
#define CELL_LEADING 10.5
#define PAD 4.0              /* left and right of each cell */
#define ROW_PAD 2.5          /* above and below each row's text */

typedef struct column {
    double x, w;
    doc_align align;
    double int_w, frac_w;    /* decimal columns: widest whole part, widest '.' and fraction */
} column;

/* A leading hyphen-minus becomes a real minus sign in a number. */
static const char *number_text(arena *a, const doc_block *b)
{
    const char *s = doc_plain_text(a, b);
    if (s[0] == '-')
        return arena_printf(a, "\xe2\x88\x92%s", s + 1);
    return s;
}

static double widest_word(const flow *f, const char *s, text_style style, double size)
{
    double w = 0;
    while (*s) {
        size_t n = strcspn(s, " ");
        w = fmax(w, hlist_text_width(f->fonts, s, n, style, size));
        s += n;
        while (*s == ' ')
            s++;
    }
    return w;
}

/* Splits a number at its decimal point: the widths of the part before
 * it and of the point with the rest. */
static void decimal_parts(const flow *f, const char *s, double *int_w, double *frac_w)
{
    const char *dot = strrchr(s, '.');
    size_t n = dot ? (size_t)(dot - s) : strlen(s);
    *int_w = hlist_text_width(f->fonts, s, n, TEXT_SANS, CELL_SIZE);
    *frac_w = dot ? flow_width(f, dot, TEXT_SANS, CELL_SIZE) : 0;
}

/* A cell's paragraph set ragged in `width` from x (a header's in the
 * bold sans); appends its lines to out. */
static void set_cell(flow *f, const doc_block *b, bool header, double x, double width,
                     lo_lines *out)
{
    flow_paragraph(f, b, x, x + width, header ? FLOW_HEADING : FLOW_SANS,
                   header ? HEAD_SIZE : CELL_SIZE, CELL_LEADING, f->st->text, false, out);
}

/* The width a cell's text takes on one line (measured quietly: the
 * cell is set, and any character no font has reported, later). */
static double natural_width(flow *f, const doc_block *b, bool header)
{
    /* Nothing of the trial setting is kept: its lines go with their
     * arena, so a table of 100,000 rows costs no more than its rows. */
    lo_lines tmp = {0};
    diag_list *real = f->d, *quiet = diag_new();
    arena *main = f->a, *main_da = f->da, *main_pa = f->pa, *trial = arena_new();
    f->d = quiet;
    f->a = f->da = f->pa = trial;
    /* No structure either: the trial makes no elements. */
    int saved = f->tag;
    f->tag = 0;
    set_cell(f, b, header, 0, 1e6, &tmp);
    f->tag = saved;
    /* The glyphs' end is summed from their advances and adjustments (the
     * latter kept as floats), the breaker's widths in doubles of its own:
     * a thousandth of a point keeps the text from wrapping in the width
     * measured from it. */
    double w = tmp.n ? lo_line_text_end(f, &tmp.lines[0]) + 0.001 : 0;
    f->a = main;
    f->da = main_da;
    f->pa = main_pa;
    f->d = real;
    arena_free(trial);
    diag_free(quiet);
    return w;
}

/* Sets one cell into row line l (baseline of its first line at y = 0),
 * with the notes it calls; returns its number of lines. The cell's own
 * lines, and l's items as they grow, are in f->lines_a (row_line). */
static size_t cell(flow *f, const doc_block *b, bool number, bool header, const column *col,
                   lo_line *l)
{
    double inner = col->w - 2 * PAD, x = col->x + PAD;
    lo_lines tmp = {0};
    double shift_dec = -1;
    /* A cell is an element of its row: a header cell heads its column. */
    int saved = lo_open(f, header ? DISP_S_TH : DISP_S_TD);
    if (number) {
        const char *s = number_text(f->lines_a, b);
        if (col->align == DOC_ALIGN_DECIMAL) {
            double iw, fw;
            decimal_parts(f, s, &iw, &fw);
            shift_dec = col->x + col->w - PAD - col->frac_w - iw;
        }
        /* A number is never broken. */
        flow_text(f, s, TEXT_SANS, CELL_SIZE, CELL_LEADING, f->st->text, x, 1e6, b->loc, &tmp);
    } else {
        set_cell(f, b, header, x, inner, &tmp);
    }
    lo_tag_lines(&tmp, 0, f->tag);
    lo_close(f, saved);
    size_t cap_notes = l->n_notes;
    for (size_t k = 0; k < tmp.n; k++) {
        const lo_line *ll = &tmp.lines[k];
        double end = lo_line_text_end(f, ll), shift = 0;
        if (shift_dec >= 0)
            shift = shift_dec - x;
        else if (col->align == DOC_ALIGN_RIGHT || col->align == DOC_ALIGN_DECIMAL)
            shift = col->x + col->w - PAD - end;
        else if (col->align == DOC_ALIGN_CENTER)
            shift = (col->x + col->w / 2) - (x + end) / 2;
        for (size_t q = 0; q < ll->n_items; q++) {
            disp_item *it = lo_line_add_item(f->lines_a, l, ll->items[q].kind);
            *it = ll->items[q];
            lo_item_move(it, shift, -(double)k * CELL_LEADING);
        }
        for (size_t q = 0; q < ll->n_notes; q++)
            *(int *)ARENA_PUSH(f->lines_a, l->notes, l->n_notes, cap_notes) = ll->notes[q];
    }
    return tmp.n ? tmp.n : 1;
}

static void hrule(flow *f, lo_line *l, double x0, double x1, double y, double w, disp_color c)
{
    disp_item *r = lo_line_add_item(f->a, l, DISP_RULE);
    r->color = c;
    r->u.rule.x0 = x0;
    r->u.rule.x1 = x1;
    r->u.rule.y0 = r->u.rule.y1 = y;
    r->u.rule.width = w;
}

/* One row (the header when cells are the headers) as a line. */
static lo_line *row_line(flow *f, doc_block *const *cells, const bool *numeric,
                         const column *cols, size_t n, bool header, lo_lines *out)
{
    lo_line *l = lo_lines_push(f->a, out);
    size_t lines = 1;
    int saved = lo_open(f, DISP_S_TR);
    /* The cells' lines are set in a scratch arena and copied into the
     * row's line, which keeps exact copies: a table of 100,000 rows
     * costs its rows, not every intermediate array. */
    arena *outer = f->lines_a;
    f->lines_a = arena_new();
    for (size_t c = 0; c < n; c++) {
        bool number = !header && numeric && numeric[c];
        column col = cols[c];
        if (header && col.align == DOC_ALIGN_DECIMAL)
            col.align = DOC_ALIGN_RIGHT;
        size_t k = cell(f, cells[c], number, header, &col, l);
        if (k > lines)
            lines = k;
    }
    /* Room for the rules table_lines draws on it: one under a row, and
     * one over the header too. */
    lo_line_keep(f->a, NULL, l, header ? 2 : 1);
    arena_free(f->lines_a);
    f->lines_a = outer;
    lo_close(f, saved);
    l->height = ROW_PAD + CELL_LEADING * 0.78;
    l->depth = (double)(lines - 1) * CELL_LEADING + CELL_LEADING * 0.22 + ROW_PAD;
    return l;
}

/* Column widths: natural widths when they fit, the room left over shared
 * by text columns; too wide, text columns shrink (not below their widest
 * word) in proportion to what they want. */
static double widths(flow *f, const doc_figure *fig, double left, double width, column *cols)
{
    size_t n = fig->n_columns;
    double *nat = arena_alloc(f->a, (n + 1) * sizeof *nat);
    double *min = arena_alloc(f->a, (n + 1) * sizeof *min);
    bool *text = arena_alloc(f->a, n + 1);
    double total = 0, text_total = 0, fixed = 0;
    /* Cells' plain texts are read once, here: not kept (12 MB on 100,000 rows). */
    arena *text_a = arena_new();
    for (size_t c = 0; c < n; c++) {
        cols[c].align = fig->align[c];
        double w = natural_width(f, fig->headers[c], true);
        double word = widest_word(f, doc_plain_text(text_a, fig->headers[c]), TEXT_SANS_BOLD,
                                  HEAD_SIZE);
        for (size_t r = 0; r < fig->n_rows; r++) {
            const doc_block *b = fig->cells[r * n + c];
            bool number = fig->numeric && fig->numeric[r * n + c];
            if (number) {
                double iw, fw;
                const char *s = number_text(text_a, b);
                decimal_parts(f, s, &iw, &fw);
                if (cols[c].align == DOC_ALIGN_DECIMAL) {
                    cols[c].int_w = fmax(cols[c].int_w, iw);
                    cols[c].frac_w = fmax(cols[c].frac_w, fw);
                } else {
                    w = fmax(w, iw + fw);
                    word = fmax(word, iw + fw);
                }
            } else {
                w = fmax(w, natural_width(f, b, false));
                word = fmax(word, widest_word(f, doc_plain_text(text_a, b), TEXT_SANS, CELL_SIZE));
            }
            arena_reset(text_a);
        }
        w = fmax(w, cols[c].int_w + cols[c].frac_w);
        nat[c] = w + 2 * PAD;
        min[c] = fmax(word, cols[c].int_w + cols[c].frac_w) + 2 * PAD;
        /* A column whose cells are all short is fixed; the rest may wrap. */
        text[c] = cols[c].align == DOC_ALIGN_LEFT && nat[c] > min[c] + 1;
        total += nat[c];
        if (text[c])
            text_total += nat[c];
        else
            fixed += nat[c];
    }
    arena_free(text_a);
    for (size_t c = 0; c < n; c++)
        cols[c].w = nat[c];
    if (total < width * 0.7) {
        /* A small table keeps its columns together: natural widths, a
         * little more air between them, not stretched over the page. */
        double extra = fmin(10, (width * 0.7 - total) / (double)n);
        for (size_t c = 0; c < n; c++)
            cols[c].w += extra;
    } else if (total <= width) {
        /* Spread the room over text columns, or over all when none wraps. */
        double share = text_total > 0 ? text_total : total;
        for (size_t c = 0; c < n; c++)
            if (text[c] || text_total == 0)
                cols[c].w += (width - total) * nat[c] / share;
    } else if (text_total > 0) {
        /* A text column that fits in an even share of the room keeps its
         * width; the others, the long ones, share what is left in
         * proportion to their length, and wrap. */
        bool *wraps = arena_alloc(f->a, n + 1);
        for (size_t c = 0; c < n; c++)
            wraps[c] = text[c];
        for (bool changed = true; changed;) {
            changed = false;
            double room = width - fixed;
            size_t k = 0;
            for (size_t c = 0; c < n; c++)
                k += wraps[c];
            for (size_t c = 0; c < n && k; c++)
                if (wraps[c] && nat[c] <= room / (double)k) {
                    wraps[c] = false;
                    fixed += nat[c];
                    changed = true;
                }
        }
        double room = fmax(width - fixed, 0), want = 0;
        for (size_t c = 0; c < n; c++)
            if (wraps[c])
                want += nat[c];
        for (size_t c = 0; c < n; c++)
            if (wraps[c])
                cols[c].w = fmax(min[c], room * nat[c] / want);
    }
    double x = left;
    for (size_t c = 0; c < n; c++) {
        cols[c].x = x;
        x += cols[c].w;
    }
    return x;
}

void table_lines(flow *f, const doc_figure *fig, double left, double right, lo_lines *out)
{
    const layout_style *st = f->st;
    size_t n = fig->n_columns;
    if (!n)
        return;
    column *cols = arena_alloc(f->a, n * sizeof *cols);
    double table_right = fmin(widths(f, fig, left, right - left, cols), right);
    disp_color light = {0.82, 0.82, 0.82};

    /* The table holds its title (a caption) and rows; its caption, note
     * and source are read after it, as paragraphs. */
    int table_saved = lo_open(f, DISP_S_TABLE);
    size_t first = figure_title(f, fig, left, right, false, out);
    if (first < out->n) {
        out->lines[first].anchor = arena_strdup(f->a, fig->anchor);
        out->lines[first].space_before = 12;
    }
    size_t head = out->n;
    lo_line *h = row_line(f, fig->headers, NULL, cols, n, true, out);
    /* A table without a title (one written in Markdown) starts as a
     * block of the text does. */
    h->space_before = first < head ? 6 : f->st->para_skip + 4;
    hrule(f, h, left, table_right, h->height, 0.8, st->text);
    hrule(f, h, left, table_right, -h->depth, 0.5, st->text);
    h->penalty_after = LB_INF_PENALTY;
    for (size_t r = 0; r < fig->n_rows; r++) {
        lo_line *l = row_line(f, fig->cells + r * n, fig->numeric ? fig->numeric + r * n : NULL,
                              cols, n, false, out);
        bool last = r + 1 == fig->n_rows;
        hrule(f, l, left, table_right, -l->depth, last ? 0.8 : 0.3, last ? st->text : light);
        /* No page break after the first row or before the last: a
         * header never stands with one row, nor a row alone. */
        l->penalty_after = r == 0 || r + 2 == fig->n_rows || last ? LB_INF_PENALTY : 0;
    }
    lo_close(f, table_saved);
    size_t notes = out->n;
    figure_notes(f, fig, left, right, out);
    for (size_t i = notes; i + 1 < out->n; i++)
        out->lines[i].penalty_after = LB_INF_PENALTY;
    if (notes == out->n && notes > head)
        out->lines[notes - 1].penalty_after = 0;

    /* What a page the table continues on starts with: the title marked
     * continued (if it has one), and the header row (its notes are
     * called where it first stands). */
    lo_lines *rep = arena_alloc(f->a, sizeof *rep);
    /* Its title was set (and any character no font has reported) above. */
    diag_list *real = f->d, *quiet = diag_new();
    f->d = quiet;
    int saved = f->tag;
    f->tag = 0;   /* a repetition is an artifact: read once, where it first stands */
    figure_title(f, fig, left, right, true, rep);
    f->tag = saved;
    f->d = real;
    diag_free(quiet);
    for (size_t i = head; i < head + 1; i++) {
        lo_line *copy = lo_lines_push(f->a, rep);
        *copy = out->lines[i];
        copy->space_before = 4;
        copy->notes = NULL;
        copy->n_notes = copy->cap_notes = 0;
    }
    for (size_t r = 1; r < fig->n_rows; r++)
        out->lines[head + 1 + r].repeat = rep;
}
