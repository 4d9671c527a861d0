/*
 * cite.c: Chicago notes-bibliography citations (see cite.h), after the
 * Chicago Manual of Style, 17th ed., ch. 14; each type's pattern is in
 * docs/CITATIONS.md. In short:
 *
 *   note:  Author, Title, venue, series no. N (Place: Publisher, Date), locator, URL.
 *   short: Author, Short Title, locator.
 *   entry: Author. Title. Venue. Series no. N. Place: Publisher, Date. URL.
 *
 * Books, reports and UN documents have italic titles; articles,
 * testimony, press releases and web pages have theirs in quotation marks;
 * a treaty's name is roman (CMOS 8.84). A comma or period that follows a
 * quoted title goes inside its closing quotation mark, once. The words
 * the style adds (dates, "accessed", "et al.", "and", "no.") are the
 * brief's language's (lang.c); the sources' own texts stay as written.
 */
#include "content/cite.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "content/content.h"

#define LQUOTE "\xe2\x80\x9c"
#define RQUOTE "\xe2\x80\x9d"

void cite_init(cite_state *cs, arena *a, const brief *b)
{
    cs->b = b;
    cs->lang = content_lang(b->lang);
    cs->cited = arena_alloc(a, (b->n_sources + 1) * sizeof *cs->cited);
    cs->listed = arena_alloc(a, (b->n_sources + 1) * sizeof *cs->listed);
    cs->rec_reported = arena_alloc(a, (b->n_sources + 1) * sizeof *cs->rec_reported);
    cs->rec = NULL;
    cs->scratch = arena_new();
}

void cite_fini(cite_state *cs)
{
    arena_free(cs->scratch);
    cs->scratch = NULL;
}

static bool italic_title(brief_source_type t)
{
    return t == SOURCE_REPORT || t == SOURCE_BOOK || t == SOURCE_UN_DOCUMENT;
}

static bool quoted_title(brief_source_type t)
{
    return !italic_title(t) && t != SOURCE_TREATY;
}

/* Appends text as a run of the paragraph. Library text gets the smart
 * punctuation Markdown gets (an apostrophe, "--"), but links stay as
 * written. */
static void put(arena *a, doc_block *p, const char *s, unsigned style, const char *link, src_loc loc)
{
    size_t n = strlen(s);
    if (!n)
        return;
    /* Text in the style of the run before joins it: a note is a dozen
     * pieces (names, title, separators), and 50,000 citations would
     * otherwise be 600,000 runs. Layout sets a run in the style of the one
     * before as one, so the page is the same. The run's text is this
     * citation's own (the same place), so it grows where it is. */
    doc_run *last = p->n_runs ? &p->runs[p->n_runs - 1] : NULL;
    if (!link && last && last->kind == RUN_TEXT && !last->link && last->style == style &&
        last->loc.file == loc.file && last->loc.line == loc.line && last->loc.col == loc.col) {
        last->text = doc_typographic_append(a, (char *)last->text, &last->len, s);
        return;
    }
    const char *t = link ? arena_strndup(a, s, n) : doc_typographic(a, s, &n);
    doc_run *r = doc_block_add_run(a, p, RUN_TEXT);
    r->text = t;
    r->len = n;
    r->style = style;
    r->link = link;
    r->loc = loc;
}

/* One citation being written into a paragraph: its elements are joined
 * by `sep` (',' in notes, '.' in the source list), and `any` says
 * whether an element has been written, since a note's paragraph may
 * already hold an earlier citation. */
typedef struct writer {
    arena *a;
    doc_block *p;
    src_loc loc;
    char sep;
    bool any;
} writer;

/* Adds a comma, period or colon after what was written: inside a closing
 * quotation mark for a comma or period (Chicago's rule), never after a
 * question or exclamation mark, and never a second period. */
static void mark(writer *w, char ch)
{
    doc_run *r = w->p->n_runs ? &w->p->runs[w->p->n_runs - 1] : NULL;
    if (r && r->len) {
        bool quote = r->len >= 3 && memcmp(r->text + r->len - 3, RQUOTE, 3) == 0;
        size_t end = quote ? r->len - 3 : r->len;
        char prev = end ? r->text[end - 1] : 0;
        /* A closing quotation mark may be a run of its own after the title's. */
        if (!end && w->p->n_runs > 1 && r[-1].len)
            prev = r[-1].text[r[-1].len - 1];
        if ((ch == '.' || ch == ',') && (prev == '?' || prev == '!'))
            return;
        if (ch == '.' && prev == '.')
            return;
        if (quote && (ch == '.' || ch == ',')) {
            r->text = arena_printf(w->a, "%.*s%c" RQUOTE, (int)end, r->text, ch);
            r->len++;
            return;
        }
    }
    char s[2] = {ch, 0};
    put(w->a, w->p, s, 0, NULL, w->loc);
}

/* Continues the current element. */
static void cont(writer *w, const char *s, unsigned style)
{
    if (s && *s) {
        put(w->a, w->p, s, style, NULL, w->loc);
        w->any = true;
    }
}

/* Starts a new element: the separator, then s. */
static void item(writer *w, const char *s, unsigned style)
{
    if (!s || !*s)
        return;
    if (w->any) {
        mark(w, w->sep);
        put(w->a, w->p, " ", 0, NULL, w->loc);
    }
    cont(w, s, style);
}

static void item_link(writer *w, const char *url)
{
    if (w->any) {
        mark(w, w->sep);
        put(w->a, w->p, " ", 0, NULL, w->loc);
    }
    put(w->a, w->p, url, 0, url, w->loc);
    w->any = true;
}

/* 2023-06-13 -> "13 June 2023"; 2002-11 -> "November 2002" (or the
 * language's form); a year stays as written. */
static const char *nice_date(arena *a, const doc_lang *l, const char *d)
{
    if (!d || strlen(d) < 7)
        return d;
    int m = atoi(d + 5);
    if (m < 1 || m > 12)
        return d;
    return doc_lang_date(a, l, atoi(d), m, strlen(d) >= 10 ? atoi(d + 8) : 0);
}

/* A sentence's first letter: a venue or series opens one in the list. */
static const char *capital(arena *a, const char *s)
{
    if (!s || s[0] < 'a' || s[0] > 'z')
        return s;
    char *t = arena_strdup(a, s);
    t[0] = (char)(t[0] - 32);
    return t;
}

/* A person's surname for short notes; an organisation stays whole. */
static const char *surname(arena *a, const char *name)
{
    static const char *const org[] = {"Watch", "Commission", "Ministry", "Nations", "Office",
                                      "Council", "Rights", "Committee", "Institute", "Agency",
                                      "Association", "Center", "Centre", "Foundation",
                                      "Alliance", "Network", "Organization", "University",
                                      "Government", "Programme", "Program", "News", "Post",
                                      "Times", "Herald", "Yonhap", "Assembly", "Congress",
                                      "Team", "Group", "Project"};
    for (size_t i = 0; i < sizeof org / sizeof org[0]; i++)
        if (strstr(name, org[i]))
            return name;
    const char *sp = strrchr(name, ' ');
    return sp ? arena_strdup(a, sp + 1) : name;
}

/* A note's authors: "A", "A and B", "A, B, and C" (the serial comma), and
 * from four on "A et al." (CMOS 14.76), in the language's words; short
 * notes give surnames. */
static const char *note_authors(arena *a, const doc_lang *l, const brief_source *s,
                                bool surnames)
{
    if (!s->n_authors)
        return NULL;
    const char *first = surnames ? surname(a, s->authors[0]) : s->authors[0];
    if (s->n_authors > 3)
        return doc_lang_fill(a, l->et_al, first, NULL);
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < s->n_authors; i++) {
        if (i)
            buf_puts(&b, i + 1 < s->n_authors ? l->and_list
                         : s->n_authors > 2   ? l->and_last
                                              : l->and_two);
        buf_puts(&b, surnames ? surname(a, s->authors[i]) : s->authors[i]);
    }
    const char *r = buf_to_arena(&b, a);
    buf_fini(&b);
    return r;
}

/* Chicago's short title: the main title (before a colon), at most four
 * words, never ending on a small word ("and", "of", ...). */
static const char *short_title(arena *a, const brief_source *s)
{
    if (s->short_title)
        return s->short_title;
    const char *t = s->title;
    size_t n = strcspn(t, ":");
    int words = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i] == ' ' && ++words == 4) {
            n = i;
            break;
        }
    static const char *const small[] = {"and", "of", "the", "in", "from", "for", "to", "a",
                                        "an", "on", "with", "by", "at"};
    for (;;) {
        const char *sp = NULL;
        for (size_t i = 0; i < n; i++)
            if (t[i] == ' ')
                sp = t + i;
        if (!sp)
            break;
        bool cut = false;
        for (size_t k = 0; k < sizeof small / sizeof small[0]; k++)
            if (strlen(small[k]) == (size_t)(t + n - sp - 1) && strncmp(sp + 1, small[k], strlen(small[k])) == 0)
                cut = true;
        if (!cut)
            break;
        n = (size_t)(sp - t);
    }
    return arena_strndup(a, t, n);
}

/* "Jung-Hoon Lee" -> "Lee, Jung-Hoon" for a person; organisations as written. */
static const char *inverted(arena *a, const brief_source *s)
{
    if (!s->n_authors)
        return NULL;
    const char *name = s->authors[0];
    const char *sur = surname(a, name);
    if (sur == name || strcmp(sur, name) == 0)
        return name;
    size_t n = strlen(name) - strlen(sur);
    while (n && name[n - 1] == ' ')
        n--;
    return arena_printf(a, "%s, %.*s", sur, (int)n, name);
}

/* The title as its type sets it: italic, in quotation marks, or roman. */
static void title_item(writer *w, const brief_source *s, const char *t)
{
    if (italic_title(s->type)) {
        item(w, t, DOC_STYLE_ITALIC);
    } else if (quoted_title(s->type)) {
        item(w, LQUOTE, 0);
        cont(w, t, 0);
        cont(w, RQUOTE, 0);
    } else {
        item(w, t, 0);
    }
}

/* Page ranges take an en dash: "128-31" and "128--31" -> "128–31". */
static const char *dashes(arena *a, const char *s)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '-' && s[i + 1] == '-') {
            buf_puts(&b, "\xe2\x80\x93");
            i++;
        } else if (s[i] == '-' && i && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' &&
                   s[i + 1] <= '9') {
            buf_puts(&b, "\xe2\x80\x93");
        } else {
            buf_putc(&b, s[i]);
        }
    }
    const char *r = buf_to_arena(&b, a);
    buf_fini(&b);
    return r;
}

/* "Series no. 8", "no. 8", "Series", or NULL: where a report or book
 * stands in its series. */
static const char *series_number(arena *a, const doc_lang *l, const brief_source *s)
{
    const char *no = s->number ? doc_lang_fill(a, l->number, s->number, NULL) : NULL;
    if (s->series && no)
        return arena_printf(a, "%s %s", s->series, no);
    return no ? no : s->series;
}

/* "Place: Publisher, Date" (any part may be missing), or NULL. */
static const char *facts(arena *a, const doc_lang *l, const brief_source *s)
{
    buf b;
    buf_init(&b);
    if (s->place)
        buf_puts(&b, s->place);
    if (s->publisher)
        buf_printf(&b, "%s%s", b.len ? ": " : "", s->publisher);
    if (s->date)
        buf_printf(&b, "%s%s", b.len ? ", " : "", nice_date(a, l, s->date));
    const char *r = b.len ? buf_to_arena(&b, a) : NULL;
    buf_fini(&b);
    return r;
}

/* A treaty's place in its series: "189 U.N.T.S. 137". */
static const char *treaty_series(arena *a, const brief_source *s)
{
    if (!s->series)
        return NULL;
    return arena_printf(a, "%s%s%s%s%s", s->volume ? s->volume : "", s->volume ? " " : "",
                        s->series, s->page ? " " : "", s->page ? s->page : "");
}

/* An article's journal facts: " 14, no. 2 (2015)". */
static const char *journal_facts(arena *a, const doc_lang *l, const brief_source *s)
{
    buf b;
    buf_init(&b);
    if (s->volume)
        buf_printf(&b, " %s", s->volume);
    if (s->issue)
        buf_printf(&b, ", %s", doc_lang_fill(a, l->number, s->issue, NULL));
    if (s->date)
        buf_printf(&b, " (%s)", nice_date(a, l, s->date));
    const char *r = buf_to_arena(&b, a);
    buf_fini(&b);
    return r;
}

static bool journal_form(const brief_source *s)
{
    return s->type == SOURCE_ARTICLE && (s->volume || s->issue);
}

/* A locator that names pages, bare for the place after an article's
 * colon ("p. 130" -> "130"); NULL for any other ("table 2", "n. 4"). */
static const char *bare_pages(const char *locator)
{
    if (strncmp(locator, "pp. ", 4) == 0)
        return locator + 4;
    if (strncmp(locator, "p. ", 3) == 0)
        return locator + 3;
    return locator[0] >= '0' && locator[0] <= '9' ? locator : NULL;
}

static void full_note(arena *a, const doc_lang *l, doc_block *p, const brief_source *s,
                      const char *locator, src_loc loc)
{
    writer w = {a, p, loc, ',', false};
    if (locator && !*locator)
        locator = NULL;
    item(&w, note_authors(a, l, s, false), 0);
    title_item(&w, s, s->title);
    const char *date = nice_date(a, l, s->date);
    if (italic_title(s->type)) {
        item(&w, s->venue, 0);
        if (s->type == SOURCE_UN_DOCUMENT)
            item(&w, s->symbol, 0);
        item(&w, series_number(a, l, s), 0);
        const char *f = facts(a, l, s);
        if (f)
            cont(&w, arena_printf(a, " (%s)", f), 0);
    } else if (s->type == SOURCE_TREATY) {
        item(&w, s->venue, 0);
        item(&w, date, 0);
        item(&w, treaty_series(a, s), 0);
    } else if (journal_form(s)) {
        item(&w, s->venue, DOC_STYLE_ITALIC);
        cont(&w, journal_facts(a, l, s), 0);
        /* The page cited replaces the article's range after the colon. */
        const char *pages = locator ? bare_pages(locator) : NULL;
        if (pages)
            locator = NULL;
        else
            pages = s->pages;
        if (pages)
            cont(&w, arena_printf(a, ": %s", dashes(a, pages)), 0);
    } else {
        item(&w, s->venue, s->type == SOURCE_ARTICLE ? DOC_STYLE_ITALIC : 0);
        item(&w, s->publisher, 0);
        item(&w, date, 0);
        if (s->pages && !locator)
            item(&w, dashes(a, s->pages), 0);
    }
    item(&w, locator, 0);
    /* Chicago gives a web page's access date before its address. */
    if (s->accessed)
        item(&w, doc_lang_fill(a, l->accessed, nice_date(a, l, s->accessed), NULL), 0);
    if (s->url)
        item_link(&w, s->url);
}

static void short_note(arena *a, const doc_lang *l, doc_block *p, const brief_source *s,
                       const char *locator, src_loc loc)
{
    writer w = {a, p, loc, ',', false};
    item(&w, note_authors(a, l, s, true), 0);
    title_item(&w, s, short_title(a, s));
    if (locator && *locator)
        item(&w, locator, 0);
}

/* The source list's entry: the first author inverted for sorting, the
 * others as written; each part a sentence of its own. */
static void bibliography_entry(arena *a, const doc_lang *l, doc_block *p, const brief_source *s,
                               src_loc loc)
{
    writer w = {a, p, loc, '.', false};
    if (s->n_authors) {
        buf au;
        buf_init(&au);
        buf_puts(&au, inverted(a, s));
        for (size_t k = 1; k < s->n_authors; k++)
            buf_printf(&au, "%s%s", k + 1 == s->n_authors ? l->and_last : l->and_list,
                       s->authors[k]);
        item(&w, buf_to_arena(&au, a), 0);
        buf_fini(&au);
    }
    title_item(&w, s, s->title);
    const char *date = nice_date(a, l, s->date);
    if (italic_title(s->type)) {
        item(&w, capital(a, s->venue), 0);
        if (s->type == SOURCE_UN_DOCUMENT)
            item(&w, s->symbol, 0);
        item(&w, capital(a, series_number(a, l, s)), 0);
        item(&w, facts(a, l, s), 0);
    } else if (s->type == SOURCE_TREATY) {
        item(&w, capital(a, s->venue), 0);
        item(&w, date, 0);
        item(&w, treaty_series(a, s), 0);
    } else if (journal_form(s)) {
        item(&w, s->venue, DOC_STYLE_ITALIC);
        cont(&w, journal_facts(a, l, s), 0);
        if (s->pages)
            cont(&w, arena_printf(a, ": %s", dashes(a, s->pages)), 0);
    } else {
        /* Venue, publisher, date (and pages) make one sentence. */
        buf rest;
        buf_init(&rest);
        if (s->publisher)
            buf_puts(&rest, s->publisher);
        if (date)
            buf_printf(&rest, "%s%s", rest.len ? ", " : "", date);
        if (s->pages)
            buf_printf(&rest, "%s%s", rest.len ? ", " : "", dashes(a, s->pages));
        const char *r = rest.len ? buf_to_arena(&rest, a) : NULL;
        buf_fini(&rest);
        if (s->venue) {
            item(&w, capital(a, s->venue), s->type == SOURCE_ARTICLE ? DOC_STYLE_ITALIC : 0);
            if (r)
                cont(&w, arena_printf(a, ", %s", r), 0);
        } else {
            item(&w, capital(a, r), 0);
        }
    }
    if (s->accessed)
        item(&w, doc_lang_fill(a, l->accessed_entry, nice_date(a, l, s->accessed), NULL), 0);
    if (s->url)
        item_link(&w, s->url);
    mark(&w, '.');
}

static int find(const brief *b, const char *id)
{
    for (size_t i = 0; i < b->n_sources; i++)
        if (strcmp(b->sources[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Trims spaces and commas; "--" becomes an en dash ("pp. 5--7"). */
static char *trim(arena *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == ','))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && s[i] == '-' && s[i + 1] == '-') {
            buf_puts(&b, "\xe2\x80\x93");
            i++;
        } else {
            buf_putc(&b, s[i]);
        }
    }
    char *r = buf_to_arena(&b, a);
    buf_fini(&b);
    return r;
}

/* Ends a note: the period (inside a closing quotation mark), and a
 * capital first letter ("see" -> "See"). */
static void close_note(arena *a, doc_block *p, src_loc loc)
{
    writer w = {a, p, loc, ',', true};
    mark(&w, '.');
    if (p->n_runs && p->runs[0].len && p->runs[0].text[0] >= 'a' && p->runs[0].text[0] <= 'z') {
        char *t = arena_strndup(a, p->runs[0].text, p->runs[0].len);
        t[0] = (char)(t[0] - 32);
        p->runs[0].text = t;
    }
}

/* A recommendation citing a source the brief does not select: the brief
 * must change (its sources:, or its choice of recommendations), so the
 * error is at its select: key, with a note at the citation; once per
 * source (i < 0: the brief selects no sources, so none is loaded). */
static bool unselected_in_rec(diag_list *d, cite_state *cs, int i, const char *id, src_loc at)
{
    if (i >= 0 && cs->rec_reported[i])
        return false;
    if (i >= 0)
        cs->rec_reported[i] = true;
    diag_error(d, cs->b->recs_select_at,
               "recommendation '%s' cites source '%s', which this brief does not select",
               cs->rec->id, id);
    diag_note(d, at, "'%s' cites '@%s' here", cs->rec->id, id);
    diag_hint(d, "add '%s' to the brief's 'sources:' list, or leave '%s' out of its "
                 "recommendations", id, cs->rec->id);
    return false;
}

/* The note is built in scratch memory, where its runs double and its
 * texts grow, and the document takes an exact copy: built in place,
 * 50,000 citations left 20 MB of outgrown arrays and working strings
 * (names, short titles, locators) in the document's arena. */
static doc_block *note_in(arena *a, diag_list *d, cite_state *cs, const char *text, size_t len,
                          src_loc loc);

doc_block *cite_note(arena *doc_a, diag_list *d, cite_state *cs, const char *text, size_t len,
                     src_loc loc)
{
    doc_block *p = note_in(cs->scratch, d, cs, text, len, loc);
    doc_block *kept = p ? doc_block_copy(doc_a, p) : NULL;
    arena_reset(cs->scratch);
    return kept;
}

static doc_block *note_in(arena *a, diag_list *d, cite_state *cs, const char *text, size_t len,
                          src_loc loc)
{
    const brief *b = cs->b;
    doc_block *p = doc_block_new(a, DOC_PARAGRAPH, loc);
    bool ok = true;
    size_t start = 0;
    int items = 0;
    while (start <= len) {
        const char *semi = memchr(text + start, ';', len - start);
        size_t end = semi ? (size_t)(semi - text) : len;
        const char *at = memchr(text + start, '@', end - start);
        if (!at) {
            /* Text without a key: keep it, as Pandoc does. */
            char *t = trim(a, text + start, end - start);
            if (*t) {
                put(a, p, items++ ? "; " : "", 0, NULL, loc);
                put(a, p, t, 0, NULL, loc);
            }
        } else {
            size_t k0 = (size_t)(at - text) + 1, k1 = k0;
            while (k1 < end && (text[k1] == '_' || text[k1] == '-' || text[k1] == ':' ||
                                text[k1] == '.' || (text[k1] >= '0' && text[k1] <= '9') ||
                                ((text[k1] | 32) >= 'a' && (text[k1] | 32) <= 'z')))
                k1++;
            while (k1 > k0 && (text[k1 - 1] == '.' || text[k1 - 1] == ':'))
                k1--;
            char *id = arena_strndup(a, text + k0, k1 - k0);
            char *prefix = trim(a, text + start, (size_t)(at - text) - start);
            char *locator = trim(a, text + k1, end - k1);
            src_loc kl = loc;
            kl.col += (int)(at - text) + 1;
            int i = find(b, id);
            if (cs->rec && (i < 0 ? !b->n_sources : !b->sources[i].selected)) {
                ok = unselected_in_rec(d, cs, i, id, kl);
            } else if (i < 0) {
                ok = diag_error(d, kl, "unknown source '@%s'", id);
                const char **ids = arena_alloc(a, (b->n_sources + 1) * sizeof *ids);
                for (size_t q = 0; q < b->n_sources; q++)
                    ids[q] = b->sources[q].id;
                const char *near = diag_suggest(id, ids, b->n_sources);
                if (strncmp(id, "fig:", 4) == 0)
                    diag_hint(d, "a figure reference is @%s on its own, or [@%s] alone in "
                                 "brackets; in a citation it reads as a source", id, id);
                else if (near)
                    diag_hint(d, "did you mean '@%s'?", near);
                else if (!b->n_sources)
                    diag_hint(d, "list the sources this brief cites under 'sources:' in the brief");
            } else if (!b->sources[i].selected) {
                ok = diag_error(d, kl, "source '@%s' is in the library but not selected by this brief",
                                id);
                diag_hint(d, "add '%s' to the brief's 'sources:' list", id);
            } else {
                put(a, p, items++ ? "; " : "", 0, NULL, loc);
                if (*prefix)
                    put(a, p, arena_printf(a, "%s ", prefix), 0, NULL, loc);
                if (cs->cited[i])
                    short_note(a, cs->lang, p, &b->sources[i], locator, loc);
                else
                    full_note(a, cs->lang, p, &b->sources[i], locator, loc);
                cs->cited[i] = true;
            }
        }
        if (!semi)
            break;
        start = end + 1;
    }
    if (!ok)
        return NULL;
    close_note(a, p, loc);
    return p;
}

doc_block *cite_source_line(arena *a, cite_state *cs, const int *sources, const char *const *locators,
                            size_t n, src_loc loc)
{
    doc_block *p = doc_block_new(a, DOC_PARAGRAPH, loc);
    put(a, p, n > 1 ? cs->lang->sources_label : cs->lang->source, DOC_STYLE_ITALIC, NULL, loc);
    for (size_t i = 0; i < n; i++) {
        if (i)
            put(a, p, "; ", 0, NULL, loc);
        full_note(a, cs->lang, p, &cs->b->sources[sources[i]], locators[i], loc);
        cs->listed[sources[i]] = true;
    }
    close_note(a, p, loc);
    return p;
}

typedef struct entry {
    const brief_source *s;
    const char *key;          /* the inverted first author, or the title */
} entry;

static int by_author(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->s->title, b->s->title);
}

void cite_bibliography(arena *a, diag_list *d, cite_state *cs, doc_block *into)
{
    const brief *b = cs->b;
    entry *list = arena_alloc(a, (b->n_sources + 1) * sizeof *list);
    size_t n = 0;
    for (size_t i = 0; i < b->n_sources; i++) {
        if (cs->cited[i] || cs->listed[i]) {
            list[n].s = &b->sources[i];
            const char *inv = inverted(a, &b->sources[i]);
            list[n++].key = inv ? inv : b->sources[i].title;
        }
        else if (b->sources[i].selected)
            diag_warning(d, b->sources[i].selected_at,
                         "source '%s' is selected but never cited", b->sources[i].id);
    }
    if (!into)
        return;
    qsort(list, n, sizeof *list, by_author);
    src_loc loc = into->loc;
    doc_block *h = doc_block_new(a, DOC_HEADING, loc);
    h->level = 1;
    put(a, h, cs->lang->sources, 0, NULL, loc);
    doc_block_append(into, h);
    for (size_t i = 0; i < n; i++) {
        doc_block *p = doc_block_new(a, DOC_PARAGRAPH, loc);
        bibliography_entry(a, cs->lang, p, list[i].s, loc);
        doc_block_append(into, p);
    }
}
