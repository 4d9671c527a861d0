/*
 * test_content_figures.c: figures in the document tree. Figures are
 * numbered in reading order ("Figure N", and "Table N" for tables, each
 * counted on its own); @fig:ID and [@fig:ID] become their label, linked
 * to "#fig:ID"; a figure no section places is set after the block that
 * first refers to it; a reference to a figure the brief does not select,
 * or to none at all, is an error at its column; a footnote in a caption
 * is an error; a selected figure never shown is a warning.
 */
#include "../harness.h"
#include "helpers.h"

static brief_figure fig(arena *a, const char *id, brief_figure_kind kind, bool placed)
{
    brief_figure f = {0};
    f.id = id;
    f.kind = kind;
    f.title = arena_printf(a, "The %s figure's title", id);
    f.file = "library/figures/x.yaml";
    f.loc = (src_loc){"brief.yaml", 3, 11};
    f.placed = placed;
    return f;
}

/* A brief of two sections: Markdown, then `- figure: placed`. */
static doc *build(arena *a, diag_list *d, const char *md, brief_figure *figs, size_t n,
                  const char *caption)
{
    brief *b = arena_alloc(a, sizeof *b);
    b->path = "brief.yaml";
    b->dir = ".";
    b->title = "T";
    b->figures = figs;
    b->n_figures = n;
    static const char *names[] = {"bars", "lines", "table", "unused", "lib-only"};
    b->figure_names = names;
    b->n_figure_names = 5;
    if (caption) {
        figs[0].caption.text = caption;
        figs[0].caption.len = strlen(caption);
        figs[0].caption.file = "library/figures/bars.yaml";
        figs[0].caption.line_offset = 4;
        figs[0].caption.col_offset = 10;
    }
    b->n_sections = 2;
    b->sections = arena_alloc(a, 2 * sizeof *b->sections);
    b->sections[0].file = "section.md";
    b->sections[0].text = md;
    b->sections[0].len = strlen(md);
    b->sections[0].line_offset = 1;
    b->sections[0].col_offset = 1;
    b->sections[1].kind = SECTION_FIGURE;
    b->sections[1].figure = 0;
    b->sections[1].loc = (src_loc){"brief.yaml", 9, 13};
    return content_build(a, a, d, b);
}

static const doc_block *nth(const doc *D, int i)
{
    const doc_block *b = D->root->first;
    while (b && i-- > 0)
        b = b->next;
    return b;
}

static const doc_run *first_ref(const doc_block *b)
{
    for (size_t i = 0; b && i < b->n_runs; i++)
        if (b->runs[i].kind == RUN_FIG_REF)
            return &b->runs[i];
    return NULL;
}

static void test_numbering(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief_figure figs[4];
    figs[0] = fig(a, "bars", FIGURE_BAR, true);     /* placed by the second section */
    figs[1] = fig(a, "lines", FIGURE_LINE, false);
    figs[2] = fig(a, "table", FIGURE_TABLE, false);
    figs[3] = fig(a, "unused", FIGURE_STAT, false);
    const char *md =
        "First @fig:lines, then [@fig:table].\n"
        "\n"
        "Later @fig:bars and `@fig:lines` in code, mail@fig:lines and @fig:lines again.\n";
    doc *D = build(a, d, md, figs, 4, NULL);
    if (!CHECK(D != NULL, "a document with four selected figures builds")) {
        diag_print(d, stdout, false, false);
        return;
    }
    CHECK(nth(D, 0)->kind == DOC_PARAGRAPH, "the first paragraph comes first");
    CHECK(nth(D, 1)->kind == DOC_FIGURE && nth(D, 1)->figure == &D->figures[1],
          "  then 'lines', placed after the paragraph that first refers to it");
    CHECK(nth(D, 2)->kind == DOC_FIGURE && nth(D, 2)->figure == &D->figures[2],
          "  then 'table', referred to in the same paragraph, in the order referred to");
    CHECK(nth(D, 3)->kind == DOC_PARAGRAPH, "  then the second paragraph");
    CHECK(nth(D, 4)->kind == DOC_FIGURE && nth(D, 4)->figure == &D->figures[0],
          "  then 'bars', where its section places it, not where it is referred to");
    CHECK(nth(D, 5) == NULL, "  and a figure neither placed nor referred to is not shown");
    CHECK_STR(D->figures[1].label, "Figure 1", "'lines' is Figure 1 (reading order)");
    CHECK_STR(D->figures[2].label, "Table 1", "'table' is Table 1 (tables counted apart)");
    CHECK_STR(D->figures[0].label, "Figure 2", "'bars' is Figure 2");
    CHECK_STR(D->figures[0].anchor, "fig:bars", "its anchor is fig:bars");
    const doc_run *r = first_ref(nth(D, 0));
    CHECK(r && r->len == 8 && strncmp(r->text, "Figure 1", 8) == 0 && strcmp(r->link, "#fig:lines") == 0,
          "@fig:lines reads 'Figure 1' and links to #fig:lines");
    const doc_run *t = NULL;
    for (size_t i = 0; i < nth(D, 0)->n_runs; i++)
        if (nth(D, 0)->runs[i].kind == RUN_FIG_REF)
            t = &nth(D, 0)->runs[i];
    CHECK(t && strcmp(t->text, "Table 1") == 0 && strcmp(t->link, "#fig:table") == 0,
          "[@fig:table] reads 'Table 1', brackets gone");
    int refs = 0;
    bool code_kept = false, mail_kept = false;
    const doc_block *p2 = nth(D, 3);
    for (size_t i = 0; i < p2->n_runs; i++) {
        const doc_run *x = &p2->runs[i];
        refs += x->kind == RUN_FIG_REF;
        if (x->kind == RUN_TEXT && (x->style & DOC_STYLE_CODE) && strstr(x->text, "@fig:lines"))
            code_kept = true;
        if (x->kind == RUN_TEXT && strstr(x->text, "mail@fig:lines"))
            mail_kept = true;
    }
    CHECK_INT(refs, 2, "the second paragraph has two references (@fig:bars, @fig:lines again)");
    CHECK(code_kept, "  @fig: inside code stays code");
    CHECK(mail_kept, "  mail@fig:lines (not at a word start) stays text");
    const diag_entry *w = first_diag(d, DIAG_WARNING);
    CHECK(w && strcmp(w->message, "figure 'unused' is selected but neither placed nor referred to") == 0 &&
              w->loc.line == 3 && w->loc.col == 11,
          "the unshown figure is a warning at its selection");
    CHECK_INT(diag_error_count(d), 0, "no errors");
    diag_free(d);
    arena_free(a);
}

static void one_error(const char *what, const char *md, const char *caption, int line, int col,
                      const char *message, const char *hint)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief_figure figs[2];
    figs[0] = fig(a, "bars", FIGURE_BAR, true);
    figs[1] = fig(a, "lines", FIGURE_LINE, true);
    doc *D = build(a, d, md, figs, 2, caption);
    const diag_entry *e = first_diag(d, DIAG_ERROR);
    char label[300];
    snprintf(label, sizeof label, "%s: %d:%d: %s", what, line, col, message);
    bool ok = !D && e && e->loc.line == line && e->loc.col == col && strcmp(e->message, message) == 0 &&
              (!hint || (e->hint && strstr(e->hint, hint)));
    if (!CHECK(ok, label) && e)
        printf("#   got %s:%d:%d: %s [%s]\n", e->loc.file, e->loc.line, e->loc.col, e->message,
               e->hint ? e->hint : "-");
    diag_free(d);
    arena_free(a);
}

/* A figure named only in another figure's caption is set after that figure. */
static void test_caption_reference(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief_figure figs[2];
    figs[0] = fig(a, "bars", FIGURE_BAR, true);
    figs[1] = fig(a, "lines", FIGURE_LINE, false);
    doc *D = build(a, d, "Text.\n", figs, 2, "Compare @fig:lines.\n");
    CHECK(D && nth(D, 1) && nth(D, 1)->figure == &D->figures[0] && nth(D, 2) &&
              nth(D, 2)->figure == &D->figures[1] && diag_count(d) == 0,
          "a figure referred to only in another's caption follows that figure, without a warning");
    CHECK(D && D->figures[1].label && strcmp(D->figures[1].label, "Figure 2") == 0,
          "  and is numbered after it");
    diag_free(d);
    arena_free(a);
}

/* Addresses are cmark's: @fig: in a link's address or an autolink stays. */
static void test_urls(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief_figure figs[1];
    figs[0] = fig(a, "bars", FIGURE_BAR, true);
    doc *D = build(a, d, "A [link](http://e.org/@fig:bars) and <http://a.org/@fig:bars>.\n", figs, 1,
                   NULL);
    const doc_block *p = D ? nth(D, 0) : NULL;
    int refs = 0, links = 0;
    for (size_t i = 0; p && i < p->n_runs; i++) {
        refs += p->runs[i].kind == RUN_FIG_REF;
        links += p->runs[i].link && (strcmp(p->runs[i].link, "http://e.org/@fig:bars") == 0 ||
                                     strcmp(p->runs[i].link, "http://a.org/@fig:bars") == 0);
    }
    CHECK(D && refs == 0 && links == 2 && diag_error_count(d) == 0,
          "@fig: inside a link's address and an autolink stays part of the address");
    diag_free(d);
    arena_free(a);
}

int main(void)
{
    test_numbering();
    test_urls();
    test_caption_reference();
    one_error("a reference to an unknown figure", "See\n@fig:bras now.\n", NULL, 2, 1,
              "unknown figure 'bras'", "did you mean '@fig:bars'?");
    one_error("a reference to a library figure the brief does not select",
              "As @fig:lib-only shows.\n", NULL, 1, 4,
              "figure 'lib-only' is in the library but not selected by this brief",
              "add 'lib-only' to the brief's 'figures:' list");
    one_error("a footnote in a caption", "Text.\n", "Data *vary*.[^n]\n\n[^n]: A note.\n", 4, 22,
              "a figure's caption cannot have footnotes or citations", "'source:'");
    one_error("a citation in a caption", "Text.\n", "Data vary.[@hrw]\n", 4, 20,
              "a figure's caption cannot have footnotes or citations", NULL);
    return harness_done();
}
