/*
 * doc.c: building and dumping the document tree (see doc.h).
 */
#include "content/doc.h"

#include <string.h>

doc_block *doc_block_new(arena *a, doc_kind kind, src_loc loc)
{
    doc_block *b = arena_alloc(a, sizeof *b);
    b->kind = kind;
    b->loc = loc;
    return b;
}

void doc_block_append(doc_block *parent, doc_block *child)
{
    child->next = NULL;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

doc_run *doc_block_add_run(arena *a, doc_block *b, doc_run_kind kind)
{
    /* Room for one run first: a table's cells and most notes hold one. */
    if (!b->cap_runs) {
        b->runs = arena_alloc(a, sizeof *b->runs);
        b->cap_runs = 1;
    }
    doc_run *r = ARENA_PUSH(a, b->runs, b->n_runs, b->cap_runs);
    r->kind = kind;
    return r;
}

doc_block *doc_block_copy(arena *a, const doc_block *b)
{
    doc_block *c = arena_alloc(a, sizeof *c);
    *c = *b;
    c->first = c->last = c->next = NULL;
    c->runs = b->n_runs ? arena_alloc(a, b->n_runs * sizeof *c->runs) : NULL;
    c->cap_runs = b->n_runs;
    for (size_t i = 0; i < b->n_runs; i++) {
        c->runs[i] = b->runs[i];
        if (b->runs[i].text)
            c->runs[i].text = arena_strndup(a, b->runs[i].text, b->runs[i].len);
        c->runs[i].link = arena_strdup(a, b->runs[i].link);
    }
    if (b->text)
        c->text = arena_strndup(a, b->text, b->len);
    return c;
}

void doc_block_insert_after(doc_block *parent, doc_block *after, doc_block *child)
{
    child->next = after->next;
    after->next = child;
    if (parent->last == after)
        parent->last = child;
}

char *doc_plain_text(arena *a, const doc_block *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n_runs; i++)
        if (b->runs[i].kind == RUN_TEXT || b->runs[i].kind == RUN_FIG_REF)
            n += b->runs[i].len;
    char *s = arena_alloc(a, n + 1), *p = s;
    for (size_t i = 0; i < b->n_runs; i++)
        if (b->runs[i].kind == RUN_TEXT || b->runs[i].kind == RUN_FIG_REF) {
            memcpy(p, b->runs[i].text, b->runs[i].len);
            p += b->runs[i].len;
        }
    *p = '\0';
    return s;
}

/* The typographic form of s, written to t with a NUL when t is not NULL
 * (a first pass with NULL sizes it); returns its length. */
static size_t typographic_to(char *t, const char *s)
{
    size_t k = 0;
    for (size_t i = 0; s[i]; i++) {
        const char *put = s[i] == '\'' ? "\xe2\x80\x99"
                          : s[i] == '-' && s[i + 1] == '-' ? "\xe2\x80\x93" : NULL;
        if (put && t)
            memcpy(t + k, put, 3);
        else if (t)
            t[k] = s[i];
        k += put ? 3 : 1;
        i += put && s[i] == '-';
    }
    if (t)
        t[k] = '\0';
    return k;
}

char *doc_typographic(arena *a, const char *s, size_t *len)
{
    size_t n = typographic_to(NULL, s);
    char *t = arena_alloc(a, n + 1);
    typographic_to(t, s);
    if (len)
        *len = n;
    return t;
}

char *doc_typographic_append(arena *a, char *text, size_t *len, const char *s)
{
    size_t n = typographic_to(NULL, s);
    char *t = arena_realloc(a, text, *len + 1, *len + n + 1);
    typographic_to(t + *len, s);
    *len += n;
    return t;
}

static size_t words_in(const char *s, size_t len, bool *in_word)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !*in_word)
            n++;
        *in_word = !space;
    }
    return n;
}

static size_t block_words(const doc_block *b)
{
    size_t n = 0;
    bool in_word = false;
    for (size_t i = 0; i < b->n_runs; i++) {
        const doc_run *r = &b->runs[i];
        if (r->kind == RUN_TEXT || r->kind == RUN_FIG_REF)
            n += words_in(r->text, r->len, &in_word);
        else if (r->kind == RUN_BREAK)
            in_word = false;
    }
    in_word = false;
    if (b->kind == DOC_CODE && b->text)
        n += words_in(b->text, b->len, &in_word);
    for (const doc_block *c = b->first; c; c = c->next)
        n += block_words(c);
    return n;
}

size_t doc_word_count(const doc *D, bool notes)
{
    size_t n = D->root ? block_words(D->root) : 0;
    for (size_t i = 0; notes && i < D->n_notes; i++)
        for (const doc_block *b = D->notes[i].first; b; b = b->next)
            n += block_words(b);
    return n;
}

static const char *kind_name(doc_kind k)
{
    switch (k) {
    case DOC_ROOT: return "root";
    case DOC_HEADING: return "heading";
    case DOC_PARAGRAPH: return "paragraph";
    case DOC_QUOTE: return "quote";
    case DOC_LIST: return "list";
    case DOC_ITEM: return "item";
    case DOC_CODE: return "code";
    case DOC_RULE: return "rule";
    case DOC_IMAGE: return "image";
    case DOC_BOX: return "box";
    case DOC_FIGURE: return "figure";
    case DOC_PAGE_BREAK: return "page-break";
    case DOC_CONTENTS: return "contents";
    }
    return "?";
}

static void dump_block(const doc_block *b, int depth, FILE *out)
{
    fprintf(out, "%*s%s", depth * 2, "", kind_name(b->kind));
    if (b->kind == DOC_HEADING)
        fprintf(out, " %d", b->level);
    if (b->kind == DOC_LIST)
        fprintf(out, " %s start=%d %s", b->ordered ? "ordered" : "bullet", b->start,
                b->tight ? "tight" : "loose");
    if (b->kind == DOC_IMAGE && b->image && b->image->img)
        fprintf(out, " %dx%d \"%s\"", b->image->img->width, b->image->img->height,
                b->image->alt ? b->image->alt : "");
    fputc('\n', out);
    if (b->kind == DOC_FIGURE)
        fprintf(out, "%*s%s (%s)\n", depth * 2 + 2, "", b->figure->label, b->figure->anchor);
    if (b->kind == DOC_CODE)
        fprintf(out, "%*s|%s|\n", depth * 2 + 2, "", b->text);
    for (size_t i = 0; i < b->n_runs; i++) {
        const doc_run *r = &b->runs[i];
        fprintf(out, "%*s", depth * 2 + 2, "");
        switch (r->kind) {
        case RUN_TEXT:
            fprintf(out, "text%s%s%s \"%.*s\"", r->style & DOC_STYLE_BOLD ? " bold" : "",
                    r->style & DOC_STYLE_ITALIC ? " italic" : "",
                    r->style & DOC_STYLE_CODE ? " code" : "", (int)r->len, r->text);
            if (r->link)
                fprintf(out, " link=%s", r->link);
            break;
        case RUN_NOTE_REF:
            fprintf(out, "note %d", r->note);
            break;
        case RUN_FIG_REF:
            fprintf(out, "figref \"%.*s\" link=%s", (int)r->len, r->text, r->link ? r->link : "");
            break;
        case RUN_BREAK:
            fputs("break", out);
            break;
        }
        fputc('\n', out);
    }
    for (const doc_block *c = b->first; c; c = c->next)
        dump_block(c, depth + 1, out);
}

void doc_dump(const doc *d, FILE *out)
{
    fprintf(out, "title \"%s\"\n", d->title ? d->title : "");
    dump_block(d->root, 0, out);
    for (size_t i = 0; i < d->n_notes; i++) {
        fprintf(out, "note %d\n", d->notes[i].number);
        for (const doc_block *b = d->notes[i].first; b; b = b->next)
            dump_block(b, 2, out);
    }
}
