/*
 * test_brief_figures.c: the figures a brief selects (issue 5). Good
 * figures of every kind fill the model: inline data, a CSV file with
 * comments and quoted fields, tables aligned on the decimal point, key
 * figures, images, sources. Each mistake is an error at the exact
 * line:col of the YAML value or CSV cell: series of unequal length,
 * values that are not numbers, unknown figures and columns, keys of
 * another kind, bad CSV rows, missing images, unselected sources.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brief/brief.h"
#include "../harness.h"

static char tmp[64];

static void put(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fputs(text, f);
    fclose(f);
}

static void dir(const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    mkdir(path, 0755);
}

static const char *SOURCES =
    "- id: hrw-2002\n"
    "  type: report\n"
    "  title: The Invisible Exodus\n"
    "- id: lee-2023\n"
    "  type: testimony\n"
    "  title: North Korean Refugees\n"
    "- id: unused\n"
    "  type: report\n"
    "  title: Not selected\n";

static const char *ARRIVALS_CSV =
    "# Arrivals, as reported.\n"
    "# Releases differ slightly.\n"
    "year,arrivals,reported_by\n"
    "1999,149,\"Human Rights Watch, via the seeds\"\n"
    "2009,\"2,914\",\"Yonhap; also Lee\"\n"
    "\n"
    "2021,63,Korea Herald\n";

static void make_library(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/briefc-figures-XXXXXX");
    if (!mkdtemp(tmp))
        abort();
    dir("library");
    dir("library/figures");
    put("library/sources.yaml", SOURCES);
    put("library/figures/arrivals.csv", ARRIVALS_CSV);
    put("library/figures/estimates.yaml",
        "id: estimates\n"
        "kind: bar\n"
        "title: Estimates\n"
        "caption: Estimates *vary*.\n"
        "source: hrw-2002, summary\n"
        "orientation: horizontal\n"
        "unit: People\n"
        "categories: [Ministry, Seymour low, Seymour high]\n"
        "series:\n"
        "  - name: Estimate\n"
        "    values: [10000, 100000, ~]\n");
    put("library/figures/arrivals.yaml",
        "id: arrivals\n"
        "kind: line\n"
        "title: Arrivals\n"
        "source: [lee-2023, hrw-2002]\n"
        "data: arrivals.csv\n"
        "x: year\n"
        "series:\n"
        "  - column: arrivals\n"
        "    name: Arrivals\n"
        "y-range: [0, 3000]\n");
    put("library/figures/shares.yaml",
        "id: shares\n"
        "kind: bar\n"
        "title: Two series\n"
        "source: lee-2023\n"
        "categories: [A, B]\n"
        "series:\n"
        "  - {name: One, values: [1.5, 2]}\n"
        "  - {name: Two, values: [\"-3.25\", 4]}\n");
    put("library/figures/table.yaml",
        "id: table\n"
        "kind: table\n"
        "title: By year\n"
        "source: lee-2023\n"
        "data: arrivals.csv\n"
        "columns:\n"
        "  - {column: year, header: Year}\n"
        "  - arrivals\n"
        "  - {column: reported_by, header: Reported by}\n");
    put("library/figures/inline-table.yaml",
        "id: inline-table\n"
        "kind: table\n"
        "title: Inline\n"
        "source: lee-2023\n"
        "columns: [What, {header: Number, align: right}, Share]\n"
        "rows:\n"
        "  - [Returned, 7000, 10.5]\n"
        "  - [Sent back, 5000, ~]\n");
    put("library/figures/keys.yaml",
        "id: keys\n"
        "kind: stat\n"
        "title: Key figures\n"
        "source: lee-2023\n"
        "stats:\n"
        "  - {value: \"34,000\", label: defectors living in South Korea}\n"
        "  - {value: 70-80%, label: of those returned are women}\n");
    put("library/figures/map.png", "not really a PNG: decoded later, in content\n");
    put("library/figures/map.yaml",
        "id: map\n"
        "kind: image\n"
        "title: The border\n"
        "source: hrw-2002\n"
        "file: map.png\n"
        "alt: A map of the border region\n");
}

typedef struct run {
    arena *a;
    diag_list *d;
    brief *b;
} run;

static run load(const char *yaml)
{
    put("b.yaml", yaml);
    char path[256];
    snprintf(path, sizeof path, "%s/b.yaml", tmp);
    run r = {arena_new(), diag_new(), NULL};
    r.b = brief_load(r.a, r.d, path, "2026-12-01");
    return r;
}

static void done_run(run *r)
{
    arena_free(r->a);
    diag_free(r->d);
}

static void dump(const run *r)
{
    for (size_t i = 0; i < diag_count(r->d); i++) {
        const diag_entry *e = diag_get(r->d, i);
        printf("#   %s:%d:%d: %s [%s]\n", e->loc.file, e->loc.line, e->loc.col, e->message,
               e->hint ? e->hint : "-");
    }
}

static const brief_figure *figure(const brief *b, const char *id)
{
    for (size_t i = 0; b && i < b->n_figures; i++)
        if (strcmp(b->figures[i].id, id) == 0)
            return &b->figures[i];
    return NULL;
}

#define BRIEF_HEAD "title: T\nsources: [hrw-2002, lee-2023]\n"

static void test_good(void)
{
    run r = load(BRIEF_HEAD
                 "figures: [estimates, arrivals, shares, table, inline-table, keys, map]\n"
                 "sections:\n"
                 "  - markdown: Text.\n"
                 "  - figure: arrivals\n");
    if (!CHECK(r.b && diag_error_count(r.d) == 0 && diag_warning_count(r.d) == 0,
               "a brief selecting a figure of every kind loads without a problem"))
        dump(&r);
    if (!r.b) {
        done_run(&r);
        return;
    }
    CHECK_INT(r.b->n_figures, 7, "seven figures, in the brief's order");
    CHECK_STR(r.b->figures[0].id, "estimates", "  the first is 'estimates'");
    CHECK_INT(r.b->n_figure_names, 7, "the library's figure folder lists seven ids");
    CHECK_INT(r.b->sections[1].kind, SECTION_FIGURE, "'- figure: arrivals' is a figure section");
    CHECK_INT(r.b->sections[1].figure, 1, "  resolved to figure 1 of the selection");
    CHECK(figure(r.b, "arrivals")->placed && !figure(r.b, "estimates")->placed,
          "  which marks it placed, and only it");

    const brief_figure *f = figure(r.b, "estimates");
    CHECK(f->kind == FIGURE_BAR && f->horizontal, "estimates: a horizontal bar chart");
    CHECK_INT(f->n_categories, 3, "  three categories");
    CHECK_STR(f->categories[1], "Seymour low", "  named as written");
    CHECK(f->n_series == 1 && f->series[0].present[0] && f->series[0].values[1] == 100000,
          "  one series of numbers");
    CHECK(!f->series[0].present[2], "  '~' is a missing value, not zero");
    CHECK_STR(f->unit, "People", "  its unit");
    CHECK(f->caption.text && strcmp(f->caption.text, "Estimates *vary*.") == 0 &&
              f->caption.line_offset == 4 && f->caption.col_offset == 10,
          "  its caption is Markdown, positioned at 4:10 of its file");
    CHECK(f->n_sources == 1 && strcmp(r.b->sources[f->sources[0].source].id, "hrw-2002") == 0 &&
              f->sources[0].locator && strcmp(f->sources[0].locator, "summary") == 0,
          "  its source is hrw-2002 with the locator 'summary'");

    f = figure(r.b, "arrivals");
    CHECK(f->kind == FIGURE_LINE && f->n_categories == 3, "arrivals: a line chart of three rows "
                                                          "(comments and blank lines skipped)");
    CHECK(strcmp(f->categories[0], "1999") == 0 && strcmp(f->categories[2], "2021") == 0,
          "  categories from the 'year' column");
    CHECK(f->n_series == 1 && strcmp(f->series[0].name, "Arrivals") == 0 &&
              f->series[0].values[1] == 2914 && f->series[0].values[2] == 63,
          "  the 'arrivals' column, \"2,914\" read as 2914");
    CHECK(f->has_range && f->range[0] == 0 && f->range[1] == 3000, "  y-range [0, 3000]");
    CHECK_INT(f->n_sources, 2, "  two sources");

    f = figure(r.b, "shares");
    CHECK(f->n_series == 2 && f->series[1].values[0] == -3.25 && f->decimals == 2,
          "shares: two series; \"-3.25\" parsed; two decimals at most");

    f = figure(r.b, "table");
    CHECK(f->kind == FIGURE_TABLE && f->n_columns == 3 && f->n_rows == 3, "table: 3 columns, 3 rows");
    CHECK(strcmp(f->columns[0].header, "Year") == 0 && strcmp(f->columns[1].header, "arrivals") == 0,
          "  headers renamed where asked, else the CSV's");
    CHECK(f->columns[0].align == ALIGN_DECIMAL && f->columns[1].align == ALIGN_DECIMAL &&
              f->columns[2].align == ALIGN_LEFT,
          "  number columns align on the decimal point, text columns left");
    CHECK_STR(f->cells[1 * 3 + 2], "Yonhap; also Lee", "  cells row by row, quotes removed");
    CHECK_STR(f->cells[0 * 3 + 2], "Human Rights Watch, via the seeds", "  a quoted comma stays");

    f = figure(r.b, "inline-table");
    CHECK(f->n_rows == 2 && f->columns[1].align == ALIGN_RIGHT && f->columns[2].align == ALIGN_DECIMAL,
          "inline-table: rows inline; align: right kept; a column with a blank cell still numeric");
    CHECK_STR(f->cells[1 * 3 + 2], "", "  '~' is an empty cell");

    f = figure(r.b, "keys");
    CHECK(f->kind == FIGURE_STAT && f->n_stats == 2 && strcmp(f->stats[0].value, "34,000") == 0,
          "keys: two key figures");
    f = figure(r.b, "map");
    CHECK(f->kind == FIGURE_IMAGE && f->image && strstr(f->image, "figures/map.png") &&
              f->image_loc.line == 5,
          "map: an image file, resolved beside its YAML, its position kept");
    done_run(&r);
}

/* Expects one error at file:line:col with the message (and a part of the hint). */
static void one_error(const char *what, const char *yaml, const char *file, int line, int col,
                      const char *message, const char *hint)
{
    run r = load(yaml);
    const diag_entry *e = NULL;
    for (size_t i = 0; i < diag_count(r.d) && !e; i++)
        if (diag_get(r.d, i)->severity == DIAG_ERROR)
            e = diag_get(r.d, i);
    size_t fl = strlen(file);
    bool ok = e && strlen(e->loc.file) >= fl && strcmp(e->loc.file + strlen(e->loc.file) - fl, file) == 0 &&
              e->loc.line == line && e->loc.col == col && (!message || strcmp(e->message, message) == 0) &&
              (!hint || (e->hint && strstr(e->hint, hint)));
    char label[512];
    snprintf(label, sizeof label, "%s: %s:%d:%d: %s", what, file, line, col,
             message ? message : "(the system's message)");
    if (!CHECK(ok && !r.b && diag_error_count(r.d) == 1, label))
        dump(&r);
    done_run(&r);
}

static void test_errors(void)
{
    put("library/figures/short.yaml",
        "id: short\nkind: bar\ntitle: T\nsource: lee-2023\n"
        "categories: [A, B, C]\n"
        "series:\n"
        "  - name: One\n"
        "    values: [1, 2]\n");
    one_error("series of unequal length",
              BRIEF_HEAD "figures: [short]\nsections: [{markdown: x}]\n",
              "figures/short.yaml", 8, 13, "series 'One' has 2 values for 3 categories",
              "one value per category");

    put("library/figures/word.yaml",
        "id: word\nkind: line\ntitle: T\nsource: lee-2023\n"
        "categories: [A, B]\n"
        "series:\n"
        "  - {name: One, values: [1, many]}\n");
    one_error("a value that is not a number (inline)",
              BRIEF_HEAD "figures: [word]\nsections: [{markdown: x}]\n",
              "figures/word.yaml", 7, 29, "'many' is not a number", "leave the cell empty");

    put("library/figures/bad.csv", "year,n\n1999,12\n2000,n/a\n");
    put("library/figures/badcsv.yaml",
        "id: badcsv\nkind: line\ntitle: T\nsource: lee-2023\ndata: bad.csv\n");
    one_error("a value that is not a number (a CSV cell)",
              BRIEF_HEAD "figures: [badcsv]\nsections: [{markdown: x}]\n",
              "figures/bad.csv", 3, 6, "'n/a' is not a number", NULL);

    put("library/figures/short.csv", "year,n\n1999,12\n2000\n");
    put("library/figures/shortcsv.yaml",
        "id: shortcsv\nkind: line\ntitle: T\nsource: lee-2023\ndata: short.csv\n");
    one_error("a CSV row with too few fields",
              BRIEF_HEAD "figures: [shortcsv]\nsections: [{markdown: x}]\n",
              "figures/short.csv", 3, 1, "this row has 1 field; the header has 2", "one field per column");

    put("library/figures/quote.csv", "year,n\n1999,\"12\n2000,3\n");
    put("library/figures/quotecsv.yaml",
        "id: quotecsv\nkind: line\ntitle: T\nsource: lee-2023\ndata: quote.csv\n");
    one_error("an unclosed quote in a CSV file",
              BRIEF_HEAD "figures: [quotecsv]\nsections: [{markdown: x}]\n",
              "figures/quote.csv", 2, 6, "this quoted field is never closed", NULL);

    put("library/figures/col.yaml",
        "id: col\nkind: line\ntitle: T\nsource: lee-2023\ndata: arrivals.csv\n"
        "series: [arrivels]\n");
    one_error("an unknown CSV column",
              BRIEF_HEAD "figures: [col]\nsections: [{markdown: x}]\n",
              "figures/col.yaml", 6, 10, "the data file has no column 'arrivels'",
              "did you mean 'arrivals'?");

    one_error("an unknown figure id",
              BRIEF_HEAD "figures: [estimats]\nsections: [{markdown: x}]\n",
              "b.yaml", 3, 11, "unknown figure 'estimats'", "did you mean 'estimates'?");

    one_error("a figure placed but not selected",
              BRIEF_HEAD "figures: [keys]\nsections:\n  - figure: map\n",
              "b.yaml", 5, 13, "figure 'map' is not selected by this brief", "add 'map'");

    one_error("a figure placed twice",
              BRIEF_HEAD "figures: [keys]\nsections:\n  - figure: keys\n  - figure: keys\n",
              "b.yaml", 6, 13, "figure 'keys' is placed twice", NULL);

    put("library/figures/rows.yaml",
        "id: rows\nkind: bar\ntitle: T\nsource: lee-2023\n"
        "categories: [A]\nseries: [{name: S, values: [1]}]\nrows: [[1]]\n");
    one_error("a key of another kind",
              BRIEF_HEAD "figures: [rows]\nsections: [{markdown: x}]\n",
              "figures/rows.yaml", 7, 1, "'rows' does not apply to a bar figure",
              "'rows' is a key of table figures");

    put("library/figures/named.yaml", "id: other\nkind: stat\ntitle: T\nsource: lee-2023\n"
                                      "stats: [{value: '1', label: one}]\n");
    one_error("an id that differs from the file name",
              BRIEF_HEAD "figures: [named]\nsections: [{markdown: x}]\n",
              "figures/named.yaml", 1, 5, "this figure's id is 'other' but its file is named 'named.yaml'",
              NULL);

    put("library/figures/kind.yaml", "id: kind\nkind: pie\ntitle: T\n");
    one_error("an unknown kind",
              BRIEF_HEAD "figures: [kind]\nsections: [{markdown: x}]\n",
              "figures/kind.yaml", 2, 7, "unknown figure kind 'pie'", "kind is bar, line");

    put("library/figures/noimg.yaml", "id: noimg\nkind: image\ntitle: T\nsource: lee-2023\n"
                                      "alt: x\nfile: missing.png\n");
    one_error("a missing image",
              BRIEF_HEAD "figures: [noimg]\nsections: [{markdown: x}]\n",
              "figures/noimg.yaml", 6, 7, NULL, NULL);

    put("library/figures/unsel.yaml", "id: unsel\nkind: stat\ntitle: T\nsource: unused\n"
                                      "stats: [{value: '1', label: one}]\n");
    one_error("a source the brief does not select",
              BRIEF_HEAD "figures: [unsel]\nsections: [{markdown: x}]\n",
              "figures/unsel.yaml", 4, 9, "source 'unused' is in the library but not selected by this brief",
              "add 'unused'");

    put("library/figures/range.yaml",
        "id: range\nkind: bar\ntitle: T\nsource: lee-2023\n"
        "categories: [A]\nseries: [{name: S, values: [5]}]\ny-range: [1, 10]\n");
    one_error("a bar chart's range without zero",
              BRIEF_HEAD "figures: [range]\nsections: [{markdown: x}]\n",
              "figures/range.yaml", 7, 10, "a bar chart's y-range must include 0: bars start at zero",
              NULL);

    put("library/figures/five.yaml",
        "id: five\nkind: stat\ntitle: T\nsource: lee-2023\nstats:\n"
        "  - {value: '1', label: a}\n  - {value: '2', label: b}\n  - {value: '3', label: c}\n"
        "  - {value: '4', label: d}\n  - {value: '5', label: e}\n");
    one_error("five key figures",
              BRIEF_HEAD "figures: [five]\nsections: [{markdown: x}]\n",
              "figures/five.yaml", 6, 3, "a stat figure shows one to 4 key figures; this one has 5",
              NULL);

    {
        char yaml[4096] = "id: many\nkind: bar\ntitle: T\nsource: lee-2023\ncategories: [";
        char vals[2048] = "";
        for (int i = 0; i < 61; i++) {
            snprintf(yaml + strlen(yaml), sizeof yaml - strlen(yaml), "%sC%d", i ? ", " : "", i);
            snprintf(vals + strlen(vals), sizeof vals - strlen(vals), "%s%d", i ? ", " : "", i);
        }
        snprintf(yaml + strlen(yaml), sizeof yaml - strlen(yaml),
                 "]\nseries:\n  - {name: S, values: [%s]}\n", vals);
        put("library/figures/many.yaml", yaml);
    }
    one_error("a bar chart too many bars to read",
              BRIEF_HEAD "figures: [many]\nsections: [{markdown: x}]\n",
              "figures/many.yaml", 5, 13, "a bar chart shows at most 60 categories; this one has 61",
              "use a line chart, or show the data as a table");

    put("library/figures/cells.yaml",
        "id: cells\nkind: table\ntitle: T\nsource: lee-2023\ncolumns: [A, B]\n"
        "rows:\n  - [1, 2]\n  - [3]\n");
    one_error("a table row of the wrong length",
              BRIEF_HEAD "figures: [cells]\nsections: [{markdown: x}]\n",
              "figures/cells.yaml", 8, 5, "this row has 1 cell; the table has 2 columns", NULL);
}

/* A figure's files live in its library, which may sit beside the brief's
 * folder rather than in it; a file outside the library is refused. */
static void test_library_boundary(void)
{
    put("outside.csv", "year,n\n1999,1\n");
    put("library/figures/escape.yaml", "id: escape\nkind: line\ntitle: T\nsource: lee-2023\n"
                                       "data: ../../outside.csv\n");
    one_error("a data file outside the library",
              BRIEF_HEAD "figures: [escape]\nsections: [{markdown: x}]\n",
              "figures/escape.yaml", 5, 7, "data file '../../outside.csv' lies outside the library",
              "a figure's files must be inside its library");
    dir("brief2");
    put("brief2/b.yaml", "title: T\nlibrary: ../library\nsources: [lee-2023, hrw-2002]\n"
                         "figures: [arrivals, table]\nsections: [{figure: arrivals}, {figure: table}]\n");
    char path[256];
    snprintf(path, sizeof path, "%s/brief2/b.yaml", tmp);
    run r = {arena_new(), diag_new(), NULL};
    r.b = brief_load(r.a, r.d, path, "2026-12-01");
    if (!CHECK(r.b && diag_error_count(r.d) == 0 && r.b->n_figures == 2 &&
                   r.b->figures[0].n_categories == 3,
               "a library beside the brief's folder (library: ../library) gives its figures their CSV data"))
        dump(&r);
    done_run(&r);
}

/* The message of a missing file names the system's reason; check the start. */
static void test_missing_image_message(void)
{
    run r = load(BRIEF_HEAD "figures: [noimg]\nsections: [{markdown: x}]\n");
    const diag_entry *e = diag_count(r.d) ? diag_get(r.d, 0) : NULL;
    CHECK(e && strncmp(e->message, "cannot open image '", 19) == 0 &&
              strstr(e->message, "No such file or directory"),
          "a missing image says 'cannot open image' and why");
    done_run(&r);
}

static void test_warnings(void)
{
    put("library/figures/nosource.yaml", "id: nosource\nkind: stat\ntitle: T\n"
                                         "stats: [{value: '1', label: one}]\n");
    run r = load(BRIEF_HEAD "figures: [nosource]\nsections: [{markdown: x}]\n");
    CHECK(r.b && diag_error_count(r.d) == 0 && diag_warning_count(r.d) == 1 &&
              strcmp(diag_get(r.d, 0)->message, "figure 'nosource' gives no source") == 0,
          "a figure without a source is a warning (an error under --strict)");
    done_run(&r);
}

int main(void)
{
    make_library();
    test_good();
    test_errors();
    test_missing_image_message();
    test_library_boundary();
    test_warnings();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        return 1;
    return harness_done();
}
