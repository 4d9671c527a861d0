/*
 * cite.c: Chicago notes-bibliography citations (see cite.h).
 *
 * Full note: Author, Title (Publisher, Date), locator, URL.
 * Short note: Author, Short Title, locator.
 * Bibliography: Author. Title. Publisher, Date. URL.
 * Books, reports, treaties and UN documents have italic titles; articles,
 * testimony, press releases and web pages have theirs in quotation marks.
 */
#include "content/cite.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

void cite_init(cite_state *cs, arena *a, const brief *b)
{
    cs->b = b;
    cs->cited = arena_alloc(a, (b->n_sources + 1) * sizeof *cs->cited);
    cs->listed = arena_alloc(a, (b->n_sources + 1) * sizeof *cs->listed);
}

static bool italic_title(brief_source_type t)
{
    return t == SOURCE_REPORT || t == SOURCE_BOOK || t == SOURCE_TREATY || t == SOURCE_UN_DOCUMENT;
}

/* Appends text as a run of the paragraph. Library text gets the smart
 * punctuation Markdown gets (an apostrophe, "--"), but links stay as
 * written. */
static void put(arena *a, doc_block *p, const char *s, unsigned style, const char *link, src_loc loc)
{
    size_t n = strlen(s);
    if (!n)
        return;
    doc_run *r = doc_block_add_run(a, p, RUN_TEXT);
    if (link) {
        r->text = arena_strndup(a, s, n);
    } else {
        r->text = doc_typographic(a, s, &n);
    }
    r->len = n;
    r->style = style;
    r->link = link;
    r->loc = loc;
}

static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December"};

/* 2023-06-13 -> "13 June 2023"; 2002-11 -> "November 2002". */
static const char *nice_date(arena *a, const char *d)
{
    if (!d || strlen(d) < 7)
        return d;
    int m = atoi(d + 5);
    if (m < 1 || m > 12)
        return d;
    if (strlen(d) >= 10)
        return arena_printf(a, "%d %s %.4s", atoi(d + 8), months[m - 1], d);
    return arena_printf(a, "%s %.4s", months[m - 1], d);
}

static const char *authors(arena *a, const brief_source *s)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < s->n_authors; i++) {
        if (i)
            buf_puts(&b, i + 1 == s->n_authors ? " and " : ", ");
        buf_puts(&b, s->authors[i]);
    }
    const char *r = buf_to_arena(&b, a);
    buf_fini(&b);
    return r;
}

/* A person's surname for short notes; an organisation stays whole. */
static const char *short_author(arena *a, const brief_source *s)
{
    if (!s->n_authors)
        return NULL;
    const char *name = s->authors[0];
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
    const char *sur = short_author(a, s);
    if (sur == name || strcmp(sur, name) == 0)
        return name;
    size_t n = strlen(name) - strlen(sur);
    while (n && name[n - 1] == ' ')
        n--;
    return arena_printf(a, "%s, %.*s", sur, (int)n, name);
}

static void title_runs(arena *a, doc_block *p, const brief_source *s, bool full_stop, src_loc loc)
{
    if (italic_title(s->type)) {
        put(a, p, s->title, DOC_STYLE_ITALIC, NULL, loc);
    } else {
        put(a, p, "\xe2\x80\x9c", 0, NULL, loc);
        put(a, p, s->title, 0, NULL, loc);
        put(a, p, full_stop ? ".\xe2\x80\x9d" : ",\xe2\x80\x9d", 0, NULL, loc);
    }
}

static void full_note(arena *a, doc_block *p, const brief_source *s, const char *locator,
                      src_loc loc)
{
    const char *au = authors(a, s);
    if (*au) {
        put(a, p, au, 0, NULL, loc);
        put(a, p, ", ", 0, NULL, loc);
    }
    title_runs(a, p, s, false, loc);
    const char *date = nice_date(a, s->date);
    if (italic_title(s->type)) {
        buf b;
        buf_init(&b);
        if (s->publisher)
            buf_puts(&b, s->publisher);
        if (date)
            buf_printf(&b, "%s%s", b.len ? ", " : "", date);
        if (b.len)
            put(a, p, arena_printf(a, " (%s)", b.data), 0, NULL, loc);
        buf_fini(&b);
    } else {
        if (s->venue) {
            put(a, p, " ", 0, NULL, loc);
            put(a, p, s->venue, DOC_STYLE_ITALIC, NULL, loc);
        }
        if (s->publisher)
            put(a, p, arena_printf(a, "%s%s", s->venue ? ", " : " ", s->publisher), 0, NULL, loc);
        if (date)
            put(a, p, arena_printf(a, "%s%s", s->venue || s->publisher ? ", " : " ", date), 0,
                NULL, loc);
    }
    if (locator && *locator)
        put(a, p, arena_printf(a, ", %s", locator), 0, NULL, loc);
    /* Chicago gives a web page's access date before its address. */
    if (s->accessed)
        put(a, p, arena_printf(a, ", accessed %s", nice_date(a, s->accessed)), 0, NULL, loc);
    if (s->url) {
        put(a, p, ", ", 0, NULL, loc);
        put(a, p, s->url, 0, s->url, loc);
    }
}

static void short_note(arena *a, doc_block *p, const brief_source *s, const char *locator,
                       src_loc loc)
{
    const char *au = short_author(a, s);
    if (au) {
        put(a, p, au, 0, NULL, loc);
        put(a, p, ", ", 0, NULL, loc);
    }
    brief_source shortened = *s;
    shortened.title = short_title(a, s);
    title_runs(a, p, &shortened, false, loc);
    if (locator && *locator)
        put(a, p, arena_printf(a, ", %s", locator), 0, NULL, loc);
    else if (!italic_title(s->type) && p->n_runs) {
        /* Drop the comma inside the closing quote: "Title," -> "Title". */
        doc_run *r = &p->runs[p->n_runs - 1];
        if (r->len == 4 && r->text[0] == ',')
            r->text = "\xe2\x80\x9d", r->len = 3;
    }
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
    /* The closing period goes inside a closing quotation mark. */
    doc_run *last = p->n_runs ? &p->runs[p->n_runs - 1] : NULL;
    if (last && last->len >= 3 && strcmp(last->text + last->len - 3, "\xe2\x80\x9d") == 0) {
        last->text = arena_printf(a, "%.*s.\xe2\x80\x9d", (int)last->len - 3, last->text);
        last->len += 1;
    } else {
        put(a, p, ".", 0, NULL, loc);
    }
    /* A note begins with a capital: "see" -> "See". */
    if (p->n_runs && p->runs[0].len && p->runs[0].text[0] >= 'a' && p->runs[0].text[0] <= 'z') {
        char *t = arena_strndup(a, p->runs[0].text, p->runs[0].len);
        t[0] = (char)(t[0] - 32);
        p->runs[0].text = t;
    }
}

doc_block *cite_note(arena *a, diag_list *d, cite_state *cs, const char *text, size_t len,
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
            if (i < 0) {
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
                    short_note(a, p, &b->sources[i], locator, loc);
                else
                    full_note(a, p, &b->sources[i], locator, loc);
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
    put(a, p, n > 1 ? "Sources: " : "Source: ", DOC_STYLE_ITALIC, NULL, loc);
    for (size_t i = 0; i < n; i++) {
        if (i)
            put(a, p, "; ", 0, NULL, loc);
        full_note(a, p, &cs->b->sources[sources[i]], locators[i], loc);
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
    put(a, h, "Sources", 0, NULL, loc);
    doc_block_append(into, h);
    for (size_t i = 0; i < n; i++) {
        const brief_source *s = list[i].s;
        doc_block *p = doc_block_new(a, DOC_PARAGRAPH, loc);
        if (s->n_authors) {
            /* The first author inverted for sorting, the others as written. */
            buf au;
            buf_init(&au);
            buf_puts(&au, inverted(a, s));
            for (size_t k = 1; k < s->n_authors; k++)
                buf_printf(&au, "%s%s", k + 1 == s->n_authors ? ", and " : ", ", s->authors[k]);
            bool dot = au.len && au.data[au.len - 1] == '.';
            put(a, p, arena_printf(a, "%s%s ", au.data, dot ? "" : "."), 0, NULL, loc);
            buf_fini(&au);
        }
        if (italic_title(s->type)) {
            put(a, p, s->title, DOC_STYLE_ITALIC, NULL, loc);
            put(a, p, ". ", 0, NULL, loc);
        } else {
            title_runs(a, p, s, true, loc);
            put(a, p, " ", 0, NULL, loc);
        }
        if (s->venue) {
            put(a, p, s->venue, DOC_STYLE_ITALIC, NULL, loc);
            put(a, p, ", ", 0, NULL, loc);
        }
        buf t;
        buf_init(&t);
        if (s->publisher)
            buf_puts(&t, s->publisher);
        if (s->date)
            buf_printf(&t, "%s%s", t.len ? ", " : "", nice_date(a, s->date));
        if (t.len)
            put(a, p, arena_printf(a, "%s. ", t.data), 0, NULL, loc);
        buf_fini(&t);
        if (s->accessed)
            put(a, p, arena_printf(a, "Accessed %s. ", nice_date(a, s->accessed)), 0, NULL, loc);
        if (s->url) {
            put(a, p, s->url, 0, s->url, loc);
            put(a, p, ".", 0, NULL, loc);
        }
        doc_block_append(into, p);
    }
}
