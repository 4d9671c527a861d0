/*
 * cite.h: citations of the brief's library turned into footnote text in
 * the Chicago notes-bibliography style (the full form the first time a
 * source is cited, a short form after), and the list of cited sources.
 */
#ifndef BRIEFC_CONTENT_CITE_H
#define BRIEFC_CONTENT_CITE_H

#include "brief/brief.h"
#include "content/doc.h"
#include "diag/diag.h"

typedef struct cite_state {
    const brief *b;
    const doc_lang *lang;     /* the words citations add: dates, "accessed", "et al." */
    bool *cited;              /* cited[i]: source i has been cited in a note */
    bool *listed;             /* listed[i]: source i is under a figure */
    const brief_rec *rec;     /* the recommendation being converted, or NULL */
    bool *rec_reported;       /* rec_reported[i]: a recommendation's citation of
                                 unselected source i has been reported */
    arena *scratch;           /* a note's paragraph as it is built, emptied after
                                 each: the document keeps an exact copy */
} cite_state;

void cite_init(cite_state *cs, arena *a, const brief *b);
void cite_fini(cite_state *cs);

/* The paragraph of a note for the citation text (what stood between the
 * brackets: "see @a, p. 12; @b"), whose '[' is at loc. Reports unknown
 * and unselected ids at their own column (inside a recommendation, an
 * unselected one at the brief's select:, see cs->rec); NULL if there was
 * an error. */
doc_block *cite_note(arena *a, diag_list *d, cite_state *cs, const char *text, size_t len,
                     src_loc loc);

/* A figure's source line, "Source: " and each source in the full note
 * form; the sources join the source list, but a later footnote still
 * gives the full form first. */
doc_block *cite_source_line(arena *a, cite_state *cs, const int *sources, const char *const *locators,
                            size_t n, src_loc loc);

/* Appends to into the heading "Sources" and one paragraph per cited source
 * in bibliography form, sorted by author, and warns about selected
 * sources never cited. */
void cite_bibliography(arena *a, diag_list *d, cite_state *cs, doc_block *into);

#endif
