/*
 * schema.c: the brief's YAML checked against its schema into the brief
 * model (see brief.h). Each mapping is checked against a table of its
 * keys: unknown keys get a did-you-mean hint, missing required keys an
 * error at the mapping, wrong types an error at the value. Checking goes
 * on after an error so one run reports every problem.
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

#define MAX_INPUT_BYTES (16u * 1024 * 1024)

static bool f_title(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, true))
        c->b->title = v->text;
    return true;
}

static bool f_subtitle(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, false) && v->len)
        c->b->subtitle = v->text;
    return true;
}

static bool f_short_title(checker *c, const ynode *key, const ynode *v)
{
    if (brief_want_string(c, key, v, true))
        c->b->short_title = v->text;
    return true;
}

static bool f_toc(checker *c, const ynode *key, const ynode *v)
{
    if (v->kind == YNODE_SCALAR && v->style == YSTYLE_PLAIN &&
        (strcmp(v->text, "true") == 0 || strcmp(v->text, "yes") == 0)) {
        c->b->toc = true;
        return true;
    }
    if (v->kind == YNODE_SCALAR && v->style == YSTYLE_PLAIN &&
        (strcmp(v->text, "false") == 0 || strcmp(v->text, "no") == 0))
        return true;
    return diag_error(c->d, v->loc, "'%s' must be true or false", key->text);
}

static bool f_author(checker *c, const ynode *key, const ynode *v)
{
    brief_names(c, key, v, true, &c->b->authors, &c->b->n_authors);
    return true;
}

static bool f_date(checker *c, const ynode *key, const ynode *v)
{
    if (!brief_want_string(c, key, v, true))
        return true;
    const char *s = strcmp(v->text, "today") == 0 ? c->today : v->text;
    if (!brief_parse_date(s, &c->b->year, &c->b->month, &c->b->day)) {
        diag_error(c->d, v->loc, "'%s' is not a date", v->text);
        diag_hint(c->d, "write YYYY-MM-DD (a real calendar day), YYYY-MM, or today");
        return true;
    }
    c->b->has_date = true;
    return true;
}

static bool f_paper(checker *c, const ynode *key, const ynode *v)
{
    if (!brief_want_string(c, key, v, true))
        return true;
    c->b->paper_given = true;
    if (strcmp(v->text, "letter") == 0)
        c->b->paper = PAPER_LETTER;
    else if (strcmp(v->text, "a4") == 0 || strcmp(v->text, "A4") == 0)
        c->b->paper = PAPER_A4;
    else {
        diag_error(c->d, v->loc, "unknown paper size '%s'", v->text);
        static const char *const papers[] = {"letter", "a4"};
        const char *near = diag_suggest(v->text, papers, 2);
        if (near)
            diag_hint(c->d, "did you mean '%s'?", near);
        else
            diag_hint(c->d, "use letter or a4");
    }
    return true;
}

/* Where a Markdown scalar's text starts in the YAML file. For a literal
 * block (|) this is exact: the line after the indicator, at the block's
 * indentation. For other styles it is the value's own position, exact on
 * its first line (plus the opening quote). */
static void markdown_offsets(const checker *c, const ynode *v, int *line, int *col)
{
    brief_markdown_offsets(c->data, c->len, v, line, col);
}

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
    /* The block's indentation: that of its first non-blank line. */
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

static bool inside_root(const checker *c, const char *real)
{
    size_t rl = strlen(c->root);
    return strncmp(real, c->root, rl) == 0 && (real[rl] == '/' || real[rl] == '\0' ||
                                               (rl == 1 && c->root[0] == '/'));
}

static bool section_file(checker *c, brief_section *s, const ynode *v)
{
    brief *b = c->b;
    if (v->kind != YNODE_SCALAR || v->len == 0)
        return diag_error(c->d, v->loc, "'file' must be the path of a Markdown file");
    if (v->text[0] == '/') {
        diag_error(c->d, v->loc, "section files must be inside the brief's folder, not '%s'", v->text);
        diag_hint(c->d, "give a path relative to %s", b->dir);
        return false;
    }
    char *path = file_join(c->a, b->dir, v->text);
    char real[PATH_MAX];
    if (!realpath(path, real))
        return diag_error(c->d, v->loc, "cannot open section file '%s': %s", path, strerror(errno));
    if (!inside_root(c, real)) {
        diag_error(c->d, v->loc, "section file '%s' lies outside the brief's folder", v->text);
        diag_hint(c->d, "move it under %s", b->dir);
        return false;
    }
    char *data;
    size_t len;
    if (!file_read(c->a, path, MAX_INPUT_BYTES, &data, &len))
        return diag_error(c->d, v->loc, "cannot read section file '%s': %s", path,
                          errno == EFBIG ? "it is larger than 16 MiB" : strerror(errno));
    diag_add_source(c->d, path, data, len);
    size_t bad = utf8_first_invalid(data, len);
    if (bad < len)
        return diag_error(c->d, brief_offset_loc(path, data, bad),
                          "this byte is not UTF-8; save the file as UTF-8 text");
    s->file = path;
    s->text = data;
    s->len = len;
    s->line_offset = 1;
    s->col_offset = 1;
    return true;
}

static bool f_sections(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    brief *b = c->b;
    if (v->kind != YNODE_SEQUENCE)
        return diag_error(c->d, v->loc, "'sections' must be a list, not %s", ynode_kind_name(v));
    if (v->n == 0)
        return diag_error(c->d, v->loc, "'sections' is empty: a brief needs at least one section");
    b->sections = arena_alloc(c->a, v->n * sizeof *b->sections);
    for (size_t i = 0; i < v->n; i++) {
        const ynode *e = v->items[i];
        if (e->kind == YNODE_SCALAR &&
            (strcmp(e->text, "sources") == 0 || strcmp(e->text, "recommendations") == 0)) {
            brief_section *s = &b->sections[b->n_sections++];
            s->kind = e->text[0] == 's' ? SECTION_SOURCES : SECTION_RECOMMENDATIONS;
            s->loc = e->loc;
            s->file = b->path;
            continue;
        }
        if (e->kind != YNODE_MAPPING || e->n != 1) {
            diag_error(c->d, e->loc, "a section is '- file: PATH', '- markdown: TEXT', '- recommendations' or '- sources'");
            continue;
        }
        const ynode *k = e->keys[0], *val = e->items[0];
        brief_section *s = &b->sections[b->n_sections];
        s->kind = SECTION_MARKDOWN;
        s->loc = e->loc;
        if (strcmp(k->text, "file") == 0) {
            if (section_file(c, s, val))
                b->n_sections++;
        } else if (strcmp(k->text, "markdown") == 0) {
            if (val->kind != YNODE_SCALAR) {
                diag_error(c->d, val->loc, "'markdown' must be text, not %s", ynode_kind_name(val));
                continue;
            }
            s->file = b->path;
            s->text = val->text;
            s->len = val->len;
            markdown_offsets(c, val, &s->line_offset, &s->col_offset);
            b->n_sections++;
        } else {
            static const char *const kinds[] = {"file", "markdown"};
            diag_error(c->d, k->loc, "unknown section kind '%s'", k->text);
            const char *near = diag_suggest(k->text, kinds, 2);
            if (near)
                diag_hint(c->d, "did you mean '%s'?", near);
            else
                diag_hint(c->d, "a section is 'file' or 'markdown'");
        }
    }
    return true;
}

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
    markdown_offsets(c, v, &s->line_offset, &s->col_offset);
    return true;
}

static bool f_recommendations(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    c->recs = v;
    return true;
}

static bool f_style(checker *c, const ynode *key, const ynode *v)
{
    (void)key;
    brief_load_style(c, v);
    return true;
}

static const field brief_fields[] = {
    {"style", false, f_style},
    {"recommendations", false, f_recommendations},
    {"summary", false, f_summary},
    {"library", false, f_library},
    {"sources", false, f_sources},
    {"title", true, f_title},
    {"subtitle", false, f_subtitle},
    {"short-title", false, f_short_title},
    {"toc", false, f_toc},
    {"author", false, f_author},
    {"date", false, f_date},
    {"paper", false, f_paper},
    {"sections", true, f_sections},
};

brief *brief_load(arena *a, diag_list *d, const char *path, const char *today)
{
    int errors = diag_error_count(d);
    char *data;
    size_t len;
    if (!file_read(a, path, MAX_INPUT_BYTES, &data, &len)) {
        diag_error(d, (src_loc){path, 0, 0}, "cannot read the brief: %s",
                   errno == EFBIG ? "it is larger than 16 MiB" : strerror(errno));
        return NULL;
    }
    diag_add_source(d, path, data, len);
    size_t bad = utf8_first_invalid(data, len);
    if (bad < len) {
        diag_error(d, brief_offset_loc(path, data, bad), "this byte is not UTF-8; save the file as UTF-8 text");
        return NULL;
    }
    bool empty;
    ynode *root = ynode_load(a, d, path, data, len, &empty);
    if (!root) {
        if (empty)
            diag_error(d, (src_loc){path, 1, 1}, "the brief is empty; it needs at least 'title' and 'sections'");
        return NULL;
    }
    if (root->kind != YNODE_MAPPING) {
        diag_error(d, root->loc, "a brief is a mapping of keys (title:, sections:, ...), not %s",
                   ynode_kind_name(root));
        return NULL;
    }
    brief *b = arena_alloc(a, sizeof *b);
    b->path = arena_strdup(a, path);
    b->dir = file_dirname(a, path);
    checker c = {.a = a, .d = d, .b = b, .today = today, .data = data, .len = len};
    if (!realpath(b->dir, c.root))
        snprintf(c.root, sizeof c.root, "%s", b->dir);
    brief_check_mapping(&c, root, brief_fields, sizeof brief_fields / sizeof brief_fields[0], "a brief");
    brief_load_library(&c);
    brief_load_recommendations(&c);
    return diag_error_count(d) > errors ? NULL : b;
}
