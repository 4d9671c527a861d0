/*
 * fuzz_markdown.c: a libFuzzer target for the Markdown path: mdprep,
 * cmark-gfm, footnotes, citations (against a small library) and the layout
 * of the result. Build and run:
 *   tests/fuzz/run.sh markdown [seconds]
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "fuzz_layout.h"

static brief_source sources[2] = {
    {.id = "a", .type = SOURCE_REPORT, .title = "A Title: Sub", .publisher = "P", .date = "2002-11",
     .selected = true},
    {.id = "b-2", .type = SOURCE_ARTICLE, .title = "B", .venue = "V", .url = "https://x.org/a",
     .selected = true},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Long inputs reach the paths whose cost could grow faster than
     * the text; run.sh's per-input time limit catches those. */
    if (size > 400000)
        return 0;
    arena *a = arena_new();
    diag_list *d = diag_new();
    char *text = arena_strndup(a, (const char *)data, size);
    brief b = {0};
    b.path = "fuzz.yaml";
    b.dir = ".";
    b.title = "Fuzz";
    b.sources = sources;
    b.n_sources = 2;
    brief_section s = {.kind = SECTION_MARKDOWN, .file = "fuzz.md", .text = text, .len = size,
                       .line_offset = 1, .col_offset = 1};
    b.sections = &s;
    b.n_sections = 1;
    doc *D = content_build(a, a, d, &b);
    fuzz_layout(a, d, D);
    diag_free(d);
    arena_free(a);
    return 0;
}
