/*
 * test_pdf_writer.c: the PDF writer on hand-made display lists. Pins the
 * libharu 2.3.0 workarounds: the ToUnicode CMap is rewritten (bfrange,
 * never begincidrange), TJ adjustments move words, destinations keep the
 * zoom (null), links have no border; output is byte-reproducible; a font
 * that cannot load is a clean error and the next write still works.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../harness.h"
#include "base/file.h"
#include "layout/display.h"
#include "pdf/pdf.h"

static display_doc *make_doc(arena *a, const char *font)
{
    display_doc *doc = display_new(a, 612, 792);
    display_add_face(a, doc, font);
    disp_page *pg = display_add_page(a, doc);
    disp_item *t = display_add_item(a, pg, DISP_TEXT);
    t->u.text.face = 0;
    t->u.text.size = 12;
    t->u.text.x = 72;
    t->u.text.y = 700;
    const char *word = "office caf\xc3\xa9 wide";
    uint32_t cps[] = {'o', 'f', 'f', 'i', 'c', 'e', ' ', 'c', 'a', 'f', 0xE9, ' ', 'w', 'i', 'd', 'e'};
    (void)word;
    size_t n = sizeof cps / sizeof cps[0];
    t->u.text.glyphs = arena_alloc(a, n * sizeof *t->u.text.glyphs);
    for (size_t i = 0; i < n; i++)
        t->u.text.glyphs[i].cp = cps[i];
    t->u.text.glyphs[11].adjust = 100;    /* a wide space before "wide" */
    t->u.text.n_glyphs = n;
    int dest = display_add_dest(a, doc, 0, 72, 720);
    disp_item *l = display_add_item(a, pg, DISP_LINK);
    l->u.link.x = 72;
    l->u.link.y = 690;
    l->u.link.w = 50;
    l->u.link.h = 14;
    l->u.link.dest = dest;
    disp_item *u = display_add_item(a, pg, DISP_LINK);
    u->u.link.x = 72;
    u->u.link.y = 600;
    u->u.link.w = 50;
    u->u.link.h = 14;
    u->u.link.uri = "https://example.org/a b";
    display_add_outline(a, doc, "Top", 1, dest);
    display_add_outline(a, doc, "Deep", 3, dest);
    doc->title = "T";
    doc->created = 1700000000;
    return doc;
}

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    static char out[1 << 16];
    size_t n = p ? fread(out, 1, sizeof out - 1, p) : 0;
    out[n] = '\0';
    if (p)
        pclose(p);
    return out;
}

int main(void)
{
    char dir[] = "/tmp/briefc-pdf-XXXXXX";
    mkdtemp(dir);
    char a_pdf[256], b_pdf[256], cmd[1024];
    snprintf(a_pdf, sizeof a_pdf, "%s/a.pdf", dir);
    snprintf(b_pdf, sizeof b_pdf, "%s/b.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();
    display_doc *doc = make_doc(a, "fonts/NotoSerif-Regular.ttf");
    CHECK(pdf_write(doc, a_pdf, NULL, d), "a hand-made display list is written");
    CHECK(pdf_write(doc, b_pdf, NULL, d), "and written again");
    snprintf(cmd, sizeof cmd, "cmp -s %s %s && echo same", a_pdf, b_pdf);
    CHECK(strstr(run(cmd), "same") != NULL, "the same display list gives the same bytes");
    snprintf(cmd, sizeof cmd, "qpdf --check %s >/dev/null 2>&1 && echo fine", a_pdf);
    CHECK(strstr(run(cmd), "fine") != NULL, "qpdf --check passes");
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable %s - 2>/dev/null", a_pdf);
    const char *qdf = run(cmd);
    CHECK(strstr(qdf, "beginbfrange") && !strstr(qdf, "begincidrange"),
          "ToUnicode is a bfrange CMap, not libharu's CID CMap");
    CHECK(strstr(qdf, "/XYZ") && strstr(qdf, "null"), "the destination keeps the zoom (null)");
    CHECK(strstr(qdf, "/URI (https://example.org/a%20b)") != NULL, "URIs are percent-encoded");
    CHECK(strstr(qdf, "] TJ") != NULL, "text is written as TJ");
    snprintf(cmd, sizeof cmd, "pdftotext %s - 2>&1", a_pdf);
    const char *text = run(cmd);
    CHECK(strstr(text, "office caf\xc3\xa9") && !strstr(text, "Syntax") && !strstr(text, "Error"),
          "pdftotext extracts the text without warnings");
    snprintf(cmd, sizeof cmd, "pdftotext -bbox %s - 2>/dev/null | grep -o 'xMin=\"[0-9.]*\"' | tail -1", a_pdf);
    double x_wide = atof(run(cmd) + 6);
    /* o f f i c e ␣ c a f é ␣ at 12 pt plus 100 pt of adjustment. */
    CHECK(x_wide > 72 + 100 + 40, "a TJ adjustment moves the next word");
    CHECK_INT(diag_error_count(d), 0, "no errors so far");

    display_doc *bad = make_doc(a, "/nonexistent/font.ttf");
    snprintf(b_pdf, sizeof b_pdf, "%s/bad.pdf", dir);
    CHECK(!pdf_write(bad, b_pdf, NULL, d), "a font that cannot load fails the write");
    const diag_entry *e = diag_get(d, 0);
    CHECK(e && strstr(e->message, "/nonexistent/font.ttf") && strstr(e->message, "libharu error 0x"),
          "the error names the font and libharu's code");
    diag_list *d2 = diag_new();
    CHECK(pdf_write(doc, a_pdf, NULL, d2) && diag_error_count(d2) == 0, "a later write works");
    diag_free(d2);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    run(cmd);
    diag_free(d);
    arena_free(a);
    return harness_done();
}
