/*
 * test_pdf_memfont.c: pins the in-memory font load. libharu 2.3.0 reads a
 * TrueType font only from a file (its stream loader is static), so the
 * writer builds the font definition from exported parts for a face given
 * as bytes (the subset the driver cuts). Such a face must embed as a file
 * face does (tagged in load order, subset, with a ToUnicode map), draw
 * and extract.
 */
#include "base/file.h"
#include "pdf_tools.h"

int main(void)
{
    char *dir = tools_mkdtemp();
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/memfont.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();

    display_doc *doc = display_new(a, 595, 842);
    const char *serif_path = tools_serif(a);
    int serif = display_add_face(a, doc, serif_path);
    char *bytes;
    size_t len;
    CHECK(file_read(a, serif_path, 64u << 20, &bytes, &len), "the serif face's file is read");
    doc->faces[serif].data = bytes;
    doc->faces[serif].len = len;
    int korean = display_add_face(a, doc, tools_font(a, "NanumMyeongjo.ttf",
                                                     "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf"));
    disp_page *pg = display_add_page(a, doc);
    static const uint32_t cafe[] = {'c', 'a', 'f', 0xE9, ' ', 'H', 'i'};
    tools_text(a, pg, serif, 12, 72, 700, cafe, 7);
    static const uint32_t hangul[] = {0xD55C, 0xAD6D, 0xC5B4};       /* 한국어 */
    tools_text(a, pg, korean, 12, 72, 670, hangul, 3);
    CHECK(pdf_write(doc, pdf, "memfont.pdf", d), "the document is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");

    CHECK_INT(tools_run(dir, "pdftotext '%s' -", pdf), 0, "pdftotext reads it");
    char *text = tools_out(dir), *err = tools_err(dir);
    CHECK_STR(err, "", "pdftotext prints no warning");
    CHECK(strstr(text, "caf\xc3\xa9 Hi") != NULL, "the face loaded from memory extracts");
    CHECK(strstr(text, "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4") != NULL, "the face loaded from its file extracts");
    free(text);
    free(err);
    CHECK(tools_fonts_ok(dir, pdf, 2), "2 fonts, both emb/sub/uni yes");
    CHECK_INT(tools_run(dir, "pdffonts '%s' | grep -c 'HPDFAA+NotoSerif-Regular\\|HPDFAB+NanumMyeongjo'",
                        pdf), 0, "tagged in load order as libharu tags files");
    CHECK(tools_qpdf_ok(dir, pdf), "qpdf --check passes");

    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
