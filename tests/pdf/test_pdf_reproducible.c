/*
 * test_pdf_reproducible.c: the same display list gives the same bytes.
 * libharu 2.3.0 writes no /ID and no dates unless asked; the dates come
 * from display_doc.created (UTC), never from the clock. Also checks the
 * document information: UTF-8 title and author, creator as given,
 * producer "briefc".
 */
#include "pdf_tools.h"

static display_doc *make_doc(arena *a, long long created)
{
    display_doc *doc = display_new(a, 595.276, 841.89);
    int f = display_add_face(a, doc, tools_serif(a));
    disp_page *pg = display_add_page(a, doc);
    disp_item *t = tools_ascii(a, pg, f, 11, 56.7, 780.25, "Reproducible, word for word.");
    tools_adjust(a, t, 12, 1.25);
    t->color = (disp_color){0.1, 0.2, 0.3};
    disp_item *r = display_add_item(a, pg, DISP_RULE);
    r->u.rule.x0 = 56.7;
    r->u.rule.x1 = 500;
    r->u.rule.y0 = r->u.rule.y1 = 770;
    r->u.rule.width = 0.4;
    int dest = display_add_dest(a, doc, 0, 56.7, 800);
    display_add_outline(a, doc, "Reproducible", 1, dest);
    disp_item *l = display_add_item(a, pg, DISP_LINK);
    l->u.link.x = 56.7;
    l->u.link.y = 700;
    l->u.link.w = 40;
    l->u.link.h = 12;
    l->u.link.uri = "https://www.hrw.org/";
    doc->title = "Brief: \xc3\x9c" "bersicht & <Zusammenfassung> \xe2\x80\x94 \xea\xb0\x9c\xec\x9a\x94";
    doc->author = "Jung-Hoon Lee";
    doc->subject = "Testing";
    doc->creator = "briefc 0.1.0";
    doc->created = created;
    return doc;
}

int main(void)
{
    char *dir = tools_mkdtemp();
    char one[600], two[600], three[600];
    snprintf(one, sizeof one, "%s/one.pdf", dir);
    snprintf(two, sizeof two, "%s/two.pdf", dir);
    snprintf(three, sizeof three, "%s/three.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();

    display_doc *doc = make_doc(a, 1700000000);   /* 2023-11-14 22:13:20 UTC */
    CHECK(tools_write(a, doc, one, NULL, d), "the document is written");
    sleep(1);                                       /* a clock would now differ */
    CHECK(tools_write(a, make_doc(a, 1700000000), two, NULL, d), "an equal display list is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");
    CHECK_INT(tools_run(dir, "cmp '%s' '%s'", one, two), 0, "the two files are byte for byte the same");
    CHECK(tools_qpdf_ok(dir, one), "qpdf --check passes");
    CHECK(tools_fonts_ok(dir, one, 1), "the font is embedded, subset, with ToUnicode");

    char *raw = tools_slurp(one);
    const char *trailer = strstr(raw, "\ntrailer");
    CHECK(trailer && strstr(trailer, "/Root") && !strstr(trailer, "/ID"), "the trailer has no /ID");
    free(raw);
    char *qdf = tools_qdf(dir, one);
    CHECK(strstr(qdf, "/CreationDate (D:20231114221320+00'00')") != NULL, "the creation date is created, in UTC");
    CHECK(strstr(qdf, "/ModDate (D:20231114221320+00'00')") != NULL, "so is the modification date");
    free(qdf);

    CHECK_INT(tools_run(dir, "TZ=UTC pdfinfo '%s'", one), 0, "pdfinfo reads it");
    char *info = tools_out(dir), *err = tools_err(dir);
    CHECK_STR(err, "", "without warnings");
    CHECK(strstr(info, "Title:           Brief: \xc3\x9c" "bersicht & <Zusammenfassung> \xe2\x80\x94 "
                       "\xea\xb0\x9c\xec\x9a\x94\n") != NULL, "the UTF-8 title reads back");
    CHECK(strstr(info, "Author:          Jung-Hoon Lee\n") != NULL, "the author");
    CHECK(strstr(info, "Subject:         Testing\n") != NULL, "the subject");
    CHECK(strstr(info, "Creator:         briefc 0.1.0\n") != NULL, "the creator as given");
    CHECK(strstr(info, "Producer:        briefc\n") != NULL, "the producer is briefc");
    CHECK(strstr(info, "Tue Nov 14 22:13:20 2023 UTC") != NULL, "pdfinfo shows the date");
    free(info);
    free(err);

    /* Without a date there is none at all, not the time of the run. */
    CHECK(tools_write(a, make_doc(a, -1), three, NULL, d), "a document without a date is written");
    char *q3 = tools_qdf(dir, three);
    CHECK(strstr(q3, "/CreationDate") == NULL && strstr(q3, "/ModDate") == NULL, "and has no dates");
    CHECK(tools_qpdf_ok(dir, three) && tools_fonts_ok(dir, three, 1), "and is a good PDF");
    free(q3);

    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
