/*
 * test_content_positions.c: positions in Markdown map back to the file,
 * also for Markdown written inline in the brief's YAML, and for lines
 * with non-ASCII characters (columns count characters).
 */
#include "../harness.h"
#include "helpers.h"

int main(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief *b = arena_alloc(a, sizeof *b);
    b->path = "brief.yaml";
    b->dir = ".";
    b->title = "T";
    b->n_sections = 1;
    b->sections = arena_alloc(a, sizeof *b->sections);
    const char *md = "## Heading\n\n북한 é text.[^nope]\n";
    b->sections[0].file = "brief.yaml";
    b->sections[0].text = md;
    b->sections[0].len = strlen(md);
    b->sections[0].line_offset = 12;   /* the block scalar's first line */
    b->sections[0].col_offset = 7;     /* indented six spaces */
    doc *D = content_build(a, a, d, b);
    const diag_entry *e = first_diag(d, DIAG_ERROR);
    CHECK(D == NULL && e != NULL, "the undefined note is reported");
    CHECK(e && strcmp(e->loc.file, "brief.yaml") == 0, "in the YAML file");
    CHECK_INT(e ? e->loc.line : 0, 14, "on the YAML line (12 + 3 - 1)");
    CHECK_INT(e ? e->loc.col : 0, 17, "at the character column plus the indentation");
    diag_free(d);
    arena_free(a);
    return harness_done();
}
