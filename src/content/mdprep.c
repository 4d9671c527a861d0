/*
 * mdprep.c: the pass over Markdown before cmark parses it (see mdprep.h).
 *
 * Footnote definitions follow Pandoc: a line "[^label]: text" (indented at
 * most three spaces) starts one; following lines indented four spaces or a
 * tab, and blank lines between such lines, continue it. Fenced code blocks
 * are copied untouched. Inside indented code blocks the pass cannot tell
 * code from a list's continuation, so it rewrites "[^" there too; the
 * converter turns the marker back into "[" in code.
 */
#include "content/mdprep.h"

#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

typedef struct writer {
    arena *a;
    buf out;
    uint32_t *map;
    size_t n_map, cap_map;
} writer;

static void emit(writer *w, const char *s, size_t n, size_t from)
{
    buf_append(&w->out, s, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t *slot = ARENA_PUSH(w->a, w->map, w->n_map, w->cap_map);
        *slot = (uint32_t)from;
    }
}

/* Copies input bytes one for one, each mapped to its own offset. */
static void copy(writer *w, const char *in, size_t start, size_t end)
{
    buf_append(&w->out, in + start, end - start);
    for (size_t i = start; i < end; i++) {
        uint32_t *slot = ARENA_PUSH(w->a, w->map, w->n_map, w->cap_map);
        *slot = (uint32_t)i;
    }
}

static void finish(writer *w, const md_origin *origin, size_t end_offset, md_text *t)
{
    uint32_t *slot = ARENA_PUSH(w->a, w->map, w->n_map, w->cap_map);
    *slot = (uint32_t)end_offset;
    t->text = buf_to_arena(&w->out, w->a);
    t->len = w->out.len;
    t->map = w->map;
    t->origin = *origin;
    buf_fini(&w->out);
    size_t cap = 0;
    t->line_starts = NULL;
    t->n_lines = 0;
    size_t *first = ARENA_PUSH(w->a, t->line_starts, t->n_lines, cap);
    *first = 0;
    for (size_t i = 0; i < t->len; i++)
        if (t->text[i] == '\n') {
            size_t *ls = ARENA_PUSH(w->a, t->line_starts, t->n_lines, cap);
            *ls = i + 1;
        }
}

static void writer_init(writer *w, arena *a)
{
    w->a = a;
    buf_init(&w->out);
    w->map = NULL;
    w->n_map = w->cap_map = 0;
}

/* The file position of byte `in` of the origin's input. */
static src_loc locate_input(const md_origin *o, size_t in)
{
    if (in > o->input_len)
        in = o->input_len;
    /* The last line starting at or before `in`. */
    size_t lo = 0, hi = o->n_lines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (o->line_starts[mid] <= in)
            lo = mid;
        else
            hi = mid;
    }
    size_t ls = o->n_lines ? o->line_starts[lo] : 0;
    int col = (int)utf8_count(o->input + ls, in - ls) + o->col_offset;
    return (src_loc){o->file, o->line_offset + (int)lo, col};
}

src_loc mdprep_locate_offset(const md_text *t, size_t offset)
{
    if (offset > t->len)
        offset = t->len;
    return locate_input(&t->origin, t->map[offset]);
}

src_loc mdprep_locate(const md_text *t, int line, int byte_col)
{
    if (line < 1)
        line = 1;
    if ((size_t)line > t->n_lines)
        line = (int)t->n_lines;
    size_t off = t->line_starts[line - 1] + (size_t)(byte_col > 0 ? byte_col - 1 : 0);
    return mdprep_locate_offset(t, off);
}

static bool is_blank(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
}

/* Columns of leading indentation (tabs to the next multiple of 4). */
static int indent_of(const char *s, size_t start, size_t end, size_t *after)
{
    int cols = 0;
    size_t i = start;
    while (i < end && (s[i] == ' ' || s[i] == '\t')) {
        cols = s[i] == '\t' ? (cols / 4 + 1) * 4 : cols + 1;
        i++;
    }
    *after = i;
    return cols;
}

/* A fence opener or closer: up to three spaces, then three or more ` or ~. */
static int fence_at(const char *s, size_t start, size_t end, char *ch)
{
    size_t i;
    if (indent_of(s, start, end, &i) > 3 || i >= end || (s[i] != '`' && s[i] != '~'))
        return 0;
    char c = s[i];
    int n = 0;
    while (i < end && s[i] == c) {
        n++;
        i++;
    }
    if (n < 3)
        return 0;
    if (c == '`' && memchr(s + i, '`', end - i))
        return 0;
    *ch = c;
    return n;
}

/* Recognises "[^label]:" at a line start; returns the offset after ':'. */
static size_t footdef_at(const char *s, size_t start, size_t end, size_t *lab, size_t *lab_len)
{
    size_t i;
    if (indent_of(s, start, end, &i) > 3)
        return 0;
    if (i + 2 >= end || s[i] != '[' || s[i + 1] != '^')
        return 0;
    size_t l = i + 2, j = l;
    while (j < end && s[j] != ']' && s[j] != ' ' && s[j] != '\t' && s[j] != '[' && s[j] != '^')
        j++;
    if (j == l || j + 1 >= end || s[j] != ']' || s[j + 1] != ':')
        return 0;
    *lab = l;
    *lab_len = j - l;
    return j + 2;
}

typedef struct prep {
    arena *a;
    diag_list *d;
    const md_origin *origin;
    md_prepared *out;
} prep;

static void scan_inline(prep *p, writer *w, const char *s, size_t start, size_t end,
                        size_t limit, size_t *resume);

/* A citation: "[" ... "]" on one line, holding "@key" at a word start,
 * not followed by "(" or "[" (which would make it a link). Returns the
 * offset of the ']' or 0. */
static size_t citation_end(const char *s, size_t open, size_t end)
{
    bool key = false;
    size_t i;
    for (i = open + 1; i < end && s[i] != ']'; i++) {
        if (s[i] == '[' || s[i] == '\n')
            return 0;
        if (s[i] == '@' && (i == open + 1 || s[i - 1] == ' ' || s[i - 1] == ';' || s[i - 1] == '-') &&
            i + 1 < end && (s[i + 1] == '_' || ((s[i + 1] | 32) >= 'a' && (s[i + 1] | 32) <= 'z')))
            key = true;
    }
    if (i >= end || !key)
        return 0;
    if (i + 1 < end && (s[i + 1] == '(' || s[i + 1] == '['))
        return 0;
    return i;
}

static bool id_char(char c)
{
    return c == '_' || c == '-' || c == '.' || c == ':' || (c >= '0' && c <= '9') ||
           ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* A figure reference "@fig:ID" at s[at], at a word start; returns the
 * offset after the id (a trailing '.' or ':' is punctuation), or 0. */
static size_t figref_end(const char *s, size_t at, size_t end)
{
    if (at + 5 >= end || memcmp(s + at, "@fig:", 5) != 0)
        return 0;
    if (at > 0 && (id_char(s[at - 1]) || s[at - 1] == '@'))
        return 0;
    size_t i = at + 5;
    while (i < end && id_char(s[i]))
        i++;
    while (i > at + 5 && (s[i - 1] == '.' || s[i - 1] == ':'))
        i--;
    return i > at + 5 ? i : 0;
}

static void add_figref(prep *p, writer *w, const char *s, size_t at, size_t id, size_t id_end,
                       size_t from)
{
    md_figref *r = ARENA_PUSH(p->a, p->out->figrefs, p->out->n_figrefs, p->out->cap_figrefs);
    r->loc = locate_input(p->origin, at);
    r->id = arena_strndup(p->a, s + id, id_end - id);
    char marker[32];
    memcpy(marker, MDPREP_FIG_OPEN, 3);
    size_t len = 3 + (size_t)snprintf(marker + 3, sizeof marker - 3, "%zu", p->out->n_figrefs - 1);
    memcpy(marker + len, MDPREP_INLINE_CLOSE, 3);
    emit(w, marker, len + 3, from);
}

/* A link's destination "](...)" at s[at] (the ']'): returns the offset
 * after its ')', parentheses balanced, or 0. */
static size_t link_dest_end(const char *s, size_t at, size_t end)
{
    if (at + 1 >= end || s[at] != ']' || s[at + 1] != '(')
        return 0;
    int depth = 0;
    for (size_t i = at + 1; i < end; i++) {
        if (s[i] == '\\' && i + 1 < end) {
            i++;
            continue;
        }
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && --depth == 0)
            return i + 1;
    }
    return 0;
}

/* An autolink "<scheme:...>" or "<name@host>" at s[at]: returns the
 * offset after its '>', or 0. */
static size_t autolink_end(const char *s, size_t at, size_t end)
{
    bool mark = false;
    for (size_t i = at + 1; i < end; i++) {
        if (s[i] == '>')
            return mark && i > at + 1 ? i + 1 : 0;
        if (s[i] == ' ' || s[i] == '<' || s[i] == '\n')
            return 0;
        mark |= s[i] == ':' || s[i] == '@';
    }
    return 0;
}

/* Finds the ']' closing the inline note that opens at s[open] ('^[').
 * Brackets nest; a blank line ends the search. Returns 0 if unclosed. */
static size_t inline_note_end(const char *s, size_t open, size_t limit)
{
    int depth = 0;
    for (size_t i = open; i < limit; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < limit) {
            i++;
            continue;
        }
        if (c == '\n') {
            size_t e = line_end(s, limit, i + 1);
            if (is_blank(s, i + 1, e))
                return 0;
        }
        if (c == '[')
            depth++;
        else if (c == ']' && --depth == 0)
            return i;
    }
    return 0;
}

/* Copies s[start..end) into w, rewriting "[^" and inline notes. An inline
 * note may run past `end` (onto later lines, up to `limit`); *resume then
 * says where the caller must continue. */
static void scan_inline(prep *p, writer *w, const char *s, size_t start, size_t end,
                        size_t limit, size_t *resume)
{
    size_t code_ticks = 0;
    size_t i = start;
    *resume = end;
    while (i < end) {
        char c = s[i];
        if (c == '`') {
            size_t j = i;
            while (j < end && s[j] == '`')
                j++;
            size_t n = j - i;
            if (code_ticks == 0)
                code_ticks = n;
            else if (code_ticks == n)
                code_ticks = 0;
            copy(w, s, i, j);
            i = j;
            continue;
        }
        if (code_ticks) {
            copy(w, s, i, i + 1);
            i++;
            continue;
        }
        if (c == '\\' && i + 1 < end) {
            copy(w, s, i, i + 2);
            i += 2;
            continue;
        }
        if (c == '[' && i + 1 < end && s[i + 1] == '^') {
            emit(w, MDPREP_REF_OPEN, 3, i);
            i++;
            continue;
        }
        size_t fe;
        /* URLs are cmark's: copied as they are, so @fig: or [^ inside a
         * link's address or an autolink stays part of the address. */
        if ((c == ']' && (fe = link_dest_end(s, i, end)) > 0) ||
            (c == '<' && (fe = autolink_end(s, i, end)) > 0)) {
            copy(w, s, i, fe);
            i = fe;
            continue;
        }
        if (c == '@' && (fe = figref_end(s, i, end)) > 0) {
            add_figref(p, w, s, i, i + 5, fe, i);
            i = fe;
            continue;
        }
        if (c == '[' && i + 1 < end && (fe = figref_end(s, i + 1, end)) > 0 && fe < end &&
            s[fe] == ']') {
            add_figref(p, w, s, i, i + 6, fe, i);
            i = fe + 1;
            continue;
        }
        size_t close;
        if (c == '[' && (close = citation_end(s, i, end)) > 0) {
            md_cite *ct = ARENA_PUSH(p->a, p->out->cites, p->out->n_cites, p->out->cap_cites);
            ct->loc = locate_input(p->origin, i);
            ct->text = arena_strndup(p->a, s + i + 1, close - i - 1);
            ct->len = close - i - 1;
            char marker[32];
            memcpy(marker, MDPREP_CITE_OPEN, 3);
            size_t len = 3 + (size_t)snprintf(marker + 3, sizeof marker - 3, "%zu",
                                              p->out->n_cites - 1);
            memcpy(marker + len, MDPREP_INLINE_CLOSE, 3);
            emit(w, marker, len + 3, i);
            i = close + 1;
            continue;
        }
        if (c == '^' && i + 1 < end && s[i + 1] == '[') {
            size_t close = inline_note_end(s, i + 1, limit);
            if (close) {
                md_inline_note *n = ARENA_PUSH(p->a, p->out->inlines, p->out->n_inlines,
                                               p->out->cap_inlines);
                n->loc = locate_input(p->origin, i);
                writer nw;
                writer_init(&nw, p->a);
                size_t r;
                scan_inline(p, &nw, s, i + 2, close, close, &r);
                finish(&nw, p->origin, close, &n->body);
                char marker[32];
                size_t len = 0;
                memcpy(marker, MDPREP_INLINE_OPEN, 3);
                len = 3;
                len += (size_t)snprintf(marker + len, sizeof marker - len, "%zu",
                                        p->out->n_inlines - 1);
                memcpy(marker + len, MDPREP_INLINE_CLOSE, 3);
                len += 3;
                emit(w, marker, len, i);
                i = close + 1;
                if (i > end) {
                    /* The note ran onto later lines: finish this stretch there. */
                    size_t e = line_end(s, limit, i);
                    scan_inline(p, w, s, i, e, limit, resume);
                    return;
                }
                continue;
            }
        }
        copy(w, s, i, i + 1);
        i++;
    }
}

/* Collects a footnote definition starting on the line at `start`; returns
 * the offset of the first line after it. */
static size_t take_footdef(prep *p, const char *s, size_t len, size_t start,
                           size_t lab, size_t lab_len, size_t body_start)
{
    md_prepared *out = p->out;
    md_footdef *def = ARENA_PUSH(p->a, out->defs, out->n_defs, out->cap_defs);
    def->label = arena_strndup(p->a, s + lab, lab_len);
    def->loc = locate_input(p->origin, lab - 2);
    for (size_t k = 0; k + 1 < out->n_defs; k++)
        if (strcmp(out->defs[k].label, def->label) == 0) {
            diag_error(p->d, def->loc, "footnote '[^%s]' is defined twice", def->label);
            diag_note(p->d, out->defs[k].loc, "the first definition of '[^%s]' is here",
                      def->label);
            def->duplicate = true;
            break;
        }

    writer w;
    writer_init(&w, p->a);
    while (body_start < len && (s[body_start] == ' ' || s[body_start] == '\t'))
        body_start++;
    size_t e = line_end(s, len, start);
    size_t resume;
    scan_inline(p, &w, s, body_start, e, e, &resume);
    size_t i = e < len ? e + 1 : len;
    size_t last_end = e;
    while (i < len) {
        size_t le = line_end(s, len, i);
        size_t after;
        if (is_blank(s, i, le)) {
            /* A blank line continues the note only if an indented line follows. */
            size_t j = le < len ? le + 1 : len;
            while (j < len) {
                size_t je = line_end(s, len, j);
                if (!is_blank(s, j, je))
                    break;
                j = je < len ? je + 1 : len;
            }
            if (j >= len || indent_of(s, j, line_end(s, len, j), &after) < 4)
                break;
            emit(&w, "\n", 1, i);
            i = le < len ? le + 1 : len;
            continue;
        }
        if (indent_of(s, i, le, &after) < 4)
            break;
        /* Drop four columns of indentation. */
        size_t k = i;
        int cols = 0;
        while (k < le && cols < 4 && (s[k] == ' ' || s[k] == '\t')) {
            cols = s[k] == '\t' ? 4 : cols + 1;
            k++;
        }
        emit(&w, "\n", 1, i > 0 ? i - 1 : 0);
        scan_inline(p, &w, s, k, le, le, &resume);
        last_end = le;
        i = le < len ? le + 1 : len;
    }
    emit(&w, "\n", 1, last_end);
    finish(&w, p->origin, last_end, &def->body);
    return i;
}

void mdprep_run(arena *a, diag_list *d, const md_origin *given, md_prepared *out)
{
    memset(out, 0, sizeof *out);
    /* A copy that knows its line starts, shared by every text made here. */
    md_origin *origin = arena_alloc(a, sizeof *origin);
    *origin = *given;
    size_t cap = 0, *ls = NULL, n = 0;
    *(size_t *)ARENA_PUSH(a, ls, n, cap) = 0;
    for (size_t i = 0; i < origin->input_len; i++)
        if (origin->input[i] == '\n')
            *(size_t *)ARENA_PUSH(a, ls, n, cap) = i + 1;
    origin->line_starts = ls;
    origin->n_lines = n;
    prep p = {a, d, origin, out};
    const char *s = origin->input;
    size_t len = origin->input_len;
    writer w;
    writer_init(&w, a);
    char fence_ch = 0;
    int fence_len = 0;
    size_t i = 0;
    while (i < len) {
        size_t e = line_end(s, len, i);
        size_t next = e < len ? e + 1 : len;
        char ch;
        int n;
        if (fence_len) {
            n = fence_at(s, i, e, &ch);
            if (n >= fence_len && ch == fence_ch) {
                size_t after;
                indent_of(s, i, e, &after);
                size_t k = after;
                while (k < e && s[k] == ch)
                    k++;
                if (is_blank(s, k, e))
                    fence_len = 0;
            }
            copy(&w, s, i, next);
            i = next;
            continue;
        }
        if ((n = fence_at(s, i, e, &ch)) > 0) {
            fence_ch = ch;
            fence_len = n;
            copy(&w, s, i, next);
            i = next;
            continue;
        }
        size_t lab, lab_len, body;
        if ((body = footdef_at(s, i, e, &lab, &lab_len)) > 0) {
            size_t after = take_footdef(&p, s, len, i, lab, lab_len, body);
            /* Leave a blank line so the text around stays separate blocks. */
            emit(&w, "\n", 1, i);
            i = after;
            continue;
        }
        size_t resume;
        scan_inline(&p, &w, s, i, e, len, &resume);
        if (resume < len && s[resume] == '\n') {
            copy(&w, s, resume, resume + 1);
            i = resume + 1;
        } else {
            i = resume < len ? resume : len;
        }
    }
    finish(&w, origin, len, &out->main);
}
