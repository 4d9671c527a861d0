/*
 * test_pdf_memfont.c: pins the in-memory font load. libharu 2.3.0 reads a
 * TrueType font only from a file (its stream loader is static), so the
 * writer builds the font definition from exported parts for a face given
 * as bytes (the subset the driver cuts). Such a face must embed as a file
 * face does (tagged in load order, subset, with a ToUnicode map), draw
 * and extract; and every font's /CIDToGIDMap must end at the highest code
 * drawn (2 bytes a code), not cover all 65,536 codes.
 */
#include "base/file.h"
#include "pdf_tools.h"

/* The decoded length of the CIDToGIDMap of the font whose BaseFont ends
 * in name, read from the QDF form; -1 when not found. */
static long map_length(const char *qdf, const char *name)
{
    const char *base = strstr(qdf, name);
    const char *desc = base ? strstr(base, "/DescendantFonts [") : NULL;
    int desc_id = 0, map_id = 0, len_id = 0;
    if (!desc || sscanf(desc, "/DescendantFonts [ %d", &desc_id) != 1)
        return -1;
    char head[64];
    snprintf(head, sizeof head, "\n%d 0 obj", desc_id);
    const char *obj = strstr(qdf, head), *map = obj ? strstr(obj, "/CIDToGIDMap ") : NULL;
    if (!map || sscanf(map, "/CIDToGIDMap %d", &map_id) != 1)
        return -1;
    snprintf(head, sizeof head, "\n%d 0 obj", map_id);
    obj = strstr(qdf, head);
    const char *len = obj ? strstr(obj, "/Length ") : NULL;
    if (!len || sscanf(len, "/Length %d", &len_id) != 1)
        return -1;
    snprintf(head, sizeof head, "\n%d 0 obj\n", len_id);
    obj = strstr(qdf, head);
    long n = -1;
    if (obj)
        sscanf(obj + strlen(head), "%ld", &n);
    return n;
}

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
    char *qdf = tools_qdf(dir, pdf);
    CHECK_INT(map_length(qdf, "+NotoSerif-Regular"), (0xE9 + 1) * 2,
              "the serif map ends at U+00E9, the highest code it draws");
    CHECK_INT(map_length(qdf, "+NanumMyeongjo"), (0xD55C + 1) * 2,
              "the Korean map ends at U+D55C");
    free(qdf);
    CHECK(tools_qpdf_ok(dir, pdf), "qpdf --check passes");

    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
