/*
 * test_text_widths.c: the widths layout uses are exactly the widths the
 * PDF declares: for every face in fonts/ and every BMP code point, our
 * text_font_advance equals libharu's HPDF_Font_GetUnicodeWidth (the value
 * it writes to /W), including code points the font lacks.
 */
#include <hpdf.h>

#include "../harness.h"
#include "text/font.h"

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
    (void)e;
    (void)detail;
    (void)data;
}

int main(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    text_fonts *fs = text_fonts_load(a, d, "fonts", NULL);
    CHECK(fs != NULL && diag_error_count(d) == 0, "every face in fonts/ loads");
    if (!fs)
        return harness_done();
    long compared = 0;
    for (size_t i = 0; i < text_fonts_count(fs); i++) {
        const text_font *f = text_fonts_face(fs, (int)i);
        HPDF_Doc pdf = HPDF_New(on_error, NULL);
        HPDF_UseUTFEncodings(pdf);
        const char *name = HPDF_LoadTTFontFromFile(pdf, text_font_path(f), HPDF_TRUE);
        HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
        char what[256];
        snprintf(what, sizeof what, "libharu loads %s", text_font_name(f));
        CHECK(font != NULL, what);
        if (!font) {
            HPDF_Free(pdf);
            continue;
        }
        long bad = 0, glyphs = 0;
        uint32_t first_bad = 0;
        for (uint32_t cp = 1; cp < 0xFFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF)
                continue;
            int ours = text_font_advance(f, cp);
            int theirs = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
            glyphs += text_font_has_glyph(f, cp);
            if (ours != theirs && bad++ == 0)
                first_bad = cp;
            compared++;
        }
        snprintf(what, sizeof what, "%s: all %ld BMP widths (%ld glyphs) equal libharu's",
                 text_font_name(f), (long)0xFFFF - 2049, glyphs);
        CHECK(bad == 0, what);
        if (bad)
            printf("#   %ld differ, first U+%04X: ours %d, libharu %d\n", bad, first_bad,
                   text_font_advance(f, first_bad),
                   HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)first_bad));
        snprintf(what, sizeof what, "%s: ascent and descent equal libharu's", text_font_name(f));
        CHECK(text_font_ascent(f) == HPDF_Font_GetAscent(font) &&
                  text_font_descent(f) == HPDF_Font_GetDescent(font), what);
        if (text_font_ascent(f) != HPDF_Font_GetAscent(font) ||
            text_font_descent(f) != HPDF_Font_GetDescent(font))
            printf("#   ours %d/%d, libharu %d/%d\n", text_font_ascent(f), text_font_descent(f),
                   HPDF_Font_GetAscent(font), HPDF_Font_GetDescent(font));
        HPDF_Free(pdf);
    }
    printf("# %ld code points compared\n", compared);
    text_fonts_free(fs);
    diag_free(d);
    arena_free(a);
    return harness_done();
}
