/*
 * test_brief_schema.c: brief_load against the schema of issue 2. A good
 * brief fills every field of the model (inline Markdown with the offsets
 * that map it back into the YAML); each kind of mistake is an error at
 * the exact line:col of the offending key or value, with its message and
 * hint; and one run reports every error of a file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brief/brief.h"
#include "../harness.h"

#define DATA "tests/brief/data"
#define TODAY "2026-11-22"

/* ---- helpers ---- */

static char tmp[64];   /* a scratch folder: tmp/brief/ holds the briefs */

static void write_file(const char *rel, const char *text, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
}

static void make_scratch(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/briefc-schema-XXXXXX");
    if (!mkdtemp(tmp))
        abort();
    char p[256];
    snprintf(p, sizeof p, "%s/brief", tmp);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/brief/sections", tmp);
    mkdir(p, 0755);
    write_file("brief/sections/ok.md", "Text.\n", 6);
    write_file("outside.md", "Outside.\n", 9);
    char target[256];
    snprintf(target, sizeof target, "%s/outside.md", tmp);
    snprintf(p, sizeof p, "%s/brief/sections/link.md", tmp);
    if (symlink(target, p) != 0)
        abort();
}

static void remove_scratch(void)
{
    const char *files[] = {"brief/sections/ok.md", "brief/sections/link.md", "outside.md",
                           "brief/b.yaml", "brief/sections", "brief", ""};
    char p[256];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", tmp, files[i]);
        if (unlink(p) != 0)
            rmdir(p);
    }
}

typedef struct run {
    arena *a;
    diag_list *d;
    brief *b;
} run;

static run load_path(const char *path)
{
    run r = {arena_new(), diag_new(), NULL};
    r.b = brief_load(r.a, r.d, path, TODAY);
    return r;
}

/* Writes yaml as tmp/brief/b.yaml and loads it. */
static run load_text(const char *yaml)
{
    write_file("brief/b.yaml", yaml, strlen(yaml));
    char path[256];
    snprintf(path, sizeof path, "%s/brief/b.yaml", tmp);
    return load_path(path);
}

static void done_run(run *r)
{
    arena_free(r->a);
    diag_free(r->d);
}

static const diag_entry *nth_error(const diag_list *d, size_t i)
{
    for (size_t k = 0; k < diag_count(d); k++) {
        const diag_entry *e = diag_get(d, k);
        if (e->severity == DIAG_ERROR && i-- == 0)
            return e;
    }
    return NULL;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t ls = strlen(s), lt = strlen(tail);
    return ls >= lt && strcmp(s + ls - lt, tail) == 0;
}

/* One expected error: where, and what it says (exactly, or a part). */
typedef struct expect {
    const char *file_tail;
    int line, col;
    const char *message;   /* exact */
    const char *hint;      /* a part of the hint, or NULL */
} expect;

static void check_error(const diag_entry *e, const expect *x)
{
    char what[512];
    snprintf(what, sizeof what, "%s:%d:%d: %s", x->file_tail, x->line, x->col, x->message);
    bool ok = e && ends_with(e->loc.file, x->file_tail) && e->loc.line == x->line &&
              e->loc.col == x->col && strcmp(e->message, x->message) == 0 &&
              (!x->hint || (e->hint && strstr(e->hint, x->hint)));
    if (!CHECK(ok, what) && e)
        printf("#   got %s:%d:%d: %s [hint: %s]\n", e->loc.file, e->loc.line, e->loc.col,
               e->message, e->hint ? e->hint : "-");
}

/* Loads yaml; expects exactly one error, as described. */
static void one_error(const char *yaml, const expect x)
{
    run r = load_text(yaml);
    check_error(nth_error(r.d, 0), &x);
    if (!CHECK(!r.b && diag_error_count(r.d) == 1, "  ... and only that error, no brief"))
        for (size_t i = 0; i < diag_count(r.d); i++)
            printf("#   %d:%d %s\n", diag_get(r.d, i)->loc.line, diag_get(r.d, i)->loc.col,
                   diag_get(r.d, i)->message);
    done_run(&r);
}

/* ---- a good brief ---- */

static void test_good_brief(void)
{
    run r = load_path(DATA "/good.yaml");
    brief *b = r.b;
    CHECK(b != NULL && diag_count(r.d) == 0, "good.yaml loads without diagnostics");
    if (!b) {
        done_run(&r);
        return;
    }
    CHECK_STR(b->path, DATA "/good.yaml", "path as given");
    CHECK_STR(b->dir, DATA, "dir is the brief's folder");
    CHECK_STR(b->title, "Forced Returns", "title");
    CHECK_STR(b->subtitle, "Policy brief", "subtitle");
    CHECK_INT(b->n_authors, 2, "two authors");
    if (b->n_authors == 2) {
        CHECK_STR(b->authors[0], "Human Rights Watch", "author 1");
        CHECK_STR(b->authors[1], "Jane Doe", "author 2");
    }
    CHECK(b->has_date && b->year == 2024 && b->month == 2 && b->day == 29,
          "date 2024-02-29 (a leap day)");
    CHECK(b->paper == PAPER_A4 && b->paper_given, "paper a4");
    CHECK_INT(b->n_sections, 4, "four sections, in order");
    if (b->n_sections != 4) {
        done_run(&r);
        return;
    }
    const brief_section *s = &b->sections[0];
    CHECK(s->kind == SECTION_MARKDOWN, "section 1 is Markdown");
    CHECK_STR(s->file, DATA "/sections/summary.md", "section 1 comes from its file");
    CHECK_STR(s->text, "# Summary\n\nThe situation in brief.\n", "section 1's text is the file's");
    CHECK_INT(s->len, 35, "section 1's length");
    CHECK(s->line_offset == 1 && s->col_offset == 1, "a file section starts at 1:1");
    CHECK(s->loc.line == 10 && s->loc.col == 5, "section 1's entry at 10:5");

    s = &b->sections[1];
    CHECK_STR(s->file, DATA "/good.yaml", "inline Markdown: its file is the brief");
    CHECK_STR(s->text, "## A heading\n\nText with *emphasis*.\n", "literal block text");
    CHECK_INT(s->line_offset, 12, "literal block: line of its first content line");
    CHECK_INT(s->col_offset, 7, "literal block: its indentation + 1");
    /* "Text" is Markdown 3:1, so YAML 14:7. */
    CHECK_INT(s->line_offset + 3 - 1, 14, "Markdown line 3 maps to YAML line 14");

    s = &b->sections[2];
    CHECK_STR(s->text, "Quoted **inline** text.", "quoted inline text");
    CHECK(s->line_offset == 15 && s->col_offset == 16, "quoted: just after the quote (15:16)");

    s = &b->sections[3];
    CHECK_STR(s->text, "Folded text on two lines.\n", "folded text");
    CHECK(s->line_offset == 17 && s->col_offset == 7, "folded: first line exact (17:7)");
    done_run(&r);

    r = load_text("title: T\nauthor: One Author\ndate: today\nsections:\n  - markdown: x\n");
    b = r.b;
    CHECK(b && b->n_authors == 1 && strcmp(b->authors[0], "One Author") == 0,
          "author as one string");
    CHECK(b && b->has_date && b->year == 2026 && b->month == 11 && b->day == 22,
          "date: today takes the today argument");
    CHECK(b && b->paper == PAPER_LETTER && !b->paper_given, "paper defaults to letter");
    CHECK(b && b->subtitle == NULL, "no subtitle: NULL");
    done_run(&r);

    r = load_text("title: T\ndate: 2026-11\npaper: A4\nsections:\n  - file: ../brief/sections/ok.md\n");
    b = r.b;
    CHECK(b && b->has_date && b->year == 2026 && b->month == 11 && b->day == 0,
          "date YYYY-MM: day 0");
    CHECK(b && b->paper == PAPER_A4, "paper A4");
    CHECK(b && b->n_sections == 1 && strcmp(b->sections[0].text, "Text.\n") == 0,
          "a '..' path that comes back inside the folder is fine");
    done_run(&r);

    r = load_text("title: T\nsections:\n  - markdown: \"one\"\n  - markdown: |\n\n      after a blank\n");
    b = r.b;
    CHECK(b && b->n_sections == 2 && b->sections[1].line_offset == 5 &&
          b->sections[1].col_offset == 7, "a literal block with a leading blank line: 5:7");
    CHECK(b && b->sections[1].text && strcmp(b->sections[1].text, "\nafter a blank\n") == 0,
          "  ... whose text starts with that blank line");
    done_run(&r);
}

/* ---- every error of one file ---- */

static void test_all_errors_reported(void)
{
    static const expect want[] = {
        {"errors.yaml", 1, 1, "unknown key 'titel' in a brief", "did you mean 'title'?"},
        {"errors.yaml", 2, 11, "'subtitle' must be text, not a list", NULL},
        {"errors.yaml", 3, 8, "unknown paper size 'leter'", "did you mean 'letter'?"},
        {"errors.yaml", 4, 7, "'2026-02-30' is not a date", "February 2026 has 28 days"},
        {"errors.yaml", 5, 9, "'author' must be text or a list of texts, not a mapping", NULL},
        {"errors.yaml", 7, 11, "cannot open section file '" DATA "/sections/missing.md': "
                               "No such file or directory", NULL},
        {"errors.yaml", 9, 5, "a section takes one of 'file', 'markdown', 'figure' and 'annex', not two", NULL},
        {"errors.yaml", 10, 5, "unknown section kind 'fiel'", "did you mean 'file'?"},
        {"errors.yaml", 11, 11, "section files must be inside the brief's folder; "
                                "'../outside.md' leads out of it", "put the file under /"},
        {"errors.yaml", 12, 11, "section files must be inside the brief's folder; "
                                "'../test_brief_schema.c' leads out of it", NULL},
        {"errors.yaml", 13, 11, "section files must be inside the brief's folder; "
                                "'/etc/passwd' is an absolute path", NULL},
        {"sections/latin1.md", 3, 3, "this byte is not UTF-8; save the file as UTF-8 text", NULL},
        {"errors.yaml", 15, 5, "a section needs 'file', 'markdown', 'figure' or 'annex', not a mapping", NULL},
        {"errors.yaml", 16, 15, "'markdown' must be text, not a list", NULL},
        {"errors.yaml", 1, 1, "a brief needs a 'title' key", NULL},
    };
    size_t n = sizeof want / sizeof want[0];
    run r = load_path(DATA "/errors.yaml");
    CHECK(r.b == NULL, "errors.yaml gives no brief");
    CHECK_INT(diag_error_count(r.d), (long long)n, "every error of errors.yaml is reported");
    for (size_t i = 0; i < n; i++)
        check_error(nth_error(r.d, i), &want[i]);

    /* The note of 'not both' points at the first of the two keys. */
    const diag_entry *note = NULL;
    for (size_t i = 0; i < diag_count(r.d); i++)
        if (diag_get(r.d, i)->severity == DIAG_NOTE)
            note = diag_get(r.d, i);
    CHECK(note && note->loc.line == 8 && note->loc.col == 5 &&
          strcmp(note->message, "'markdown' is given here") == 0, "a note at the first key (8:5)");

    /* Both files were registered: the excerpts show their lines. */
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    diag_print(r.d, f, true, false);
    fclose(f);
    CHECK(out && strstr(out, DATA "/errors.yaml:10:5: error: unknown section kind 'fiel'\n"),
          "printed as file:line:col: error: message");
    CHECK(out && strstr(out, "  - fiel: x"), "the brief's line is shown under its error");
    CHECK(out && strstr(out, "na"), "the Markdown file's line is shown under its error");
    free(out);
    done_run(&r);
}

/* ---- one error at a time ---- */

static void test_single_errors(void)
{
    const char *S = "sections:\n  - file: sections/ok.md\n";
    char y[512];

    one_error("", (expect){"b.yaml", 1, 1,
              "the brief is empty; it needs at least 'title' and 'sections'", NULL});
    one_error("# just a comment\n", (expect){"b.yaml", 1, 1,
              "the brief is empty; it needs at least 'title' and 'sections'", NULL});
    one_error("- a\n- b\n", (expect){"b.yaml", 1, 1,
              "a brief is a mapping of keys (title:, sections:, ...), not a list", NULL});
    one_error("Just a sentence.\n", (expect){"b.yaml", 1, 1,
              "a brief is a mapping of keys (title:, sections:, ...), not a string", NULL});
    one_error("title: X\n", (expect){"b.yaml", 1, 1, "a brief needs a 'sections' key", NULL});
    one_error("# comment\n\nsubtitle: X\nsections:\n  - markdown: x\n",
              (expect){"b.yaml", 3, 1, "a brief needs a 'title' key", NULL});
    one_error("title: X\nsections: []\n", (expect){"b.yaml", 2, 11,
              "'sections' is empty: a brief needs at least one section", NULL});
    one_error("title: X\nsections: sections/ok.md\n", (expect){"b.yaml", 2, 11,
              "'sections' must be a list, not a string", NULL});
    one_error("title: X\nsections:\n", (expect){"b.yaml", 2, 10,
              "'sections' must be a list, not an empty value", NULL});

    snprintf(y, sizeof y, "title: [a, b]\n%s", S);
    one_error(y, (expect){"b.yaml", 1, 8, "'title' must be text, not a list", NULL});
    snprintf(y, sizeof y, "title: ''\n%s", S);
    one_error(y, (expect){"b.yaml", 1, 8, "'title' must not be empty", NULL});
    snprintf(y, sizeof y, "title: \"   \"\n%s", S);
    one_error(y, (expect){"b.yaml", 1, 8, "'title' must not be empty", NULL});
    snprintf(y, sizeof y, "title:\n%s", S);
    one_error(y, (expect){"b.yaml", 1, 7, "'title' must not be empty", NULL});
    snprintf(y, sizeof y, "title: X\nsubtitle: {a: b}\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 11, "'subtitle' must be text, not a mapping", NULL});
    snprintf(y, sizeof y, "title: X\nauthor: [A, [B]]\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 13, "'author' must be text, not a list", NULL});

    snprintf(y, sizeof y, "title: X\ntitel: Y\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 1, "unknown key 'titel' in a brief", "did you mean 'title'?"});
    snprintf(y, sizeof y, "title: X\ncolour: red\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 1, "unknown key 'colour' in a brief",
              "the keys of a brief are: title, subtitle,"});

    snprintf(y, sizeof y, "title: X\ndate: 2025-02-29\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 7, "'2025-02-29' is not a date", "February 2025 has 28 days"});
    snprintf(y, sizeof y, "title: X\ndate: 2026-04-31\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 7, "'2026-04-31' is not a date", "April 2026 has 30 days"});
    snprintf(y, sizeof y, "title: X\ndate: 2026-13-01\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 7, "'2026-13-01' is not a date", "there is no month 13"});
    snprintf(y, sizeof y, "title: X\ndate: 2026/01/01\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 7, "'2026/01/01' is not a date", "YYYY-MM-DD"});
    snprintf(y, sizeof y, "title: X\ndate: 2026\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 7, "'2026' is not a date", "YYYY-MM-DD"});
    snprintf(y, sizeof y, "title: X\ndate: '2026-1-5'\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 7, "'2026-1-5' is not a date", NULL});

    snprintf(y, sizeof y, "title: X\npaper: tabloid\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 8, "unknown paper size 'tabloid'", "use letter or a4"});
    snprintf(y, sizeof y, "title: X\npaper: a5\n%s", S);
    one_error(y, (expect){"b.yaml", 2, 8, "unknown paper size 'a5'", "did you mean 'a4'?"});

    one_error("title: X\nsections:\n  - file: sections/link.md\n",
              (expect){"b.yaml", 3, 11, "section files must be inside the brief's folder; "
                       "'sections/link.md' leads out of it", NULL});
    char msg[512];
    snprintf(msg, sizeof msg, "cannot read section file '%s/brief/sections': it is a folder, not a file", tmp);
    one_error("title: X\nsections:\n  - file: sections\n", (expect){"b.yaml", 3, 11, msg, NULL});
    snprintf(msg, sizeof msg, "cannot open section file '%s/brief/sections/none.md': "
             "No such file or directory", tmp);
    one_error("title: X\nsections:\n  - file: sections/none.md\n",
              (expect){"b.yaml", 3, 11, msg, NULL});
    one_error("title: X\nsections:\n  - file: ''\n", (expect){"b.yaml", 3, 11,
              "'file' must be the path of a Markdown file", NULL});
    one_error("title: X\nsections:\n  - file: sections/ok.md\n    titl: x\n",
              (expect){"b.yaml", 4, 5, "unknown key 'titl' in a section", NULL});
    one_error("title: X\nsections:\n  - source\n",
              (expect){"b.yaml", 3, 5, "unknown section 'source'", "did you mean 'sources'?"});
    one_error("title: X\nsections:\n  - [a]\n",
              (expect){"b.yaml", 3, 5, "a section needs 'file', 'markdown', 'figure' or 'annex', not a list", NULL});
    one_error("title: X\nsections:\n  - file: sections/ok.md\n    markdown: x\n",
              (expect){"b.yaml", 4, 5, "a section takes one of 'file', 'markdown', 'figure' and 'annex', not two",
                       NULL});

    /* Errors of the YAML itself come through with their positions. */
    one_error("title: X\ntitle: Y\nsections:\n  - markdown: x\n",
              (expect){"b.yaml", 2, 1, "duplicate key 'title'", NULL});
    one_error("title: X\nsections: [a, b\n", (expect){"b.yaml", 3, 1,
              "did not find expected ',' or ']' (while parsing a flow sequence at line 2)", NULL});
    one_error("title: caf\xe9\nsections:\n  - markdown: x\n", (expect){"b.yaml", 1, 11,
              "this byte is not UTF-8; save the file as UTF-8 text", NULL});

    run r = load_path(DATA "/no-such-brief.yaml");
    const diag_entry *e = nth_error(r.d, 0);
    CHECK(!r.b && e && e->loc.line == 0 &&
          strcmp(e->message, "cannot read the brief: No such file or directory") == 0,
          "a brief that does not exist: an error for the whole file");
    done_run(&r);
}

static void test_today_missing(void)
{
    write_file("brief/b.yaml", "title: X\ndate: today\nsections:\n  - markdown: x\n",
               strlen("title: X\ndate: today\nsections:\n  - markdown: x\n"));
    char path[256];
    snprintf(path, sizeof path, "%s/brief/b.yaml", tmp);
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief *b = brief_load(a, d, path, NULL);
    const diag_entry *e = nth_error(d, 0);
    CHECK(!b && e && e->loc.line == 2 && e->loc.col == 7, "date: today without a today: an error, no crash");
    arena_free(a);
    diag_free(d);
}

int main(void)
{
    make_scratch();
    test_good_brief();
    test_all_errors_reported();
    test_single_errors();
    test_today_missing();
    remove_scratch();
    return harness_done();
}
