/*
 * test_pdf_tounicode.c: pins the ToUnicode repair (libharu 2.3.0 attaches
 * a CID CMap with begincidrange as /ToUnicode; poppler warns about it).
 * Latin with a ligature glyph, Korean and Chinese, each in its own face,
 * must extract with pdftotext and no warning at all; an unused face must
 * not be embedded; every font is embedded, subset and has a ToUnicode map,
 * the one map they share.
 */
#include "pdf_tools.h"

int main(void)
{
    char *dir = tools_mkdtemp();
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/tounicode.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();

    display_doc *doc = display_new(a, 595, 842);
    int serif = display_add_face(a, doc, tools_serif(a));
    int korean = display_add_face(a, doc, tools_font(a, "NanumMyeongjo.ttf",
                                                     "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf"));
    /* Chinese in the shipped AR PL SungtiL GB: the test must not depend on
     * fonts a fresh machine lacks. */
    int chinese = display_add_face(a, doc, tools_font(a, "gbsn00lp.ttf",
                                                      "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"));
    display_add_face(a, doc, tools_font(a, "NotoSerif-Bold.ttf",
                                        "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf"));
    for (int p = 0; p < 2; p++) {   /* poppler warned once per page and font */
        disp_page *pg = display_add_page(a, doc);
        /* o, the ffi ligature glyph, c, e; then "café" */
        static const uint32_t office[] = {'o', 0xFB03, 'c', 'e', ' ', 'c', 'a', 'f', 0xE9};
        tools_text(a, pg, serif, 12, 72, 700, office, 9);
        static const uint32_t hangul[] = {0xD55C, 0xAD6D, 0xC5B4};       /* 한국어 */
        tools_text(a, pg, korean, 12, 72, 670, hangul, 3);
        static const uint32_t hanzi[] = {0x4E2D, 0x56FD};                /* 中国 */
        tools_text(a, pg, chinese, 12, 72, 640, hanzi, 2);
    }
    CHECK(tools_write(a, doc, pdf, "tounicode.pdf", d), "the document is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");

    CHECK_INT(tools_run(dir, "pdftotext '%s' -", pdf), 0, "pdftotext reads it");
    char *text = tools_out(dir), *err = tools_err(dir);
    CHECK_STR(err, "", "pdftotext prints no warning (no Syntax Error, no begincidrange)");
    CHECK(strstr(text, "office caf\xc3\xa9") != NULL, "the ligature extracts as \"office\", and \"caf\xc3\xa9\"");
    CHECK(strstr(text, "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4") != NULL, "Korean extracts (\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4)");
    CHECK(strstr(text, "\xe4\xb8\xad\xe5\x9b\xbd") != NULL, "Chinese extracts (\xe4\xb8\xad\xe5\x9b\xbd)");
    free(text);
    free(err);

    char *qdf = tools_qdf(dir, pdf);
    CHECK_INT(tools_count(qdf, "begincidrange"), 0, "no ToUnicode map has a cidrange");
    CHECK_INT(tools_count(qdf, "beginbfrange"), 3, "one map, shared by the 3 fonts, has 3 bfrange blocks (248 ranges, <= 100 each)");
    CHECK_INT(tools_count(qdf, "100 beginbfrange"), 2, "of at most 100 entries");
    CHECK_INT(tools_count(qdf, "<FB03> <006600660069>"), 1, "the ffi ligature maps to f f i");
    CHECK_INT(tools_count(qdf, "/ToUnicode"), 3, "each of the 3 fonts has a ToUnicode map");
    CHECK_INT(tools_count(qdf, "<D800>"), 0, "surrogates are not mapped");
    CHECK_INT(tools_count(qdf, "/CMapName /UTF-8"), 0, "libharu's encoding CMap keys are gone");
    free(qdf);

    CHECK(tools_fonts_ok(dir, pdf, 3), "3 fonts (the unused bold face is not embedded), all emb/sub/uni yes");
    CHECK(tools_qpdf_ok(dir, pdf), "qpdf --check passes");

    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
