/*
 * content.h: building the document tree from the brief model: the title
 * block from the brief's fields, each section's Markdown through cmark,
 * footnotes numbered through the whole document.
 */
#ifndef BRIEFC_CONTENT_H
#define BRIEFC_CONTENT_H

#include "base/arena.h"
#include "brief/brief.h"
#include "brief/packet.h"
#include "content/doc.h"
#include "diag/diag.h"

/* Returns the document, in a, or NULL when an error was reported. The
 * images it shows are loaded into keep (which may be a), so that they can
 * outlive it. */
doc *content_build(arena *a, arena *keep, diag_list *d, const brief *b);

/* PDF/UA-1 wants every image described in words: reports each image of
 * D (Markdown's ![alt](file), in the body or a note) and each image
 * figure of b without its alt text, at the image. True when none lacks it. */
bool content_check_alt(const doc *D, const brief *b, diag_list *d);

/* The words of a language (lang.c): the table the document carries. */
const doc_lang *content_lang(brief_lang l);

/* A packet's front matter (front.c): the cover, the witness list (each
 * witness's document named by doc_titles[i], the packet's documents'
 * titles) and the contents, listing `entries`. */
doc *content_packet_front(arena *a, const brief_packet *p, const char *const *doc_titles,
                          const doc_contents_entry *entries, size_t n_entries);

#endif
