/*
 * md.c: Markdown to document blocks. The only file that includes
 * cmark-gfm's headers.
 *
 * cmark-gfm parses the text mdprep.c prepared, with GitHub's extensions
 * (pipe tables, ~~strikethrough~~, bare URLs as links, task lists) and
 * footnotes; a cmark_iter walk (ENTER/EXIT, no recursion over the tree)
 * turns its nodes into doc blocks and runs. A note's definition is
 * converted the first time it is called, so notes are numbered in the
 * order a reader meets them. Containers nested deeper than MAX_NESTING
 * are flattened (with a warning) so hostile input cannot exhaust layout.
 */
#include "content/md.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/number.h"

#define MAX_NESTING 24

/* cmark-gfm keeps its extensions in a process-wide registry, filled once
 * (two compiles on two threads must not both fill it). */
static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

/* One parse: the notes' definitions cmark-gfm collected at the end of the
 * document, in the order of their first call (a call's literal is its
 * definition's 1-based place there), and the number each got here. */
typedef struct parse {
    cmark_node **defs;
    int *numbers;
    size_t n_defs;
    cmark_node **bodies;    /* each inline note's block quote, until converted */
    int *body_numbers;      /* each inline note's number, once converted */
    size_t n_bodies;
} parse;

/* A table being read: its cells, row by row. */
typedef struct table_build {
    doc_figure *fig;
    doc_block **cells;
    size_t n_cells, cap_cells;
    doc_block *empty;       /* the one paragraph every empty cell shares */
    bool header;
} table_build;

typedef struct conv {
    md_context *ctx;
    md_prepared *prep;
    const md_text *text;
    parse *parse;
    const char *base_dir;
    cmark_node *top;        /* what is converted: the document, or a note's definition */
    bool in_note;
    doc_block *stack[MAX_NESTING + 1];
    int depth;              /* entries used in stack */
    int cm_depth;           /* containers entered in cmark's tree */
    bool warned_nesting;
    doc_block *leaf;        /* the paragraph or heading receiving runs */
    doc_block *images[16];  /* images met inside the current leaf */
    int n_images;
    int emph, strong, strike, script;
    const char *link;
    int in_image;
    buf alt;
    src_loc image_loc;
    const char *image_url;
    cmark_node *skip_node;  /* a text node whose first skip_len bytes are not text: */
    size_t skip_len;        /* an image's {attributes}, a caption's "Table:" */
    int html_tags;          /* raw HTML left out of the leaf being read, */
    src_loc html_at;        /* and where the first one stands */
    table_build *table;     /* the table being read, or NULL */
    doc_figure *last_table; /* the table just read, for a caption after it */
    doc_block *caption;     /* a table caption read before its table */
    bool in_caption;
} conv;

static void convert_node(md_context *ctx, md_prepared *prep, const md_text *t, parse *ps,
                         const char *base_dir, bool in_note, cmark_node *top, doc_block *into);

static src_loc node_loc(const conv *c, cmark_node *n)
{
    return mdprep_locate(c->text, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
}

static bool is_type(cmark_node *n, const char *name)
{
    const char *t = cmark_node_get_type_string(n);
    return t && strcmp(t, name) == 0;
}

static unsigned cur_style(const conv *c)
{
    return (c->emph ? DOC_STYLE_ITALIC : 0) | (c->strong ? DOC_STYLE_BOLD : 0) |
           (c->strike ? DOC_STYLE_STRIKE : 0) |
           (c->script < 0 ? DOC_STYLE_SUB : c->script > 0 ? DOC_STYLE_SUP : 0);
}

static void add_text(conv *c, const char *s, size_t n, unsigned style, src_loc loc)
{
    if (!c->leaf || n == 0)
        return;
    doc_run *r = doc_block_add_run(c->ctx->a, c->leaf, RUN_TEXT);
    r->style = style;
    r->text = arena_strndup(c->ctx->a, s, n);
    r->len = n;
    r->link = c->link;
    r->loc = loc;
}

static int new_note(conv *c, cmark_node *def, src_loc loc)
{
    doc *D = c->ctx->document;
    doc_note *n = ARENA_PUSH(c->ctx->a, D->notes, D->n_notes, D->cap_notes);
    int number = (int)D->n_notes;
    n->number = number;
    n->loc = loc;
    /* The note keeps its blocks; the root they are gathered in goes. They
     * are stored through the array, not n: converting pushes no note now
     * (a note calls none, and its citations join its text), but n would
     * not outlive a push that grew the array. */
    doc_block holder = {.kind = DOC_ROOT, .loc = loc};
    convert_node(c->ctx, c->prep, c->text, c->parse, c->base_dir, true, def, &holder);
    D->notes[number - 1].first = holder.first;
    return number;
}

/* A note made of one paragraph already built (a citation). */
static int citation_note(conv *c, doc_block *para, src_loc loc)
{
    doc *D = c->ctx->document;
    doc_note *n = ARENA_PUSH(c->ctx->a, D->notes, D->n_notes, D->cap_notes);
    n->number = (int)D->n_notes;
    n->loc = loc;
    n->first = para;
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
    if (strstr(c->ctx->no_notes, "figure"))
        diag_hint(c->ctx->d, "a figure names its sources under 'source:'; put other remarks in "
                             "its 'note:'");
    else
        diag_hint(c->ctx->d, "put the note in the text, where the subject first comes up");
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

/* The byte offset in t of a cmark position. */
static size_t prepared_offset(const md_text *t, int line, int col)
{
    if (line < 1 || (size_t)line > t->n_lines)
        return t->len;
    size_t off = t->line_starts[line - 1] + (size_t)(col > 0 ? col - 1 : 0);
    return off < t->len ? off : t->len;
}

static size_t text_offset(const conv *c, int line, int col)
{
    return prepared_offset(c->text, line, col);
}

/* A call of a note cmark-gfm resolved: its number, the note converted
 * the first time. */
static void footnote_ref(conv *c, cmark_node *n)
{
    src_loc loc = node_loc(c, n);
    const char *ord = cmark_node_get_literal(n);
    long k = ord ? strtol(ord, NULL, 10) : 0;
    if (k < 1 || (size_t)k > c->parse->n_defs)
        return;
    if (c->in_note) {
        /* The label as written, for the message. */
        size_t at = text_offset(c, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
        const char *s = c->text->text + at;
        size_t len = 0;
        while (at + 2 + len < c->text->len && s[2 + len] != ']')
            len++;
        diag_error(c->ctx->d, loc, "a footnote cannot call another footnote ('[^%.*s]')",
                   (int)len, s + 2);
        diag_hint(c->ctx->d, "write the remark into the note's own text, or make it a note "
                             "of the main text");
        return;
    }
    if (!notes_allowed(c, loc))
        return;
    int *number = &c->parse->numbers[k - 1];
    if (!*number) {
        /* Converted once, the definition goes: a brief of fifty thousand
         * notes would otherwise hold cmark's tree of every one beside the
         * document's. The walk over the root is inside the calling block,
         * never at a definition, so unlinking one leaves it sound. */
        cmark_node *def = c->parse->defs[k - 1];
        *number = new_note(c, def, node_loc(c, def));
        cmark_node_free(def);
        c->parse->defs[k - 1] = NULL;
    }
    add_note_ref(c, *number, loc);
}

/* The call of inline note k at loc: its body, a block quote after the
 * text, converted the first time and freed (the walk is inside the
 * calling block, never at a body, as for a footnote's definition). */
static void inline_note_ref(conv *c, size_t k, src_loc loc)
{
    parse *ps = c->parse;
    if (k >= ps->n_bodies)
        return;
    if (c->in_note || !notes_allowed(c, loc)) {
        if (c->in_note) {
            diag_error(c->ctx->d, loc, "a footnote cannot contain another footnote");
            diag_hint(c->ctx->d, "write the remark into the note's own text, or make it a "
                                 "note of the main text");
        }
        /* Reported: its body is not reported again as left out. */
        if (ps->bodies[k])
            cmark_node_free(ps->bodies[k]);
        ps->bodies[k] = NULL;
        return;
    }
    int *number = &ps->body_numbers[k];
    if (!*number) {
        cmark_node *body = ps->bodies[k];
        if (!body) {
            diag_warning(c->ctx->d, loc, "this inline note's text is lost: a block left open "
                                         "above it (an HTML comment or block) runs to the end "
                                         "of the section");
            diag_hint(c->ctx->d, "close the HTML comment or block");
            return;
        }
        *number = new_note(c, body, node_loc(c, body));
        cmark_node_free(body);
        ps->bodies[k] = NULL;
    }
    add_note_ref(c, *number, loc);
}

/* Whether a citation's last run ends its sentence: a full stop, or one
 * inside a closing quotation mark (a short note's title). */
static bool ends_sentence(const doc_run *r)
{
    static const char rq[] = "\xe2\x80\x9d";
    size_t n = r->len;
    if (r->kind != RUN_TEXT || !n)
        return false;
    return r->text[n - 1] == '.' ||
           (n >= 4 && memcmp(r->text + n - 3, rq, 3) == 0 && r->text[n - 4] == '.');
}

/* mdprep's markers: "<open><digits>" MDPREP_CLOSE, or a script mark alone. */
typedef enum { MARK_NONE, MARK_CITE, MARK_FIG, MARK_NOTE, MARK_SUB, MARK_SUP, MARK_SCRIPT_END } mark;

/* The marker at s[i] (all of it within n), and in *end the index past it. */
static mark marker_at(const char *s, size_t n, size_t i, size_t *end)
{
    static const struct {
        const char *open;
        mark kind;
    } marks[] = {{MDPREP_CITE_OPEN, MARK_CITE}, {MDPREP_FIG_OPEN, MARK_FIG},
                 {MDPREP_NOTE_OPEN, MARK_NOTE}, {MDPREP_SUB_OPEN, MARK_SUB},
                 {MDPREP_SUP_OPEN, MARK_SUP},   {MDPREP_SCRIPT_CLOSE, MARK_SCRIPT_END}};
    if (i + 3 > n)
        return MARK_NONE;
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        if (memcmp(s + i, marks[m].open, 3) != 0)
            continue;
        if (marks[m].kind >= MARK_SUB) {
            *end = i + 3;
            return marks[m].kind;
        }
        for (size_t k = i + 3; k + 3 <= n; k++)
            if (memcmp(s + k, MDPREP_CLOSE, 3) == 0) {
                *end = k + 3;
                return marks[m].kind;
            }
        return MARK_NONE;
    }
    return MARK_NONE;
}

/* Splits a text node's literal at mdprep's markers. `from` is where the
 * node starts in the prepared text, used to locate each marker. */
static void text_node(conv *c, const char *s, size_t n, size_t from, src_loc loc)
{
    size_t start = 0, search = from;
    for (size_t i = 0; i + 3 <= n;) {
        size_t end;
        mark m = marker_at(s, n, i, &end);
        if (m == MARK_NONE) {
            i++;
            continue;
        }
        add_text(c, s + start, i - start, cur_style(c), loc);
        if (m >= MARK_SUB) {
            c->script = m == MARK_SUB ? -1 : m == MARK_SUP ? 1 : 0;
            i = start = end;
            continue;
        }
        /* Locate the marker in the prepared text for an exact position. */
        src_loc mloc = loc;
        for (size_t k = search; k + 3 <= c->text->len; k++)
            if (memcmp(c->text->text + k, s + i, 3) == 0) {
                mloc = mdprep_locate_offset(c->text, k);
                search = k + 3;
                break;
            }
        size_t idx = (size_t)strtoul(s + i + 3, NULL, 10);
        if (m == MARK_FIG) {
            if (idx < c->prep->n_figrefs)
                figure_ref(c, &c->prep->figrefs[idx], mloc);
        } else if (m == MARK_NOTE) {
            inline_note_ref(c, idx, mloc);
        } else if (notes_allowed(c, mloc) && idx < c->prep->n_cites) {
            const md_cite *ct = &c->prep->cites[idx];
            doc_block *para = cite_note(c->ctx->a, c->ctx->d, c->ctx->cites, ct->text, ct->len,
                                        ct->loc);
            /* A citation inside a note joins the note's text. */
            if (para && c->in_note && c->leaf) {
                for (size_t q = 0; q < para->n_runs; q++) {
                    doc_run *r = doc_block_add_run(c->ctx->a, c->leaf, RUN_TEXT);
                    *r = para->runs[q];
                }
                /* The citation's full stop ends the note's sentence: the
                 * note's own after it would make two ("Exodus.."). */
                if (end < n && s[end] == '.' && (end + 1 >= n || s[end + 1] != '.') &&
                    ends_sentence(&c->leaf->runs[c->leaf->n_runs - 1]))
                    end++;
            } else if (para) {
                add_note_ref(c, citation_note(c, para, ct->loc), mloc);
            }
        }
        i = start = end;
    }
    add_text(c, s + start, n - start, cur_style(c), loc);
}

static size_t node_offset(const conv *c, cmark_node *n)
{
    return text_offset(c, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
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
    image *img = arena_alloc(c->ctx->keep, sizeof *img);
    char err[256];
    if (!image_open(c->ctx->keep, path, img, err, sizeof err)) {
        diag_error(c->ctx->d, loc, "cannot use image '%s': %s", path, err);
        return NULL;
    }
    return img;
}

/* A length of Pandoc's image attributes: 50%, 3in, 4cm, 30mm, 200px,
 * 120pt (or a bare number of pixels). False for anything else. */
static bool parse_size(const char *s, size_t n, doc_size *out)
{
    char tmp[32];
    if (n == 0 || n >= sizeof tmp)
        return false;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    if (end == tmp || !isfinite(v) || v <= 0)
        return false;
    static const struct {
        const char *unit;
        double points;
    } units[] = {{"pt", 1}, {"in", 72}, {"cm", 72 / 2.54}, {"mm", 72 / 25.4}, {"px", 0.75},
                 {"", 0.75}};
    if (strcmp(end, "%") == 0) {
        out->fraction = v > 100 ? 1 : v / 100;
        return true;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0) {
            out->points = v * units[i].points;
            return true;
        }
    return false;
}

/* Pandoc's attributes after an image, "{width=50%}": read into img (which
 * may be NULL when the image could not be used); returns the bytes they
 * take at the start of s, 0 when s holds none. */
static size_t image_attributes(conv *c, const char *s, doc_image *img, src_loc loc)
{
    if (s[0] != '{')
        return 0;
    const char *close = strchr(s, '}');
    if (!close)
        return 0;
    const char *p = s + 1;
    while (p < close) {
        while (p < close && *p == ' ')
            p++;
        const char *e = p;
        while (e < close && *e != ' ')
            e++;
        if (e == p)
            break;
        const char *eq = memchr(p, '=', (size_t)(e - p));
        doc_size size = {0, 0};
        bool w = eq && (size_t)(eq - p) == 5 && strncmp(p, "width", 5) == 0;
        bool h = eq && (size_t)(eq - p) == 6 && strncmp(p, "height", 6) == 0;
        if ((w || h) && parse_size(eq + 1, (size_t)(e - eq - 1), &size)) {
            if (img && w)
                img->width = size;
            else if (img)
                img->height = size;
        } else if (w || h) {
            diag_warning(c->ctx->d, loc, "'%.*s' is not a size; write it as 50%%, 3in, 4cm, "
                         "30mm, 200px or 120pt", (int)(e - p), p);
        } else {
            diag_warning(c->ctx->d, loc, "image attribute '%.*s' has no effect in a PDF; only "
                         "width and height do", (int)(e - p), p);
        }
        p = e;
    }
    return (size_t)(close - s) + 1;
}

/* One warning per paragraph for its raw HTML, at its first tag: a
 * line of 100,000 tags is one thing to fix, not 100,000. */
static void html_warning(conv *c)
{
    if (!c->html_tags)
        return;
    if (c->html_tags == 1)
        diag_warning(c->ctx->d, c->html_at, "raw HTML cannot be shown in a PDF; it is left out");
    else
        diag_warning(c->ctx->d, c->html_at, "raw HTML cannot be shown in a PDF; it is left out "
                     "(%d tags in this paragraph)", c->html_tags);
    c->html_tags = 0;
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
    html_warning(c);
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

static void image_exit(conv *c, cmark_node *n)
{
    arena *a = c->ctx->a;
    const image *img = load_image(c, c->image_url, c->image_loc);
    doc_block *b = NULL;
    if (img) {
        b = doc_block_new(a, DOC_IMAGE, c->image_loc);
        b->image = arena_alloc(a, sizeof *b->image);
        b->image->img = img;
        b->image->alt = buf_to_arena(&c->alt, a);
        if (c->table)
            diag_warning(c->ctx->d, c->image_loc, "an image cannot be shown in a table cell; "
                                                  "it is left out");
        else if (c->leaf && c->n_images < (int)(sizeof c->images / sizeof c->images[0]))
            c->images[c->n_images++] = b;
        else if (c->leaf)
            diag_warning(c->ctx->d, c->image_loc, "too many images in one paragraph; this one is left out");
        else
            doc_block_append(c->stack[c->depth - 1], b);
    }
    buf_reset(&c->alt);
    cmark_node *next = cmark_node_next(n);
    if (next && cmark_node_get_type(next) == CMARK_NODE_TEXT) {
        size_t k = image_attributes(c, cmark_node_get_literal(next), b ? b->image : NULL,
                                    node_loc(c, next));
        if (k) {
            c->skip_node = next;
            c->skip_len = k;
        }
    }
}

/* A paragraph that is only "\newpage" (or "\pagebreak"): a page break. */
static bool page_break_para(cmark_node *n)
{
    cmark_node *t = cmark_node_first_child(n);
    if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT)
        return false;
    const char *s = cmark_node_get_literal(t);
    return strcmp(s, "\\newpage") == 0 || strcmp(s, "\\pagebreak") == 0;
}

/* Pandoc's table caption: a paragraph "Table: ..." (or ": ...") beside a
 * table; returns the bytes of its prefix, 0 when it is none. */
static size_t caption_prefix(cmark_node *n)
{
    cmark_node *prev = cmark_node_previous(n), *next = cmark_node_next(n);
    if (!(prev && is_type(prev, "table")) && !(next && is_type(next, "table")))
        return 0;
    cmark_node *t = cmark_node_first_child(n);
    if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT)
        return 0;
    const char *s = cmark_node_get_literal(t);
    size_t k = strncmp(s, "Table:", 6) == 0 || strncmp(s, "table:", 6) == 0 ? 6
             : s[0] == ':' ? 1 : 0;
    if (!k)
        return 0;
    while (s[k] == ' ')
        k++;
    return k;
}

static void table_enter(conv *c, cmark_node *n)
{
    arena *a = c->ctx->a;
    table_build *t = arena_alloc(a, sizeof *t);
    doc_figure *f = arena_alloc(a, sizeof *f);
    f->kind = DOC_FIG_TABLE;
    f->loc = node_loc(c, n);
    f->n_columns = cmark_gfm_extensions_get_table_columns(n);
    f->align = arena_alloc(a, (f->n_columns + 1) * sizeof *f->align);
    const uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
    for (size_t i = 0; i < f->n_columns; i++)
        f->align[i] = !al ? DOC_ALIGN_LEFT
                    : al[i] == 'r' ? DOC_ALIGN_RIGHT
                    : al[i] == 'c' ? DOC_ALIGN_CENTER
                                   : DOC_ALIGN_LEFT;
    t->fig = f;
    c->table = t;
}

/* The table read: its cells in place, numbers found (a column of
 * numbers aligned on the point unless it is centred or left-aligned
 * explicitly), the caption attached. */
static void table_exit(conv *c, cmark_node *n)
{
    arena *a = c->ctx->a;
    table_build *t = c->table;
    doc_figure *f = t->fig;
    size_t cols = f->n_columns;
    c->table = NULL;
    if (!cols || t->n_cells < cols)
        return;
    f->headers = t->cells;
    f->cells = t->cells + cols;
    f->n_rows = t->n_cells / cols - 1;
    bool *numeric = arena_alloc(a, f->n_rows * cols + 1);
    const uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
    /* Each cell's text is read once, in memory used again for the next. */
    arena *text = arena_new();
    for (size_t col = 0; col < cols; col++) {
        bool all = true, any = false;
        for (size_t r = 0; r < f->n_rows; r++) {
            const doc_block *cell = f->cells[r * cols + col];
            arena_reset(text);
            const char *s = cell->n_runs ? doc_plain_text(text, cell) : "";
            double v;
            int dec;
            numeric[r * cols + col] = *s && number_parse(s, &v, &dec);
            any |= *s != '\0';
            all &= !*s || numeric[r * cols + col];
        }
        if (any && all && (!al || !al[col] || al[col] == 'r'))
            f->align[col] = DOC_ALIGN_DECIMAL;
    }
    arena_free(text);
    f->numeric = numeric;
    doc_block *b = doc_block_new(a, DOC_FIGURE, f->loc);
    b->figure = f;
    doc_block_append(c->stack[c->depth - 1], b);
    if (c->caption) {
        f->title = c->caption;
        c->caption = NULL;
    }
    c->last_table = f;
}

/* cmark-gfm pads every row to the header's width with empty cells: a
 * wide table of short rows is mostly empty cells, which share one
 * paragraph with nothing in it. */
static void empty_cell_enter(conv *c, cmark_node *n)
{
    table_build *t = c->table;
    if (!t->empty)
        t->empty = doc_block_new(c->ctx->a, DOC_PARAGRAPH, node_loc(c, n));
    c->leaf = t->empty;
    c->n_images = 0;
}

static void cell_exit(conv *c)
{
    html_warning(c);
    table_build *t = c->table;
    doc_block **slot = ARENA_PUSH(c->ctx->a, t->cells, t->n_cells, t->cap_cells);
    *slot = c->leaf;
    c->leaf = NULL;
    c->n_images = 0;
}

/* Raw HTML: a comment is an editor's note, dropped; <br> is a line
 * break; anything else cannot be shown and is said so. */
static void html(conv *c, cmark_node *n)
{
    const char *s = cmark_node_get_literal(n);
    while (*s == ' ' || *s == '\n')
        s++;
    if (strncmp(s, "<!--", 4) == 0)
        return;
    if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE &&
        (strcmp(s, "<br>") == 0 || strcmp(s, "<br/>") == 0 || strcmp(s, "<br />") == 0)) {
        if (c->leaf) {
            doc_run *r = doc_block_add_run(c->ctx->a, c->leaf, RUN_BREAK);
            r->loc = node_loc(c, n);
        }
        return;
    }
    if (!c->html_tags++)
        c->html_at = node_loc(c, n);
    if (!c->leaf)
        html_warning(c);
}

/* An image's description takes text only: mdprep's markers are taken
 * out (an inline note's body is then reported as left out; a citation
 * or figure reference is reported here). */
static void alt_text(conv *c, const char *s, src_loc loc)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t end;
        mark m = marker_at(s, n, i, &end);
        if (m == MARK_NONE) {
            buf_putc(&c->alt, s[i++]);
            continue;
        }
        if (m == MARK_CITE || m == MARK_FIG)
            diag_warning(c->ctx->d, loc, "%s in an image's description is left out",
                         m == MARK_CITE ? "a citation" : "a figure reference");
        i = end;
    }
}

/* Returns false when n's children are to be skipped. */
static bool visit(conv *c, cmark_node *n, cmark_event_type ev)
{
    arena *a = c->ctx->a;
    bool enter = ev == CMARK_EVENT_ENTER;
    cmark_node_type type = cmark_node_get_type(n);
    if (n == c->top)
        return true;
    if (c->in_image) {
        if (type == CMARK_NODE_IMAGE && !enter) {
            c->in_image--;
            if (c->in_image == 0)
                image_exit(c, n);
        } else if (type == CMARK_NODE_IMAGE) {
            c->in_image++;
        } else if (type == CMARK_NODE_TEXT) {
            alt_text(c, cmark_node_get_literal(n), node_loc(c, n));
        } else if (type == CMARK_NODE_CODE) {
            buf_puts(&c->alt, cmark_node_get_literal(n));
        } else if (type == CMARK_NODE_SOFTBREAK) {
            buf_putc(&c->alt, ' ');
        }
        return true;
    }
    if (cmark_node_get_user_data(n) == c->parse) {
        /* An inline note's body no call took: its call lay where no
         * note is shown. */
        if (enter)
            diag_warning(c->ctx->d, node_loc(c, n),
                         "this inline note is left out: its call is where no note can be shown "
                         "(an image's description, a link's address)");
        return false;
    }
    switch (type) {
    case CMARK_NODE_DOCUMENT:
        break;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        /* Converted where it is first called. */
        return false;
    case CMARK_NODE_FOOTNOTE_REFERENCE:
        /* Not a leaf to cmark's iterator: it comes twice. */
        if (enter)
            footnote_ref(c, n);
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
            } else if (k == DOC_ITEM && is_type(n, "tasklist")) {
                b->task = cmark_gfm_extensions_get_tasklist_item_checked(n) ? 2 : 1;
            }
            push_block(c, b, b->loc);
        } else {
            pop_block(c);
        }
        break;
    case CMARK_NODE_PARAGRAPH:
        if (enter && page_break_para(n)) {
            if (c->in_note)
                diag_warning(c->ctx->d, node_loc(c, n), "a page break cannot be in a note; "
                                                        "it is left out");
            else
                doc_block_append(c->stack[c->depth - 1],
                                 doc_block_new(a, DOC_PAGE_BREAK, node_loc(c, n)));
            return false;
        }
        /* fall through */
    case CMARK_NODE_HEADING:
        if (enter) {
            leaf_enter(c, type == CMARK_NODE_HEADING ? DOC_HEADING : DOC_PARAGRAPH, n);
            c->leaf->level = type == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
            size_t k = type == CMARK_NODE_PARAGRAPH ? caption_prefix(n) : 0;
            if (k) {
                c->in_caption = true;
                c->skip_node = cmark_node_first_child(n);
                c->skip_len = k;
            }
        } else if (c->in_caption) {
            c->in_caption = false;
            cmark_node *prev = cmark_node_previous(n);
            if (prev && is_type(prev, "table") && c->last_table && !c->last_table->title)
                c->last_table->title = c->leaf;
            else
                c->caption = c->leaf;
            c->leaf = NULL;
        } else {
            leaf_exit(c);
        }
        break;
    case CMARK_NODE_CODE_BLOCK: {
        doc_block *b = doc_block_new(a, DOC_CODE, node_loc(c, n));
        const char *lit = cmark_node_get_literal(n);
        size_t len = strlen(lit);
        b->text = arena_strndup(a, lit, len);
        b->len = len;
        while (b->len && b->text[b->len - 1] == '\n')
            ((char *)b->text)[--b->len] = '\0';
        doc_block_append(c->stack[c->depth - 1], b);
        break;
    }
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
        html(c, n);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        doc_block_append(c->stack[c->depth - 1], doc_block_new(a, DOC_RULE, node_loc(c, n)));
        break;
    case CMARK_NODE_TEXT: {
        const char *lit = cmark_node_get_literal(n);
        size_t skip = 0;
        if (n == c->skip_node) {
            skip = c->skip_len;
            c->skip_node = NULL;
        }
        size_t len = strlen(lit);
        skip = skip < len ? skip : len;
        text_node(c, lit + skip, len - skip, node_offset(c, n) + skip, node_loc(c, n));
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
        if (is_type(n, "strikethrough")) {
            c->strike += enter ? 1 : -1;
        } else if (is_type(n, "table")) {
            if (enter && !c->table)
                table_enter(c, n);
            else if (!enter && c->table)
                table_exit(c, n);
        } else if (is_type(n, "table_row") && c->table) {
            /* A row converted is a row cmark may free: a table of a
             * hundred thousand rows would otherwise be held twice, as
             * cmark's nodes and as the document's cells. The walk is at
             * this row, past the one before it. */
            if (enter && cmark_node_previous(n))
                cmark_node_free(cmark_node_previous(n));
        } else if (is_type(n, "table_cell") && c->table) {
            if (enter && !cmark_node_first_child(n))
                empty_cell_enter(c, n);
            else if (enter)
                leaf_enter(c, DOC_PARAGRAPH, n);
            else
                cell_exit(c);
        }
        break;
    }
    return true;
}

/* Converts the children of top (the document, or a note's definition)
 * into `into`. */
static void convert_node(md_context *ctx, md_prepared *prep, const md_text *t, parse *ps,
                         const char *base_dir, bool in_note, cmark_node *top, doc_block *into)
{
    conv c;
    memset(&c, 0, sizeof c);
    c.ctx = ctx;
    c.prep = prep;
    c.text = t;
    c.parse = ps;
    c.base_dir = base_dir;
    c.top = top;
    c.in_note = in_note;
    c.stack[0] = into;
    c.depth = 1;
    buf_init(&c.alt);
    cmark_iter *it = cmark_iter_new(top);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (!visit(&c, n, ev) && ev == CMARK_EVENT_ENTER)
            cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
    }
    cmark_iter_free(it);
    if (c.caption)
        doc_block_append(c.stack[c.depth - 1], c.caption);   /* no table followed */
    buf_fini(&c.alt);
}

/* A section's tree, parsed with briefc's options and extensions. */
static cmark_node *parse_text(const char *text, size_t len)
{
    pthread_once(&extensions_once, register_extensions);
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART |
                                            CMARK_OPT_FOOTNOTES |
                                            CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);
    static const char *const extensions[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
        if (e)
            cmark_parser_attach_syntax_extension(parser, e);
    }
    cmark_parser_feed(parser, text, len);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return root;
}

size_t md_parse_only(const char *text, size_t len)
{
    cmark_node *root = parse_text(text, len);
    size_t nodes = 0;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        nodes += ev == CMARK_EVENT_ENTER;
    cmark_iter_free(it);
    cmark_node_free(root);
    return nodes;
}

/* Finds each inline note's body: the block quote at the top of the tree
 * that starts where mdprep put it (a block the text left open may have
 * taken it in). Each is marked, so that the walk over the text passes
 * those no call took. */
static void find_bodies(arena *scratch, const md_prepared *prep, cmark_node *root, parse *ps)
{
    ps->n_bodies = prep->n_inline_notes;
    ps->bodies = arena_alloc(scratch, (ps->n_bodies + 1) * sizeof *ps->bodies);
    ps->body_numbers = arena_alloc(scratch, (ps->n_bodies + 1) * sizeof *ps->body_numbers);
    size_t k = 0;
    for (cmark_node *n = cmark_node_first_child(root); n && k < ps->n_bodies;
         n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) != CMARK_NODE_BLOCK_QUOTE)
            continue;
        size_t at = prepared_offset(&prep->main, cmark_node_get_start_line(n),
                                    cmark_node_get_start_column(n));
        while (prep->note_at[k] < at)
            k++;
        if (prep->note_at[k] == at) {
            ps->bodies[k++] = n;
            cmark_node_set_user_data(n, ps);
        }
    }
}

static void convert(md_context *ctx, arena *scratch, md_prepared *prep, const char *base_dir,
                    doc_block *into)
{
    cmark_node *root = parse_text(prep->main.text, prep->main.len);

    parse ps = {0};
    size_t cap = 0;
    for (cmark_node *n = cmark_node_first_child(root); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
            *(cmark_node **)ARENA_PUSH(scratch, ps.defs, ps.n_defs, cap) = n;
    ps.numbers = arena_alloc(scratch, (ps.n_defs + 1) * sizeof *ps.numbers);
    find_bodies(scratch, prep, root, &ps);
    convert_node(ctx, prep, &prep->main, &ps, base_dir, false, root, into);
    cmark_node_free(root);
}

void md_convert(md_context *ctx, const md_origin *origin, const char *base_dir, doc_block *parent)
{
    /* The prepared text and its byte map serve only the conversion: the
     * document keeps copies of what it shows, and positions as src_locs. */
    arena *scratch = arena_new();
    md_prepared *prep = arena_alloc(scratch, sizeof *prep);
    mdprep_run(scratch, ctx->d, origin, prep);
    convert(ctx, scratch, prep, base_dir, parent);
    arena_free(scratch);
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

/* Whether Markdown could change s: markup, entities, smart punctuation,
 * a web address. */
static bool plain_inline(const char *s)
{
    if (strpbrk(s, "*_`[]^~\\<>&!@'\"\n") || strstr(s, "--") || strstr(s, "...") ||
        strstr(s, "://") || strstr(s, "www."))
        return false;
    return true;
}

static void gather_runs(arena *a, const doc_block *b, doc_block *into)
{
    for (const doc_block *k = b->first; k; k = k->next) {
        if (k->n_runs && into->n_runs) {
            doc_run *sp = doc_block_add_run(a, into, RUN_TEXT);
            sp->text = " ";
            sp->len = 1;
            sp->loc = k->loc;
        }
        for (size_t i = 0; i < k->n_runs; i++)
            *doc_block_add_run(a, into, k->runs[i].kind) = k->runs[i];
        gather_runs(a, k, into);
    }
}

doc_block *md_convert_inline(md_context *ctx, const char *file, const char *text, int line,
                             int col, const char *base_dir)
{
    src_loc loc = {file, line, col};
    doc_block *p = doc_block_new(ctx->a, DOC_PARAGRAPH, loc);
    if (!*text)
        return p;
    if (plain_inline(text)) {
        doc_run *r = doc_block_add_run(ctx->a, p, RUN_TEXT);
        r->text = text;
        r->len = strlen(text);
        r->loc = loc;
        return p;
    }
    doc_block *root = doc_block_new(ctx->a, DOC_ROOT, loc);
    md_convert_at(ctx, file, text, strlen(text), line, col, base_dir, root);
    gather_runs(ctx->a, root, p);
    return p;
}
