/*
 * md.c: Markdown to document blocks. The only file that includes cmark.h.
 *
 * cmark parses the text mdprep.c prepared; a cmark_iter walk (ENTER/EXIT,
 * no recursion over the tree) turns its nodes into doc blocks and runs.
 * Footnote markers left by mdprep become note calls; each note's body is
 * converted the first time it is called, so notes are numbered in the
 * order a reader meets them. Containers nested deeper than MAX_NESTING
 * are flattened (with a warning) so hostile input cannot exhaust layout.
 */
#include "content/md.h"

#include <cmark.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"

#define MAX_NESTING 24

typedef struct conv {
    md_context *ctx;
    md_prepared *prep;
    const md_text *text;
    const char *base_dir;
    bool in_note;
    doc_block *stack[MAX_NESTING + 1];
    int depth;              /* entries used in stack */
    int cm_depth;           /* containers entered in cmark's tree */
    bool warned_nesting;
    doc_block *leaf;        /* the paragraph or heading receiving runs */
    doc_block *images[16];  /* images met inside the current leaf */
    int n_images;
    int emph, strong;
    const char *link;
    int in_image;
    buf alt;
    src_loc image_loc;
    const char *image_url;
} conv;

static void convert(md_context *ctx, md_prepared *prep, const md_text *t, const char *base_dir,
                    bool in_note, doc_block *into);

static src_loc node_loc(const conv *c, cmark_node *n)
{
    return mdprep_locate(c->text, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
}

static unsigned cur_style(const conv *c)
{
    return (c->emph ? DOC_STYLE_ITALIC : 0) | (c->strong ? DOC_STYLE_BOLD : 0);
}

/* Copies s, turning the "[" marker back into "[" (for code and text). */
static char *restore(arena *a, const char *s, size_t n, size_t *out_len)
{
    char *d = arena_alloc(a, n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        if (i + 3 <= n && memcmp(s + i, MDPREP_REF_OPEN, 3) == 0) {
            d[j++] = '[';
            i += 3;
        } else {
            d[j++] = s[i++];
        }
    }
    d[j] = '\0';
    *out_len = j;
    return d;
}

static void add_text(conv *c, const char *s, size_t n, unsigned style, src_loc loc)
{
    if (!c->leaf || n == 0)
        return;
    doc_run *r = doc_block_add_run(c->ctx->a, c->leaf, RUN_TEXT);
    r->style = style;
    r->text = restore(c->ctx->a, s, n, &r->len);
    r->link = c->link;
    r->loc = loc;
}

static int new_note(conv *c, const md_text *body, src_loc loc)
{
    doc *D = c->ctx->document;
    doc_note *n = ARENA_PUSH(c->ctx->a, D->notes, D->n_notes, D->cap_notes);
    int number = (int)D->n_notes;
    doc_block *root = doc_block_new(c->ctx->a, DOC_ROOT, loc);
    n->number = number;
    n->loc = loc;
    n->body = root;
    convert(c->ctx, c->prep, body, c->base_dir, true, root);
    return number;
}

/* A note made of one paragraph already built (a citation). */
static int citation_note(conv *c, doc_block *para, src_loc loc)
{
    doc *D = c->ctx->document;
    doc_note *n = ARENA_PUSH(c->ctx->a, D->notes, D->n_notes, D->cap_notes);
    n->number = (int)D->n_notes;
    n->loc = loc;
    n->body = doc_block_new(c->ctx->a, DOC_ROOT, loc);
    doc_block_append(n->body, para);
    return n->number;
}

static void add_note_ref(conv *c, int number, src_loc loc)
{
    if (!c->leaf)
        return;
    doc_run *r = doc_block_add_run(c->ctx->a, c->leaf, RUN_NOTE_REF);
    r->note = number;
    r->style = cur_style(c);
    r->link = c->link;
    r->loc = loc;
}

/* False (after reporting) where notes cannot be. */
static bool notes_allowed(conv *c, src_loc loc)
{
    if (!c->ctx->no_notes)
        return true;
    diag_error(c->ctx->d, loc, "%s cannot have footnotes or citations", c->ctx->no_notes);
    diag_hint(c->ctx->d, "a figure names its sources under 'source:'; put other remarks in "
                         "its 'note:'");
    return false;
}

/* A reference to a figure: its run, or an error for one the brief does
 * not select. */
static void figure_ref(conv *c, const md_figref *r, src_loc loc)
{
    md_context *ctx = c->ctx;
    for (size_t i = 0; i < ctx->n_figure_ids; i++)
        if (strcmp(ctx->figure_ids[i], r->id) == 0) {
            if (!c->leaf)
                return;
            doc_run *run = doc_block_add_run(ctx->a, c->leaf, RUN_FIG_REF);
            run->figure = (int)i;
            run->style = cur_style(c);
            run->loc = loc;
            return;
        }
    bool known = false;
    for (size_t i = 0; i < ctx->n_figure_names; i++)
        known |= strcmp(ctx->figure_names[i], r->id) == 0;
    if (known) {
        diag_error(ctx->d, loc, "figure '%s' is in the library but not selected by this brief",
                   r->id);
        diag_hint(ctx->d, "add '%s' to the brief's 'figures:' list", r->id);
        return;
    }
    diag_error(ctx->d, loc, "unknown figure '%s'", r->id);
    const char *near = diag_suggest(r->id, ctx->figure_ids, ctx->n_figure_ids);
    if (!near)
        near = diag_suggest(r->id, ctx->figure_names, ctx->n_figure_names);
    if (near)
        diag_hint(ctx->d, "did you mean '@fig:%s'?", near);
    else
        diag_hint(ctx->d, "a figure reference is @fig:ID, for a figure the brief selects "
                          "under 'figures:'");
}

static void footnote_ref(conv *c, const char *label, size_t n, src_loc loc)
{
    md_prepared *p = c->prep;
    char *lab = arena_strndup(c->ctx->a, label, n);
    md_footdef *def = NULL;
    for (size_t i = 0; i < p->n_defs; i++)
        if (strcmp(p->defs[i].label, lab) == 0) {
            def = &p->defs[i];
            break;
        }
    if (!def) {
        diag_error(c->ctx->d, loc, "footnote '[^%s]' is not defined", lab);
        const char **labels = arena_alloc(c->ctx->a, (p->n_defs + 1) * sizeof *labels);
        for (size_t i = 0; i < p->n_defs; i++)
            labels[i] = p->defs[i].label;
        const char *near = diag_suggest(lab, labels, p->n_defs);
        if (near)
            diag_hint(c->ctx->d, "did you mean '[^%s]'?", near);
        else
            diag_hint(c->ctx->d, "add a definition '[^%s]: text' on a line of its own", lab);
        return;
    }
    if (c->in_note) {
        diag_error(c->ctx->d, loc, "a footnote cannot call another footnote ('[^%s]')", lab);
        return;
    }
    if (!notes_allowed(c, loc))
        return;
    def->uses++;
    if (!def->number)
        def->number = new_note(c, &def->body, def->loc);
    add_note_ref(c, def->number, loc);
}

/* Splits a text node's literal at footnote markers. `from` is where the
 * node starts in the prepared text, used to locate each marker. */
static void text_node(conv *c, const char *s, size_t n, size_t from, src_loc loc)
{
    unsigned style = cur_style(c);
    size_t start = 0, search = from;
    for (size_t i = 0; i + 3 <= n;) {
        bool ref = i + 4 <= n && memcmp(s + i, MDPREP_REF_OPEN "^", 4) == 0;
        bool cite = memcmp(s + i, MDPREP_CITE_OPEN, 3) == 0;
        bool fig = memcmp(s + i, MDPREP_FIG_OPEN, 3) == 0;
        bool inl = cite || fig || memcmp(s + i, MDPREP_INLINE_OPEN, 3) == 0;
        if (!ref && !inl) {
            i++;
            continue;
        }
        const char *close = ref ? memchr(s + i + 4, ']', n - i - 4) : NULL;
        const char *iclose = NULL;
        if (inl) {
            for (size_t k = i + 3; k + 3 <= n; k++)
                if (memcmp(s + k, MDPREP_INLINE_CLOSE, 3) == 0) {
                    iclose = s + k;
                    break;
                }
        }
        if ((ref && !close) || (inl && !iclose)) {
            i++;
            continue;
        }
        /* Locate the marker in the prepared text for an exact position. */
        const char *marker = ref ? MDPREP_REF_OPEN "^" : cite ? MDPREP_CITE_OPEN
                           : fig ? MDPREP_FIG_OPEN : MDPREP_INLINE_OPEN;
        const char *at = NULL;
        if (search < c->text->len) {
            const char *t = c->text->text + search;
            size_t left = c->text->len - search;
            for (size_t k = 0; k + 3 <= left; k++)
                if (memcmp(t + k, marker, 3) == 0) {
                    at = t + k;
                    break;
                }
        }
        src_loc mloc = loc;
        if (at) {
            mloc = mdprep_locate_offset(c->text, (size_t)(at - c->text->text));
            search = (size_t)(at - c->text->text) + 3;
        }
        add_text(c, s + start, i - start, style, loc);
        if (ref) {
            footnote_ref(c, s + i + 4, (size_t)(close - (s + i + 4)), mloc);
            i = (size_t)(close - s) + 1;
        } else {
            size_t idx = (size_t)strtoul(s + i + 3, NULL, 10);
            if (fig) {
                if (idx < c->prep->n_figrefs)
                    figure_ref(c, &c->prep->figrefs[idx], mloc);
            } else if (!notes_allowed(c, mloc)) {
                /* reported */
            } else if (cite && idx < c->prep->n_cites) {
                const md_cite *ct = &c->prep->cites[idx];
                doc_block *para = cite_note(c->ctx->a, c->ctx->d, c->ctx->cites, ct->text,
                                            ct->len, ct->loc);
                /* A citation inside a note joins the note's text. */
                if (para && c->in_note && c->leaf) {
                    for (size_t q = 0; q < para->n_runs; q++) {
                        doc_run *r = doc_block_add_run(c->ctx->a, c->leaf, RUN_TEXT);
                        *r = para->runs[q];
                    }
                } else if (para) {
                    add_note_ref(c, citation_note(c, para, ct->loc), mloc);
                }
            } else if (c->in_note)
                diag_error(c->ctx->d, mloc, "a footnote cannot contain another footnote");
            else if (idx < c->prep->n_inlines)
                add_note_ref(c, new_note(c, &c->prep->inlines[idx].body,
                                         c->prep->inlines[idx].loc), mloc);
            i = (size_t)(iclose - s) + 3;
        }
        start = i;
    }
    add_text(c, s + start, n - start, style, loc);
}

static size_t node_offset(const conv *c, cmark_node *n)
{
    int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
    if (line < 1 || (size_t)line > c->text->n_lines)
        return c->text->len;
    size_t off = c->text->line_starts[line - 1] + (size_t)(col > 0 ? col - 1 : 0);
    return off < c->text->len ? off : c->text->len;
}

static void push_block(conv *c, doc_block *b, src_loc loc)
{
    c->cm_depth++;
    if (c->cm_depth > MAX_NESTING) {
        if (!c->warned_nesting)
            diag_warning(c->ctx->d, loc,
                         "blocks nested more than %d deep are set at depth %d", MAX_NESTING,
                         MAX_NESTING);
        c->warned_nesting = true;
        return;
    }
    doc_block_append(c->stack[c->depth - 1], b);
    c->stack[c->depth++] = b;
}

static void pop_block(conv *c)
{
    if (c->cm_depth-- <= MAX_NESTING)
        c->depth--;
}

static char *percent_decode(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *d = arena_alloc(a, n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            char *end;
            long v = strtol(hex, &end, 16);
            if (*end == '\0' && v > 0) {
                d[j++] = (char)v;
                i += 2;
                continue;
            }
        }
        d[j++] = s[i];
    }
    d[j] = '\0';
    return d;
}

/* Resolves and decodes an image; reports problems at the image's place. */
static const image *load_image(conv *c, const char *url, src_loc loc)
{
    arena *a = c->ctx->a;
    if (strstr(url, "://") || strncmp(url, "data:", 5) == 0) {
        diag_error(c->ctx->d, loc, "image '%s' is not a local file", url);
        diag_hint(c->ctx->d, "save the image inside the brief's folder and give its relative path");
        return NULL;
    }
    const char *path = file_join(a, c->base_dir, percent_decode(a, url));
    char real[PATH_MAX], root[PATH_MAX];
    if (!realpath(path, real)) {
        diag_error(c->ctx->d, loc, "cannot open image '%s': %s", path, strerror(errno));
        return NULL;
    }
    if (c->ctx->root_dir && realpath(c->ctx->root_dir, root)) {
        size_t rl = strlen(root);
        if (strncmp(real, root, rl) != 0 || (real[rl] != '/' && real[rl] != '\0')) {
            diag_error(c->ctx->d, loc, "image '%s' lies outside the brief's folder", url);
            diag_hint(c->ctx->d, "copy it into %s", c->ctx->root_dir);
            return NULL;
        }
    }
    image *img = arena_alloc(a, sizeof *img);
    char err[256];
    if (!image_load(a, path, img, err, sizeof err)) {
        diag_error(c->ctx->d, loc, "cannot use image '%s': %s", path, err);
        return NULL;
    }
    return img;
}

static void leaf_enter(conv *c, doc_kind kind, cmark_node *n)
{
    c->leaf = doc_block_new(c->ctx->a, kind, node_loc(c, n));
    c->n_images = 0;
}

/* Appends the finished paragraph or heading, dropping a paragraph that
 * held nothing but images, and then the images it held. */
static void leaf_exit(conv *c)
{
    doc_block *b = c->leaf;
    bool empty = true;
    for (size_t i = 0; i < b->n_runs && empty; i++) {
        const doc_run *r = &b->runs[i];
        if (r->kind != RUN_TEXT)
            empty = false;
        for (size_t k = 0; k < r->len && empty; k++)
            if (r->text[k] != ' ')
                empty = false;
    }
    doc_block *parent = c->stack[c->depth - 1];
    if (!empty || b->kind == DOC_HEADING)
        doc_block_append(parent, b);
    for (int i = 0; i < c->n_images; i++)
        doc_block_append(parent, c->images[i]);
    c->leaf = NULL;
    c->n_images = 0;
}

static void image_exit(conv *c)
{
    arena *a = c->ctx->a;
    const image *img = load_image(c, c->image_url, c->image_loc);
    if (img) {
        doc_block *b = doc_block_new(a, DOC_IMAGE, c->image_loc);
        b->img = img;
        b->alt = buf_to_arena(&c->alt, a);
        if (c->leaf && c->n_images < (int)(sizeof c->images / sizeof c->images[0]))
            c->images[c->n_images++] = b;
        else if (c->leaf)
            diag_warning(c->ctx->d, c->image_loc, "too many images in one paragraph; this one is left out");
        else
            doc_block_append(c->stack[c->depth - 1], b);
    }
    buf_reset(&c->alt);
}

static void visit(conv *c, cmark_node *n, cmark_event_type ev)
{
    arena *a = c->ctx->a;
    bool enter = ev == CMARK_EVENT_ENTER;
    cmark_node_type type = cmark_node_get_type(n);
    if (c->in_image) {
        if (type == CMARK_NODE_IMAGE && !enter) {
            c->in_image--;
            if (c->in_image == 0)
                image_exit(c);
        } else if (type == CMARK_NODE_IMAGE) {
            c->in_image++;
        } else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
            size_t len;
            const char *lit = cmark_node_get_literal(n);
            char *t = restore(a, lit, strlen(lit), &len);
            buf_append(&c->alt, t, len);
        } else if (type == CMARK_NODE_SOFTBREAK) {
            buf_putc(&c->alt, ' ');
        }
        return;
    }
    switch (type) {
    case CMARK_NODE_DOCUMENT:
        break;
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
        if (enter) {
            doc_kind k = type == CMARK_NODE_BLOCK_QUOTE ? DOC_QUOTE
                       : type == CMARK_NODE_LIST ? DOC_LIST : DOC_ITEM;
            doc_block *b = doc_block_new(a, k, node_loc(c, n));
            if (k == DOC_LIST) {
                b->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                b->start = b->ordered ? cmark_node_get_list_start(n) : 0;
                b->tight = cmark_node_get_list_tight(n);
            }
            push_block(c, b, b->loc);
        } else {
            pop_block(c);
        }
        break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
        if (enter) {
            leaf_enter(c, type == CMARK_NODE_HEADING ? DOC_HEADING : DOC_PARAGRAPH, n);
            c->leaf->level = type == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
        } else {
            leaf_exit(c);
        }
        break;
    case CMARK_NODE_CODE_BLOCK: {
        doc_block *b = doc_block_new(a, DOC_CODE, node_loc(c, n));
        const char *lit = cmark_node_get_literal(n);
        size_t len = strlen(lit);
        b->text = restore(a, lit, len, &b->len);
        while (b->len && b->text[b->len - 1] == '\n')
            ((char *)b->text)[--b->len] = '\0';
        doc_block_append(c->stack[c->depth - 1], b);
        break;
    }
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
        diag_warning(c->ctx->d, node_loc(c, n), "raw HTML cannot be shown in a PDF; it is left out");
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        doc_block_append(c->stack[c->depth - 1], doc_block_new(a, DOC_RULE, node_loc(c, n)));
        break;
    case CMARK_NODE_TEXT: {
        const char *lit = cmark_node_get_literal(n);
        text_node(c, lit, strlen(lit), node_offset(c, n), node_loc(c, n));
        break;
    }
    case CMARK_NODE_SOFTBREAK:
        add_text(c, " ", 1, cur_style(c), node_loc(c, n));
        break;
    case CMARK_NODE_LINEBREAK:
        if (c->leaf) {
            doc_run *r = doc_block_add_run(a, c->leaf, RUN_BREAK);
            r->loc = node_loc(c, n);
        }
        break;
    case CMARK_NODE_CODE: {
        const char *lit = cmark_node_get_literal(n);
        add_text(c, lit, strlen(lit), cur_style(c) | DOC_STYLE_CODE, node_loc(c, n));
        break;
    }
    case CMARK_NODE_EMPH:
        c->emph += enter ? 1 : -1;
        break;
    case CMARK_NODE_STRONG:
        c->strong += enter ? 1 : -1;
        break;
    case CMARK_NODE_LINK:
        if (enter) {
            const char *url = cmark_node_get_url(n);
            c->link = url && *url ? arena_strdup(a, url) : NULL;
        } else {
            c->link = NULL;
        }
        break;
    case CMARK_NODE_IMAGE:
        if (enter) {
            c->in_image = 1;
            c->image_loc = node_loc(c, n);
            const char *url = cmark_node_get_url(n);
            c->image_url = arena_strdup(a, url ? url : "");
            buf_reset(&c->alt);
        }
        break;
    default:
        break;
    }
}

static void convert(md_context *ctx, md_prepared *prep, const md_text *t, const char *base_dir,
                    bool in_note, doc_block *into)
{
    conv c;
    memset(&c, 0, sizeof c);
    c.ctx = ctx;
    c.prep = prep;
    c.text = t;
    c.base_dir = base_dir;
    c.in_note = in_note;
    c.stack[0] = into;
    c.depth = 1;
    buf_init(&c.alt);

    cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART);
    cmark_parser_feed(parser, t->text, t->len);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);

    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        visit(&c, cmark_iter_get_node(it), ev);
    cmark_iter_free(it);
    cmark_node_free(root);
    buf_fini(&c.alt);
}

void md_convert(md_context *ctx, const md_origin *origin, const char *base_dir, doc_block *parent)
{
    md_prepared *prep = arena_alloc(ctx->a, sizeof *prep);
    mdprep_run(ctx->a, ctx->d, origin, prep);
    convert(ctx, prep, &prep->main, base_dir, false, parent);
    for (size_t i = 0; i < prep->n_defs; i++)
        if (prep->defs[i].uses == 0 && !prep->defs[i].duplicate)
            diag_warning(ctx->d, prep->defs[i].loc, "footnote '[^%s]' is defined but never used",
                         prep->defs[i].label);
}

void md_convert_at(md_context *ctx, const char *file, const char *text, size_t len, int line,
                   int col, const char *base_dir, doc_block *parent)
{
    md_origin origin = {
        .file = file,
        .input = text,
        .input_len = len,
        .line_offset = line,
        .col_offset = col,
    };
    md_convert(ctx, &origin, base_dir, parent);
}
