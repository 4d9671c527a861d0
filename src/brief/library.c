/*
 * library.c: the library a brief selects from: sources.yaml, every entry
 * checked like the brief itself (unknown keys, types, duplicate ids with
 * a note at the first, dates), and the brief's `sources:` resolved
 * against it (unknown ids with a did-you-mean hint).
 */
#include <errno.h>
#include <string.h>

#include "base/file.h"
#include "base/utf8.h"
#include "brief/check.h"

#define MAX_LIBRARY_BYTES (16u * 1024 * 1024)

static const char *const type_names[] = {
    [SOURCE_REPORT] = "report",
    [SOURCE_TESTIMONY] = "testimony",
    [SOURCE_ARTICLE] = "article",
    [SOURCE_PRESS_RELEASE] = "press-release",
    [SOURCE_BOOK] = "book",
    [SOURCE_WEB] = "web",
    [SOURCE_TREATY] = "treaty",
    [SOURCE_UN_DOCUMENT] = "un-document",
};

static bool text_field(checker *c, const ynode *k, const ynode *v, const char **out)
{
    if (brief_want_string(c, k, v, true))
        *out = v->text;
    return true;
}

static bool s_id(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->id); }
static bool s_title(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->title); }
static bool s_short(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->short_title); }
static bool s_publisher(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->publisher); }
static bool s_place(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->place); }
static bool s_series(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->series); }
static bool s_number(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->number); }
static bool s_volume(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->volume); }
static bool s_issue(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->issue); }
static bool s_page(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->page); }
static bool s_symbol(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->symbol); }
static bool s_url(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->url); }
static bool s_pages(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->pages); }
static bool s_note(checker *c, const ynode *k, const ynode *v) { return text_field(c, k, v, &c->source->note); }

/* venue:, journal: and site: name one thing (the journal, hearing or
 * site a title appears in), so a second of them is a mistake. */
static bool s_venue(checker *c, const ynode *k, const ynode *v)
{
    if (c->source->venue) {
        diag_error(c->d, k->loc, "a source has one venue: '%s' repeats an earlier venue, journal "
                                 "or site", k->text);
        diag_hint(c->d, "keep one of them");
        return true;
    }
    return text_field(c, k, v, &c->source->venue);
}

static bool date_field(checker *c, const ynode *k, const ynode *v, const char **out)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    int y, m, d;
    bool year_only = v->len == 4 && strspn(v->text, "0123456789") == 4;
    if (!year_only && !brief_parse_date(v->text, &y, &m, &d)) {
        diag_error(c->d, v->loc, "'%s' is not a date", v->text);
        diag_hint(c->d, "write YYYY, YYYY-MM or YYYY-MM-DD (a real calendar day)");
        return true;
    }
    *out = v->text;
    return true;
}

static bool s_date(checker *c, const ynode *k, const ynode *v) { return date_field(c, k, v, &c->source->date); }
static bool s_accessed(checker *c, const ynode *k, const ynode *v) { return date_field(c, k, v, &c->source->accessed); }

static bool s_type(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    size_t n = sizeof type_names / sizeof type_names[0];
    for (size_t i = 0; i < n; i++)
        if (strcmp(type_names[i], v->text) == 0) {
            c->source->type = (brief_source_type)i;
            return true;
        }
    diag_error(c->d, v->loc, "unknown source type '%s'", v->text);
    brief_hint_near(c, v->text, type_names, n,
                    "the types are report, testimony, article, press-release, book, web, "
                    "treaty and un-document");
    return true;
}

static bool s_author(checker *c, const ynode *k, const ynode *v)
{
    brief_names(c, k, v, true, &c->source->authors, &c->source->n_authors);
    return true;
}

static const field source_fields[] = {
    {"id", FIELD_ANY, true, s_id},
    {"type", FIELD_ANY, true, s_type},
    {"author", FIELD_ANY, false, s_author},
    {"title", FIELD_ANY, true, s_title},
    {"short-title", FIELD_ANY, false, s_short},
    {"publisher", FIELD_ANY, false, s_publisher},
    {"place", FIELD_ANY, false, s_place},
    {"venue", FIELD_ANY, false, s_venue},
    {"journal", FIELD_ANY, false, s_venue},
    {"site", FIELD_ANY, false, s_venue},
    {"series", FIELD_ANY, false, s_series},
    {"number", FIELD_ANY, false, s_number},
    {"volume", FIELD_ANY, false, s_volume},
    {"issue", FIELD_ANY, false, s_issue},
    {"page", FIELD_ANY, false, s_page},
    {"symbol", FIELD_ANY, false, s_symbol},
    {"date", FIELD_ANY, false, s_date},
    {"url", FIELD_ANY, false, s_url},
    {"pages", FIELD_ANY, false, s_pages},
    {"note", FIELD_ANY, false, s_note},
    {"accessed", FIELD_ANY, false, s_accessed},
};

/* The keys only some types print (src/content/cite.c, docs/CITATIONS.md);
 * every type prints author, title, short-title, venue, date, url and
 * accessed. A key its type would leave out is a warning, so nothing the
 * library gives is dropped in silence. */
static const char *const type_keys[] = {
    [SOURCE_REPORT] = "publisher place series number",
    [SOURCE_TESTIMONY] = "publisher",
    [SOURCE_ARTICLE] = "publisher volume issue pages",
    [SOURCE_PRESS_RELEASE] = "publisher",
    [SOURCE_BOOK] = "publisher place series number",
    [SOURCE_WEB] = "publisher",
    [SOURCE_TREATY] = "series volume page",
    [SOURCE_UN_DOCUMENT] = "publisher place symbol",
};
static const char *const typed_keys[] = {"publisher", "place", "series", "number", "volume",
                                         "issue", "page", "symbol", "pages"};

static bool has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; (p = strstr(p, w)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

/* The checks that need the source's type, known once every key is read. */
static void check_by_type(checker *c, const ynode *e)
{
    const brief_source *s = c->source;
    const char *type = type_names[s->type];
    for (size_t i = 0; i < e->n; i++) {
        const ynode *k = e->keys[i];
        for (size_t t = 0; t < sizeof typed_keys / sizeof typed_keys[0]; t++)
            if (strcmp(k->text, typed_keys[t]) == 0 && !has_word(type_keys[s->type], k->text)) {
                diag_warning(c->d, k->loc, "a '%s' source does not print '%s'", type, k->text);
                diag_hint(c->d, "besides author, title, short-title, venue, date, url and accessed, "
                                "a '%s' source prints: %s", type, type_keys[s->type]);
            }
    }
    if (s->type == SOURCE_ARTICLE) {
        static const char *const need_journal[] = {"volume", "issue"};
        for (size_t i = 0; i < 2; i++) {
            const ynode *k = ynode_get_key(e, need_journal[i]);
            if (k && !s->venue) {
                diag_error(c->d, k->loc, "an article's '%s' needs its journal", k->text);
                diag_hint(c->d, "add 'journal:' (the journal's name, set in italics)");
            }
        }
        const ynode *pk = ynode_get_key(e, "publisher");
        if (pk && (s->volume || s->issue)) {
            diag_warning(c->d, pk->loc, "an article in a journal's volume or issue does not print "
                                        "'publisher'");
            diag_hint(c->d, "Chicago names the journal, not its publisher; leave 'publisher' out");
        }
    }
    if (s->type == SOURCE_TREATY && !s->series) {
        static const char *const need_series[] = {"volume", "page"};
        for (size_t i = 0; i < 2; i++) {
            const ynode *k = ynode_get_key(e, need_series[i]);
            if (k) {
                diag_error(c->d, k->loc, "a treaty's '%s' needs its treaty series", k->text);
                diag_hint(c->d, "add 'series:' (189 U.N.T.S. 137 is volume 189 of series U.N.T.S., "
                                "page 137)");
            }
        }
    }
}

ynode *brief_read_yaml(checker *c, const char *path, src_loc at, const char *hint,
                       const char **text, size_t *text_len)
{
    char *data;
    size_t len;
    if (!file_read(c->a, path, MAX_LIBRARY_BYTES, &data, &len)) {
        diag_error(c->d, at, "cannot read '%s': %s", path,
                   errno == EFBIG ? "it is larger than 16 MiB" : file_strerror(errno));
        if (hint)
            diag_hint(c->d, "%s", hint);
        return NULL;
    }
    diag_add_source(c->d, path, data, len);
    size_t bad = utf8_first_invalid(data, len);
    if (bad < len) {
        diag_error(c->d, brief_offset_loc(path, data, bad),
                   "this byte is not UTF-8; save the file as UTF-8 text");
        return NULL;
    }
    bool empty;
    ynode *root = ynode_load(c->a, c->d, path, data, len, &empty);
    if (empty)
        diag_error(c->d, (src_loc){path, 1, 1}, "the file is empty");
    if (text) {
        *text = data;
        *text_len = len;
    }
    return root;
}

char *brief_library_file(checker *c, const char *name)
{
    const char *dir = "library";
    if (c->library && c->library->kind == YNODE_SCALAR && c->library->len)
        dir = c->library->text;
    return file_join(c->a, file_join(c->a, c->b->dir, dir), name);
}

static void load_sources(checker *c, const char *path)
{
    brief *b = c->b;
    const ynode *at = c->selection ? c->selection : c->library;
    ynode *root = brief_read_yaml(c, path, at ? at->loc : (src_loc){b->path, 1, 1},
                                  "a brief that selects sources needs a library folder with sources.yaml",
                                  NULL, NULL);
    if (!root)
        return;
    if (root->kind != YNODE_SEQUENCE) {
        diag_error(c->d, root->loc, "sources.yaml is a list of sources ('- id: ...'), not %s",
                   ynode_kind_name(root));
        return;
    }
    b->sources = arena_alloc(c->a, (root->n + 1) * sizeof *b->sources);
    for (size_t i = 0; i < root->n; i++) {
        const ynode *e = root->items[i];
        if (e->kind != YNODE_MAPPING) {
            diag_error(c->d, e->loc, "a source is a mapping of keys (id:, type:, title:, ...)");
            continue;
        }
        c->source = &b->sources[b->n_sources];
        memset(c->source, 0, sizeof *c->source);
        c->source->loc = e->loc;
        int errors = diag_error_count(c->d);
        brief_check_mapping(c, e, source_fields, sizeof source_fields / sizeof source_fields[0],
                            "a source");
        if (!c->source->id || diag_error_count(c->d) > errors)
            continue;
        check_by_type(c, e);
        if (diag_error_count(c->d) > errors)
            continue;
        const ynode *idn = ynode_get(e, "id");
        for (size_t k = 0; k < b->n_sources; k++)
            if (strcmp(b->sources[k].id, c->source->id) == 0) {
                diag_error(c->d, idn->loc, "duplicate source id '%s'", c->source->id);
                diag_note(c->d, b->sources[k].loc, "'%s' is first defined here", c->source->id);
                c->source = NULL;
                break;
            }
        if (c->source)
            b->n_sources++;
    }
    c->source = NULL;
}

void brief_load_library(checker *c)
{
    brief *b = c->b;
    if (!c->selection)
        return;
    if (c->library && (c->library->kind != YNODE_SCALAR || !c->library->len)) {
        diag_error(c->d, c->library->loc, "'library' must be the path of a folder");
        return;
    }
    char *path = brief_library_file(c, "sources.yaml");
    load_sources(c, path);
    if (c->selection->kind != YNODE_SEQUENCE) {
        diag_error(c->d, c->selection->loc, "'sources' must be a list of source ids, not %s",
                   ynode_kind_name(c->selection));
        return;
    }
    const char **ids = arena_alloc(c->a, (b->n_sources + 1) * sizeof *ids);
    for (size_t i = 0; i < b->n_sources; i++)
        ids[i] = b->sources[i].id;
    for (size_t i = 0; i < c->selection->n; i++) {
        const ynode *v = c->selection->items[i];
        if (!brief_want_string(c, c->selection, v, true))
            continue;
        size_t k = 0;
        while (k < b->n_sources && strcmp(b->sources[k].id, v->text) != 0)
            k++;
        if (k == b->n_sources) {
            diag_error(c->d, v->loc, "unknown source '%s'", v->text);
            brief_hint_near(c, v->text, ids, b->n_sources,
                            "the library's sources are defined in %s", path);
            continue;
        }
        if (b->sources[k].selected) {
            diag_warning(c->d, v->loc, "source '%s' is selected twice", v->text);
            continue;
        }
        b->sources[k].selected = true;
        b->sources[k].selected_at = v->loc;
        if (b->sources[k].type == SOURCE_WEB && !b->sources[k].accessed)
            diag_warning(c->d, b->sources[k].loc, "web source '%s' has no access date",
                         b->sources[k].id);
    }
}
