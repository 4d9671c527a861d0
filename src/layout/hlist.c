/*
 * hlist.c: inline runs to a horizontal list of boxes, glue and penalties,
 * the input of the Knuth-Plass breaker. Each character is set in the
 * first face of the fallback chain that has it; consecutive characters
 * in one face make one box. Break opportunities: spaces (glue), after
 * hard hyphens and dashes, after '/' and similar inside URLs, and between
 * Chinese or Japanese ideographs (Korean breaks only at spaces, as Korean
 * typesetting does, unless a line cannot be set otherwise: then
 * hlist_syllable_breaks offers breaks between syllables as a last resort).
 */
#include "layout/internal.h"

#include <string.h>

#include "base/utf8.h"

#define SUPERSCRIPT_SCALE 0.62
#define SUPERSCRIPT_RISE 0.36
#define SCRIPT_SCALE 0.7       /* x^2^ and H~2~O */
#define SCRIPT_RISE 0.33
#define SCRIPT_DROP 0.14
#define EX_HYPHEN_PENALTY 50   /* TeX's \exhyphenpenalty */
#define URL_BREAK_PENALTY 100
#define HYPHEN_PENALTY 50      /* TeX's \hyphenpenalty */
#define MAX_WORD 64            /* longer "words" are not hyphenated */
#define SYLLABLE_PENALTY 1000  /* a keep-all break taken only where it must be */
#define SYLLABLE_STRETCH 0.05  /* of the size, between syllables where keep-all gave way */

void hlist_init(hlist *h, arena *a, diag_list *d, const text_fonts *fonts, const text_hyph *hyph)
{
    memset(h, 0, sizeof *h);
    h->a = a;
    h->d = d;
    h->fonts = fonts;
    h->hyph = hyph;
}

static size_t push(hlist *h, lb_type type)
{
    size_t cap = h->cap;
    lb_item *it = ARENA_PUSH(h->a, h->items, h->n, h->cap);
    it->type = type;
    size_t n = h->n - 1;
    if (h->cap != cap || !h->info)
        h->info = arena_grow(h->a, h->info, cap * sizeof *h->info, h->cap * sizeof *h->info);
    memset(&h->info[n], 0, sizeof h->info[n]);
    return n;
}

static bool is_ideograph(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3040 && c <= 0x30FF);
}

static bool is_cjk(uint32_t c)
{
    return is_ideograph(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

/* Chinese and Japanese punctuation that may not start a line. */
static bool no_break_before(uint32_t c)
{
    static const uint32_t cl[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01,
                                  0xFF1F, 0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x3009,
                                  0x30FC, 0x2019, 0x201D};
    for (size_t i = 0; i < sizeof cl / sizeof cl[0]; i++)
        if (c == cl[i])
            return true;
    return false;
}

/* ... and punctuation that may not end one. */
static bool no_break_after(uint32_t c)
{
    static const uint32_t op[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008, 0x2018, 0x201C};
    for (size_t i = 0; i < sizeof op / sizeof op[0]; i++)
        if (c == op[i])
            return true;
    return false;
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static double advance(const hlist *h, int face, uint32_t cp, double size)
{
    return text_font_advance(text_fonts_face(h->fonts, face), cp) * size / 1000.0;
}

/* Adds one glyph to the current box, or starts a box when the face (or
 * anything else about the box) changes. */
static void add_glyph(hlist *h, int face, uint32_t cp, uint32_t actual, const hl_font *f,
                      double size, double rise, bool *open)
{
    if (*open && !actual) {
        lb_item *last = &h->items[h->n - 1];
        hl_info *li = &h->info[h->n - 1];
        if (last->type == LB_BOX && li->face == face && li->size == size && li->rise == rise &&
            li->link == f->link && li->note == 0 && li->strike == f->strike && !li->actual &&
            li->tag == f->tag) {
            uint32_t prev = h->glyphs[h->n_glyphs - 1];
            uint32_t *g = ARENA_PUSH(h->a, h->glyphs, h->n_glyphs, h->cap_glyphs);
            *g = cp;
            li->n_glyphs++;
            last->width += advance(h, face, cp, size) +
                           text_font_kern(text_fonts_face(h->fonts, face), prev, cp) * size / 1000.0;
            return;
        }
    }
    size_t k = push(h, LB_BOX);
    hl_info *in = &h->info[k];
    in->face = face;
    in->size = size;
    in->rise = rise;
    in->color = f->color;
    in->link = f->link;
    in->strike = f->strike;
    in->tag = f->tag;
    in->actual = actual;
    in->glyph_start = h->n_glyphs;
    in->n_glyphs = 1;
    uint32_t *g = ARENA_PUSH(h->a, h->glyphs, h->n_glyphs, h->cap_glyphs);
    *g = cp;
    h->items[k].width = advance(h, face, cp, size);
    *open = true;
}

static void add_penalty(hlist *h, int penalty, bool flagged)
{
    size_t k = push(h, LB_PENALTY);
    h->items[k].penalty = penalty;
    h->items[k].flagged = flagged;
}

static bool last_is_box(const hlist *h)
{
    return h->n > 0 && h->items[h->n - 1].type == LB_BOX;
}

static void add_space(hlist *h, const hl_font *f)
{
    if (h->n == 0 || h->items[h->n - 1].type == LB_GLUE)
        return;
    int face = text_fonts_pick(h->fonts, f->style, ' ');
    if (face < 0)
        return;
    double w = advance(h, face, ' ', f->size);
    size_t k = push(h, LB_GLUE);
    h->items[k].width = w;
    /* TeX's Computer Modern ratios: stretch 1/2, shrink 1/3 of the space. */
    h->items[k].stretch = f->code ? 0 : w / 2;
    h->items[k].shrink = f->code ? 0 : w / 3;
    h->info[k].face = face;
    h->info[k].size = f->size;
    h->info[k].color = f->color;
    h->info[k].link = f->link;
    h->info[k].strike = f->strike;
    h->info[k].tag = f->tag;
    h->info[k].n_glyphs = 1;   /* drawn as a space glyph */
}

/* A discretionary hyphen: breaking here sets a hyphen at the line end.
 * Offered only from the breaker's second pass on, as in TeX. */
static void add_hyphen_penalty(hlist *h, const hl_font *f, int penalty)
{
    int face = text_fonts_pick(h->fonts, f->style, '-');
    add_penalty(h, penalty, true);
    size_t k = h->n - 1;
    h->items[k].width = face >= 0 ? advance(h, face, '-', f->size) : 0;
    h->items[k].hyphenation = true;
    h->info[k].face = face;
    h->info[k].size = f->size;
    h->info[k].color = f->color;
    h->info[k].tag = f->tag;
}

static bool is_latin_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x17F && c != 0xD7 && c != 0xF7);
}

/* Decodes a word and marks where a hyphen may follow each code point:
 * within each run of Latin letters (so "refugees," or "non-refoulement"
 * are hyphenated letter run by letter run), never in code or URLs.
 * Returns the number of code points marked (0 when not hyphenated). */
static size_t find_hyphens(const hlist *h, const char *s, size_t len, const hl_font *f,
                           bool urlish, bool *after)
{
    if (!h->hyph || f->code || f->literal || urlish || f->link)
        return 0;
    uint32_t cps[MAX_WORD];
    size_t n = 0, i = 0;
    while (i < len) {
        if (n == MAX_WORD)
            return 0;
        cps[n++] = utf8_decode(s, len, &i, NULL);
    }
    memset(after, 0, n * sizeof *after);
    size_t k = 0;
    while (k < n) {
        if (!is_latin_letter(cps[k])) {
            k++;
            continue;
        }
        size_t e = k;
        while (e < n && is_latin_letter(cps[e]))
            e++;
        /* A letter run glued to a digit or an apostrophe-s is left whole. */
        bool whole = (k > 0 && cps[k - 1] >= '0' && cps[k - 1] <= '9') ||
                     (e < n && cps[e] >= '0' && cps[e] <= '9');
        if (!whole)
            text_hyphenate(h->hyph, cps + k, e - k, after + k);
        k = e;
    }
    return n;
}

/* A break inside a URL whose line may end ragged: TeX's
 *   \penalty10000 \hskip 0pt plus X \penalty100 \hskip 0pt plus -X
 * The two glues cancel when the line runs on; when it breaks at the
 * penalty, the line keeps the first glue's stretch, so a line of URL
 * pieces can end short instead of running past the margin. */
static void add_url_break(hlist *h, const hl_font *f)
{
    double x = f->size * 8;
    add_penalty(h, LB_INF_PENALTY, false);
    size_t k = push(h, LB_GLUE);
    h->items[k].stretch = x;
    add_penalty(h, URL_BREAK_PENALTY, false);
    k = push(h, LB_GLUE);
    h->items[k].stretch = -x;
    for (size_t i = h->n - 4; i < h->n; i++) {
        h->info[i].link = f->link;
        h->info[i].tag = f->tag;
    }
}

void hlist_warn_missing(diag_list *d, uint32_t cp, src_loc loc)
{
    char u[5] = {0};
    utf8_encode(cp, u);
    if (cp > 0xFFFF)
        diag_warning(d, loc, "character U+%04X '%s' lies outside the Basic Multilingual Plane, "
                     "which PDF fonts here cannot show; it is left out", cp, u);
    else
        diag_warning(d, loc, "no font has character U+%04X '%s'; it is left out", cp, u);
}

int hlist_pick(const text_fonts *fonts, text_style style, uint32_t cp, uint32_t *draw,
               uint32_t *actual)
{
    *draw = cp;
    *actual = 0;
    int face = cp <= 0xFFFF ? text_fonts_pick(fonts, style, cp) : -1;
    uint32_t s = face < 0 ? text_stand_in(cp) : 0;
    if (s && (face = text_fonts_pick(fonts, style, s)) >= 0) {
        *draw = s;
        *actual = cp;
    }
    return face;
}

/* A word that looks like a URL or path gets break opportunities after
 * its separators, so it never runs past the margin. */
static bool is_urlish(const char *s, size_t len)
{
    if (len < 16)
        return false;
    for (size_t i = 0; i + 2 < len; i++)
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
            return true;
    if (len > 4 && strncmp(s, "www.", 4) == 0)
        return true;
    return memchr(s, '/', len) != NULL && len > 30;
}

void hlist_add_text(hlist *h, const char *s, size_t len, const hl_font *f, src_loc loc)
{
    size_t i = 0;
    bool open = last_is_box(h);
    double size = f->script ? f->size * SCRIPT_SCALE : f->size;
    double rise = f->script > 0 ? f->size * SCRIPT_RISE : f->script < 0 ? -f->size * SCRIPT_DROP : 0;
    while (i < len) {
        /* One word at a time, so URL-like words can be recognised. */
        size_t ws = i;
        size_t we = ws;
        while (we < len && !is_space((unsigned char)s[we]))
            we++;
        if (we == ws && f->literal) {
            int face = text_fonts_pick(h->fonts, f->style, ' ');
            if (face >= 0)
                add_glyph(h, face, ' ', 0, f, size, rise, &open);
            i++;
            continue;
        }
        if (we == ws) {
            add_space(h, f);
            open = false;
            i++;
            continue;
        }
        bool urlish = is_urlish(s + ws, we - ws);
        bool hyph_after[MAX_WORD];
        size_t n_cps = find_hyphens(h, s + ws, we - ws, f, urlish, hyph_after);
        size_t ci = 0;
        uint32_t prev = 0;
        size_t j = ws;
        while (j < we) {
            uint32_t cp = utf8_decode(s, we, &j, NULL);
            bool hyphen_here = ci < n_cps && hyph_after[ci];
            ci++;
            if (cp == 0x200B) {             /* zero width space */
                add_penalty(h, 0, false);
                open = false;
                prev = 0;
                continue;
            }
            if (cp == 0x00AD) {             /* soft hyphen */
                add_hyphen_penalty(h, f, HYPHEN_PENALTY);
                open = false;
                continue;
            }
            if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
                continue;
            if (cp == 0xA0)
                cp = ' ';
            if (open && prev && is_cjk(prev) && is_cjk(cp) &&
                (is_ideograph(prev) || is_ideograph(cp)) && !no_break_before(cp) &&
                !no_break_after(prev)) {
                /* A break between ideographs, with a little stretch so
                 * Chinese lines can be justified too. */
                size_t k = push(h, LB_GLUE);
                h->items[k].stretch = f->size * 0.02;
                open = false;
            }
            uint32_t draw, actual;
            int face = hlist_pick(h->fonts, f->style, cp, &draw, &actual);
            if (face < 0) {
                /* At the character itself: a run's text stands in its
                 * file as written, a character a column. */
                src_loc at = loc;
                if (at.line > 0 && !memchr(s, '\n', len))
                    at.col += (int)utf8_count(s, j) - 1;
                hlist_warn_missing(h->d, cp, at);
                continue;
            }
            if (!open && h->n > 0 && h->items[h->n - 1].type == LB_BOX)
                open = true;
            add_glyph(h, face, draw, actual, f, size, rise, &open);
            if (actual)
                open = false;
            bool more = j < we;
            if (more && hyphen_here) {
                add_hyphen_penalty(h, f, HYPHEN_PENALTY);
                open = false;
                prev = cp;
                continue;
            }
            if (more && (cp == '-' || cp == 0x2013 || cp == 0x2014) && prev && prev != '-') {
                add_penalty(h, EX_HYPHEN_PENALTY, cp == '-');
                open = false;
            } else if (more && urlish &&
                       (cp == '/' || cp == '.' || cp == '_' || cp == '?' || cp == '&' ||
                        cp == '=' || cp == '#')) {
                add_url_break(h, f);
                open = false;
            }
            prev = cp;
        }
        i = we;
    }
}

void hlist_add_note_ref(hlist *h, int number, const hl_font *f)
{
    char digits[16];
    int n = snprintf(digits, sizeof digits, "%d", number);
    double size = f->size * SUPERSCRIPT_SCALE;
    bool open = false;
    if (h->n > 0 && h->items[h->n - 1].type == LB_BOX && h->info[h->n - 1].note > 0) {
        /* Calls side by side: "1,2", as footmisc's multiple sets them. */
        int face = text_fonts_pick(h->fonts, TEXT_SERIF, ',');
        hl_font cf = *f;
        cf.link = NULL;
        if (face >= 0)
            add_glyph(h, face, ',', 0, &cf, size, f->size * SUPERSCRIPT_RISE, &open);
        open = false;
    }
    for (int i = 0; i < n; i++) {
        int face = text_fonts_pick(h->fonts, TEXT_SERIF, (uint32_t)digits[i]);
        if (face < 0)
            continue;
        hl_font nf = *f;
        nf.link = NULL;
        add_glyph(h, face, (uint32_t)digits[i], 0, &nf, size, f->size * SUPERSCRIPT_RISE, &open);
    }
    if (open)
        h->info[h->n - 1].note = number;
}

static void drop_trailing_glue(hlist *h)
{
    while (h->n > 0 && h->items[h->n - 1].type == LB_GLUE)
        h->n--;
}

void hlist_add_break(hlist *h)
{
    drop_trailing_glue(h);
    size_t k = push(h, LB_GLUE);
    h->items[k].stretch = LB_FIL;
    add_penalty(h, LB_EJECT_PENALTY, false);
}

/* microtype's default protrusion for text faces, as a share of the
 * glyph's width: what may hang past the right margin at a line's end,
 * and past the left at its start. */
static double hang_right(uint32_t c)
{
    switch (c) {
    case '.': case ',': case '-': case 0x2010: case 0x2011: case '\'':
    case 0x2019: case 0x201D: case '"':
        return 0.7;
    case ':': case ';': case 0x2013:
        return 0.5;
    case 0x2014:
        return 0.3;
    case '!': case '?':
        return 0.2;
    default:
        return 0;
    }
}

static double hang_left(uint32_t c)
{
    switch (c) {
    case 0x2018: case 0x201C: case '\'': case '"':
        return 0.7;
    case '(': case '[':
        return 0.1;
    default:
        return 0;
    }
}

/* Each box's hang at either end, and a hyphen's at a line's end. */
static void set_protrusion(hlist *h)
{
    for (size_t k = 0; k < h->n; k++) {
        lb_item *it = &h->items[k];
        const hl_info *in = &h->info[k];
        if (it->type == LB_BOX && in->n_glyphs && !in->note && in->rise == 0) {
            uint32_t first = h->glyphs[in->glyph_start];
            uint32_t last = h->glyphs[in->glyph_start + in->n_glyphs - 1];
            it->protrude_left = hang_left(first) * advance(h, in->face, first, in->size);
            it->protrude_right = hang_right(last) * advance(h, in->face, last, in->size);
        } else if (it->type == LB_PENALTY && it->flagged && it->width > 0) {
            it->protrude_right = hang_right('-') * it->width;
        }
    }
}

void hlist_finish(hlist *h)
{
    drop_trailing_glue(h);
    add_penalty(h, LB_INF_PENALTY, false);
    size_t k = push(h, LB_GLUE);
    h->items[k].stretch = LB_FIL;
    add_penalty(h, LB_EJECT_PENALTY, false);
    if (h->protrude)
        set_protrusion(h);
}

double hlist_text_width(const text_fonts *fonts, const char *s, size_t len, text_style style,
                        double size)
{
    double w = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp = utf8_decode(s, len, &i, NULL), draw, actual;
        int face = hlist_pick(fonts, style, cp, &draw, &actual);
        if (face >= 0)
            w += text_font_advance(text_fonts_face(fonts, face), draw) * size / 1000.0;
    }
    return w;
}

static bool is_hangul_syllable(uint32_t c)
{
    return c >= 0xAC00 && c <= 0xD7A3;
}

/* Appends a copy of an item and what it stands for. */
static size_t append(hlist *out, const lb_item *it, const hl_info *in)
{
    size_t k = push(out, it->type);
    out->items[k] = *it;
    out->info[k] = *in;
    return k;
}

/* Glyphs [g0, g1) of box k of h as a box of out, measured as draw_line
 * draws it: kerning only within the box. */
static void push_part(hlist *out, const hlist *h, size_t k, size_t g0, size_t g1)
{
    const hl_info *src = &h->info[k];
    size_t j = append(out, &h->items[k], src);
    lb_item *it = &out->items[j];
    hl_info *in = &out->info[j];
    in->glyph_start = src->glyph_start + g0;
    in->n_glyphs = g1 - g0;
    const text_font *font = text_fonts_face(h->fonts, src->face);
    double w = 0;
    for (size_t g = g0; g < g1; g++) {
        uint32_t cp = h->glyphs[src->glyph_start + g];
        w += text_font_advance(font, cp) * src->size / 1000.0;
        if (g > g0)
            w += text_font_kern(font, h->glyphs[src->glyph_start + g - 1], cp) * src->size / 1000.0;
    }
    it->width = w;
    if (g0 > 0)
        it->protrude_left = 0;
    if (g1 < src->n_glyphs) {
        it->protrude_right = 0;
        in->note = 0;         /* the call's number is the last part */
    }
}

const hlist *hlist_syllable_breaks(const hlist *h)
{
    size_t pairs = 0;
    for (size_t k = 0; k < h->n; k++) {
        const hl_info *in = &h->info[k];
        if (h->items[k].type != LB_BOX || in->actual)
            continue;
        for (size_t g = 1; g < in->n_glyphs; g++)
            pairs += is_hangul_syllable(h->glyphs[in->glyph_start + g - 1]) &&
                     is_hangul_syllable(h->glyphs[in->glyph_start + g]);
    }
    if (!pairs)
        return NULL;
    hlist *out = arena_alloc(h->a, sizeof *out);
    *out = *h;
    out->items = NULL;
    out->info = NULL;
    out->n = out->cap = 0;
    for (size_t k = 0; k < h->n; k++) {
        const hl_info *in = &h->info[k];
        if (h->items[k].type != LB_BOX || in->actual) {
            append(out, &h->items[k], in);
            continue;
        }
        size_t from = 0;
        for (size_t g = 1; g <= in->n_glyphs; g++) {
            bool cut = g < in->n_glyphs && is_hangul_syllable(h->glyphs[in->glyph_start + g - 1]) &&
                       is_hangul_syllable(h->glyphs[in->glyph_start + g]);
            if (g < in->n_glyphs && !cut)
                continue;
            push_part(out, h, k, from, g);
            if (cut) {
                /* The break, then an empty glue (not a break: it follows a
                 * penalty) that lines_build widens only on a line ending
                 * at a syllable, so such a line is justified across its
                 * letters, not through its one or two spaces; the breaker
                 * sees no stretch in it. */
                lb_item pen = {.type = LB_PENALTY, .penalty = SYLLABLE_PENALTY, .emergency = true};
                hl_info pi = {.face = in->face, .size = in->size, .color = in->color,
                              .link = in->link, .strike = in->strike};
                append(out, &pen, &pi);
                lb_item glue = {.type = LB_GLUE};
                pi.letter_stretch = in->size * SYLLABLE_STRETCH;
                append(out, &glue, &pi);
            }
            from = g;
        }
    }
    return out;
}
