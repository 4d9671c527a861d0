/*
 * test_display_append.c: binding display lists into one (a packet's):
 * pages keep their own sizes, destinations, links and bookmarks point
 * into the whole, bookmarks nest deeper as asked, faces used by several
 * documents are listed once, and page labels are kept; each document's
 * structure becomes a part of the whole's, its items' elements and a
 * bound page's element following it.
 */
#include "tests/harness.h"
#include "layout/display.h"

static display_doc *doc_with(arena *a, double w, double h, const char *face, int pages)
{
    display_doc *doc = display_new(a, w, h);
    display_add_face(a, doc, "fonts/Serif.ttf");
    display_add_face(a, doc, face);
    for (int p = 0; p < pages; p++) {
        disp_page *pg = display_add_page(a, doc);
        disp_item *t = display_add_item(a, pg, DISP_TEXT);
        t->u.text.face = 1;
        int dest = display_add_dest(a, doc, p, 10, 700);
        disp_item *l = display_add_item(a, &doc->pages[p], DISP_LINK);
        l->u.link.dest = dest;
    }
    display_add_outline(a, doc, "Heading", 1, 0);
    return doc;
}

int main(void)
{
    arena *a = arena_new();
    display_doc *one = doc_with(a, 612, 792, "fonts/Sans.ttf", 2);
    display_doc *two = doc_with(a, 595, 842, "fonts/Mono.ttf", 3);
    display_doc *all = display_new(a, 612, 792);

    CHECK_INT(display_append(a, all, one, 0), 0, "the first document starts at page 1");
    CHECK_INT(display_append(a, all, two, 2), 2, "the second starts after the first's 2 pages");
    CHECK_INT(all->n_pages, 5, "all 5 pages are there");
    CHECK(all->pages[1].width == 612 && all->pages[1].height == 792,
          "a letter page keeps its size");
    CHECK(all->pages[2].width == 595 && all->pages[4].height == 842, "an A4 page keeps its size");
    CHECK_INT(all->n_faces, 3, "the shared serif face is listed once: 3 faces, not 4");
    CHECK_STR(all->faces[all->pages[2].items[0].u.text.face].path, "fonts/Mono.ttf",
              "the second document's text points at its own face in the whole");
    CHECK_STR(all->faces[all->pages[0].items[0].u.text.face].path, "fonts/Sans.ttf",
              "the first document's text keeps its face");
    CHECK_INT(all->n_dests, 5, "every destination is kept");
    CHECK_INT(all->dests[all->pages[3].items[1].u.link.dest].page, 3,
              "a link on the second document's second page points at that page in the whole");
    CHECK_INT(all->n_outlines, 2, "both bookmarks are kept");
    CHECK_INT(all->outlines[1].level, 3, "the second document's bookmark nests 2 levels deeper");
    CHECK_INT(all->dests[all->outlines[1].dest].page, 2,
              "the second document's bookmark points at its first page in the whole");

    display_add_label(a, all, 0, true, 1);
    display_add_label(a, all, 2, false, 1);
    CHECK(all->n_labels == 2 && all->labels[0].roman && !all->labels[1].roman &&
              all->labels[1].page == 2,
          "page labels: roman from page 1, decimal from page 3");
    /* Structure: a heading, a paragraph, a note read after it. */
    display_doc *three = doc_with(a, 612, 792, "fonts/Sans.ttf", 1);
    CHECK(three->n_structs == 2 && three->structs[DISP_ARTIFACT].role == DISP_S_ARTIFACT &&
              three->structs[DISP_ROOT].role == DISP_S_DOCUMENT,
          "a new display list holds the artifact and the document element");
    int h = display_add_struct(a, three, DISP_S_HEADING, DISP_ROOT);
    three->structs[h].level = 2;
    int p = display_add_struct(a, three, DISP_S_P, DISP_ROOT);
    int n = display_add_struct(a, three, DISP_S_NOTE, p);
    three->structs[n].after = true;
    three->pages[0].items[0].tag = p;
    three->pages[0].bound = DISP_ROOT;
    size_t before = all->n_structs;
    display_append(a, all, three, 0);
    CHECK_INT(all->n_structs, before + 4, "its document, heading, paragraph and note join the whole");
    const disp_struct *part = &all->structs[before];
    CHECK(part->role == DISP_S_PART && part->parent == DISP_ROOT,
          "its document becomes a part of the whole's document");
    int tp = all->pages[5].items[0].tag;
    CHECK(tp == (int)before + 2 && all->structs[tp].role == DISP_S_P &&
              all->structs[tp].parent == (int)before,
          "its item's element is its paragraph, in the part");
    CHECK(all->structs[before + 1].level == 2 && all->structs[before + 3].after &&
              all->structs[before + 3].parent == tp,
          "the heading keeps its level, the note its place after its paragraph");
    CHECK_INT(all->pages[5].bound, (int)before, "a bound page's element is the part");
    CHECK_INT(all->pages[5].items[1].tag, DISP_ARTIFACT, "an artifact stays one");
    arena_free(a);
    return harness_done();
}
