/*
 * figures.c: the figures a brief selects. `figures: [ids]` names files of
 * the library's figures/ folder (figures/ID.yaml). Each is checked against
 * the keys of its kind (a key of another kind is named as such), its data
 * read inline or from a CSV file beside it, and every problem reported at
 * its own line and column: series of unequal length, values that are not
 * numbers, unknown columns, missing images, sources the brief does not
 * select. `- figure: ID` sections are resolved against the selection.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/number.h"
#include "brief/check.h"
#include "brief/csv.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_SERIES 6        /* the chart palette has six colours */
#define MAX_STATS 4
/* Beyond these a chart cannot be read at the width of a page. */
#define MAX_BARS 60
#define MAX_BARS_ACROSS 30  /* horizontal bars: each takes a row */
#define MAX_POINTS 2000
#define MAX_COLUMNS 12
#define MAX_ROWS 2000       /* a table longer is a data set, not a figure */

/* Keys whose values are checked together once the whole mapping is read. */
typedef enum {
    FK_DATA, FK_X, FK_SERIES, FK_CATEGORIES, FK_RANGE, FK_COLUMNS, FK_ROWS, FK_STATS,
    FK_FILE, FK_SOURCE, FK_COUNT
} fkey;

struct figure_check {
    brief_figure *f;
    const char *path;          /* the figure's YAML file */
    src_loc where;             /* its first key, for problems of the whole figure */
    const char *dir;           /* its folder: data and image files resolve here */
    const char *library;       /* the library's folder, resolved: they must lie inside */
    const char *text;          /* its YAML text, for Markdown offsets */
    size_t len;
    const ynode *value[FK_COUNT];
    const ynode *key[FK_COUNT];
};

static const char *const kind_names[] = {
    [FIGURE_BAR] = "bar", [FIGURE_LINE] = "line", [FIGURE_TABLE] = "table",
    [FIGURE_STAT] = "stat", [FIGURE_IMAGE] = "image",
};

static const char *const align_names[] = {
    [ALIGN_LEFT] = "left", [ALIGN_RIGHT] = "right", [ALIGN_CENTER] = "center",
    [ALIGN_DECIMAL] = "decimal",
};

static bool is_blank_cell(const char *s)
{
    return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0;
}

static void number_error(checker *c, src_loc loc, const char *text)
{
    diag_error(c->d, loc, "'%s' is not a number", text);
    diag_hint(c->d, "write numbers as 1234, 1,234 or 12.5; leave the cell empty where there "
                    "is no value");
}

/* One value of a series: a number, or absent when the cell is empty. */
static bool series_value(checker *c, const char *text, src_loc loc, brief_series *s, size_t i)
{
    int dec;
    if (is_blank_cell(text))
        return true;
    if (!number_parse(text, &s->values[i], &dec)) {
        number_error(c, loc, text);
        return false;
    }
    s->present[i] = true;
    if (dec > c->fig->f->decimals)
        c->fig->f->decimals = dec;
    return true;
}

/* ---- the keys of a figure file ---- */

static bool store(checker *c, const ynode *k, const ynode *v, fkey which)
{
    c->fig->value[which] = v;
    c->fig->key[which] = k;
    return true;
}

static bool f_id(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    if (strcmp(v->text, c->fig->f->id) != 0) {
        diag_error(c->d, v->loc, "this figure's id is '%s' but its file is named '%s.yaml'",
                   v->text, c->fig->f->id);
        diag_hint(c->d, "a figure's file is named for its id: rename one of the two");
    }
    return true;
}

static bool f_kind(checker *c, const ynode *k, const ynode *v)
{
    (void)c, (void)k, (void)v;   /* read before the mapping is checked */
    return true;
}

/* A text of the figure in the brief's language (check.h): its node, or
 * NULL after an error; a text set in en in a brief of another language
 * is warned about at it. */
static const ynode *lang_text(checker *c, const ynode *k, const ynode *v, const char *what)
{
    bool fell_back;
    const ynode *t = brief_lang_text(c, k, v, &fell_back);
    if (t && fell_back)
        brief_lang_warn(c, t->loc, k ? arena_printf(c->a, "'%s'", k->text) : what);
    return t;
}

static bool f_title(checker *c, const ynode *k, const ynode *v)
{
    v = lang_text(c, k, v, NULL);
    if (v && brief_want_string(c, k, v, true)) {
        c->fig->f->title = v->text;
        c->fig->f->title_loc = brief_text_loc(v);
    }
    return true;
}

static bool markdown(checker *c, const ynode *k, const ynode *v, brief_section *s)
{
    v = lang_text(c, k, v, NULL);
    if (!v || !brief_want_string(c, k, v, true))
        return true;
    s->kind = SECTION_MARKDOWN;
    s->loc = v->loc;
    s->file = c->fig->path;
    s->text = v->text;
    s->len = v->len;
    brief_markdown_offsets(c->fig->text, c->fig->len, v, &s->line_offset, &s->col_offset);
    return true;
}

static bool f_caption(checker *c, const ynode *k, const ynode *v) { return markdown(c, k, v, &c->fig->f->caption); }
static bool f_note(checker *c, const ynode *k, const ynode *v) { return markdown(c, k, v, &c->fig->f->note); }
static bool f_source(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_SOURCE); }
static bool f_data(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_DATA); }
static bool f_x(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_X); }
static bool f_series(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_SERIES); }
static bool f_categories(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_CATEGORIES); }
static bool f_range(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_RANGE); }
static bool f_columns(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_COLUMNS); }
static bool f_rows(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_ROWS); }
static bool f_stats(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_STATS); }
static bool f_file(checker *c, const ynode *k, const ynode *v) { return store(c, k, v, FK_FILE); }

static bool f_unit(checker *c, const ynode *k, const ynode *v)
{
    v = lang_text(c, k, v, NULL);
    if (v && brief_want_string(c, k, v, true))
        c->fig->f->unit = v->text;
    return true;
}

static bool f_alt(checker *c, const ynode *k, const ynode *v)
{
    v = lang_text(c, k, v, NULL);
    if (v && brief_want_string(c, k, v, true))
        c->fig->f->alt = v->text;
    return true;
}

static bool f_orientation(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    if (strcmp(v->text, "horizontal") == 0)
        c->fig->f->horizontal = true;
    else if (strcmp(v->text, "vertical") != 0)
        return diag_error(c->d, v->loc, "'orientation' is vertical or horizontal, not '%s'",
                          v->text);
    return true;
}

static bool f_value_labels(checker *c, const ynode *k, const ynode *v)
{
    bool plain = v->kind == YNODE_SCALAR && v->style == YSTYLE_PLAIN;
    if (plain && (strcmp(v->text, "true") == 0 || strcmp(v->text, "yes") == 0))
        c->fig->f->value_labels = true;
    else if (plain && (strcmp(v->text, "false") == 0 || strcmp(v->text, "no") == 0))
        c->fig->f->value_labels = false;
    else
        return diag_error(c->d, v->loc, "'%s' must be true or false", k->text);
    return true;
}

static const field common_fields[] = {
    {"id", FIELD_TEXT, true, f_id},
    {"kind", FIELD_TEXT, true, f_kind},
    {"title", FIELD_ANY, true, f_title},
    {"caption", FIELD_ANY, false, f_caption},
    {"note", FIELD_ANY, false, f_note},
    {"source", FIELD_TEXT_OR_LIST, false, f_source},
};

static const field chart_fields[] = {
    {"data", FIELD_TEXT, false, f_data},
    {"x", FIELD_TEXT, false, f_x},
    {"categories", FIELD_LIST, false, f_categories},
    {"series", FIELD_LIST, false, f_series},
    {"unit", FIELD_ANY, false, f_unit},
    {"y-range", FIELD_LIST, false, f_range},
    {"value-labels", FIELD_TEXT, false, f_value_labels},
};

static const field bar_fields[] = {
    {"orientation", FIELD_TEXT, false, f_orientation},
};

static const field table_fields[] = {
    {"data", FIELD_TEXT, false, f_data},
    {"columns", FIELD_LIST, false, f_columns},
    {"rows", FIELD_LIST, false, f_rows},
};

static const field stat_fields[] = {
    {"stats", FIELD_LIST, true, f_stats},
};

static const field image_fields[] = {
    {"file", FIELD_TEXT, true, f_file},
    {"alt", FIELD_ANY, false, f_alt},
};

/* The keys of a kind: the common ones, then the kind's own. */
static size_t kind_fields(brief_figure_kind kind, field *out)
{
    size_t n = 0;
    for (size_t i = 0; i < COUNT(common_fields); i++)
        out[n++] = common_fields[i];
    const field *own = chart_fields;
    size_t n_own = COUNT(chart_fields);
    switch (kind) {
    case FIGURE_BAR:
        for (size_t i = 0; i < COUNT(bar_fields); i++)
            out[n++] = bar_fields[i];
        break;
    case FIGURE_LINE: break;
    case FIGURE_TABLE: own = table_fields; n_own = COUNT(table_fields); break;
    case FIGURE_STAT: own = stat_fields; n_own = COUNT(stat_fields); break;
    case FIGURE_IMAGE: own = image_fields; n_own = COUNT(image_fields); break;
    }
    for (size_t i = 0; i < n_own; i++)
        out[n++] = own[i];
    return n;
}

/* Which kinds take key k, for the message about a key of another kind. */
static const char *kinds_taking(arena *a, const char *k)
{
    char *list = NULL;
    field f[32];
    for (int kind = FIGURE_BAR; kind <= FIGURE_IMAGE; kind++) {
        size_t n = kind_fields((brief_figure_kind)kind, f);
        for (size_t i = 0; i < n; i++)
            if (strcmp(f[i].key, k) == 0) {
                list = list ? arena_printf(a, "%s, %s", list, kind_names[kind])
                            : arena_strdup(a, kind_names[kind]);
                break;
            }
    }
    return list;
}

/* ---- files the figure reads ---- */

/* Resolves a file named by v (relative to the figure's folder), which must
 * exist inside the brief's folder. NULL after reporting. */
static char *figure_file(checker *c, const ynode *v, const char *what)
{
    if (v->len == 0 || strlen(v->text) != v->len)
        return diag_error(c->d, v->loc, "'%s' must name a file", what), NULL;
    if (v->text[0] == '/') {
        diag_error(c->d, v->loc, "'%s' must be a path relative to the figure's folder", v->text);
        diag_hint(c->d, "put the file beside %s and give its name", c->fig->path);
        return NULL;
    }
    char *path = file_join(c->a, c->fig->dir, v->text);
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        diag_error(c->d, v->loc, "cannot open %s '%s': %s", what, path, strerror(errno));
        if (brief_climbs_out(v->text))
            diag_hint(c->d, "a figure's files must be inside its library, %s", c->fig->library);
        return NULL;
    }
    if (!brief_inside(c->fig->library, real)) {
        diag_error(c->d, v->loc, "%s '%s' lies outside the library", what, v->text);
        diag_hint(c->d, "a figure's files must be inside its library, %s", c->fig->library);
        return NULL;
    }
    return path;
}

static bool read_csv(checker *c, const ynode *v, csv_table *t)
{
    char *path = figure_file(c, v, "data file");
    if (!path)
        return false;
    char *data;
    size_t len;
    if (!file_read(c->a, path, YNODE_MAX_BYTES, &data, &len))
        return diag_error(c->d, v->loc, "cannot read data file '%s': %s", path,
                          errno == EFBIG ? "it is larger than 16 MiB" : file_strerror(errno));
    diag_add_source(c->d, path, data, len);
    return csv_parse(c->a, c->d, path, data, len, t);
}

/* The CSV column v (the value of key k) names; reports an unknown one
 * with a hint. */
static int csv_column_at(checker *c, const csv_table *t, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return -1;
    int col = csv_column(t, v->text);
    if (col < 0) {
        diag_error(c->d, v->loc, "the data file has no column '%s'", v->text);
        buf b;
        buf_init(&b);
        for (size_t i = 0; i < t->n_cols; i++)
            buf_printf(&b, "%s%s", i ? ", " : "", t->header[i]);
        brief_hint_near(c, v->text, t->header, t->n_cols, "its columns are: %s", b.data);
        buf_fini(&b);
    }
    return col;
}

/* ---- charts ---- */

static brief_series *new_series(checker *c, size_t n_values)
{
    brief_figure *f = c->fig->f;
    brief_series *s = &f->series[f->n_series++];
    s->values = arena_alloc(c->a, (n_values + 1) * sizeof *s->values);
    s->present = arena_alloc(c->a, (n_values + 1) * sizeof *s->present);
    return s;
}

/* A series entry: a column name (with data:) or a mapping of keys. */
static const ynode *series_key(checker *c, const ynode *e, const char *key, bool with_data)
{
    static const char *const keys[] = {"name", "column", "values"};
    for (size_t i = 0; i < e->n; i++) {
        const char *k = e->keys[i]->text;
        if (strcmp(k, "name") == 0 || strcmp(k, "column") == 0 || strcmp(k, "values") == 0)
            continue;
        diag_error(c->d, e->keys[i]->loc, "unknown key '%s' in a series", k);
        brief_hint_near(c, k, keys, COUNT(keys),
                        "a series has %s",
                        with_data ? "'column' and 'name'" : "'name' and 'values'");
    }
    return ynode_get(e, key);
}

static void chart_from_csv(checker *c)
{
    struct figure_check *fc = c->fig;
    brief_figure *f = fc->f;
    csv_table t;
    if (!read_csv(c, fc->value[FK_DATA], &t))
        return;
    if (fc->value[FK_CATEGORIES])
        diag_error(c->d, fc->key[FK_CATEGORIES]->loc,
                   "'categories' and 'data' cannot both be given: with 'data' the categories "
                   "are a column of the file (x:)");
    int x = fc->value[FK_X] ? csv_column_at(c, &t, fc->key[FK_X], fc->value[FK_X]) : 0;
    if (x < 0)
        return;
    f->n_categories = t.n_rows;
    f->categories_loc = fc->value[FK_X] ? fc->value[FK_X]->loc : fc->value[FK_DATA]->loc;
    f->categories = arena_alloc(c->a, (t.n_rows + 1) * sizeof *f->categories);
    for (size_t r = 0; r < t.n_rows; r++)
        f->categories[r] = t.cells[r * t.n_cols + (size_t)x];
    const ynode *sv = fc->value[FK_SERIES];
    size_t n = sv ? sv->n : t.n_cols - 1;
    if (n == 0)
        return (void)diag_error(c->d, fc->value[FK_DATA]->loc,
                                "the data file has no column of values beside '%s'", t.header[x]);
    f->series = arena_alloc(c->a, (n + 1) * sizeof *f->series);
    for (size_t i = 0, col = 0; i < n; i++) {
        int cidx;
        const char *name = NULL;
        if (sv) {
            const ynode *e = sv->items[i];
            const ynode *cn = e, *ck = fc->key[FK_SERIES];
            if (e->kind == YNODE_MAPPING) {
                cn = series_key(c, e, "column", true);
                ck = ynode_get_key(e, "column");
                const ynode *nm = ynode_get(e, "name");
                if (nm)
                    nm = lang_text(c, ynode_get_key(e, "name"), nm, NULL);
                if (nm && brief_want_string(c, ynode_get_key(e, "name"), nm, true))
                    name = nm->text;
                if (ynode_get(e, "values"))
                    diag_error(c->d, ynode_get_key(e, "values")->loc,
                               "with 'data', a series names its 'column'; 'values' are for "
                               "inline data");
                if (!cn) {
                    diag_error(c->d, e->loc, "this series needs a 'column' of the data file");
                    continue;
                }
            } else if (e->kind != YNODE_SCALAR) {
                diag_error(c->d, e->loc, "a series is a column name or {column:, name:}");
                continue;
            }
            cidx = csv_column_at(c, &t, ck, cn);
            if (cidx < 0)
                continue;
        } else {
            if (col == (size_t)x)
                col++;
            cidx = (int)col++;
        }
        brief_series *s = new_series(c, t.n_rows);
        s->name = name ? name : t.header[cidx];
        for (size_t r = 0; r < t.n_rows; r++)
            series_value(c, t.cells[r * t.n_cols + (size_t)cidx], t.locs[r * t.n_cols + (size_t)cidx],
                         s, r);
    }
}

static void chart_inline(checker *c)
{
    struct figure_check *fc = c->fig;
    brief_figure *f = fc->f;
    const ynode *cv = fc->value[FK_CATEGORIES], *sv = fc->value[FK_SERIES];
    if (fc->value[FK_X])
        diag_error(c->d, fc->key[FK_X]->loc, "'x' names a column of the data file; "
                                             "this figure has no 'data'");
    if (!cv || !sv) {
        diag_error(c->d, fc->where, "a %s chart needs 'categories' and 'series', or 'data: FILE.csv'",
                   kind_names[f->kind]);
        return;
    }
    f->n_categories = cv->n;
    f->categories_loc = fc->key[FK_CATEGORIES]->loc;
    f->categories = arena_alloc(c->a, (cv->n + 1) * sizeof *f->categories);
    for (size_t i = 0; i < cv->n; i++) {
        const ynode *cat = lang_text(c, NULL, cv->items[i], "this category");
        if (cat && brief_want_string(c, fc->key[FK_CATEGORIES], cat, true))
            f->categories[i] = cat->text;
    }
    f->series = arena_alloc(c->a, (sv->n + 1) * sizeof *f->series);
    for (size_t i = 0; i < sv->n; i++) {
        const ynode *e = sv->items[i];
        if (e->kind != YNODE_MAPPING) {
            diag_error(c->d, e->loc, "a series is a mapping: {name: ..., values: [...]}");
            continue;
        }
        const ynode *vals = series_key(c, e, "values", false);
        const ynode *nm = ynode_get(e, "name");
        if (ynode_get(e, "column"))
            diag_error(c->d, ynode_get_key(e, "column")->loc,
                       "'column' names a column of the data file; this figure has no 'data'");
        if (!vals || vals->kind != YNODE_SEQUENCE) {
            diag_error(c->d, vals ? vals->loc : e->loc, "this series needs 'values', a list "
                                                        "of numbers");
            continue;
        }
        brief_series *s = new_series(c, cv->n);
        if (nm)
            nm = lang_text(c, ynode_get_key(e, "name"), nm, NULL);
        if (nm && brief_want_string(c, ynode_get_key(e, "name"), nm, true))
            s->name = nm->text;
        if (vals->n != cv->n) {
            diag_error(c->d, vals->loc, "series %s%s%shas %zu value%s for %zu categories",
                       s->name ? "'" : "", s->name ? s->name : "", s->name ? "' " : "", vals->n,
                       vals->n == 1 ? "" : "s", cv->n);
            diag_hint(c->d, "give one value per category, in order; leave a value empty (~) "
                            "where there is none");
            continue;
        }
        for (size_t k = 0; k < vals->n; k++) {
            const ynode *v = vals->items[k];
            if (v->kind != YNODE_SCALAR) {
                diag_error(c->d, v->loc, "a value is a number, not %s", ynode_kind_name(v));
                continue;
            }
            series_value(c, v->style == YSTYLE_PLAIN || v->len ? v->text : "", v->loc, s, k);
        }
    }
}

static void chart_range(checker *c)
{
    struct figure_check *fc = c->fig;
    brief_figure *f = fc->f;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < f->n_series; i++)
        for (size_t k = 0; k < f->n_categories; k++)
            if (f->series[i].present[k]) {
                lo = fmin(lo, f->series[i].values[k]);
                hi = fmax(hi, f->series[i].values[k]);
            }
    const ynode *rv = fc->value[FK_RANGE];
    if (!rv)
        return;
    int dec;
    if (rv->n != 2 || rv->items[0]->kind != YNODE_SCALAR || rv->items[1]->kind != YNODE_SCALAR ||
        !number_parse(rv->items[0]->text, &f->range[0], &dec) ||
        !number_parse(rv->items[1]->text, &f->range[1], &dec) || f->range[0] >= f->range[1]) {
        diag_error(c->d, rv->loc, "'y-range' is two numbers, the lower end first: [0, 3000]");
        return;
    }
    f->has_range = true;
    if (f->kind == FIGURE_BAR && (f->range[0] > 0 || f->range[1] < 0)) {
        diag_error(c->d, rv->loc, "a bar chart's y-range must include 0: bars start at zero");
        return;
    }
    if (lo < f->range[0] || hi > f->range[1]) {
        diag_error(c->d, rv->loc, "the values run from %g to %g, outside the y-range [%g, %g]",
                   lo, hi, f->range[0], f->range[1]);
        diag_hint(c->d, "widen the y-range, or leave it out to fit the data");
    }
}

static void check_chart(checker *c)
{
    struct figure_check *fc = c->fig;
    brief_figure *f = fc->f;
    int errors = diag_error_count(c->d);
    if (fc->value[FK_DATA])
        chart_from_csv(c);
    else
        chart_inline(c);
    if (diag_error_count(c->d) > errors)
        return;
    if (f->n_series == 0 || f->n_categories == 0) {
        diag_error(c->d, fc->where, "figure '%s' has no data to draw", f->id);
        return;
    }
    size_t most = f->kind == FIGURE_LINE ? MAX_POINTS : f->horizontal ? MAX_BARS_ACROSS : MAX_BARS;
    if (f->n_categories > most) {
        diag_error(c->d, fc->value[FK_DATA] ? fc->value[FK_DATA]->loc : fc->value[FK_CATEGORIES]->loc,
                   "a %s%s chart shows at most %zu categories; this one has %zu",
                   f->horizontal ? "horizontal " : "", kind_names[f->kind], most, f->n_categories);
        diag_hint(c->d, f->kind == FIGURE_LINE ? "show a selection, or the data as a table"
                                               : "use a line chart, or show the data as a table");
        return;
    }
    if (f->n_series > MAX_SERIES)
        diag_error(c->d, fc->value[FK_SERIES] ? fc->value[FK_SERIES]->loc : fc->where,
                   "a chart shows at most %d series; this one has %zu", MAX_SERIES, f->n_series);
    for (size_t i = 0; i < f->n_series; i++) {
        bool any = false;
        for (size_t k = 0; k < f->n_categories; k++)
            any |= f->series[i].present[k];
        if (!any)
            diag_error(c->d, fc->value[FK_SERIES] ? fc->value[FK_SERIES]->items[i]->loc
                                                  : fc->value[FK_DATA]->loc,
                       "series '%s' has no values", f->series[i].name ? f->series[i].name : "");
        if (!f->series[i].name && f->n_series > 1)
            diag_error(c->d, fc->value[FK_SERIES]->items[i]->loc,
                       "name each series ('name:'): a chart of several series has a legend");
    }
    chart_range(c);
}

/* ---- tables ---- */


static bool numeric_cell(const char *s)
{
    double v;
    int dec;
    return number_parse(s, &v, &dec);
}

static bool column_align(checker *c, const ynode *e, brief_align *out)
{
    const ynode *a = ynode_get(e, "align");
    if (!a)
        return false;
    if (!brief_want_string(c, ynode_get_key(e, "align"), a, true))
        return false;
    for (size_t i = 0; i < COUNT(align_names); i++)
        if (strcmp(a->text, align_names[i]) == 0) {
            *out = (brief_align)i;
            return true;
        }
    diag_error(c->d, a->loc, "unknown alignment '%s'", a->text);
    brief_hint_near(c, a->text, align_names, COUNT(align_names),
                    "align is left, right, center or decimal (numbers on their decimal point)");
    return false;
}

static void column_keys(checker *c, const ynode *e, bool with_data)
{
    static const char *const keys[] = {"header", "column", "align"};
    for (size_t i = 0; i < e->n; i++) {
        const char *k = e->keys[i]->text;
        if (strcmp(k, "header") == 0 || strcmp(k, "align") == 0 ||
            (with_data && strcmp(k, "column") == 0))
            continue;
        if (strcmp(k, "column") == 0) {
            diag_error(c->d, e->keys[i]->loc, "'column' names a column of the data file; this "
                                              "table has no 'data'");
            continue;
        }
        diag_error(c->d, e->keys[i]->loc, "unknown key '%s' in a column", k);
        brief_hint_near(c, k, keys, COUNT(keys),
                        "a column has %s",
                        with_data ? "'column', 'header' and 'align'" : "'header' and 'align'");
    }
}

static void check_table(checker *c)
{
    struct figure_check *fc = c->fig;
    brief_figure *f = fc->f;
    const ynode *cols = fc->value[FK_COLUMNS], *rows = fc->value[FK_ROWS];
    bool *aligned = NULL;
    int errors = diag_error_count(c->d);
    if (fc->value[FK_DATA]) {
        csv_table t;
        if (!read_csv(c, fc->value[FK_DATA], &t))
            return;
        if (rows)
            diag_error(c->d, fc->key[FK_ROWS]->loc, "'rows' and 'data' cannot both be given: "
                                                    "the rows are the data file's");
        size_t n = cols ? cols->n : t.n_cols;
        int *pick = arena_alloc(c->a, (n + 1) * sizeof *pick);
        f->columns = arena_alloc(c->a, (n + 1) * sizeof *f->columns);
        aligned = arena_alloc(c->a, n + 1);
        for (size_t i = 0; i < n; i++) {
            if (!cols) {
                pick[i] = (int)i;
                f->columns[i].header = t.header[i];
                continue;
            }
            const ynode *e = cols->items[i], *cn = e, *ck = fc->key[FK_COLUMNS];
            if (e->kind == YNODE_MAPPING) {
                column_keys(c, e, true);
                cn = ynode_get(e, "column");
                ck = ynode_get_key(e, "column");
                if (!cn) {
                    diag_error(c->d, e->loc, "this column needs 'column', the data file's "
                                             "column it shows");
                    continue;
                }
                aligned[i] = column_align(c, e, &f->columns[i].align);
            }
            pick[i] = csv_column_at(c, &t, ck, cn);
            if (pick[i] < 0)
                continue;
            f->columns[i].header = t.header[pick[i]];
            f->columns[i].header_loc = t.header_locs[pick[i]];
            const ynode *h = e->kind == YNODE_MAPPING ? ynode_get(e, "header") : NULL;
            if (h)
                h = lang_text(c, ynode_get_key(e, "header"), h, NULL);
            if (h && brief_want_string(c, ynode_get_key(e, "header"), h, false)) {
                f->columns[i].header = h->text;
                f->columns[i].header_loc = brief_text_loc(h);
            }
        }
        if (diag_error_count(c->d) > errors)
            return;
        f->n_columns = n;
        f->n_rows = t.n_rows;
        f->cells = arena_alloc(c->a, (n * t.n_rows + 1) * sizeof *f->cells);
        f->cell_locs = arena_alloc(c->a, (n * t.n_rows + 1) * sizeof *f->cell_locs);
        for (size_t r = 0; r < t.n_rows; r++)
            for (size_t i = 0; i < n; i++) {
                f->cells[r * n + i] = t.cells[r * t.n_cols + (size_t)pick[i]];
                f->cell_locs[r * n + i] = t.locs[r * t.n_cols + (size_t)pick[i]];
            }
    } else {
        if (!cols || !rows) {
            diag_error(c->d, fc->where,
                       "a table needs 'columns' and 'rows', or 'data: FILE.csv'");
            return;
        }
        f->n_columns = cols->n;
        f->columns = arena_alloc(c->a, (cols->n + 1) * sizeof *f->columns);
        aligned = arena_alloc(c->a, cols->n + 1);
        for (size_t i = 0; i < cols->n; i++) {
            const ynode *e = cols->items[i];
            if (e->kind == YNODE_SCALAR || brief_lang_mapping(e)) {
                const ynode *h = lang_text(c, NULL, e, "this header");
                if (!h)
                    continue;
                f->columns[i].header = h->text;
                f->columns[i].header_loc = brief_text_loc(h);
                continue;
            }
            if (e->kind != YNODE_MAPPING) {
                diag_error(c->d, e->loc, "a column is its header, or {header:, align:}");
                continue;
            }
            column_keys(c, e, false);
            const ynode *h = ynode_get(e, "header");
            if (!h)
                diag_error(c->d, e->loc, "this column needs a 'header'");
            else if ((h = lang_text(c, ynode_get_key(e, "header"), h, NULL)) &&
                     brief_want_string(c, ynode_get_key(e, "header"), h, false)) {
                f->columns[i].header = h->text;
                f->columns[i].header_loc = brief_text_loc(h);
            }
            aligned[i] = column_align(c, e, &f->columns[i].align);
        }
        f->cells = arena_alloc(c->a, (cols->n * rows->n + 1) * sizeof *f->cells);
        f->cell_locs = arena_alloc(c->a, (cols->n * rows->n + 1) * sizeof *f->cell_locs);
        for (size_t r = 0; r < rows->n; r++) {
            const ynode *row = rows->items[r];
            if (row->kind != YNODE_SEQUENCE) {
                diag_error(c->d, row->loc, "a row is a list of cells: [1999, 149, ...]");
                continue;
            }
            if (row->n != cols->n) {
                diag_error(c->d, row->loc, "this row has %zu cell%s; the table has %zu column%s",
                           row->n, row->n == 1 ? "" : "s", cols->n, cols->n == 1 ? "" : "s");
                continue;
            }
            for (size_t i = 0; i < row->n; i++) {
                const ynode *v = row->items[i];
                if (v->kind == YNODE_MAPPING || v->kind == YNODE_SCALAR)
                    v = lang_text(c, NULL, v, "this cell");
                if (!v)
                    continue;
                if (v->kind != YNODE_SCALAR)
                    diag_error(c->d, v->loc, "a cell is text or a number (or its texts by "
                                             "language), not %s", ynode_kind_name(v));
                else {
                    f->cells[f->n_rows * cols->n + i] =
                        v->style == YSTYLE_PLAIN && strcmp(v->text, "~") == 0 ? "" : v->text;
                    f->cell_locs[f->n_rows * cols->n + i] = brief_text_loc(v);
                }
            }
            f->n_rows++;
        }
        if (diag_error_count(c->d) > errors)
            return;
    }
    if (f->n_rows == 0)
        diag_error(c->d, fc->where, "table '%s' has no rows", f->id);
    if (f->n_rows > MAX_ROWS)
        diag_error(c->d, rows ? rows->loc : fc->value[FK_DATA]->loc,
                   "a table shows at most %d rows; this one has %zu", MAX_ROWS, f->n_rows);
    if (f->n_columns > MAX_COLUMNS)
        diag_error(c->d, cols ? cols->loc : fc->value[FK_DATA]->loc,
                   "a table shows at most %d columns on a page; this one has %zu", MAX_COLUMNS,
                   f->n_columns);
    /* Which cells are numbers; a column of them is aligned on the
     * decimal point unless told otherwise. */
    f->numeric = arena_alloc(c->a, f->n_rows * f->n_columns + 1);
    for (size_t i = 0; i < f->n_rows * f->n_columns; i++)
        f->numeric[i] = numeric_cell(f->cells[i]);
    for (size_t i = 0; i < f->n_columns; i++) {
        if (aligned[i])
            continue;
        bool all = true, any = false;
        for (size_t r = 0; r < f->n_rows; r++) {
            if (!*f->cells[r * f->n_columns + i])
                continue;
            any = true;
            all &= f->numeric[r * f->n_columns + i];
        }
        f->columns[i].align = any && all ? ALIGN_DECIMAL : ALIGN_LEFT;
    }
}

/* ---- stat callouts and images ---- */

static void check_stats(checker *c)
{
    brief_figure *f = c->fig->f;
    const ynode *v = c->fig->value[FK_STATS];
    if (!v)
        return;
    if (v->n < 1 || v->n > MAX_STATS) {
        diag_error(c->d, v->loc, "a stat figure shows one to %d key figures; this one has %zu",
                   MAX_STATS, v->n);
        return;
    }
    f->stats = arena_alloc(c->a, v->n * sizeof *f->stats);
    static const char *const keys[] = {"value", "label"};
    for (size_t i = 0; i < v->n; i++) {
        const ynode *e = v->items[i];
        if (e->kind != YNODE_MAPPING) {
            diag_error(c->d, e->loc, "a key figure is {value: \"34,000\", label: what it counts}");
            continue;
        }
        for (size_t k = 0; k < e->n; k++)
            if (strcmp(e->keys[k]->text, "value") != 0 && strcmp(e->keys[k]->text, "label") != 0) {
                diag_error(c->d, e->keys[k]->loc, "unknown key '%s' in a key figure",
                           e->keys[k]->text);
                brief_hint_near(c, e->keys[k]->text, keys, 2,
                                "a key figure has 'value' and 'label'");
            }
        const ynode *val = ynode_get(e, "value"), *lab = ynode_get(e, "label");
        if (!val || !lab) {
            diag_error(c->d, e->loc, "a key figure needs a 'value' and a 'label'");
            continue;
        }
        lab = lang_text(c, ynode_get_key(e, "label"), lab, NULL);
        if (brief_want_string(c, ynode_get_key(e, "value"), val, true) && lab &&
            brief_want_string(c, ynode_get_key(e, "label"), lab, true)) {
            f->stats[f->n_stats].value = val->text;
            f->stats[f->n_stats].label_loc = brief_text_loc(lab);
            f->stats[f->n_stats++].label = lab->text;
        }
    }
}

static void check_image(checker *c)
{
    brief_figure *f = c->fig->f;
    const ynode *v = c->fig->value[FK_FILE];
    if (!v)
        return;
    f->image = figure_file(c, v, "image");
    f->image_loc = v->loc;
    if (!f->alt)
        diag_warning(c->d, c->fig->where,
                     "image figure '%s' has no 'alt' text for readers who cannot see it", f->id);
}

/* ---- sources ---- */

static void figure_source(checker *c, const ynode *v)
{
    brief *b = c->b;
    brief_figure *f = c->fig->f;
    if (!brief_want_string(c, c->fig->key[FK_SOURCE], v, true))
        return;
    size_t n = strcspn(v->text, ",");
    while (n && v->text[n - 1] == ' ')
        n--;
    char *id = arena_strndup(c->a, v->text, n);
    const char *loc = v->text + strcspn(v->text, ",");
    if (*loc)
        loc++;
    while (*loc == ' ')
        loc++;
    int found = -1;
    const char **ids = arena_alloc(c->a, (b->n_sources + 1) * sizeof *ids);
    for (size_t i = 0; i < b->n_sources; i++) {
        ids[i] = b->sources[i].id;
        if (strcmp(b->sources[i].id, id) == 0)
            found = (int)i;
    }
    if (found < 0) {
        diag_error(c->d, v->loc, "unknown source '%s'", id);
        brief_hint_near(c, id, ids, b->n_sources,
                        "a figure's source is a source of the library that the brief "
                        "selects under 'sources:'");
        return;
    }
    if (!b->sources[found].selected) {
        diag_error(c->d, v->loc, "source '%s' is in the library but not selected by this brief",
                   id);
        diag_hint(c->d, "add '%s' to the brief's 'sources:' list", id);
        return;
    }
    brief_figure_source *s = &f->sources[f->n_sources++];
    s->source = found;
    s->locator = *loc ? loc : NULL;
}

static void check_sources(checker *c)
{
    brief_figure *f = c->fig->f;
    const ynode *v = c->fig->value[FK_SOURCE];
    if (!v) {
        diag_warning(c->d, c->fig->where, "figure '%s' gives no source", f->id);
        diag_hint(c->d, "add 'source: ID' naming the library source of its data");
        return;
    }
    size_t n = v->kind == YNODE_SEQUENCE ? v->n : 1;
    f->sources = arena_alloc(c->a, (n + 1) * sizeof *f->sources);
    if (v->kind == YNODE_SEQUENCE)
        for (size_t i = 0; i < v->n; i++)
            figure_source(c, v->items[i]);
    else
        figure_source(c, v);
}

/* ---- one figure file ---- */

static void load_figure(checker *c, brief_figure *f, const ynode *at)
{
    char *path = brief_library_file(c, arena_printf(c->a, "figures/%s.yaml", f->id));
    const char *text;
    size_t len;
    ynode *root = brief_read_yaml(c, path, at->loc, NULL, &text, &len);
    if (!root)
        return;
    if (root->kind != YNODE_MAPPING) {
        diag_error(c->d, root->loc, "a figure is a mapping of keys (id:, kind:, title:, ...), "
                                    "not %s", ynode_kind_name(root));
        return;
    }
    char library[PATH_MAX];
    if (!realpath(file_dirname(c->a, file_dirname(c->a, path)), library))
        snprintf(library, sizeof library, "%s", file_dirname(c->a, file_dirname(c->a, path)));
    struct figure_check fc = {.f = f, .path = path, .where = root->loc, .library = library,
                              .dir = file_dirname(c->a, path),
                              .text = text, .len = len};
    c->fig = &fc;
    f->file = path;
    f->value_labels = true;
    const ynode *kind = ynode_get(root, "kind");
    int k = -1;
    if (!kind) {
        diag_error(c->d, root->loc, "a figure needs a 'kind' key");
        diag_hint(c->d, "kind is bar, line, table, stat or image");
    } else if (brief_want_string(c, ynode_get_key(root, "kind"), kind, true)) {
        for (size_t i = 0; i < COUNT(kind_names); i++)
            if (strcmp(kind->text, kind_names[i]) == 0)
                k = (int)i;
        if (k < 0) {
            diag_error(c->d, kind->loc, "unknown figure kind '%s'", kind->text);
            brief_hint_near(c, kind->text, kind_names, COUNT(kind_names),
                            "kind is bar, line, table, stat or image");
        }
    }
    if (k < 0) {
        c->fig = NULL;
        return;
    }
    f->kind = (brief_figure_kind)k;
    /* Keys of another kind get a message of their own; the rest are
     * checked against this kind's table. */
    field fields[32];
    size_t n = kind_fields(f->kind, fields);
    ynode own = *root;
    own.keys = arena_alloc(c->a, (root->n + 1) * sizeof *own.keys);
    own.items = arena_alloc(c->a, (root->n + 1) * sizeof *own.items);
    own.n = 0;
    for (size_t i = 0; i < root->n; i++) {
        const char *key = root->keys[i]->text;
        bool mine = false;
        for (size_t q = 0; q < n; q++)
            mine |= strcmp(fields[q].key, key) == 0;
        const char *others = mine ? NULL : kinds_taking(c->a, key);
        if (others) {
            diag_error(c->d, root->keys[i]->loc, "'%s' does not apply to a %s figure", key,
                       kind_names[f->kind]);
            diag_hint(c->d, "'%s' is a key of %s figures", key, others);
            continue;
        }
        own.keys[own.n] = root->keys[i];
        own.items[own.n++] = root->items[i];
    }
    brief_check_mapping(c, &own, fields, n, arena_printf(c->a, "a %s figure", kind_names[f->kind]));
    switch (f->kind) {
    case FIGURE_BAR:
    case FIGURE_LINE: check_chart(c); break;
    case FIGURE_TABLE: check_table(c); break;
    case FIGURE_STAT: check_stats(c); break;
    case FIGURE_IMAGE: check_image(c); break;
    }
    check_sources(c);
    c->fig = NULL;
}

/* ---- the brief's selection ---- */

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The ids of figures/ (its *.yaml files), sorted; false if it cannot be read. */
static bool list_figures(checker *c, const char *dir)
{
    brief *b = c->b;
    DIR *dp = opendir(dir);
    if (!dp)
        return false;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n <= 5 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        *(const char **)ARENA_PUSH(c->a, b->figure_names, b->n_figure_names, cap) =
            arena_strndup(c->a, e->d_name, n - 5);
    }
    closedir(dp);
    if (b->n_figure_names)
        qsort(b->figure_names, b->n_figure_names, sizeof *b->figure_names, by_name);
    return true;
}

static bool known_figure(const brief *b, const char *id)
{
    for (size_t i = 0; i < b->n_figure_names; i++)
        if (strcmp(b->figure_names[i], id) == 0)
            return true;
    return false;
}

static void unknown_figure(checker *c, src_loc at, const char *id)
{
    brief *b = c->b;
    diag_error(c->d, at, "unknown figure '%s'", id);
    brief_hint_near(c, id, b->figure_names, b->n_figure_names,
                    "a figure is a file ID.yaml in %s", brief_library_file(c, "figures"));
}

/* `- figure: ID` sections: each names a selected figure, placed once. */
static void resolve_sections(checker *c)
{
    brief *b = c->b;
    for (size_t i = 0; i < b->n_sections; i++) {
        brief_section *s = &b->sections[i];
        if (s->kind != SECTION_FIGURE)
            continue;
        for (size_t k = 0; k < b->n_figures; k++)
            if (strcmp(b->figures[k].id, s->text) == 0)
                s->figure = (int)k;
        if (s->figure < 0) {
            if (known_figure(b, s->text)) {
                diag_error(c->d, s->loc, "figure '%s' is not selected by this brief", s->text);
                diag_hint(c->d, "add '%s' to the brief's 'figures:' list", s->text);
            } else {
                unknown_figure(c, s->loc, s->text);
            }
            continue;
        }
        brief_figure *f = &b->figures[s->figure];
        if (f->placed) {
            for (size_t k = 0; k < i; k++)
                if (b->sections[k].kind == SECTION_FIGURE && b->sections[k].figure == s->figure) {
                    diag_error(c->d, s->loc, "figure '%s' is placed twice", s->text);
                    diag_note(c->d, b->sections[k].loc, "it is first placed here");
                    break;
                }
            s->figure = -1;
            continue;
        }
        f->placed = true;
    }
}

void brief_load_figures(checker *c)
{
    brief *b = c->b;
    char *dir = brief_library_file(c, "figures");
    bool listed = list_figures(c, dir);
    const ynode *v = c->figures;
    if (v && v->kind != YNODE_SEQUENCE) {
        diag_error(c->d, v->loc, "'figures' must be a list of figure ids, not %s",
                   ynode_kind_name(v));
        v = NULL;
    }
    if (v && !listed) {
        diag_error(c->d, v->loc, "cannot open the library's figures folder '%s': %s", dir,
                   strerror(errno));
        diag_hint(c->d, "a figure is a file ID.yaml in the figures/ folder of the library");
        v = NULL;
    }
    if (v)
        b->figures = arena_alloc(c->a, (v->n + 1) * sizeof *b->figures);
    for (size_t i = 0; v && i < v->n; i++) {
        const ynode *e = v->items[i];
        if (e->kind != YNODE_SCALAR || !e->len) {
            diag_error(c->d, e->loc, "a figure id is text, not %s", ynode_kind_name(e));
            continue;
        }
        if (!known_figure(b, e->text)) {
            unknown_figure(c, e->loc, e->text);
            continue;
        }
        bool twice = false;
        for (size_t k = 0; k < b->n_figures && !twice; k++)
            twice = strcmp(b->figures[k].id, e->text) == 0;
        if (twice) {
            diag_warning(c->d, e->loc, "figure '%s' is selected twice", e->text);
            continue;
        }
        brief_figure *f = &b->figures[b->n_figures++];
        memset(f, 0, sizeof *f);
        f->id = e->text;
        f->loc = e->loc;
        load_figure(c, f, e);
    }
    resolve_sections(c);
}
