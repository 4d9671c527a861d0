/*
 * test_pdf_paths.c: chart paths and markers (DISP_PATH, DISP_DOT) as
 * vector drawing. A dashed polyline, a filled polygon and a ringed dot
 * are each drawn inside q ... Q, so the dash, the round joins and the
 * line width never reach the rule drawn after them; libharu 2.3.0 takes
 * dash lengths in whole points. The page has no image and passes qpdf.
 * Non-finite or absurd coordinates are clamped, never written as NaN.
 */
#include <math.h>

#include "pdf_tools.h"

int main(void)
{
    char *dir = tools_mkdtemp();
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/paths.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();
    display_doc *doc = display_new(a, 612, 792);
    disp_page *pg = display_add_page(a, doc);

    disp_item *line = display_add_item(a, pg, DISP_PATH);
    static double pts[] = {100, 100, 200, 180, 300, 120};
    line->u.path.pts = pts;
    line->u.path.n = 3;
    line->u.path.width = 1.8;
    line->u.path.dash = 2.6;        /* rounds to 3 */
    line->color = (disp_color){0.05, 0.25, 0.45};

    disp_item *poly = display_add_item(a, pg, DISP_PATH);
    static double tri[] = {100, 300, 200, 300, 150, 380};
    poly->u.path.pts = tri;
    poly->u.path.n = 3;
    poly->u.path.fill = true;
    poly->color = (disp_color){0.8, 0.42, 0.12};

    disp_item *dot = display_add_item(a, pg, DISP_DOT);
    dot->u.dot.x = 200;
    dot->u.dot.y = 180;
    dot->u.dot.r = 2.1;
    dot->u.dot.ring = 0.9;
    dot->color = (disp_color){0.05, 0.25, 0.45};

    disp_item *bad = display_add_item(a, pg, DISP_PATH);
    static double wild[4];
    wild[0] = NAN, wild[1] = 1e9, wild[2] = -INFINITY, wild[3] = 5;
    bad->u.path.pts = wild;
    bad->u.path.n = 2;
    bad->u.path.width = NAN;

    disp_item *rule = display_add_item(a, pg, DISP_RULE);
    rule->u.rule.x0 = 100, rule->u.rule.y0 = 50, rule->u.rule.x1 = 500, rule->u.rule.y1 = 50;
    rule->u.rule.width = 0.5;

    CHECK(tools_write(a, doc, pdf, "paths.pdf", d), "the page is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");
    CHECK(tools_qpdf_ok(dir, pdf), "qpdf --check passes");
    char *qdf = tools_qdf(dir, pdf);
    char *page = strstr(qdf, "%% Contents for page 1");
    CHECK(page != NULL, "the page's content stream is found");
    if (page) {
        /* libharu writes "[3 3 ] 0 d". */
        char *dash = strstr(page, "[3 3");
        CHECK(dash != NULL && strncmp(dash + 4 + strspn(dash + 4, " "), "] 0 d", 5) == 0,
              "the dash is written in whole points: [3 3] 0 d");
        char *q = strstr(page, "q\n"), *Q = dash ? strstr(dash, "Q\n") : NULL;
        CHECK(q && dash && q < dash && Q, "  inside q ... Q");
        CHECK(tools_count(page, "1 j") >= 1 && tools_count(page, "1 J") >= 1,
              "the line has round joins and caps (1 j, 1 J)");
        CHECK(tools_count(page, "q\n") == 4 && tools_count(page, "Q\n") == 4,
              "each of the four paths and markers saves and restores the graphics state");
        char *fill = strstr(page, "h\nf\n");
        CHECK(fill != NULL, "the polygon is closed and filled (h f)");
        char *circle = strstr(page, " c\n");
        CHECK(circle != NULL && strstr(page, "B\n"), "the marker is a circle, filled and ringed (B)");
        char *last_Q = page, *p;
        while ((p = strstr(last_Q + 1, "Q\n")) && p < page + strlen(page))
            last_Q = p;
        char *after = last_Q ? strstr(last_Q, " m\n") : NULL;
        CHECK(after && !strstr(after, " d\n"), "the rule after them is drawn with no dash set");
        CHECK(!strstr(page, "nan") && !strstr(page, "inf"), "no NaN or infinity reaches the stream");
    }
    free(qdf);
    CHECK_INT(tools_run(dir, "pdfimages -list '%s' | tail -n +3 | wc -l | grep -qx 0", pdf), 0,
              "the page holds no image: it is all vectors");
    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
