/*
 * schema.c: the brief's YAML checked against its schema into the brief
 * model (see brief.h). Each mapping is checked against a table of its
 * keys (check.h): a row names the key, the kind of value it takes,
 * whether it is required, and the handler that stores it. A new key of
 * the brief is a new row and a handler. Checking goes on after an error
 * so that one run reports every problem.
 */
#include "brief/brief.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/utf8.h"
#include "brief/check.h"
#include "brief/ynode.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- title, subtitle, author, date, paper ---- */

/* A title is a line or two: a page of it is a mistake (a key's text
 * pasted in the wrong place), said at its line. */
#define MAX_TITLE_CHARS 500

static bool title_length_ok(checker *c, const ynode *key, const ynode *v)
{
    size_t n = utf8_count(v->text, v->len);
    if (n <= MAX_TITLE_CHARS)
        return true;
    diag_error(c->d, v->loc, "'%s' is %zu characters long; a title has at most %d", key->text,
               n, MAX_TITLE_CHARS);
    diag_hint(c->d, "put the rest in the summary or the first section");
    return false;
}

static bool f_title(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, true) && title_length_ok(c, key, v)) {
        c->b->title = v->text;
        c->b->title_loc = brief_text_loc(v);
    }
    return true;
}

static bool f_subtitle(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, false) && v->len && title_length_ok(c, key, v)) {
        c->b->subtitle = v->text;
        c->b->subtitle_loc = brief_text_loc(v);
    }
    return true;
}

static bool f_short_title(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, true) && title_length_ok(c, key, v)) {
        c->b->short_title = v->text;
        c->b->short_title_loc = brief_text_loc(v);
    }
    return true;
}

static bool f_toc(checker *c, const ynode *key, const ynode *v)
{
    brief_want_bool(c, key, v, &c->b->toc);
    return true;
}

/* Heading levels the contents and the bookmarks list: 1 is the top level
 * of the body (README: Headings). */
static bool f_toc_depth(checker *c, const ynode *key, const ynode *v)
{
    double depth;
    if (!brief_want_number(c, key, v, 1, 6, &depth)) {
        diag_hint(c->d, "toc-depth: 1 lists the top-level headings, 2 those and the ones "
                        "under them, and so on to 6");
        return true;
    }
    if (depth != (int)depth) {
        diag_error(c->d, v->loc, "'%s' must be a whole number from 1 to 6, not '%s'", key->text,
                   v->text);
        return true;
    }
    c->b->toc_depth = (int)depth;
    return true;
}

static bool f_draft(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_bool(c, key, v, &c->draft))
        c->draft_key = key;
    return true;
}

bool brief_check_mark_text(checker *c, const ynode *key, const ynode *v, const char **out)
{
    if (!brief_want_string(c, key, v, true))
        return false;
    if (strchr(v->text, '\n') || strlen(v->text) != v->len) {
        diag_error(c->d, v->loc, "'%s' is one line of text", key->text);
        return false;
    }
    *out = v->text;
    return true;
}

static bool f_watermark(checker *c, const ynode *key, const ynode *v)
{
    if (brief_check_mark_text(c, key, v, &c->watermark))
        c->watermark_key = key;
    return true;
}

/* How long a testimony may take read aloud, in minutes (check warns). */
static bool f_oral_limit(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_number(c, key, v, 0.5, 600, &c->b->oral_limit))
        c->b->oral_limit_loc = v->loc;
    else
        diag_hint(c->d, "give the minutes a witness may speak, e.g. 'oral-limit: 5'");
    return true;
}

/* The standards its PDF claims: win over its style's. */
static bool f_pdf_standard(checker *c, const ynode *key, const ynode *v)
{
    if (brief_check_pdf_standard(c, key, v, &c->b->pdf_standard))
        c->std_given = true;
    return true;
}

/* The brief's language: wins over its style's. */
static bool f_lang(checker *c, const ynode *key, const ynode *v)
{
    if (brief_check_lang(c, key, v, &c->b->lang))
        c->lang_given = true;
    return true;
}

static bool f_author(checker *c, const ynode *key, const ynode *v)
{
    brief_names(c, key, v, true, &c->b->authors, &c->b->n_authors);
    return true;
}

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

/* Explains why s (not a date) is wrong, as a hint to the last error. */
static void date_hint(checker *c, const char *s)
{
    int y = 0, m = 0;
    size_t n = strlen(s);
    bool shaped = (n == 7 || n == 10) && s[4] == '-' && (n == 7 || s[7] == '-');
    for (size_t i = 0; shaped && i < n; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            shaped = false;
    if (shaped) {
        y = atoi(s);
        m = atoi(s + 5);
    }
    if (shaped && (m < 1 || m > 12))
        diag_hint(c->d, "there is no month %02d; months run from 01 to 12", m);
    else if (shaped && y >= 1000)
        diag_hint(c->d, "%s %d has %d days", month_names[m - 1], y, brief_days_in_month(y, m));
    else
        diag_hint(c->d, "write YYYY-MM-DD (a real calendar day), YYYY-MM, or today");
}

bool brief_check_date(checker *c, const ynode *key, const ynode *v)
{
    if (!brief_want_string(c, key, v, true))
        return true;
    const char *s = v->text;
    if (strcmp(s, "today") == 0) {
        if (!c->today)
            return diag_error(c->d, v->loc, "'today' cannot be used here: no date was given for it");
        s = c->today;
        /* A brief dated today is stale tomorrow. */
        file_note_value(c->a, "(today)", c->today);
    }
    if (!brief_parse_date(s, &c->b->year, &c->b->month, &c->b->day)) {
        diag_error(c->d, v->loc, "'%s' is not a date", v->text);
        date_hint(c, s);
        return true;
    }
    c->b->has_date = true;
    return true;
}

bool brief_check_paper(checker *c, const ynode *key, const ynode *v)
{
    static const char *const papers[] = {"letter", "a4"};
    if (!brief_want_string(c, key, v, true))
        return true;
    c->b->paper_given = true;
    if (strcmp(v->text, "letter") == 0) {
        c->b->paper = PAPER_LETTER;
    } else if (strcmp(v->text, "a4") == 0 || strcmp(v->text, "A4") == 0) {
        c->b->paper = PAPER_A4;
    } else {
        diag_error(c->d, v->loc, "unknown paper size '%s'", v->text);
        brief_hint_near(c, v->text, papers, COUNT(papers), "use letter or a4");
    }
    return true;
}

/* ---- Markdown: inline, or from a file inside the brief's folder ---- */

/* Where a Markdown scalar's text starts in its YAML file (see brief.h's
 * line_offset). A literal block (|) is exact: text line 1 is the line
 * after the indicator, and every line sits at the block's indentation
 * (that of its first non-blank line; an explicit indentation indicator
 * such as |2 is not looked at). A folded block (>) gets the same, which
 * is exact for its first line only, as folding joins lines. Plain and
 * quoted scalars get the value's own position (after the opening quote):
 * exact on the first line, approximate after a line break. */
void brief_markdown_offsets(const char *data, size_t len, const ynode *v, int *line, int *col)
{
    *line = v->loc.line;
    *col = v->loc.col + (v->style == YSTYLE_QUOTED);
    if (v->style != YSTYLE_LITERAL && v->style != YSTYLE_FOLDED)
        return;
    const char *p = data, *end = data + len;
    for (int l = 1; l <= v->loc.line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    *line = v->loc.line + 1;
    for (const char *q = p; q < end;) {
        const char *e = memchr(q, '\n', (size_t)(end - q));
        if (!e)
            e = end;
        const char *t = q;
        while (t < e && *t == ' ')
            t++;
        if (t < e && *t != '\r') {
            *col = (int)(t - q) + 1;
            return;
        }
        q = e < end ? e + 1 : end;
    }
}

static bool outside_error(checker *c, const ynode *v, const char *what, const char *why)
{
    diag_error(c->d, v->loc, "%ss must be inside the brief's folder; '%s' %s", what, v->text,
               why);
    diag_hint(c->d, "put the file under %s and give its path from there", c->root);
    return false;
}

/* Reads the Markdown file v names into s (what: "section file" or
 * "annex file", for messages). */
static bool section_file(checker *c, brief_section *s, const ynode *key, const ynode *v,
                         const char *what)
{
    brief *b = c->b;
    if (v->len == 0 || strlen(v->text) != v->len)
        return diag_error(c->d, v->loc, "'%s' must be the path of a Markdown file", key->text);
    if (v->text[0] == '/')
        return outside_error(c, v, what, "is an absolute path");
    char *path = file_join(c->a, b->dir, v->text);
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        if (brief_climbs_out(v->text))
            return outside_error(c, v, what, "leads out of it");
        return diag_error(c->d, v->loc, "cannot open %s '%s': %s", what, path, strerror(errno));
    }
    if (!brief_inside_root(c, real))
        return outside_error(c, v, what, "leads out of it");
    char *data;
    size_t len;
    if (!file_read(c->a, path, YNODE_MAX_BYTES, &data, &len))
        return diag_error(c->d, v->loc, "cannot read %s '%s': %s", what, path,
                          errno == EFBIG ? "it is larger than 16 MiB" : file_strerror(errno));
    diag_add_source(c->d, path, data, len);
    size_t bad = utf8_first_invalid(data, len);
    if (bad < len)
        return diag_error(c->d, brief_offset_loc(path, data, bad),
                          "this byte is not UTF-8; save the file as UTF-8 text");
    /* A byte-order mark is no part of the text (positions count after it). */
    size_t bom = utf8_bom(data, len);
    s->file = path;
    s->text = data + bom;
    s->len = len - bom;
    s->line_offset = 1;
    s->col_offset = 1;
    return true;
}

/* A section takes one source of text: the first key claims it. */
static bool claim_section(checker *c, const ynode *key)
{
    if (c->section_key) {
        diag_error(c->d, key->loc, "a section takes one of 'file', 'markdown', 'figure' and "
                                   "'annex', not two");
        diag_note(c->d, c->section_key->loc, "'%s' is given here", c->section_key->text);
        return false;
    }
    c->section_key = key;
    return true;
}

static bool s_file(checker *c, const ynode *key, const ynode *v)
{
    if (claim_section(c, key))
        c->section_ok = section_file(c, c->section, key, v, "section file");
    return true;
}

/* An annex: a Markdown file set after the body, from a new page. */
static bool s_annex(checker *c, const ynode *key, const ynode *v)
{
    if (!claim_section(c, key))
        return true;
    c->section->kind = SECTION_ANNEX;
    c->section_ok = section_file(c, c->section, key, v, "annex file");
    return true;
}

/* An annex's title; checked against the section's kind once all its keys are read. */
static bool s_title(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, true)) {
        c->section_title = key;
        c->section->title = v->text;
    }
    return true;
}

static bool s_markdown(checker *c, const ynode *key, const ynode *v)
{
    if (!claim_section(c, key))
        return true;
    brief_section *s = c->section;
    s->file = c->b->path;
    s->text = v->text;
    s->len = v->len;
    brief_markdown_offsets(c->data, c->len, v, &s->line_offset, &s->col_offset);
    c->section_ok = true;
    return true;
}

/* A figure, resolved once the brief's figures are loaded. */
static bool s_figure(checker *c, const ynode *key, const ynode *v)
{
    if (!claim_section(c, key) || !brief_want_string(c, key, v, true))
        return true;
    brief_section *s = c->section;
    s->kind = SECTION_FIGURE;
    s->loc = v->loc;
    s->file = c->b->path;
    s->text = v->text;
    s->len = v->len;
    s->figure = -1;
    c->section_ok = true;
    return true;
}

static const field section_fields[] = {
    {"file", FIELD_TEXT, false, s_file},
    {"markdown", FIELD_TEXT, false, s_markdown},
    {"figure", FIELD_TEXT, false, s_figure},
    {"annex", FIELD_TEXT, false, s_annex},
    {"title", FIELD_TEXT, false, s_title},
};

/* Sections named by a bare word in the list. */
static const char *const word_sections[] = {"sources", "recommendations", "pagebreak"};

static void check_section(checker *c, const ynode *e)
{
    brief *b = c->b;
    brief_section *s = &b->sections[b->n_sections];
    *s = (brief_section){.kind = SECTION_MARKDOWN, .loc = e->loc};
    if (e->kind == YNODE_SCALAR) {
        static const brief_section_kind kinds[] = {SECTION_SOURCES, SECTION_RECOMMENDATIONS,
                                                   SECTION_PAGE_BREAK};
        for (size_t k = 0; k < COUNT(word_sections); k++)
            if (strcmp(e->text, word_sections[k]) == 0) {
                s->kind = kinds[k];
                s->file = b->path;
                b->n_sections++;
                return;
            }
        diag_error(c->d, e->loc, "unknown section '%s'", e->text);
        brief_hint_near(c, e->text, word_sections, COUNT(word_sections),
                        "a section is '- file: PATH', '- markdown: TEXT', '- figure: ID', "
                        "'- annex: PATH', '- sources', '- recommendations' or '- pagebreak'");
        return;
    }
    if (e->kind != YNODE_MAPPING || e->n == 0) {
        diag_error(c->d, e->loc, "a section needs 'file', 'markdown', 'figure' or 'annex', not %s",
                   ynode_kind_name(e));
        diag_hint(c->d, "write '- file: sections/NAME.md', '- markdown: TEXT', '- figure: ID' "
                        "or '- annex: sections/NAME.md'");
        return;
    }
    c->section = s;
    c->section_key = NULL;
    c->section_title = NULL;
    c->section_ok = false;
    /* A lone unknown key reads as a kind of section ('- fiel: x'). */
    brief_check_keys(c, e, section_fields, COUNT(section_fields), "a section",
                     e->n == 1 ? "section kind" : NULL);
    if (c->section_title && s->kind != SECTION_ANNEX) {
        diag_error(c->d, c->section_title->loc, "only an annex takes a 'title'");
        if (c->section_key)
            diag_note(c->d, c->section_key->loc, "this section is a '%s'", c->section_key->text);
        else
            diag_hint(c->d, "write '- {annex: sections/NAME.md, title: TITLE}'");
        c->section_ok = false;
    }
    if (c->section_ok)
        b->n_sections++;
    c->section = NULL;
    c->section_key = NULL;
    c->section_title = NULL;
}

/* Annexes come after the body: only more annexes, page breaks and the
 * list of sources (which lists what the annexes cite too) may follow the
 * first. Each annex gets its letter. */
static void check_order(checker *c)
{
    brief *b = c->b;
    const brief_section *first_annex = NULL;
    int letters = 0;
    for (size_t i = 0; i < b->n_sections; i++) {
        brief_section *s = &b->sections[i];
        if (s->kind == SECTION_ANNEX) {
            s->annex = letters++;
            if (!first_annex)
                first_annex = s;
        } else if (first_annex && s->kind != SECTION_SOURCES && s->kind != SECTION_PAGE_BREAK) {
            diag_error(c->d, s->loc, "this section follows an annex; annexes come after the body");
            diag_note(c->d, first_annex->loc, "the first annex is here");
            diag_hint(c->d, "move the annexes to the end: only '- sources', '- pagebreak' and "
                            "other annexes may follow them");
        }
    }
    if (b->n_sections && b->sections[b->n_sections - 1].kind == SECTION_PAGE_BREAK) {
        diag_warning(c->d, b->sections[b->n_sections - 1].loc,
                     "a page break at the end starts no page: nothing follows it");
        diag_hint(c->d, "remove it");
    }
}

static bool f_sections(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    if (v->n == 0)
        return diag_error(c->d, v->loc, "'sections' is empty: a brief needs at least one section");
    c->b->sections = arena_alloc(c->a, v->n * sizeof *c->b->sections);
    for (size_t i = 0; i < v->n; i++)
        check_section(c, v->items[i]);
    check_order(c);
    return true;
}

static bool f_summary(checker *c, const ynode *key, const ynode *v)
{
    if (!brief_want_string(c, key, v, true))
        return true;
    brief_section *s = &c->b->summary;
    s->kind = SECTION_MARKDOWN;
    s->loc = v->loc;
    s->file = c->b->path;
    s->text = v->text;
    s->len = v->len;
    brief_markdown_offsets(c->data, c->len, v, &s->line_offset, &s->col_offset);
    return true;
}

/* ---- keys the library and style loaders read after the brief ---- */

static bool f_library(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    c->library = v;
    return true;
}

static bool f_sources(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    c->selection = v;
    return true;
}

static bool f_recommendations(checker *c, const ynode *key, const ynode *v)
{
    c->recs_key = key;
    c->recs = v;
    return true;
}

static bool f_figures(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    c->figures = v;
    return true;
}

/* Read once every key is (the library: key says where shared styles are). */
static bool f_style(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    c->style = v;
    return true;
}

static const field brief_fields[] = {
    {"title", FIELD_TEXT, true, f_title},
    {"subtitle", FIELD_TEXT, false, f_subtitle},
    {"short-title", FIELD_TEXT, false, f_short_title},
    {"author", FIELD_TEXT_OR_LIST, false, f_author},
    {"date", FIELD_TEXT, false, brief_check_date},
    {"paper", FIELD_TEXT, false, brief_check_paper},
    {"style", FIELD_ANY, false, f_style},
    {"toc", FIELD_ANY, false, f_toc},
    {"toc-depth", FIELD_ANY, false, f_toc_depth},
    {"draft", FIELD_ANY, false, f_draft},
    {"watermark", FIELD_ANY, false, f_watermark},
    {"summary", FIELD_TEXT, false, f_summary},
    {"sections", FIELD_LIST, true, f_sections},
    {"library", FIELD_ANY, false, f_library},
    {"sources", FIELD_ANY, false, f_sources},
    {"recommendations", FIELD_ANY, false, f_recommendations},
    {"figures", FIELD_ANY, false, f_figures},
    {"oral-limit", FIELD_ANY, false, f_oral_limit},
    {"lang", FIELD_ANY, false, f_lang},
    {"pdf-standard", FIELD_ANY, false, f_pdf_standard},
};

/* The draft mark: the brief's watermark:, else with draft: true or a
 * style's watermark: that text or the language's word for a draft
 * ("DRAFT", set by content); draft: false turns a style's mark off (a
 * final version in a house style that marks drafts). */
static void resolve_mark(checker *c)
{
    brief *b = c->b;
    if (c->draft_key && !c->draft && c->watermark_key) {
        diag_error(c->d, c->draft_key->loc, "'draft: false' and a 'watermark:' contradict each other");
        diag_note(c->d, c->watermark_key->loc, "the watermark is given here");
        return;
    }
    if (c->draft_key && !c->draft)
        b->mark = NULL;
    else if (c->watermark)
        b->mark = c->watermark;
    else if (b->style.watermark)
        b->mark = b->style.watermark;
    else if (c->draft)
        b->mark_draft = true;
}

ynode *brief_read_root(arena *a, diag_list *d, const char *path, const char *what,
                       const char *needs, const char *keys, char **data, size_t *len)
{
    if (!file_read(a, path, YNODE_MAX_BYTES, data, len)) {
        diag_error(d, (src_loc){path, 0, 0}, "cannot read the %s: %s", what,
                   errno == EFBIG ? "it is larger than 16 MiB" : file_strerror(errno));
        return NULL;
    }
    diag_add_source(d, path, *data, *len);
    /* libyaml would say so too, but not this plainly. */
    size_t bad = utf8_first_invalid(*data, *len);
    if (bad < *len) {
        diag_error(d, brief_offset_loc(path, *data, bad),
                   "this byte is not UTF-8; save the file as UTF-8 text");
        return NULL;
    }
    bool empty;
    ynode *root = ynode_load(a, d, path, *data, *len, &empty);
    if (!root) {
        if (empty)
            diag_error(d, (src_loc){path, 1, 1}, "the %s is empty; it needs at least %s", what,
                       needs);
        return NULL;
    }
    if (root->kind != YNODE_MAPPING) {
        diag_error(d, root->loc, "a %s is a mapping of keys (%s, ...), not %s", what, keys,
                   ynode_kind_name(root));
        return NULL;
    }
    return root;
}

brief *brief_load(arena *a, diag_list *d, const char *path, const char *today)
{
    int errors = diag_error_count(d);
    char *data;
    size_t len;
    ynode *root = brief_read_root(a, d, path, "brief", "'title' and 'sections'",
                                  "title:, sections:", &data, &len);
    if (!root)
        return NULL;
    if (ynode_get(root, "packet")) {
        diag_error(d, ynode_get_key(root, "packet")->loc,
                   "this file is a packet, not a brief: a packet cannot contain another packet");
        diag_hint(d, "name the packet's documents in it, not the packet itself");
        return NULL;
    }
    brief *b = arena_alloc(a, sizeof *b);
    b->path = arena_strdup(a, path);
    b->dir = file_dirname(a, path);
    checker *c = arena_alloc(a, sizeof *c);
    *c = (checker){.a = a, .d = d, .b = b, .today = today, .data = data, .len = len};
    if (!realpath(b->dir, c->root))
        snprintf(c->root, sizeof c->root, "%s", b->dir);
    b->toc_depth = BRIEF_TOC_DEPTH;
    brief_check_mapping(c, root, brief_fields, COUNT(brief_fields), "a brief");
    if (c->style)
        brief_load_style(c, c->style);
    /* Known before the library is read: its texts are picked by it. */
    if (!c->lang_given && b->style.has_lang)
        b->lang = b->style.lang;
    if (!c->std_given && b->style.has_pdf_standard)
        b->pdf_standard = b->style.pdf_standard;
    resolve_mark(c);
    brief_load_library(c);
    brief_load_recommendations(c);
    brief_load_figures(c);
    return diag_error_count(d) > errors ? NULL : b;
}
