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

static bool f_title(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, true)) {
        c->b->title = v->text;
        c->b->title_loc = brief_text_loc(v);
    }
    return true;
}

static bool f_subtitle(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, false) && v->len) {
        c->b->subtitle = v->text;
        c->b->subtitle_loc = brief_text_loc(v);
    }
    return true;
}

static bool f_short_title(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, true)) {
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

/* How long a testimony may take read aloud, in minutes (check warns). */
static bool f_oral_limit(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_number(c, key, v, 0.5, 600, &c->b->oral_limit))
        c->b->oral_limit_loc = v->loc;
    else
        diag_hint(c->d, "give the minutes a witness may speak, e.g. 'oral-limit: 5'");
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

static bool outside_error(checker *c, const ynode *v, const char *why)
{
    diag_error(c->d, v->loc, "section files must be inside the brief's folder; '%s' %s", v->text,
               why);
    diag_hint(c->d, "put the file under %s and give its path from there", c->root);
    return false;
}

/* Reads the Markdown file v names into s. */
static bool section_file(checker *c, brief_section *s, const ynode *v)
{
    brief *b = c->b;
    if (v->len == 0 || strlen(v->text) != v->len)
        return diag_error(c->d, v->loc, "'file' must be the path of a Markdown file");
    if (v->text[0] == '/')
        return outside_error(c, v, "is an absolute path");
    char *path = file_join(c->a, b->dir, v->text);
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        if (brief_climbs_out(v->text))
            return outside_error(c, v, "leads out of it");
        return diag_error(c->d, v->loc, "cannot open section file '%s': %s", path, strerror(errno));
    }
    if (!brief_inside_root(c, real))
        return outside_error(c, v, "leads out of it");
    char *data;
    size_t len;
    if (!file_read(c->a, path, YNODE_MAX_BYTES, &data, &len))
        return diag_error(c->d, v->loc, "cannot read section file '%s': %s", path,
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
        diag_error(c->d, key->loc, "a section takes one of 'file', 'markdown' and 'figure', "
                                   "not two");
        diag_note(c->d, c->section_key->loc, "'%s' is given here", c->section_key->text);
        return false;
    }
    c->section_key = key;
    return true;
}

static bool s_file(checker *c, const ynode *key, const ynode *v)
{
    if (claim_section(c, key))
        c->section_ok = section_file(c, c->section, v);
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
};

/* Sections the library fills in, named by a bare word in the list. */
static const char *const generated_sections[] = {"sources", "recommendations"};

static void check_section(checker *c, const ynode *e)
{
    brief *b = c->b;
    brief_section *s = &b->sections[b->n_sections];
    *s = (brief_section){.kind = SECTION_MARKDOWN, .loc = e->loc};
    if (e->kind == YNODE_SCALAR) {
        if (strcmp(e->text, "sources") == 0 || strcmp(e->text, "recommendations") == 0) {
            s->kind = e->text[0] == 's' ? SECTION_SOURCES : SECTION_RECOMMENDATIONS;
            s->file = b->path;
            b->n_sections++;
            return;
        }
        diag_error(c->d, e->loc, "unknown section '%s'", e->text);
        brief_hint_near(c, e->text, generated_sections, COUNT(generated_sections),
                        "a section is '- file: PATH', '- markdown: TEXT', '- figure: ID', "
                        "'- sources' or '- recommendations'");
        return;
    }
    if (e->kind != YNODE_MAPPING || e->n == 0) {
        diag_error(c->d, e->loc, "a section needs 'file', 'markdown' or 'figure', not %s",
                   ynode_kind_name(e));
        diag_hint(c->d, "write '- file: sections/NAME.md', '- markdown: TEXT' or '- figure: ID'");
        return;
    }
    c->section = s;
    c->section_key = NULL;
    c->section_ok = false;
    /* A lone unknown key reads as a kind of section ('- fiel: x'). */
    brief_check_keys(c, e, section_fields, COUNT(section_fields), "a section",
                     e->n == 1 ? "section kind" : NULL);
    if (c->section_ok)
        b->n_sections++;
    c->section = NULL;
    c->section_key = NULL;
}

static bool f_sections(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    if (v->n == 0)
        return diag_error(c->d, v->loc, "'sections' is empty: a brief needs at least one section");
    c->b->sections = arena_alloc(c->a, v->n * sizeof *c->b->sections);
    for (size_t i = 0; i < v->n; i++)
        check_section(c, v->items[i]);
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

static bool f_style(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    brief_load_style(c, v);
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
    {"summary", FIELD_TEXT, false, f_summary},
    {"sections", FIELD_LIST, true, f_sections},
    {"library", FIELD_ANY, false, f_library},
    {"sources", FIELD_ANY, false, f_sources},
    {"recommendations", FIELD_ANY, false, f_recommendations},
    {"figures", FIELD_ANY, false, f_figures},
    {"oral-limit", FIELD_ANY, false, f_oral_limit},
};

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
    brief_check_mapping(c, root, brief_fields, COUNT(brief_fields), "a brief");
    brief_load_library(c);
    brief_load_recommendations(c);
    brief_load_figures(c);
    return diag_error_count(d) > errors ? NULL : b;
}
