/*
 * style.c: style files. `style: NAME` in a brief reads styles/NAME.yaml
 * beside it, or else the library's styles/NAME.yaml, so briefs in many
 * folders can share a house style; every key is checked like the brief's
 * own (unknown keys with a hint, types, ranges, colours, a logo file that
 * must exist inside the brief's or the library's folder).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "brief/check.h"

static bool st_paper(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    if (strcmp(v->text, "letter") == 0 || strcmp(v->text, "a4") == 0) {
        c->b->style.has_paper = true;
        c->b->style.paper = v->text[0] == 'a' ? PAPER_A4 : PAPER_LETTER;
    } else {
        diag_error(c->d, v->loc, "unknown paper size '%s'", v->text);
        diag_hint(c->d, "use letter or a4");
    }
    return true;
}

static bool st_margins(checker *c, const ynode *k, const ynode *v)
{
    static const char *const sides[] = {"top", "right", "bottom", "left"};
    if (v->kind == YNODE_SCALAR) {
        double m;
        if (brief_want_number(c, k, v, 18, 200, &m))
            for (int i = 0; i < 4; i++)
                c->b->style.margins[i] = m;
        return true;
    }
    if (v->kind != YNODE_MAPPING)
        return diag_error(c->d, v->loc, "'margins' is a number of points or {top:, right:, bottom:, left:}");
    for (size_t i = 0; i < v->n; i++) {
        int side = -1;
        for (int s = 0; s < 4; s++)
            if (strcmp(v->keys[i]->text, sides[s]) == 0)
                side = s;
        if (side < 0) {
            diag_error(c->d, v->keys[i]->loc, "unknown margin '%s'", v->keys[i]->text);
            brief_hint_near(c, v->keys[i]->text, sides, 4, NULL);
            continue;
        }
        brief_want_number(c, v->keys[i], v->items[i], 18, 200, &c->b->style.margins[side]);
    }
    return true;
}

static bool st_size(checker *c, const ynode *k, const ynode *v)
{
    brief_want_number(c, k, v, 6, 24, &c->b->style.font_size);
    return true;
}

static bool st_leading(checker *c, const ynode *k, const ynode *v)
{
    brief_want_number(c, k, v, 6, 40, &c->b->style.leading);
    return true;
}

static bool st_headings(checker *c, const ynode *k, const ynode *v)
{
    if (v->kind != YNODE_SEQUENCE || v->n < 1 || v->n > 6)
        return diag_error(c->d, v->loc, "'%s' lists one to six sizes, for heading levels 1 to 6",
                          k->text);
    for (size_t i = 0; i < v->n; i++)
        brief_want_number(c, k, v->items[i], 6, 48, &c->b->style.heading_sizes[i]);
    return true;
}

static bool st_accent(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    const char *s = v->text;
    unsigned rgb[3];
    if (strlen(s) != 7 || s[0] != '#' || sscanf(s + 1, "%2x%2x%2x", &rgb[0], &rgb[1], &rgb[2]) != 3 ||
        strspn(s + 1, "0123456789abcdefABCDEF") != 6) {
        diag_error(c->d, v->loc, "'%s' is not a colour", s);
        diag_hint(c->d, "write it as #rrggbb, e.g. \"#0d3f73\" (in quotes: # starts a YAML comment)");
        return true;
    }
    c->b->style.has_accent = true;
    for (int i = 0; i < 3; i++)
        c->b->style.accent[i] = rgb[i] / 255.0;
    return true;
}

static bool st_org(checker *c, const ynode *k, const ynode *v)
{
    if (brief_want_string(c, k, v, true))
        c->b->style.organisation = v->text;
    return true;
}

static bool st_footer(checker *c, const ynode *k, const ynode *v)
{
    if (brief_want_string(c, k, v, true))
        c->b->style.footer = v->text;
    return true;
}

/* The library's folder, resolved; false when it does not exist. */
static bool library_root(checker *c, char real[PATH_MAX])
{
    return realpath(brief_library_file(c, "."), real) != NULL;
}

static bool logo_outside(checker *c, const ynode *v, const char *why)
{
    diag_error(c->d, v->loc, "the logo must be inside the brief's or the library's folder; "
                             "'%s' %s", v->text, why);
    diag_hint(c->d, "put the logo beside the style file and give its name");
    return true;
}

/* A logo resolves from the style file's folder and stays inside the
 * brief's or the library's folder, as every file a brief reads does: an
 * absolute path, ../ or a symlink leading out would embed any image the
 * compile can read. */
static bool st_logo(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    if (strlen(v->text) != v->len)
        return diag_error(c->d, v->loc, "'%s' must be the path of an image file", k->text);
    if (v->text[0] == '/')
        return logo_outside(c, v, "is an absolute path");
    char *path = file_join(c->a, c->style_dir, v->text);
    char real[PATH_MAX], lib[PATH_MAX];
    if (!realpath(path, real)) {
        if (brief_climbs_out(arena_printf(c->a, "styles/%s", v->text)))
            return logo_outside(c, v, "leads out of it");
        return diag_error(c->d, v->loc, "cannot open logo '%s': %s", path, strerror(errno));
    }
    if (!brief_inside_root(c, real) && !(library_root(c, lib) && brief_inside(lib, real)))
        return logo_outside(c, v, "leads out of it");
    c->b->style.logo = path;
    c->b->style.logo_loc = v->loc;
    return true;
}

static bool st_title_block(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    if (strcmp(v->text, "plain") == 0)
        c->b->style.plain_title = true;
    else if (strcmp(v->text, "branded") != 0) {
        diag_error(c->d, v->loc, "'%s' must be branded or plain, not '%s'", k->text, v->text);
    }
    return true;
}

/* Hanging punctuation in justified text (on unless the style says no). */
static bool st_protrusion(checker *c, const ynode *k, const ynode *v)
{
    bool on;
    if (brief_want_bool(c, k, v, &on)) {
        c->b->style.has_protrusion = true;
        c->b->style.protrusion = on;
    }
    return true;
}

/* How a packet numbers its front matter (cover, witnesses, contents). */
static bool st_front_matter(checker *c, const ynode *k, const ynode *v)
{
    static const char *const kinds[] = {"roman", "arabic"};
    if (!brief_want_string(c, k, v, true))
        return true;
    if (strcmp(v->text, "roman") == 0) {
        c->b->style.roman_front = true;
    } else if (strcmp(v->text, "arabic") != 0) {
        diag_error(c->d, v->loc, "'%s' must be roman or arabic, not '%s'", k->text, v->text);
        brief_hint_near(c, v->text, kinds, 2, "roman numbers the front matter i, ii, iii; "
                                             "arabic runs 1, 2, 3 through the packet");
    }
    return true;
}

static bool st_header(checker *c, const ynode *k, const ynode *v)
{
    if (brief_want_string(c, k, v, true))
        c->b->style.header = v->text;
    return true;
}

static bool st_fonts(checker *c, const ynode *k, const ynode *v)
{
    static const char *const kinds[] = {"serif", "sans", "mono"};
    if (v->kind != YNODE_MAPPING)
        return diag_error(c->d, v->loc, "'%s' is a mapping: {serif: NAME, sans: NAME, mono: NAME}",
                          k->text);
    for (size_t i = 0; i < v->n; i++) {
        int kind = -1;
        for (int q = 0; q < 3; q++)
            if (strcmp(v->keys[i]->text, kinds[q]) == 0)
                kind = q;
        if (kind < 0) {
            diag_error(c->d, v->keys[i]->loc, "unknown font family kind '%s'", v->keys[i]->text);
            brief_hint_near(c, v->keys[i]->text, kinds, 3, "the kinds are serif, sans and mono");
            continue;
        }
        const ynode *name = v->items[i];
        if (!brief_want_string(c, v->keys[i], name, true))
            continue;
        if (strchr(name->text, '/') || name->text[0] == '.') {
            diag_error(c->d, name->loc, "a font family is named by its files' base name, not a path");
            continue;
        }
        c->b->style.fonts[kind] = name->text;
        c->b->style.fonts_loc[kind] = name->loc;
    }
    return true;
}

/* A draft mark for every brief in this style (README: Draft marks). */
static bool st_watermark(checker *c, const ynode *k, const ynode *v)
{
    brief_check_mark_text(c, k, v, &c->b->style.watermark);
    return true;
}

/* The standards of the style's PDFs, unless a brief says its own. */
static bool st_pdf_standard(checker *c, const ynode *k, const ynode *v)
{
    if (brief_check_pdf_standard(c, k, v, &c->b->style.pdf_standard))
        c->b->style.has_pdf_standard = true;
    return true;
}

/* The language of the style's briefs, unless a brief says its own. */
static bool st_lang(checker *c, const ynode *k, const ynode *v)
{
    if (brief_check_lang(c, k, v, &c->b->style.lang))
        c->b->style.has_lang = true;
    return true;
}

static const field style_fields[] = {
    {"lang", FIELD_ANY, false, st_lang},
    {"pdf-standard", FIELD_ANY, false, st_pdf_standard},
    {"watermark", FIELD_ANY, false, st_watermark},
    {"fonts", FIELD_ANY, false, st_fonts},
    {"header", FIELD_ANY, false, st_header},
    {"title-block", FIELD_ANY, false, st_title_block},
    {"paper", FIELD_ANY, false, st_paper},
    {"margins", FIELD_ANY, false, st_margins},
    {"font-size", FIELD_ANY, false, st_size},
    {"leading", FIELD_ANY, false, st_leading},
    {"heading-sizes", FIELD_ANY, false, st_headings},
    {"accent", FIELD_ANY, false, st_accent},
    {"organisation", FIELD_ANY, false, st_org},
    {"logo", FIELD_ANY, false, st_logo},
    {"footer", FIELD_ANY, false, st_footer},
    {"front-matter", FIELD_ANY, false, st_front_matter},
    {"protrusion", FIELD_ANY, false, st_protrusion},
};

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Adds the style names of dir (its *.yaml files) to names, once each. */
static void list_styles(checker *c, const char *dir, const char ***names, size_t *n, size_t *cap)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        char *name = arena_strndup(c->a, e->d_name, len - 5);
        bool seen = false;
        for (size_t i = 0; i < *n && !seen; i++)
            seen = strcmp((*names)[i], name) == 0;
        if (!seen)
            *(const char **)ARENA_PUSH(c->a, *names, *n, *cap) = name;
    }
    closedir(dp);
}

/* An unknown style: did you mean one of either folder's? */
static void unknown_style(checker *c, const ynode *name, const char *own, const char *shared)
{
    const char **names = NULL;
    size_t n = 0, cap = 0;
    list_styles(c, own, &names, &n, &cap);
    list_styles(c, shared, &names, &n, &cap);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    diag_error(c->d, name->loc, "unknown style '%s'", name->text);
    brief_hint_near(c, name->text, names, n, "a style is a file NAME.yaml in %s or in %s", own,
                    shared);
}

void brief_load_style(checker *c, const ynode *name)
{
    brief *b = c->b;
    if (!brief_want_string(c, name, name, true))
        return;
    if (strchr(name->text, '/') || name->text[0] == '.') {
        diag_error(c->d, name->loc, "a style is named, not given as a path: '%s'", name->text);
        return;
    }
    b->style.name = name->text;
    b->style.loc = name->loc;
    /* The brief's own styles/ first, then the library's. */
    const char *file = arena_printf(c->a, "%s.yaml", name->text);
    char *own = file_join(c->a, b->dir, "styles");
    char *shared = brief_library_file(c, "styles");
    char *dir = own, *path = file_join(c->a, own, file);
    if (!file_exists(path)) {
        /* Should the brief get a style of its own, it is out of date. */
        file_note_value(c->a, arena_printf(c->a, "(absent) %s", path), "");
        dir = shared;
        path = file_join(c->a, shared, file);
        if (!file_exists(path)) {
            unknown_style(c, name, own, shared);
            return;
        }
    }
    ynode *root = brief_read_yaml(c, path, name->loc,
                                  arena_printf(c->a, "styles are YAML files in %s", dir), NULL, NULL);
    if (!root)
        return;
    if (root->kind != YNODE_MAPPING) {
        diag_error(c->d, root->loc, "a style is a mapping of keys (paper:, margins:, ...)");
        return;
    }
    c->style_dir = dir;
    brief_check_mapping(c, root, style_fields, sizeof style_fields / sizeof style_fields[0],
                        "a style");
}
