/*
 * diag.c: collecting and printing diagnostics (see diag.h).
 * The list owns copies of every string, so callers may pass temporaries.
 */
#include "diag/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

typedef struct source {
    char *file;
    char *text;
    size_t len;
} source;

struct diag_list {
    diag_entry *items;
    size_t len, cap;
    source *sources;
    size_t n_sources, cap_sources;
    bool werror;
};

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "briefc: out of memory\n");
        abort();
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

diag_list *diag_new(void)
{
    diag_list *d = xrealloc(NULL, sizeof *d);
    memset(d, 0, sizeof *d);
    return d;
}

void diag_free(diag_list *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->len; i++) {
        free((char *)d->items[i].loc.file);
        free((char *)d->items[i].message);
        free((char *)d->items[i].hint);
    }
    for (size_t i = 0; i < d->n_sources; i++) {
        free(d->sources[i].file);
        free(d->sources[i].text);
    }
    free(d->sources);
    free(d->items);
    free(d);
}

static bool add(diag_list *d, diag_severity sev, src_loc loc, const char *fmt, va_list ap)
{
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = xrealloc(d->items, d->cap * sizeof *d->items);
    }
    va_list ap2;
    va_copy(ap2, ap);
    /* fmt is never NULL; saying so quiets gcc 12's sanitizer builds. */
    int n = fmt ? vsnprintf(NULL, 0, fmt, ap2) : 0;
    va_end(ap2);
    char *msg = xrealloc(NULL, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    diag_entry *e = &d->items[d->len++];
    e->severity = sev;
    e->loc = loc;
    e->loc.file = xstrdup(loc.file ? loc.file : "briefc");
    e->message = msg;
    e->hint = NULL;
    return false;
}

bool diag_error(diag_list *d, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_ERROR, loc, fmt, ap);
    va_end(ap);
    return false;
}

bool diag_warning(diag_list *d, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, d->werror ? DIAG_ERROR : DIAG_WARNING, loc, fmt, ap);
    va_end(ap);
    return false;
}

bool diag_note(diag_list *d, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_NOTE, loc, fmt, ap);
    va_end(ap);
    return false;
}

void diag_hint(diag_list *d, const char *fmt, ...)
{
    if (d->len == 0)
        return;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    /* fmt is never NULL; saying so quiets gcc 12's sanitizer builds. */
    int n = fmt ? vsnprintf(NULL, 0, fmt, ap2) : 0;
    va_end(ap2);
    char *msg = xrealloc(NULL, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    diag_entry *e = &d->items[d->len - 1];
    free((char *)e->hint);
    e->hint = msg;
}

void diag_add_source(diag_list *d, const char *file, const char *text, size_t len)
{
    for (size_t i = 0; i < d->n_sources; i++)
        if (strcmp(d->sources[i].file, file) == 0)
            return;
    if (d->n_sources == d->cap_sources) {
        d->cap_sources = d->cap_sources ? d->cap_sources * 2 : 8;
        d->sources = xrealloc(d->sources, d->cap_sources * sizeof *d->sources);
    }
    /* Positions count from after a byte-order mark: so does the excerpt. */
    size_t bom = utf8_bom(text, len);
    text += bom;
    len -= bom;
    source *s = &d->sources[d->n_sources++];
    s->file = xstrdup(file);
    s->text = xrealloc(NULL, len + 1);
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
}

size_t diag_count(const diag_list *d)
{
    return d->len;
}

const diag_entry *diag_get(const diag_list *d, size_t i)
{
    return i < d->len ? &d->items[i] : NULL;
}

static int count(const diag_list *d, diag_severity sev)
{
    int n = 0;
    for (size_t i = 0; i < d->len; i++)
        n += d->items[i].severity == sev;
    return n;
}

int diag_error_count(const diag_list *d)
{
    return count(d, DIAG_ERROR);
}

int diag_warning_count(const diag_list *d)
{
    return count(d, DIAG_WARNING);
}

void diag_set_warnings_as_errors(diag_list *d, bool on)
{
    d->werror = on;
    if (on)
        for (size_t i = 0; i < d->len; i++)
            if (d->items[i].severity == DIAG_WARNING)
                d->items[i].severity = DIAG_ERROR;
}

static const source *find_source(const diag_list *d, const char *file)
{
    for (size_t i = 0; i < d->n_sources; i++)
        if (strcmp(d->sources[i].file, file) == 0)
            return &d->sources[i];
    return NULL;
}

/* Byte offset of the code point `count` code points into p[0..n). */
static size_t skip_chars(const char *p, size_t n, size_t count)
{
    size_t i = 0;
    for (size_t c = 0; c < count && i < n; c++)
        utf8_decode(p, n, &i, NULL);
    return i;
}

/* Prints line `line` of the source and a caret under column `col`. Tabs are
 * kept in the caret line so the caret stays aligned in a terminal. A line
 * longer than DIAG_EXCERPT_WIDTH characters is cut to that many around the
 * column, with "..." where it was cut: a generated file may hold one line
 * of megabytes, and a log or a terminal needs only the place. */
static void print_excerpt(FILE *out, const source *s, int line, int col)
{
    const char *p = s->text, *end = s->text + s->len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return;
        p = nl + 1;
    }
    if (p >= end && line > 1)
        return;
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
        eol = end;
    size_t n = (size_t)(eol - p);
    if (n && p[n - 1] == '\r')
        n--;
    bool cut_left = false, cut_right = false;
    if (utf8_count(p, n) > DIAG_EXCERPT_WIDTH) {
        size_t first = col > DIAG_EXCERPT_WIDTH / 2 ? (size_t)col - 1 - DIAG_EXCERPT_WIDTH / 2 : 0;
        size_t from = skip_chars(p, n, first);
        size_t to = from + skip_chars(p + from, n - from, DIAG_EXCERPT_WIDTH);
        cut_left = from > 0;
        cut_right = to < n;
        p += from;
        n = to - from;
        col -= (int)first;
    }
    fprintf(out, "%5d | %s", line, cut_left ? "..." : "");
    /* Bytes that are not UTF-8 (the error may be about them) print as
     * U+FFFD, so a log reader never chokes on the excerpt. */
    for (size_t k = 0; k < n;) {
        size_t start = k;
        bool valid;
        utf8_decode(p, n, &k, &valid);
        if (valid)
            fwrite(p + start, 1, k - start, out);
        else
            fputs("\xef\xbf\xbd", out);
    }
    fputs(cut_right ? "...\n      | " : "\n      | ", out);
    if (cut_left)
        fputs("   ", out);
    size_t i = 0;
    for (int c = 1; c < col && i < n; c++) {
        size_t start = i;
        utf8_decode(p, n, &i, NULL);
        fputc(p[start] == '\t' ? '\t' : ' ', out);
    }
    fputs("^\n", out);
}

void diag_print(const diag_list *d, FILE *out, bool show_source, bool color)
{
    static const char *names[] = {"error", "warning", "note"};
    static const char *colors[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m"};
    /* After DIAG_MAX_SHOWN errors, or as many warnings, (with their
     * notes) the rest is counted, not printed: 100,000 bad rows would bury
     * the first ones, and 25,000 raw HTML tags would take minutes. */
    int shown = 0, shown_warnings = 0, more_errors = 0, more_warnings = 0;
    bool cut = false, skip_notes = false;
    for (size_t i = 0; i < d->len; i++) {
        const diag_entry *e = &d->items[i];
        if (e->severity == DIAG_ERROR && shown == DIAG_MAX_SHOWN)
            cut = true;
        bool hidden = cut || (e->severity == DIAG_WARNING && shown_warnings == DIAG_MAX_SHOWN) ||
                      (e->severity == DIAG_NOTE && skip_notes);
        if (e->severity != DIAG_NOTE)
            skip_notes = hidden;
        if (hidden) {
            more_errors += e->severity == DIAG_ERROR;
            more_warnings += e->severity == DIAG_WARNING;
            continue;
        }
        shown += e->severity == DIAG_ERROR;
        shown_warnings += e->severity == DIAG_WARNING;
        if (color)
            fputs("\033[1m", out);
        if (e->loc.line > 0)
            fprintf(out, "%s:%d:%d: ", e->loc.file, e->loc.line, e->loc.col > 0 ? e->loc.col : 1);
        else
            fprintf(out, "%s: ", e->loc.file);
        if (color)
            fprintf(out, "%s%s:\033[0m\033[1m %s\033[0m\n", colors[e->severity],
                    names[e->severity], e->message);
        else
            fprintf(out, "%s: %s\n", names[e->severity], e->message);
        if (show_source && e->loc.line > 0) {
            const source *s = find_source(d, e->loc.file);
            if (s)
                print_excerpt(out, s, e->loc.line, e->loc.col);
        }
        if (e->hint)
            fprintf(out, "%s%s%s\n", color ? "\033[1;32mhint:\033[0m " : "hint: ", "", e->hint);
    }
    if (more_errors && more_warnings)
        fprintf(out, "%d more error%s and %d more warning%s not shown\n", more_errors,
                more_errors == 1 ? "" : "s", more_warnings, more_warnings == 1 ? "" : "s");
    else if (more_errors)
        fprintf(out, "%d more error%s not shown\n", more_errors, more_errors == 1 ? "" : "s");
    else if (more_warnings)
        fprintf(out, "%d more warning%s not shown\n", more_warnings,
                more_warnings == 1 ? "" : "s");
}

void diag_entry_json(buf *b, const diag_entry *e)
{
    static const char *names[] = {"error", "warning", "note"};
    buf_puts(b, "{\"file\": ");
    buf_put_json_string(b, e->loc.file);
    buf_printf(b, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"message\": ",
               e->loc.line, e->loc.line > 0 && e->loc.col < 1 ? 1 : e->loc.col,
               names[e->severity]);
    buf_put_json_string(b, e->message);
    buf_puts(b, ", \"hint\": ");
    if (e->hint)
        buf_put_json_string(b, e->hint);
    else
        buf_puts(b, "null");
    buf_putc(b, '}');
}

void diag_print_json(const diag_list *d, FILE *out)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < d->len; i++) {
        buf_reset(&b);
        diag_entry_json(&b, &d->items[i]);
        buf_putc(&b, '\n');
        fwrite(b.data, 1, b.len, out);
    }
    buf_fini(&b);
}

/* Optimal string alignment distance: Levenshtein plus transpositions,
 * since swapped letters are the commonest typo in a key. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t m[65][65];
    for (size_t i = 0; i <= la; i++)
        m[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        m[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = m[i - 1][j - 1] + cost;
            if (m[i - 1][j] + 1 < best)
                best = m[i - 1][j] + 1;
            if (m[i][j - 1] + 1 < best)
                best = m[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                m[i - 2][j - 2] + 1 < best)
                best = m[i - 2][j - 2] + 1;
            m[i][j] = best;
        }
    return m[la][lb];
}

const char *diag_suggest(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t wl = strlen(word);
    for (size_t i = 0; i < n; i++) {
        size_t dist = edit_distance(word, candidates[i]);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
    }
    /* A third of the word's length, at least 1 and at most 3 edits. */
    size_t limit = wl / 3;
    if (limit < 1)
        limit = 1;
    if (limit > 3)
        limit = 3;
    return best_d <= limit ? best : NULL;
}
