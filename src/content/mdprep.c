/*
 * mdprep.c: the pass over Markdown before cmark-gfm parses it (see
 * mdprep.h).
 *
 * cmark-gfm parses footnotes itself, with Pandoc's rules: a line
 * "[^label]: text" starts a definition; lines indented four spaces, and
 * lazy continuation lines of its paragraph, continue it. This pass only
 * notes where labels are defined and called, to report what the library
 * silently drops (a second definition, a call of nothing, a note never
 * called). Fenced code blocks and HTML comments are copied untouched.
 * Inside indented code blocks the pass cannot tell code from a list's
 * continuation, so it treats both as text.
 */
#include "content/mdprep.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/utf8.h"

typedef struct writer {
    arena *a;
    buf out;
    md_span *spans;           /* where the output came from, a run at a time (a
                               * map of a byte each cost four bytes a byte) */
    size_t n_spans, cap_spans;
} writer;

/* Output from offset `out` on comes from `in`, copied or not; a run that
 * goes on the last one extends it. */
static void span(writer *w, size_t out, size_t in, bool copied)
{
    if (w->n_spans) {
        const md_span *l = &w->spans[w->n_spans - 1];
        if (l->copied == copied && (copied ? l->in + (out - l->out) == in : l->in == in))
            return;
    }
    md_span *s = ARENA_PUSH(w->a, w->spans, w->n_spans, w->cap_spans);
    *s = (md_span){(uint32_t)out, (uint32_t)in, copied};
}

static void emit(writer *w, const char *s, size_t n, size_t from)
{
    if (!n)
        return;
    span(w, w->out.len, from, false);
    buf_append(&w->out, s, n);
}

/* Copies input bytes one for one, each mapped to its own offset. */
static void copy(writer *w, const char *in, size_t start, size_t end)
{
    if (end <= start)
        return;
    span(w, w->out.len, start, true);
    buf_append(&w->out, in + start, end - start);
}

/* The input offset of output byte i of a writer's spans. */
static size_t span_at(const md_span *spans, size_t n, size_t i)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (spans[mid].out <= i)
            lo = mid;
        else
            hi = mid;
    }
    const md_span *s = &spans[lo];
    return s->copied ? s->in + (i - s->out) : s->in;
}

static void finish(writer *w, const md_origin *origin, size_t end_offset, md_text *t)
{
    /* The end of the text stands for the end of the input. */
    md_span *end = ARENA_PUSH(w->a, w->spans, w->n_spans, w->cap_spans);
    *end = (md_span){(uint32_t)w->out.len, (uint32_t)end_offset, false};
    t->text = buf_to_arena(&w->out, w->a);
    t->len = w->out.len;
    t->spans = w->spans;
    t->n_spans = w->n_spans;
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
    w->spans = NULL;
    w->n_spans = w->cap_spans = 0;
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
    md_locate_cache *c = o->cache && o->n_lines ? &o->cache[lo] : NULL;
    int col;
    if (c && c->offset >= ls && c->offset <= in)
        col = c->col + (int)utf8_count(o->input + c->offset, in - c->offset);
    else
        col = (int)utf8_count(o->input + ls, in - ls);
    if (c)
        *c = (md_locate_cache){in, col};
    return (src_loc){o->file, o->line_offset + (int)lo, col + o->col_offset};
}

src_loc mdprep_locate_offset(const md_text *t, size_t offset)
{
    if (offset > t->len)
        offset = t->len;
    return locate_input(&t->origin, span_at(t->spans, t->n_spans, offset));
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

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The offset of "-->" in s[from..end), or 0. */
static size_t comment_close(const char *s, size_t from, size_t end)
{
    for (size_t i = from; i + 3 <= end; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
            return i;
    return 0;
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

/* A footnote label "[^label]" at s[at]: returns the offset of its ']',
 * or 0. Labels hold no spaces or brackets (Pandoc's and cmark-gfm's). */
static size_t label_end(const char *s, size_t at, size_t end)
{
    if (at + 2 >= end || s[at] != '[' || s[at + 1] != '^')
        return 0;
    size_t j = at + 2;
    while (j < end && s[j] != ']' && !is_space(s[j]) && s[j] != '[' && s[j] != '^')
        j++;
    return j > at + 2 && j < end && s[j] == ']' ? j : 0;
}

/* Recognises "[^label]:" at a line start (indented at most three
 * spaces); returns the offset of its '[', or 0 with *found false. */
static size_t footdef_at(const char *s, size_t start, size_t end, size_t *close, bool *found)
{
    size_t i;
    *found = false;
    if (indent_of(s, start, end, &i) > 3)
        return 0;
    size_t j = label_end(s, i, end);
    if (!j || j + 1 >= end || s[j + 1] != ':')
        return 0;
    *close = j;
    *found = true;
    return i;
}

/* A label as cmark-gfm matches it: case does not count. */
static char *normalize(arena *a, const char *s, size_t n)
{
    char *d = arena_strndup(a, s, n);
    for (size_t i = 0; i < n; i++)
        if (d[i] >= 'A' && d[i] <= 'Z')
            d[i] = (char)(d[i] - 'A' + 'a');
    return d;
}

typedef struct label_use {
    const char *label, *key;   /* as written, and normalized */
    src_loc loc;
    bool used;
} label_use;

/* The labels defined, found by key in a table of open addressing (a
 * document may hold tens of thousands of notes). */
typedef struct label_table {
    label_use *defs;
    size_t n, cap;
    size_t *slots;            /* index + 1 into defs; 0: empty */
    size_t n_slots;
} label_table;

static label_use *table_find(const label_table *t, const char *key)
{
    if (!t->n_slots)
        return NULL;
    uint64_t h = file_hash(key, strlen(key));
    for (size_t i = (size_t)h & (t->n_slots - 1);; i = (i + 1) & (t->n_slots - 1)) {
        if (!t->slots[i])
            return NULL;
        label_use *u = &t->defs[t->slots[i] - 1];
        if (strcmp(u->key, key) == 0)
            return u;
    }
}

static void table_insert(arena *a, label_table *t, size_t index)
{
    if ((t->n + 1) * 2 > t->n_slots) {
        size_t n_slots = t->n_slots ? t->n_slots * 2 : 64;
        size_t *slots = arena_alloc(a, n_slots * sizeof *slots);
        for (size_t k = 0; k < t->n_slots; k++)
            if (t->slots[k]) {
                uint64_t h = file_hash(t->defs[t->slots[k] - 1].key,
                                       strlen(t->defs[t->slots[k] - 1].key));
                size_t i = (size_t)h & (n_slots - 1);
                while (slots[i])
                    i = (i + 1) & (n_slots - 1);
                slots[i] = t->slots[k];
            }
        t->slots = slots;
        t->n_slots = n_slots;
    }
    const char *key = t->defs[index].key;
    size_t i = (size_t)file_hash(key, strlen(key)) & (t->n_slots - 1);
    while (t->slots[i])
        i = (i + 1) & (t->n_slots - 1);
    t->slots[i] = index + 1;
}

typedef struct prep {
    arena *a;
    diag_list *d;
    const md_origin *origin;
    md_prepared *out;
    label_table defs;
    label_use *refs;
    size_t n_refs, cap_refs;
    writer *notes;            /* inline notes' bodies, appended after the text */
    size_t n_notes, cap_notes;
    bool in_comment;          /* inside an HTML comment that spans lines */
    bool comment_block;       /* ... one that began a line: an HTML block to cmark */
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

/* Emits marker open, the number n and MDPREP_CLOSE, mapped to `from`. */
static void emit_marker(writer *w, const char *open, size_t n, size_t from)
{
    char marker[40];
    int len = snprintf(marker, sizeof marker, "%s%zu%s", open, n, MDPREP_CLOSE);
    emit(w, marker, (size_t)len, from);
}

static void add_figref(prep *p, writer *w, const char *s, size_t at, size_t id, size_t id_end,
                       size_t from)
{
    md_figref *r = ARENA_PUSH(p->a, p->out->figrefs, p->out->n_figrefs, p->out->cap_figrefs);
    r->loc = locate_input(p->origin, at);
    r->id = arena_strndup(p->a, s + id, id_end - id);
    emit_marker(w, MDPREP_FIG_OPEN, p->out->n_figrefs - 1, from);
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

/* Pandoc's ~sub~ and ^sup^ at s[at]: the mark, then text without spaces
 * up to the same mark on the line. Returns the closing mark's offset or
 * 0. Not in "~~" (strikethrough), "[^" (a note call) or "^[" (a note). */
static size_t script_end(const char *s, size_t at, size_t end)
{
    char m = s[at];
    if (at + 2 >= end || s[at + 1] == m || is_space(s[at + 1]))
        return 0;
    if (at > 0 && (s[at - 1] == m || (m == '^' && s[at - 1] == '[')))
        return 0;
    if (m == '^' && s[at + 1] == '[')
        return 0;
    for (size_t i = at + 1; i < end; i++) {
        if (is_space(s[i]) || (m == '^' && (s[i] == '[' || s[i] == ']')))
            return 0;
        if (s[i] == '\\' && i + 1 < end) {
            i++;
            continue;
        }
        if (s[i] == m)
            return i + 1 < end && s[i + 1] == m ? 0 : i;
    }
    return 0;
}

/* Whether s[at] lies in a word that reads as a web address, where '~'
 * and '^' are the address's own. */
static bool in_url_word(const char *s, size_t start, size_t at)
{
    size_t w = at;
    while (w > start && !is_space(s[w - 1]))
        w--;
    for (size_t i = w; i + 2 < at; i++)
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
            return true;
    return at - w >= 4 && memcmp(s + w, "www.", 4) == 0;
}

/* An inline note ^[...] at s[at], closing at s[close]: a marker in place,
 * its body kept for the end of the text. */
static void inline_note(prep *p, writer *w, const char *s, size_t at, size_t close)
{
    if (is_blank(s, at + 2, close)) {
        diag_warning(p->d, locate_input(p->origin, at), "an empty inline note is left out");
        return;
    }
    /* Its number first: notes inside it (an error later) come after. */
    ARENA_PUSH(p->a, p->notes, p->n_notes, p->cap_notes);
    size_t number = p->n_notes - 1;
    emit_marker(w, MDPREP_NOTE_OPEN, number, at);
    writer nw;
    writer_init(&nw, p->a);
    size_t r;
    /* A comment opened in the note ends with it: the text after the
     * note is not inside it. */
    scan_inline(p, &nw, s, at + 2, close, close, &r);
    p->in_comment = false;
    /* A note is one paragraph: its lines are joined. */
    for (size_t k = 0; k < nw.out.len; k++)
        if (nw.out.data[k] == '\n' || nw.out.data[k] == '\r')
            nw.out.data[k] = ' ';
    p->notes[number] = nw;
}

/* Copies s[start..end) into w, rewriting inline notes, citations, figure
 * references and scripts, and noting footnote calls. An inline note may
 * run past `end` (onto later lines, up to `limit`); *resume then says
 * where the caller must continue. */
static void scan_inline(prep *p, writer *w, const char *s, size_t start, size_t end,
                        size_t limit, size_t *resume)
{
    size_t code_ticks = 0;
    size_t i = start;
    *resume = end;
    if (p->in_comment) {
        size_t c = comment_close(s, i, end);
        size_t to = c ? c + 3 : end;
        copy(w, s, i, to);
        i = to;
        p->in_comment = !c;
    }
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
        if (c == '<' && end - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            /* An editor's comment: cmark drops it; nothing in it counts. */
            size_t close = comment_close(s, i + 4, end);
            size_t to = close ? close + 3 : end;
            copy(w, s, i, to);
            p->in_comment = !close;
            i = to;
            continue;
        }
        size_t fe;
        if (c == '[' && (fe = label_end(s, i, end)) > 0) {
            label_use *r = ARENA_PUSH(p->a, p->refs, p->n_refs, p->cap_refs);
            r->label = arena_strndup(p->a, s + i + 2, fe - i - 2);
            r->key = normalize(p->a, s + i + 2, fe - i - 2);
            r->loc = locate_input(p->origin, i);
            copy(w, s, i, fe + 1);
            i = fe + 1;
            continue;
        }
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
            emit_marker(w, MDPREP_CITE_OPEN, p->out->n_cites - 1, i);
            i = close + 1;
            continue;
        }
        if (c == '^' && i + 1 < end && s[i + 1] == '[' && (close = inline_note_end(s, i + 1, limit))) {
            inline_note(p, w, s, i, close);
            i = close + 1;
            if (i > end) {
                /* The note ran onto later lines: finish this stretch there. */
                size_t e = line_end(s, limit, i);
                scan_inline(p, w, s, i, e, limit, resume);
                return;
            }
            continue;
        }
        if ((c == '~' || c == '^') && (close = script_end(s, i, end)) > 0 &&
            !in_url_word(s, start, i)) {
            emit(w, c == '~' ? MDPREP_SUB_OPEN : MDPREP_SUP_OPEN, 3, i);
            size_t r;
            scan_inline(p, w, s, i + 1, close, close, &r);
            emit(w, MDPREP_SCRIPT_CLOSE, 3, close);
            i = close + 1;
            continue;
        }
        copy(w, s, i, i + 1);
        i++;
    }
}

/* A definition "[^label]: ..." on the line at `at`: noted, and a second
 * one with the same label reported. */
static void note_definition(prep *p, const char *s, size_t at, size_t close)
{
    label_table *t = &p->defs;
    label_use *u = ARENA_PUSH(p->a, t->defs, t->n, t->cap);
    u->label = arena_strndup(p->a, s + at + 2, close - at - 2);
    u->key = normalize(p->a, s + at + 2, close - at - 2);
    u->loc = locate_input(p->origin, at);
    label_use *first = table_find(t, u->key);
    if (first) {
        diag_error(p->d, u->loc, "footnote '[^%s]' is defined twice", u->label);
        diag_note(p->d, first->loc, "the first definition of '[^%s]' is here", first->label);
        first->used = true;   /* not "never used" as well */
        t->n--;
        return;
    }
    table_insert(p->a, t, t->n - 1);
}

/* Calls of labels nobody defined, and definitions nobody calls. */
static void check_labels(prep *p)
{
    label_table *t = &p->defs;
    const char **names = NULL;
    size_t undefined = 0;
    for (size_t i = 0; i < p->n_refs; i++) {
        label_use *r = &p->refs[i];
        label_use *def = table_find(t, r->key);
        if (def) {
            def->used = true;
            continue;
        }
        diag_error(p->d, r->loc, "footnote '[^%s]' is not defined", r->label);
        /* A hint costs a pass over every label: the first few get one
         * (no one reads past them), so thousands of calls stay linear. */
        if (++undefined > 20)
            continue;
        if (!names) {
            names = arena_alloc(p->a, (t->n + 1) * sizeof *names);
            for (size_t k = 0; k < t->n; k++)
                names[k] = t->defs[k].label;
        }
        const char *near = diag_suggest(r->label, names, t->n);
        if (near)
            diag_hint(p->d, "did you mean '[^%s]'?", near);
        else
            diag_hint(p->d, "add a definition '[^%s]: text' on a line of its own", r->label);
    }
    for (size_t k = 0; k < t->n; k++)
        if (!t->defs[k].used)
            diag_warning(p->d, t->defs[k].loc, "footnote '[^%s]' is defined but never used",
                         t->defs[k].label);
}

/* Whether the line s[start..end) may be a pipe table's row. */
static bool has_pipe(const char *s, size_t start, size_t end)
{
    return !is_blank(s, start, end) && memchr(s + start, '|', end - start) != NULL;
}

/* Pandoc's table caption, "Table: ..." or ": ...", at a line start. */
static bool caption_line(const char *s, size_t start, size_t end)
{
    size_t i;
    if (indent_of(s, start, end, &i) > 3)
        return false;
    return (end - i >= 6 && (memcmp(s + i, "Table:", 6) == 0 || memcmp(s + i, "table:", 6) == 0)) ||
           (end - i >= 2 && s[i] == ':' && s[i + 1] == ' ');
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
    /* offset 0 with col 0 is right for the first line and, being before
     * their starts, unused for the others. */
    origin->cache = arena_alloc(a, n * sizeof *origin->cache);
    prep p = {.a = a, .d = d, .origin = origin, .out = out};
    const char *s = origin->input;
    size_t len = origin->input_len;
    writer w;
    writer_init(&w, a);
    char fence_ch = 0;
    int fence_len = 0;
    bool prev_pipe = false;
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
        if (!p.in_comment && (n = fence_at(s, i, e, &ch)) > 0) {
            fence_ch = ch;
            fence_len = n;
            copy(&w, s, i, next);
            i = next;
            prev_pipe = false;
            continue;
        }
        size_t from = i, close = 0;
        bool def = false;
        size_t at = p.in_comment ? 0 : footdef_at(s, i, e, &close, &def);
        if (def) {
            note_definition(&p, s, at, close);
            copy(&w, s, i, close + 2);
            from = close + 2;
        } else if (prev_pipe && !p.in_comment && caption_line(s, i, e)) {
            /* Without a blank line cmark-gfm would read it as a row. */
            emit(&w, "\n", 1, i);
        }
        prev_pipe = has_pipe(s, i, e);
        size_t resume;
        bool was_in_comment = p.in_comment;
        scan_inline(&p, &w, s, from, e, len, &resume);
        if (!was_in_comment && p.in_comment) {
            size_t k = i;
            while (k < e && k - i < 3 && s[k] == ' ')
                k++;
            p.comment_block = e - k >= 4 && memcmp(s + k, "<!--", 4) == 0;
        }
        if (resume < len && s[resume] == '\n') {
            copy(&w, s, resume, resume + 1);
            i = resume + 1;
        } else {
            i = resume < len ? resume : len;
        }
    }
    if (fence_len) {
        /* Close the fence, so the notes below are not read as code. */
        emit(&w, "\n", 1, len);
        for (int k = 0; k < fence_len; k++)
            emit(&w, &fence_ch, 1, len);
        emit(&w, "\n", 1, len);
    }
    if (p.in_comment && p.comment_block && p.n_notes) {
        /* Close the comment, so the notes below are not taken into it. */
        emit(&w, "\n\n-->\n", 6, len);
    }
    /* Inline notes' bodies at the end, where they break nothing, each in
     * a block quote of its own, which the next one's blank line closes
     * with whatever the body opened (a fence, an HTML comment). Not
     * footnote definitions: cmark-gfm would add a definition, its
     * paragraph and a call to each note's nodes (50,000 inline notes:
     * 25 MB more of its tree). */
    out->note_at = arena_alloc(a, (p.n_notes + 1) * sizeof *out->note_at);
    for (size_t k = 0; k < p.n_notes; k++) {
        writer *body = &p.notes[k];
        size_t at = body->n_spans ? body->spans[0].in : len;
        emit(&w, "\n\n", 2, at);
        out->note_at[k] = w.out.len;
        emit(&w, "> ", 2, at);
        /* The body's runs, moved to where the body goes. */
        for (size_t q = 0; q < body->n_spans; q++)
            span(&w, w.out.len + body->spans[q].out, body->spans[q].in, body->spans[q].copied);
        buf_append(&w.out, body->out.data, body->out.len);
        buf_fini(&body->out);
        emit(&w, "\n", 1, at);
    }
    out->n_inline_notes = p.n_notes;
    out->note_at[p.n_notes] = w.out.len + 1;   /* past the end: no body starts there */
    check_labels(&p);
    finish(&w, origin, len, &out->main);
}
