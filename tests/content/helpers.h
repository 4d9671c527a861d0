/*
 * helpers.h: building a document from Markdown text in content tests.
 */
#ifndef BRIEFC_TESTS_CONTENT_HELPERS_H
#define BRIEFC_TESTS_CONTENT_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"

/* Converts md as the only section of a brief in `dir`; returns the doc
 * (NULL on errors) and the tree dump in *dump (malloc'd). */
static inline doc *build_md(arena *a, diag_list *d, const char *md, const char *dir, char **dump)
{
    brief *b = arena_alloc(a, sizeof *b);
    b->path = "brief.yaml";
    b->dir = dir;
    b->title = "T";
    b->n_sections = 1;
    b->sections = arena_alloc(a, sizeof *b->sections);
    b->sections[0].file = arena_printf(a, "%s/section.md", dir);
    b->sections[0].text = md;
    b->sections[0].len = strlen(md);
    b->sections[0].line_offset = 1;
    b->sections[0].col_offset = 1;
    doc *D = content_build(a, a, d, b);
    if (dump) {
        size_t n;
        FILE *f = open_memstream(dump, &n);
        if (D)
            doc_dump(D, f);
        fclose(f);
    }
    return D;
}

/* The first diagnostic of the given severity, or NULL. */
static inline const diag_entry *first_diag(const diag_list *d, diag_severity sev)
{
    for (size_t i = 0; i < diag_count(d); i++)
        if (diag_get(d, i)->severity == sev)
            return diag_get(d, i);
    return NULL;
}

#endif
