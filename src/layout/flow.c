/*
 * flow.c: document blocks to the vertical list: every block becomes lines
 * (through hlist.c and lines.c) with the space above it and the page-break
 * penalties after each line: no break after a heading, none that leaves a
 * paragraph's first line alone at a page foot (club) or its last alone at
 * a page head (widow), none inside a code block that fits on a page.
 * Footnote bodies are laid out here too, into their own line lists.
 */
#include "layout/internal.h"

#include <math.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

typedef struct ctx {
    double left, right;       /* the text block's edges on the page */
    double size, leading;
    bool note;                /* laying out a footnote body */
    bool tight;               /* inside a tight list */
} ctx;

static void blocks(flow *f, const doc_block *first, ctx c, lo_lines *out);
static void contents(flow *f, const doc *D, lo_lines *out);

static text_style style_for(flow_family fam, unsigned st)
{
    if (st & DOC_STYLE_CODE)
        return TEXT_MONO;
    bool b = st & DOC_STYLE_BOLD, i = st & DOC_STYLE_ITALIC;
    if (fam == FLOW_HEADING)   /* headings are bold: italic in one is bold italic */
        return i ? TEXT_SANS_BOLD_ITALIC : TEXT_SANS_BOLD;
    if (fam == FLOW_SANS)
        return b && i ? TEXT_SANS_BOLD_ITALIC : b ? TEXT_SANS_BOLD : i ? TEXT_SANS_ITALIC : TEXT_SANS;
    if (b && i)
        return TEXT_SERIF_BOLD_ITALIC;
    return b ? TEXT_SERIF_BOLD : i ? TEXT_SERIF_ITALIC : TEXT_SERIF;
}

static double block_space(const flow *f, const ctx *c)
{
    if (c->note)
        return 2.0;
    return c->tight ? 1.5 : f->st->para_skip;
}

/* Penalties after each line of a paragraph of n lines from `first`. */
static void set_paragraph_penalties(flow *f, lo_lines *out, size_t first)
{
    size_t n = out->n - first;
    int para = ++f->n_paras;
    for (size_t i = 0; i < n; i++) {
        lo_line *l = &out->lines[first + i];
        l->para = para;
        l->para_line = (int)i;
        l->para_lines = (int)n;
        l->penalty_after = 0;
        /* No widow or orphan (TeX's \clubpenalty, \widowpenalty), and no
         * hyphenated word split across pages (\brokenpenalty). */
        if ((n >= 2 && (i == 0 || i == n - 2)) || l->hyphenated)
            l->penalty_after = LB_INF_PENALTY;
    }
}

int lo_struct(flow *f, disp_role role)
{
    return display_add_struct(f->da, f->out, role, f->tag);
}

int lo_open(flow *f, disp_role role)
{
    int saved = f->tag;
    if (f->tag > 0)
        f->tag = lo_struct(f, role);
    return saved;
}

static bool taggable(const disp_item *it)
{
    return it->kind == DISP_TEXT || it->kind == DISP_IMAGE || it->kind == DISP_LINK;
}

void lo_tag_items(lo_line *l, size_t from, int tag, bool all)
{
    for (size_t i = from; i < l->n_items; i++)
        if (!l->items[i].tag && (all || taggable(&l->items[i])))
            l->items[i].tag = tag;
}

void lo_tag_lines(lo_lines *ls, size_t first, int tag)
{
    for (size_t i = first; i < ls->n; i++)
        lo_tag_items(&ls->lines[i], 0, tag, false);
}

/* The link element of run r: the one of the run before when it is the
 * same link (emphasis inside a link), else a new one under f->tag; its
 * text, what the annotation says, grows with each run. */
static int link_tag(flow *f, const doc_run *r, const doc_run *prev, int prev_tag)
{
    int t = prev && prev_tag && prev->link == r->link ? prev_tag : lo_struct(f, DISP_S_LINK);
    disp_struct *s = &f->out->structs[t];
    size_t had = s->alt ? strlen(s->alt) : 0;
    /* A description, not a copy: a link of 10,000 runs must not copy
     * its growing text 10,000 times. */
    if (had >= 1000)
        return t;
    char *alt = arena_alloc(f->a, had + r->len + 1);
    if (had)
        memcpy(alt, s->alt, had);
    memcpy(alt + had, r->text, r->len);
    alt[had + r->len] = 0;
    s->alt = alt;
    return t;
}

/* A link's address, copied once for the runs in a row that share it. */
static const char *own_link(flow *f, const char *link)
{
    if (link && link != f->link_from) {
        f->link_from = link;
        f->link_copy = arena_strdup(f->a, link);
    }
    return link ? f->link_copy : NULL;
}

void flow_add_runs(flow *f, hlist *h, const doc_block *b, flow_family fam, double size,
                   disp_color color)
{
    int prev_tag = 0;
    for (size_t i = 0; i < b->n_runs; i++) {
        const doc_run *r = &b->runs[i];
        hl_font hf = {
            .style = style_for(fam, r->style),
            .size = r->style & DOC_STYLE_CODE ? size * 0.88 : size,
            .color = r->link ? f->st->accent : color,
            .link = own_link(f, r->link),
            .code = r->style & DOC_STYLE_CODE,
            .script = r->style & DOC_STYLE_SUP ? 1 : r->style & DOC_STYLE_SUB ? -1 : 0,
            .strike = r->style & DOC_STYLE_STRIKE,
        };
        int tag = 0;
        switch (r->kind) {
        case RUN_TEXT:
        case RUN_FIG_REF:
            if (r->link && f->tag > 0)
                hf.tag = tag = link_tag(f, r, i ? &b->runs[i - 1] : NULL, prev_tag);
            hlist_add_text(h, r->text, r->len, &hf, r->loc);
            break;
        case RUN_NOTE_REF:
            hf.color = color;
            if (f->tag > 0) {
                /* The call is a reference holding a link to the note; the
                 * note is read after the element that first calls it. */
                if (f->note_parent && r->note >= 1 && (size_t)r->note <= f->n_notes &&
                    !f->note_parent[r->note - 1])
                    f->note_parent[r->note - 1] = f->tag;
                int ref = lo_struct(f, DISP_S_REFERENCE);
                hf.tag = display_add_struct(f->da, f->out, DISP_S_LINK, ref);
                char alt[48];
                snprintf(alt, sizeof alt, "%s%d", lo_lang(f)->note, r->note);
                f->out->structs[hf.tag].alt = arena_strdup(f->a, alt);
            }
            hlist_add_note_ref(h, r->note, &hf);
            break;
        case RUN_BREAK:
            hlist_add_break(h);
            break;
        }
        prev_tag = tag;
    }
}

size_t flow_paragraph(flow *f, const doc_block *b, double x0, double x1, flow_family fam,
                      double size, double leading, disp_color color, bool justify,
                      lo_lines *out)
{
    hlist h;
    /* Ragged text (headings) is not hyphenated. */
    hlist_init(&h, f->scratch ? f->scratch : f->a, f->d, f->fonts, justify ? f->hyph : NULL);
    h.protrude = justify && f->st->protrusion;
    flow_add_runs(f, &h, b, fam, size, color);
    hlist_finish(&h);
    double width = x1 - x0;
    size_t first = out->n;
    double height = leading * 0.78;
    lines_build(f->lines_a ? f->lines_a : f->a, f->pa, &h, &width, &x0, 1, justify, height,
                leading - height, out);
    lo_tag_lines(out, first, f->tag);
    /* The lines are copied out: the paragraph's working memory goes. */
    if (f->scratch)
        arena_reset(f->scratch);
    return first;
}

static size_t paragraph(flow *f, const doc_block *b, const ctx *c, lo_lines *out,
                        flow_family fam, double size, double leading, disp_color color,
                        bool justify)
{
    return flow_paragraph(f, b, c->left, c->right, fam, size, leading, color, justify, out);
}

size_t flow_text(flow *f, const char *s, text_style style, double size, double leading,
                 disp_color color, double x, double width, src_loc loc, lo_lines *out)
{
    hlist h;
    hlist_init(&h, f->scratch ? f->scratch : f->a, f->d, f->fonts, NULL);
    hl_font hf = {.style = style, .size = size, .color = color};
    hlist_add_text(&h, s, strlen(s), &hf, loc);
    hlist_finish(&h);
    size_t first = out->n;
    lines_build(f->lines_a ? f->lines_a : f->a, f->pa, &h, &width, &x, 1, false, leading * 0.78,
                leading * 0.22, out);
    lo_tag_lines(out, first, f->tag);
    if (f->scratch)
        arena_reset(f->scratch);
    return first;
}

double flow_width(const flow *f, const char *s, text_style style, double size)
{
    return hlist_text_width(f->fonts, s, strlen(s), style, size);
}

/* Heading levels the contents and the bookmarks list. */
static int toc_depth(const flow *f)
{
    return f->D && f->D->toc_depth > 0 ? f->D->toc_depth : 3;
}

/* Levels are the brief's (1: the body's top level, in the accent colour;
 * see content.c), not Markdown's. */
static void heading(flow *f, const doc_block *b, const ctx *c, lo_lines *out)
{
    int level = b->level < 1 ? 1 : b->level > 6 ? 6 : b->level;
    double size = c->note ? c->size : f->st->heading_size[level - 1];
    double leading = size * 1.25;
    disp_color color = level == 1 ? f->st->accent : f->st->text;
    /* A heading inside a note reads as a paragraph: it heads no section. */
    int saved = lo_open(f, c->note ? DISP_S_P : DISP_S_HEADING);
    if (f->tag > 0 && !c->note)
        f->out->structs[f->tag].level = level;
    size_t first = paragraph(f, b, c, out, c->note ? FLOW_SERIF : FLOW_HEADING, size, leading,
                             color, false);
    lo_close(f, saved);
    if (first == out->n)
        return;
    out->lines[first].space_before = c->note ? 2.0 : (level == 1 ? size * 1.1 : size * 0.9);
    out->lines[first].outline = c->note || level > toc_depth(f) ? NULL : doc_plain_text(f->a, b);
    out->lines[first].outline_level = level;
    for (size_t k = 0; k < f->n_toc && !c->note; k++)
        if (f->toc_heads[k] == b)
            out->lines[first].toc_entry = (int)k + 1;
    for (size_t i = first; i < out->n; i++)
        out->lines[i].penalty_after = LB_INF_PENALTY;
}

static void label(flow *f, lo_line *l, const char *text, double right_x, double size, int tag)
{
    double w = hlist_text_width(f->fonts, text, strlen(text), TEXT_SERIF, size);
    size_t from = l->n_items;
    lo_line_add_text(f, l, text, strlen(text), TEXT_SERIF, size, f->st->text, right_x - w, 0,
                     (src_loc){0});
    lo_tag_items(l, from, tag, false);
}

/* A task list's box, ticked when the task is done, in place of a bullet:
 * drawn, since the text faces have no ballot box. */
static void task_box(flow *f, lo_line *l, double right_x, double size, bool done)
{
    double s = size * 0.62, x = right_x - s, y = size * 0.02;
    double sq[] = {x, y, x + s, y, x + s, y + s, x, y + s, x, y};
    disp_item *box = lo_line_add_item(f->a, l, DISP_PATH);
    box->color = f->st->text;
    box->u.path.pts = arena_alloc(f->a, sizeof sq);
    memcpy(box->u.path.pts, sq, sizeof sq);
    box->u.path.n = 5;
    box->u.path.width = 0.6;
    if (!done)
        return;
    double tick[] = {x + s * 0.18, y + s * 0.52, x + s * 0.42, y + s * 0.22, x + s * 0.86, y + s * 0.84};
    disp_item *t = lo_line_add_item(f->a, l, DISP_PATH);
    t->color = f->st->accent;
    t->u.path.pts = arena_alloc(f->a, sizeof tick);
    memcpy(t->u.path.pts, tick, sizeof tick);
    t->u.path.n = 3;
    t->u.path.width = 1.1;
}

static void list(flow *f, const doc_block *b, ctx c, lo_lines *out)
{
    int number = b->start;
    ctx inner = c;
    inner.tight = b->tight;
    char text[32];
    /* Room for the widest label: numbers of the list's size. */
    int count = 0;
    for (const doc_block *it = b->first; it; it = it->next)
        count++;
    snprintf(text, sizeof text, "%d.", number + count - 1);
    double lw = b->ordered ? hlist_text_width(f->fonts, text, strlen(text), TEXT_SERIF, c.size) : 0;
    double indent = f->st->list_indent;
    if (lw + c.size * 0.5 > indent)
        indent = lw + c.size * 0.5;
    inner.left = c.left + indent;
    bool first_item = true;
    int list_saved = lo_open(f, DISP_S_L);
    for (const doc_block *it = b->first; it; it = it->next) {
        size_t first = out->n;
        /* An item: its label, then its body. */
        int item_saved = lo_open(f, DISP_S_LI);
        int lbl = f->tag > 0 ? lo_struct(f, DISP_S_LBL) : 0;
        int body_saved = lo_open(f, DISP_S_LBODY);
        blocks(f, it->first, inner, out);
        lo_close(f, body_saved);
        lo_close(f, item_saved);
        if (first < out->n) {
            if (b->ordered)
                snprintf(text, sizeof text, "%d.", number);
            else
                snprintf(text, sizeof text, "%s", "\xe2\x80\xa2");   /* bullet */
            if (it->task) {
                /* A drawn box: its label says in words what it shows. */
                size_t from = out->lines[first].n_items;
                task_box(f, &out->lines[first], inner.left - c.size * 0.45, c.size, it->task == 2);
                lo_tag_items(&out->lines[first], from, lbl, true);
                if (lbl)
                    f->out->structs[lbl].alt = it->task == 2 ? "[x]" : "[ ]";
            } else {
                label(f, &out->lines[first], text, inner.left - c.size * 0.45, c.size, lbl);
            }
            out->lines[first].space_before = first_item ? block_space(f, &c)
                                                        : (b->tight ? 1.5 : block_space(f, &c));
        }
        number++;
        first_item = false;
    }
    lo_close(f, list_saved);
}

static void quote(flow *f, const doc_block *b, ctx c, lo_lines *out)
{
    size_t first = out->n;
    ctx inner = c;
    double indent = c.note ? 10 : f->st->quote_indent;
    inner.left = c.left + indent;
    inner.right = c.right - (c.note ? 0 : indent * 0.5);
    int saved = lo_open(f, DISP_S_QUOTE);
    blocks(f, b->first, inner, out);
    lo_close(f, saved);
    /* A rule down the left side, through the spaces between paragraphs. */
    for (size_t i = first; i < out->n; i++) {
        lo_line *l = &out->lines[i];
        disp_item *r = lo_line_add_item(f->a, l, DISP_RULE);
        r->color = f->st->rule;
        double x = c.left + 2;
        r->u.rule.x0 = r->u.rule.x1 = x;
        r->u.rule.y0 = -l->depth;
        r->u.rule.y1 = l->height + (i > first ? l->space_before : 0);
        r->u.rule.width = 1.5;
    }
    if (first < out->n && out->lines[first].space_before < block_space(f, &c))
        out->lines[first].space_before = block_space(f, &c);
}

/* Splits a code block into visual lines no wider than the block, each
 * drawn as written: not justified, not hyphenated, spaces kept. */
static void code(flow *f, const doc_block *b, const ctx *c, lo_lines *out)
{
    double size = c->note ? c->size * 0.9 : f->st->code_size;
    double leading = c->note ? c->leading * 0.95 : f->st->code_leading;
    double pad = 4;
    double width = c->right - c->left - 2 * pad;
    int face = text_fonts_pick(f->fonts, TEXT_MONO, 'M');
    double cw = face >= 0 ? text_font_advance(text_fonts_face(f->fonts, face), 'M') * size / 1000.0
                          : size * 0.6;
    size_t per_line = cw > 0 ? (size_t)(width / cw) : 80;
    if (per_line < 8)
        per_line = 8;
    size_t first = out->n;
    const char *s = b->text;
    size_t len = b->len, i = 0;
    buf line;
    buf_init(&line);
    while (i <= len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        /* Expand tabs to four columns. */
        buf_reset(&line);
        size_t col = 0;
        for (size_t k = i; k < e;) {
            size_t start = k;
            uint32_t cp = utf8_decode(s, e, &k, NULL);
            if (cp == '\t') {
                do {
                    buf_putc(&line, ' ');
                    col++;
                } while (col % 4);
            } else {
                buf_append(&line, s + start, k - start);
                col++;
            }
        }
        /* Wrap by characters, at the last space when it is not too early. */
        size_t p = 0, ll = line.len;
        bool cont = false;
        do {
            size_t q = p, chars = 0, last_space = 0;
            while (q < ll && chars < per_line - (cont ? 2 : 0)) {
                if (line.data[q] == ' ' && q > p)
                    last_space = q;
                utf8_decode(line.data, ll, &q, NULL);
                chars++;
            }
            if (q < ll && last_space > p && chars > 0 && last_space - p > (q - p) * 6 / 10)
                q = last_space + 1;
            lo_line *l = lo_lines_push(f->a, out);
            l->height = leading * 0.78;
            l->depth = leading - l->height;
            l->penalty_after = LB_INF_PENALTY;
            disp_item *bg = lo_line_add_item(f->a, l, DISP_RECT);
            bg->color = f->st->code_bg;
            bg->u.rect.x = c->left;
            bg->u.rect.y = -l->depth;
            bg->u.rect.w = c->right - c->left;
            bg->u.rect.h = leading;
            if (q > p)
                lo_line_add_text(f, l, line.data + p, q - p, TEXT_MONO, size, f->st->text,
                                 c->left + pad + (cont ? 2 * cw : 0), 0, b->loc);
            p = q;
            cont = true;
        } while (p < ll);
        if (!nl)
            break;
        i = e + 1;
    }
    buf_fini(&line);
    if (first == out->n)
        return;
    if (f->tag > 0)
        lo_tag_lines(out, first, lo_struct(f, DISP_S_CODE));
    /* Padding above the first and below the last line, in the background. */
    lo_line *top = &out->lines[first], *bot = &out->lines[out->n - 1];
    top->height += pad;
    top->items[0].u.rect.h += pad;
    bot->depth += pad;
    bot->items[0].u.rect.y -= pad;
    bot->items[0].u.rect.h += pad;
    top->space_before = block_space(f, c) + 2;
    bot->penalty_after = 0;
    /* A block taller than a page may break anywhere. */
    double total = 0;
    for (size_t k = first; k < out->n; k++)
        total += out->lines[k].height + out->lines[k].depth;
    if (total > (f->st->page_h - f->st->margin_top - f->st->margin_bottom) * 0.8)
        for (size_t k = first; k < out->n; k++)
            out->lines[k].penalty_after = 0;
}

static void rule(flow *f, const ctx *c, lo_lines *out)
{
    lo_line *l = lo_lines_push(f->a, out);
    l->height = 8;
    l->depth = 4;
    l->space_before = block_space(f, c);
    disp_item *r = lo_line_add_item(f->a, l, DISP_RULE);
    r->color = f->st->rule;
    double mid = (c->left + c->right) / 2, half = (c->right - c->left) / 6;
    r->u.rule.x0 = mid - half;
    r->u.rule.x1 = mid + half;
    r->u.rule.y0 = r->u.rule.y1 = 4;
    r->u.rule.width = 0.75;
}

static void picture(flow *f, const doc_block *b, const ctx *c, lo_lines *out)
{
    const doc_image *im = b->image;
    const image *img = im->img;
    double avail = c->right - c->left;
    double text_h = f->st->page_h - f->st->margin_top - f->st->margin_bottom;
    double max_h = text_h * 0.6;
    double w = avail, h = w * img->height / img->width;
    /* A size the text asks for ({width=50%}, {height=2in}), the image's
     * proportions kept, never wider than the text or taller than most of
     * a page. */
    double want_w = im->width.fraction ? avail * im->width.fraction : im->width.points;
    double want_h = im->height.fraction ? text_h * im->height.fraction : im->height.points;
    if (want_w > 0) {
        w = want_w < avail ? want_w : avail;
        h = w * img->height / img->width;
    } else if (want_h > 0) {
        h = want_h;
        w = h * img->width / img->height;
        if (w > avail) {
            w = avail;
            h = w * img->height / img->width;
        }
    }
    if (h > max_h) {
        h = max_h;
        w = h * img->width / img->height;
    }
    lo_line *l = lo_lines_push(f->a, out);
    l->height = h;
    l->depth = 0;
    l->space_before = block_space(f, c) + 4;
    int saved = lo_open(f, DISP_S_FIGURE);
    if (f->tag > 0)
        f->out->structs[f->tag].alt = im->alt && *im->alt ? arena_strdup(f->a, im->alt) : NULL;
    disp_item *it = lo_line_add_item(f->a, l, DISP_IMAGE);
    it->tag = f->tag;
    it->u.image.img = img;
    it->u.image.x = c->left + (avail - w) / 2;
    it->u.image.y = 0;
    it->u.image.w = w;
    it->u.image.h = h;
    if (im->alt && *im->alt) {
        l->penalty_after = LB_INF_PENALTY;
        hlist hl;
        hlist_init(&hl, f->a, f->d, f->fonts, NULL);
        hl_font hf = {.style = TEXT_SERIF_ITALIC, .size = f->st->note_size, .color = f->st->muted};
        hlist_add_text(&hl, im->alt, strlen(im->alt), &hf, b->loc);
        hlist_finish(&hl);
        size_t first = out->n;
        double leading = f->st->note_leading;
        lines_build(f->a, f->pa, &hl, &avail, &c->left, 1, false, leading * 0.78, leading * 0.22, out);
        if (f->tag > 0)
            lo_tag_lines(out, first, lo_struct(f, DISP_S_CAPTION));
        if (first < out->n)
            out->lines[first].space_before = 4;
        /* Centre the caption lines. */
        for (size_t k = first; k < out->n; k++) {
            lo_line *cl = &out->lines[k];
            double right = fmax(c->left, lo_line_text_end(f, cl));
            double shift = (avail - (right - c->left)) / 2;
            for (size_t q = 0; q < cl->n_items; q++)
                if (cl->items[q].kind == DISP_TEXT)
                    cl->items[q].u.text.x += shift;
            if (k + 1 < out->n)
                cl->penalty_after = LB_INF_PENALTY;
        }
    }
    lo_close(f, saved);
}

/* A shaded box (the summary): its blocks inset, a tinted background
 * behind every line and the spaces between them. */
static void box(flow *f, const doc_block *b, ctx c, lo_lines *out)
{
    double pad = 10;
    ctx inner = c;
    inner.left = c.left + pad;
    inner.right = c.right - pad;
    size_t first = out->n;
    blocks(f, b->first, inner, out);
    if (first == out->n)
        return;
    out->lines[first].height += pad;
    out->lines[out->n - 1].depth += pad;
    for (size_t i = first; i < out->n; i++) {
        lo_line *l = &out->lines[i];
        disp_item *bg = lo_line_add_item(f->a, l, DISP_RECT);
        bg->color = f->st->code_bg;
        bg->u.rect.x = c.left;
        bg->u.rect.w = c.right - c.left;
        bg->u.rect.y = -l->depth;
        bg->u.rect.h = l->height + l->depth + (i > first ? l->space_before : 0);
        /* The background goes under the text: move it first. */
        disp_item tmp = l->items[l->n_items - 1];
        memmove(l->items + 1, l->items, (l->n_items - 1) * sizeof *l->items);
        l->items[0] = tmp;
        if (i + 1 < out->n)
            l->penalty_after = LB_INF_PENALTY;
    }
    out->lines[first].space_before = 14;
}

static void blocks(flow *f, const doc_block *first, ctx c, lo_lines *out)
{
    bool after_heading = false;
    for (const doc_block *b = first; b; b = b->next) {
        size_t start = out->n;
        switch (b->kind) {
        case DOC_HEADING:
            heading(f, b, &c, out);
            break;
        case DOC_PARAGRAPH: {
            int saved = lo_open(f, DISP_S_P);
            paragraph(f, b, &c, out, FLOW_SERIF, c.size, c.leading, f->st->text, true);
            lo_close(f, saved);
            set_paragraph_penalties(f, out, start);
            if (start < out->n)
                out->lines[start].space_before = block_space(f, &c);
            break;
        }
        case DOC_QUOTE:
            quote(f, b, c, out);
            break;
        case DOC_LIST:
            list(f, b, c, out);
            break;
        case DOC_ITEM:
        case DOC_ROOT:
            blocks(f, b->first, c, out);
            break;
        case DOC_CODE:
            code(f, b, &c, out);
            break;
        case DOC_RULE:
            rule(f, &c, out);
            break;
        case DOC_IMAGE:
            picture(f, b, &c, out);
            break;
        case DOC_BOX:
            box(f, b, c, out);
            break;
        case DOC_FIGURE:
            figure_lines(f, b, c.left, c.right, out);
            break;
        case DOC_PAGE_BREAK:
            if (out->n)
                out->lines[out->n - 1].penalty_after = LB_EJECT_PENALTY;
            break;
        case DOC_CONTENTS:
            contents(f, f->D, out);
            break;
        }
        if (after_heading && start < out->n && b->kind != DOC_HEADING)
            out->lines[start].space_before = c.note ? 1 : 3;
        after_heading = b->kind == DOC_HEADING;
    }
}

/* Centres lines first.. of out between left and left + width. */
static void center_lines(flow *f, lo_lines *out, size_t first, double left, double width)
{
    for (size_t q = first; q < out->n; q++) {
        lo_line *cl = &out->lines[q];
        double shift = (width - (lo_line_text_end(f, cl) - left)) / 2;
        for (size_t it = 0; it < cl->n_items; it++)
            if (cl->items[it].kind == DISP_TEXT)
                cl->items[it].u.text.x += shift;
    }
}

/* A copy of paragraph b whose runs all carry `extra` as well. */
static const doc_block *with_style(arena *a, const doc_block *b, unsigned extra)
{
    if (!extra)
        return b;
    doc_block *c = arena_alloc(a, sizeof *c);
    *c = *b;
    c->runs = arena_alloc(a, (b->n_runs + 1) * sizeof *c->runs);
    for (size_t i = 0; i < b->n_runs; i++) {
        c->runs[i] = b->runs[i];
        c->runs[i].style |= extra;
    }
    c->cap_runs = b->n_runs;
    return c;
}

static void title_block(flow *f, const doc *D, lo_lines *out)
{
    const layout_style *st = f->st;
    ctx c = {st->margin_left, st->page_w - st->margin_right, st->body_size, st->body_leading,
             false, false};
    double width = c.right - c.left;
    size_t first = out->n;
    /* Each part is plain text, or a paragraph of runs (the title and
     * subtitle keep their emphasis) set in `fam` with `extra` added. */
    struct {
        const char *text;
        const doc_block *para;
        text_style style;
        flow_family fam;
        unsigned extra;
        double size;
        disp_color color;
    } parts[3] = {
        {D->title, D->title_text, TEXT_SANS_BOLD, FLOW_HEADING, 0, 24, st->accent},
        {D->subtitle, D->subtitle_text, TEXT_SANS, FLOW_SANS, 0, 14, st->muted},
        {NULL, NULL, TEXT_SANS, FLOW_SANS, 0, 9.5, st->muted},
    };
    if (st->plain_title) {
        /* A hearing's caption: serif, in the text colour, centred. */
        parts[0].style = TEXT_SERIF_BOLD;
        parts[0].fam = FLOW_SERIF;
        parts[0].extra = DOC_STYLE_BOLD;
        parts[0].size = st->body_size * 1.35;
        parts[0].color = st->text;
        parts[1].style = TEXT_SERIF_ITALIC;
        parts[1].fam = FLOW_SERIF;
        parts[1].extra = DOC_STYLE_ITALIC;
        parts[1].size = st->body_size * 1.05;
        parts[1].color = st->text;
        parts[2].style = TEXT_SERIF;
        parts[2].size = st->body_size;
        parts[2].color = st->text;
    }
    buf meta;
    buf_init(&meta);
    const doc_lang *lang = lo_lang(f);
    for (size_t i = 0; i < D->n_authors; i++) {
        if (i)
            buf_puts(&meta, i + 1 == D->n_authors ? lang->and_two : lang->and_list);
        buf_puts(&meta, D->authors[i]);
    }
    if (D->date_text) {
        if (meta.len)
            buf_puts(&meta, "  \xc2\xb7  ");
        buf_puts(&meta, D->date_text);
    }
    parts[2].text = meta.len ? buf_to_arena(&meta, f->a) : NULL;
    buf_fini(&meta);
    if (D->cover) {
        /* A packet's cover: a larger title a third of the way down. */
        parts[0].size *= 1.3;
        parts[1].size *= 1.2;
        lo_line *gap = lo_lines_push(f->a, out);
        gap->height = (st->page_h - st->margin_top - st->margin_bottom) * 0.22;
        gap->penalty_after = LB_INF_PENALTY;
        gap->outline = arena_strdup(f->a, D->title);
        gap->outline_level = 1;
        first = out->n;
    }
    /* Read in this order: the organisation (set above the title once the
     * title's lines exist), the title as the first heading, the
     * subtitle, the authors and date. */
    int org_tag = st->organisation && f->tag > 0 ? lo_struct(f, DISP_S_P) : 0;
    for (int i = 0; i < 3; i++) {
        if (!parts[i].text)
            continue;
        int saved = lo_open(f, i == 0 ? DISP_S_HEADING : DISP_S_P);
        if (i == 0 && f->tag > 0)
            f->out->structs[f->tag].level = 1;
        hlist h;
        hlist_init(&h, f->a, f->d, f->fonts, NULL);
        if (parts[i].para) {
            flow_add_runs(f, &h, with_style(f->a, parts[i].para, parts[i].extra), parts[i].fam,
                          parts[i].size, parts[i].color);
        } else {
            hl_font hf = {.style = parts[i].style, .size = parts[i].size,
                          .color = parts[i].color};
            hlist_add_text(&h, parts[i].text, strlen(parts[i].text), &hf, D->root->loc);
        }
        hlist_finish(&h);
        size_t k = out->n;
        double leading = parts[i].size * 1.22;
        lines_build(f->a, f->pa, &h, &width, &c.left, 1, false, leading * 0.8, leading * 0.2, out);
        lo_tag_lines(out, k, f->tag);
        lo_close(f, saved);
        if (k < out->n)
            out->lines[k].space_before = i == 0 ? 0 : (i == 1 ? 4 : 10);
        if (st->plain_title)
            center_lines(f, out, k, c.left, width);
    }
    if (first == out->n)
        return;
    /* The organisation above the title, and the logo at the right. */
    if (st->organisation || st->logo) {
        lo_line *org = &out->lines[first];
        double size = 9.5;
        size_t from = org->n_items;
        if (st->organisation)
            lo_line_add_text(f, org, st->organisation, strlen(st->organisation), TEXT_SANS_BOLD,
                             size, st->accent, c.left, org->height + 14, D->root->loc);
        lo_tag_items(org, from, org_tag, false);
        /* The logo is decoration: the organisation's name is the text. */
        if (st->logo) {
            double h = 40, w = h * st->logo->width / st->logo->height;
            if (w > width * 0.3) {
                w = width * 0.3;
                h = w * st->logo->height / st->logo->width;
            }
            disp_item *it = lo_line_add_item(f->a, org, DISP_IMAGE);
            it->u.image.img = st->logo;
            it->u.image.x = c.right - w;
            it->u.image.y = org->height + 8;
            it->u.image.w = w;
            it->u.image.h = h;
        }
        org->height += st->logo ? 52 : 24;
    }
    lo_line *l = lo_lines_push(f->a, out);
    l->height = 10;
    l->depth = 6;
    disp_item *r = lo_line_add_item(f->a, l, DISP_RULE);
    r->color = st->plain_title ? st->text : st->accent;
    double inset = st->plain_title ? width / 3 : 0;
    r->u.rule.x0 = c.left + inset;
    r->u.rule.x1 = c.right - inset;
    r->u.rule.y0 = r->u.rule.y1 = 2;
    r->u.rule.width = st->plain_title ? 0.6 : 1.2;
    for (size_t i = 0; i < D->n_cover_lines; i++) {
        int saved = lo_open(f, DISP_S_P);
        size_t k = flow_text(f, D->cover_lines[i], st->plain_title ? TEXT_SERIF : TEXT_SANS,
                             11, 15, st->plain_title ? st->text : st->muted, c.left, width,
                             D->root->loc, out);
        lo_close(f, saved);
        if (k < out->n)
            out->lines[k].space_before = i == 0 ? 14 : 2;
        if (st->plain_title)
            center_lines(f, out, k, c.left, width);
    }
    for (size_t i = first; i + 1 < out->n; i++)
        out->lines[i].penalty_after = LB_INF_PENALTY;
    if (D->cover)
        out->lines[out->n - 1].penalty_after = LB_EJECT_PENALTY;
}

/* Notes hang from their numbers: the indent holds the widest number of
 * the document, so 100 or 1000 never reaches into the margin. */
static double note_indent(const flow *f, size_t n_notes)
{
    const layout_style *st = f->st;
    char widest[24];
    snprintf(widest, sizeof widest, "%zu", n_notes);
    double w = hlist_text_width(f->fonts, widest, strlen(widest), TEXT_SERIF, st->note_size);
    double indent = st->note_size * 1.8, need = w + st->note_size * 0.6;
    return need > indent ? need : indent;
}

static void note(flow *f, const doc_note *n, double indent, lo_lines *out)
{
    const layout_style *st = f->st;
    ctx c = {st->margin_left + indent, st->page_w - st->margin_right, st->note_size,
             st->note_leading, true, false};
    size_t first = out->n;
    /* The note hangs from the element that first calls it, read after
     * the rest of it: its number, then its text. */
    int saved = f->tag;
    int parent = f->note_parent[n->number - 1] ? f->note_parent[n->number - 1] : DISP_ROOT;
    f->tag = display_add_struct(f->da, f->out, DISP_S_NOTE, parent);
    f->out->structs[f->tag].after = true;
    int lbl = lo_struct(f, DISP_S_LBL);
    out->reserve = 1;         /* the number, one run */
    blocks(f, n->first, c, out);
    out->reserve = 0;
    if (first == out->n) {
        lo_line *l = lo_lines_push(f->a, out);
        l->height = st->note_leading * 0.78;
        l->depth = st->note_leading - l->height;
    }
    out->lines[first].space_before = 0;
    char num[16];
    snprintf(num, sizeof num, "%d", n->number);
    label(f, &out->lines[first], num, st->margin_left + indent - st->note_size * 0.6,
          st->note_size, lbl);
    f->tag = saved;
    for (size_t i = first + 1; i < out->n; i++)
        if (out->lines[i].space_before > 2)
            out->lines[i].space_before = 2;
}

double lo_line_text_end(const flow *f, const lo_line *l)
{
    double right = 0;
    for (size_t q = 0; q < l->n_items; q++) {
        const disp_item *t = &l->items[q];
        if (t->kind != DISP_TEXT)
            continue;
        double x = t->u.text.x;
        const text_font *font = text_fonts_face(f->fonts, t->u.text.face);
        size_t k = 0;
        for (size_t g = 0; g < t->u.text.run->n_glyphs; g++)
            x += text_font_advance(font, t->u.text.run->glyphs[g]) * t->u.text.size / 1000.0 +
                 display_adjust_next(t, g, &k);
        if (x > right)
            right = x;
    }
    return right;
}

/* The table of contents: a heading, then one entry per heading of the
 * body down to the document's toc depth. Page numbers and leaders are added once pages
 * exist (finalize.c); entries are set without them, so the contents take
 * the same room either way. */
static void contents(flow *f, const doc *D, lo_lines *out)
{
    const layout_style *st = f->st;
    size_t cap = 0;
    if (D->contents) {
        /* A packet's: entries of documents laid out apart. */
        for (size_t k = 0; k < D->n_contents; k++)
            *(const doc_block **)ARENA_PUSH(f->a, f->toc_heads, f->n_toc, cap) = NULL;
    } else {
        /* Top-level headings, and those of generated sections and annexes
         * (DOC_ROOT containers such as the source list). */
        int depth = toc_depth(f);
        for (const doc_block *b = D->root->first; b; b = b->next) {
            const doc_block *first = b->kind == DOC_ROOT ? b->first : b;
            for (const doc_block *h = first; h; h = b->kind == DOC_ROOT ? h->next : NULL)
                if (h->kind == DOC_HEADING && h->level <= depth)
                    *(const doc_block **)ARENA_PUSH(f->a, f->toc_heads, f->n_toc, cap) = h;
        }
    }
    if (!f->n_toc)
        return;
    size_t n = f->n_toc + 1;
    f->toc_head_page = arena_alloc(f->a, n * sizeof *f->toc_head_page);
    f->toc_head_dest = arena_alloc(f->a, n * sizeof *f->toc_head_dest);
    f->toc_line_page = arena_alloc(f->a, n * sizeof *f->toc_line_page);
    f->toc_line_y = arena_alloc(f->a, n * sizeof *f->toc_line_y);
    for (size_t k = 0; k < n; k++)
        f->toc_head_page[k] = f->toc_line_page[k] = -1;

    doc_block title = {.kind = DOC_HEADING, .level = 1};
    const char *word = lo_lang(f)->contents;
    doc_run run = {.kind = RUN_TEXT, .text = word, .len = strlen(word)};
    title.runs = &run;
    title.n_runs = 1;
    ctx c = {st->margin_left, st->page_w - st->margin_right, st->body_size, st->body_leading,
             false, false};
    size_t first = out->n;
    heading(f, &title, &c, out);
    if (first < out->n)
        out->lines[first].outline = word;
    /* Each entry: an item of the contents holding its link (the page
     * number joins it once pages exist). */
    f->toc_tag = arena_alloc(f->a, n * sizeof *f->toc_tag);
    int toc_saved = lo_open(f, DISP_S_TOC);
    int top = 6;
    for (size_t k = 0; k < f->n_toc; k++) {
        int level = f->toc_heads[k] ? f->toc_heads[k]->level : D->contents[k].level;
        if (level < top)
            top = level;
    }
    for (size_t k = 0; k < f->n_toc; k++) {
        const doc_block *b = f->toc_heads[k];
        int level = b ? b->level : D->contents[k].level;
        const char *t = b ? doc_plain_text(f->a, b) : arena_strdup(f->a, D->contents[k].title);
        double indent = (level - top) * 14.0;
        double x = c.left + indent, width = c.right - x - 36;
        hlist h;
        hlist_init(&h, f->a, f->d, f->fonts, NULL);
        hl_font hf = {.style = level == top ? TEXT_SERIF_BOLD : TEXT_SERIF, .size = c.size,
                      .color = st->text};
        hlist_add_text(&h, t, strlen(t), &hf, b ? b->loc : D->root->loc);
        hlist_finish(&h);
        size_t k0 = out->n;
        lines_build(f->a, f->pa, &h, &width, &x, 1, false, c.leading * 0.78, c.leading * 0.22, out);
        if (f->tag > 0) {
            int item = lo_struct(f, DISP_S_TOCI);
            f->toc_tag[k] = display_add_struct(f->da, f->out, DISP_S_LINK, item);
            f->out->structs[f->toc_tag[k]].alt = t;
            lo_tag_lines(out, k0, f->toc_tag[k]);
        }
        if (k0 == out->n)
            continue;
        out->lines[k0].space_before = level == top ? (D->contents ? 9 : 5) : 1.5;
        lo_line *last = &out->lines[out->n - 1];
        last->toc_line = (int)k + 1;
        last->text_end = lo_line_text_end(f, last);
    }
    lo_close(f, toc_saved);
}

void flow_build(flow *f, const doc *D)
{
    const layout_style *st = f->st;
    f->D = D;
    f->lang = D->lang;
    f->cover = D->cover;
    f->short_title = arena_strdup(f->a, D->short_title);
    f->tag = DISP_ROOT;
    f->n_notes = D->n_notes;
    f->note_parent = arena_alloc(f->a, (D->n_notes + 1) * sizeof *f->note_parent);
    title_block(f, D, &f->body);
    ctx c = {st->margin_left, st->page_w - st->margin_right, st->body_size, st->body_leading,
             false, false};
    /* The summary box belongs to the title block: before the contents. */
    const doc_block *body = D->root->first;
    while (body && body->kind == DOC_BOX) {
        box(f, body, c, &f->body);
        body = body->next;
    }
    if (D->toc)
        contents(f, D, &f->body);
    size_t first = f->body.n;
    /* blocks() walks siblings: lay out from the first block after the box. */
    doc_block rest = {.kind = DOC_ROOT, .first = (doc_block *)body};
    blocks(f, &rest, c, &f->body);
    if (first < f->body.n && first > 0)
        f->body.lines[first].space_before = 14;
    f->notes = arena_alloc(f->a, (D->n_notes + 1) * sizeof *f->notes);
    double indent = note_indent(f, D->n_notes);
    for (size_t i = 0; i < D->n_notes; i++)
        note(f, &D->notes[i], indent, &f->notes[i]);
    f->D = NULL;
}

double lo_line_add_text(flow *f, lo_line *l, const char *s, size_t len, text_style style,
                        double size, disp_color color, double x, double y, src_loc loc)
{
    /* Each run's record has room for every character left, a glyph a
     * character at most, and gives back what it did not take when the
     * next starts (it is the arena's last allocation): grown glyph by
     * glyph, a note's number took 128 bytes of the display arena and left
     * the copies it outgrew there. */
    size_t rest = utf8_count(s, len), room = 0;
    size_t i = 0;
    disp_item *run = NULL;
    disp_run *r = NULL;
    int run_face = -1;
    while (i < len) {
        uint32_t cp = utf8_decode(s, len, &i, NULL), draw, actual;
        rest--;
        int face = hlist_pick(f->fonts, style, cp, &draw, &actual);
        if (face < 0) {
            if (loc.file && cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0))
                hlist_warn_missing(f->d, cp, loc);
            continue;
        }
        if (!run || face != run_face || actual || run->u.text.actual) {
            if (run)
                run->u.text.run = arena_shrink(f->pa, r, sizeof *r + room * sizeof *r->glyphs,
                                               sizeof *r + r->n_glyphs * sizeof *r->glyphs);
            run = lo_line_add_item(f->a, l, DISP_TEXT);
            run->color = color;
            run->u.text.face = (int16_t)face;
            run->u.text.size = size;
            run->u.text.x = x;
            run->u.text.y = y;
            run->u.text.actual = actual;
            room = rest + 1;
            run->u.text.run = r = display_run_new(f->pa, room);
            run_face = face;
        }
        r->glyphs[r->n_glyphs++] = (uint16_t)draw;   /* hlist_pick draws BMP characters only */
        x += text_font_advance(text_fonts_face(f->fonts, face), draw) * size / 1000.0;
    }
    if (run)
        run->u.text.run = arena_shrink(f->pa, r, sizeof *r + room * sizeof *r->glyphs,
                                       sizeof *r + r->n_glyphs * sizeof *r->glyphs);
    return x;
}
