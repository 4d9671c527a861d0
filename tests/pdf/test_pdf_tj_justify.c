/*
 * test_pdf_tj_justify.c: pins the raw TJ text (libharu 2.3.0 has no TJ
 * call, and its word spacing does nothing for UTF-8 CID fonts). The
 * adjustment after a space must move the following words by exactly that
 * many points in what pdftotext -bbox reports, the words must stay
 * separate, glyphs without adjustment must share one hex string, and a
 * code that is no character (a lone surrogate) must never reach the
 * content stream.
 */
#include "pdf_tools.h"

/* xMin of `word` on the line whose yMin is near y_min, from pdftotext
 * -bbox output; -1 when missing. Counts the words found in *found. */
static double word_x(const char *bbox, const char *word, double y_min, int *found)
{
    char key[64];
    snprintf(key, sizeof key, ">%s</word>", word);
    for (const char *p = bbox; (p = strstr(p, "<word xMin=\"")) != NULL; p++) {
        double x0, y0, x1, y1;
        if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1, &y1) != 4)
            continue;
        const char *end = strstr(p, "</word>");
        const char *gt = strchr(p, '>');
        if (!end || !gt || strncmp(gt, key, strlen(key)) != 0)
            continue;
        if (y0 > y_min - 1 && y0 < y_min + 1) {
            (*found)++;
            return x0;
        }
    }
    return -1;
}

int main(void)
{
    char *dir = tools_mkdtemp();
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/tj.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();

    display_doc *doc = display_new(a, 612, 792);
    int f = display_add_face(a, doc, tools_serif(a));
    disp_page *pg = display_add_page(a, doc);
    /* The same words twice at 12 pt: set solid at y=700 (top 92 from the
     * page top), and justified at y=600 with 20 pt after each space. */
    tools_ascii(a, pg, f, 12, 72, 700, "aaa bbb ccc");
    disp_item *j = tools_ascii(a, pg, f, 12, 72, 600, "aaa bbb ccc");
    tools_adjust(a, j, 3, 20);
    tools_adjust(a, j, 7, 20);
    /* A kerning-sized negative adjustment, and a lone surrogate (with its
     * own adjustment, which still applies) between "x" and "y". */
    static const uint32_t xy[] = {'x', 0xD83D, 'y'};
    disp_item *k = tools_text(a, pg, f, 10, 72, 500, xy, 3);
    tools_adjust(a, k, 0, -0.5);
    tools_adjust(a, k, 1, 1.5);
    CHECK(tools_write(a, doc, pdf, NULL, d), "the document is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");
    CHECK(tools_qpdf_ok(dir, pdf), "qpdf --check passes");
    CHECK(tools_fonts_ok(dir, pdf, 1), "the font is embedded, subset, with ToUnicode");

    char *qdf = tools_qdf(dir, pdf);
    CHECK(strstr(qdf, "1 0 0 1 72 700 Tm\n[<00610061006100200062006200620020006300630063>] TJ") != NULL,
          "a line without adjustments is one hex string");
    CHECK(strstr(qdf, "1 0 0 1 72 600 Tm\n"
                      "[<0061006100610020> -1666.667 <0062006200620020> -1666.667 <006300630063>] TJ") != NULL,
          "20 pt after a space at 12 pt is -1666.667 in the TJ");
    CHECK(strstr(qdf, "[<0078> -100 <0079>] TJ") != NULL,
          "U+D83D is left out, its adjustment kept: -0.5 pt + 1.5 pt at 10 pt is -100");
    CHECK(strstr(qdf, "/F1 12 Tf") != NULL && strstr(qdf, "BT") && strstr(qdf, "ET"),
          "the font is selected through libharu inside BT/ET");
    free(qdf);

    CHECK_INT(tools_run(dir, "pdftotext -bbox '%s' -", pdf), 0, "pdftotext -bbox reads it");
    char *bbox = tools_out(dir), *err = tools_err(dir);
    CHECK_STR(err, "", "without warnings");
    int found = 0;
    /* yMin is the top of the word box in pdftotext's top-down coordinates. */
    double solid_y = -1, just_y = -1;
    {
        double x0, y0;
        const char *p = strstr(bbox, "<word xMin=");
        if (p && sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\"", &x0, &y0) == 2)
            solid_y = y0;
        just_y = solid_y + 100;
    }
    double a0 = word_x(bbox, "aaa", solid_y, &found), b0 = word_x(bbox, "bbb", solid_y, &found),
           c0 = word_x(bbox, "ccc", solid_y, &found);
    double a1 = word_x(bbox, "aaa", just_y, &found), b1 = word_x(bbox, "bbb", just_y, &found),
           c1 = word_x(bbox, "ccc", just_y, &found);
    CHECK_INT(found, 6, "all six words are separate words on their two lines");
    printf("# solid: %.3f %.3f %.3f  justified: %.3f %.3f %.3f\n", a0, b0, c0, a1, b1, c1);
    CHECK(a0 > 71.9 && a0 < 72.1 && a1 > 71.9 && a1 < 72.1, "both lines start at x=72");
    CHECK(b1 - b0 > 19.95 && b1 - b0 < 20.05, "the second word moves right by the 20 pt adjustment");
    CHECK(c1 - c0 > 39.95 && c1 - c0 < 40.05, "the third word moves by both adjustments, 40 pt");
    CHECK(strstr(bbox, ">xy</word>") != NULL || strstr(bbox, ">x</word>") != NULL,
          "the line with the dropped character still shows x and y");
    free(bbox);
    free(err);

    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
