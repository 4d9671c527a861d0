/*
 * test_content_markdown.c: every CommonMark construct becomes the right
 * document block or run.
 */
#include "../harness.h"
#include "helpers.h"

static int has(const char *dump, const char *s)
{
    return dump && strstr(dump, s) != NULL;
}

int main(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    char *dump = NULL;
    const char *md =
        "# One\n\nSetext\n======\n\nSub\n---\n\n###### Six\n\n"
        "Plain *em* **strong** ***both*** `code` text.\n\n"
        "A [link](https://www.hrw.org/) and <https://www.cecc.gov/>.\n\n"
        "> quoted\n>\n> > nested\n\n"
        "- a\n- b\n\n"
        "7. seven\n8. eight\n\n"
        "- loose\n\n- list\n\n"
        "---\n\n"
        "```\nfenced [^x] code\n```\n\n"
        "    indented code\n\n"
        "hard  \nbreak\\\nagain\nsoft\n\n"
        "\"double\" 'single' -- en --- em ... don't\n\n"
        "<div>block</div>\n\n"
        "inline <span>x</span> html\n";
    doc *D = build_md(a, d, md, ".", &dump);
    CHECK(D != NULL, "a document with every construct builds");
    CHECK(has(dump, "heading 1\n") && has(dump, "\"One\""), "ATX heading level 1");
    CHECK(has(dump, "\"Setext\""), "setext heading level 1");
    CHECK(has(dump, "heading 2\n"), "setext heading level 2");
    CHECK(has(dump, "heading 6\n"), "ATX heading level 6");
    CHECK(has(dump, "text italic \"em\""), "emphasis is italic");
    CHECK(has(dump, "text bold \"strong\""), "strong is bold");
    CHECK(has(dump, "text bold italic \"both\""), "nested emphasis is bold italic");
    CHECK(has(dump, "text code \"code\""), "code span");
    CHECK(has(dump, "\"link\" link=https://www.hrw.org/"), "inline link keeps its URL");
    CHECK(has(dump, "\"https://www.cecc.gov/\" link=https://www.cecc.gov/"), "autolink");
    CHECK(has(dump, "quote\n") && has(dump, "  quote\n"), "nested block quotes");
    CHECK(has(dump, "list bullet start=0 tight"), "tight bullet list");
    CHECK(has(dump, "list ordered start=7 tight"), "ordered list keeps its start number");
    CHECK(has(dump, "list bullet start=0 loose"), "loose list");
    CHECK(has(dump, "rule\n"), "thematic break");
    CHECK(has(dump, "|fenced [^x] code|"), "fenced code is literal, footnote syntax untouched");
    CHECK(has(dump, "|indented code|"), "indented code block");
    CHECK(has(dump, "break\n"), "hard breaks");
    CHECK(has(dump, "\xe2\x80\x9c" "double" "\xe2\x80\x9d"), "smart double quotes");
    CHECK(has(dump, "\xe2\x80\x98" "single" "\xe2\x80\x99"), "smart single quotes");
    CHECK(has(dump, "\xe2\x80\x93 en"), "en dash");
    CHECK(has(dump, "\xe2\x80\x94 em"), "em dash");
    CHECK(has(dump, "\xe2\x80\xa6"), "ellipsis");
    CHECK(has(dump, "don\xe2\x80\x99t"), "apostrophe");
    int html = 0, counted = 0;
    for (size_t i = 0; i < diag_count(d); i++)
        if (diag_get(d, i)->severity == DIAG_WARNING && strstr(diag_get(d, i)->message, "raw HTML")) {
            html++;
            counted += strstr(diag_get(d, i)->message, "(2 tags in this paragraph)") != NULL;
        }
    CHECK_INT(html, 2, "raw HTML: the block, and the paragraph's two inline tags in one warning");
    CHECK_INT(counted, 1, "... which counts them");
    const diag_entry *w = first_diag(d, DIAG_WARNING);
    CHECK(w && w->loc.line == 44 && w->loc.col == 1, "the HTML block warning points at its line");
    free(dump);
    diag_free(d);

    /* A closing quote right before a footnote call stays a closing quote. */
    d = diag_new();
    D = build_md(a, d, "He said \"go.\"[^a] Then ^[x] \"left\"^[y] end.\n\n[^a]: A.\n", ".", &dump);
    CHECK(D && strstr(dump, "go.\xe2\x80\x9d\"") != NULL, "a quote before a call closes");
    CHECK(D && strstr(dump, "\xe2\x80\x9cleft\xe2\x80\x9d\"") != NULL, "a quote before an inline note closes");
    free(dump);
    diag_free(d);
    arena_free(a);
    return harness_done();
}
