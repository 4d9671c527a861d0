/*
 * test_font_widths.c: the metrics layout uses (which the PDF's /W and
 * font descriptors declare) agree with a second TrueType reader,
 * libharu 2.3.0's. For every face in fonts/, text_font_advance equals
 * HPDF_Font_GetUnicodeWidth
 * for every BMP code point of the font's cmap and for code points the
 * font lacks (the .notdef width), and the coverage, ascent, descent, cap
 * height and x-height equal libharu's. The same holds for the subset the
 * PDF embeds (text_font_subset): libharu reading the cut-down file gives
 * every kept code point the whole font's width, and the same vertical
 * metrics.
 */
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_font.h>
#include <stdlib.h>
#include <unistd.h>

#include "../harness.h"
#include "text/font.h"

#ifndef FONTS_DIR
#define FONTS_DIR "fonts"
#endif

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
    (void)e;
    (void)detail;
    (void)data;
}

/* libharu's own glyph id for cp (0: the font lacks it). */
static unsigned harfu_gid(HPDF_Font font, uint32_t cp)
{
    return HPDF_TTFontDef_GetGlyphid(((HPDF_FontAttr)font->attr)->fontdef, (HPDF_UINT16)cp);
}

static void compare_face(const text_font *f, long *total)
{
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    HPDF_UseUTFEncodings(pdf);
    /* A collection (.ttc): we read its first font, so libharu reads that. */
    const char *path = text_font_path(f);
    size_t plen = strlen(path);
    const char *name = plen > 4 && strcmp(path + plen - 4, ".ttc") == 0
                           ? HPDF_LoadTTFontFromFile2(pdf, path, 0, HPDF_TRUE)
                           : HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
    HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
    char what[256];
    snprintf(what, sizeof what, "libharu loads %s with the UTF-8 encoding", text_font_name(f));
    CHECK(font != NULL, what);
    if (!font) {
        HPDF_Free(pdf);
        return;
    }
    long glyphs = 0, lacking = 0, bad = 0, cover_bad = 0;
    uint32_t first_bad = 0, first_cover = 0;
    for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
        bool ours_has = text_font_has_glyph(f, cp);
        bool theirs_has = harfu_gid(font, cp) != 0;
        if (ours_has != theirs_has && cover_bad++ == 0)
            first_cover = cp;
        /* every mapped code point, plus every 97th one the font lacks */
        if (!theirs_has && cp % 97 != 0)
            continue;
        glyphs += theirs_has;
        lacking += !theirs_has;
        if (text_font_advance(f, cp) != HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp) &&
            bad++ == 0)
            first_bad = cp;
    }
    *total += glyphs + lacking;
    snprintf(what, sizeof what, "%s: %ld mapped and %ld lacking code points have libharu's width",
             text_font_name(f), glyphs, lacking);
    CHECK(bad == 0 && glyphs > 90, what);
    if (bad)
        printf("#   %ld differ, first U+%04X: ours %d, libharu %d\n", bad, first_bad,
               text_font_advance(f, first_bad),
               HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)first_bad));
    printf("# %s: %ld glyphs compared\n", text_font_name(f), glyphs);
    snprintf(what, sizeof what, "%s: coverage equals libharu's cmap lookup", text_font_name(f));
    CHECK(cover_bad == 0, what);
    if (cover_bad)
        printf("#   %ld differ, first U+%04X\n", cover_bad, first_cover);
    snprintf(what, sizeof what, "%s: beyond the BMP, the .notdef width", text_font_name(f));
    CHECK_INT(text_font_advance(f, 0x1F600), HPDF_Font_GetUnicodeWidth(font, 0xFFFE), what);
    snprintf(what, sizeof what, "%s: ascent", text_font_name(f));
    CHECK_INT(text_font_ascent(f), HPDF_Font_GetAscent(font), what);
    snprintf(what, sizeof what, "%s: descent", text_font_name(f));
    CHECK_INT(text_font_descent(f), HPDF_Font_GetDescent(font), what);
    snprintf(what, sizeof what, "%s: cap height", text_font_name(f));
    CHECK_INT(text_font_cap_height(f), HPDF_Font_GetCapHeight(font), what);
    snprintf(what, sizeof what, "%s: x-height", text_font_name(f));
    CHECK_INT(text_font_x_height(f), HPDF_Font_GetXHeight(font), what);
    HPDF_Free(pdf);
}

/* A sample of what documents draw: ASCII, Latin-1, punctuation, and
 * every 13th code point the font has, cut by the text module and read
 * back by libharu from a file as the PDF writer gives it the bytes. */
static void compare_subset(arena *a, const text_font *f)
{
    uint32_t *cps = malloc(0x10000 * sizeof *cps);
    size_t n = 0, seen = 0;
    for (uint32_t cp = 0x20; cp <= 0xFFFF; cp++) {
        if (!text_font_has_glyph(f, cp))
            continue;
        if (cp < 0x100 || (cp >= 0x2000 && cp < 0x2070) || seen++ % 13 == 0)
            cps[n++] = cp;
    }
    size_t len = 0;
    uint16_t *gids = arena_alloc(a, (n + 1) * sizeof *gids);
    const void *data = text_font_subset(a, f, cps, n, gids, &len);
    char what[256];
    snprintf(what, sizeof what, "%s: a subset of %zu characters is made", text_font_name(f), n);
    CHECK(data != NULL && len > 0, what);
    char path[] = "/tmp/briefc-subset-XXXXXX";
    int fd = mkstemp(path);
    bool wrote = fd >= 0 && data && write(fd, data, len) == (ssize_t)len;
    if (fd >= 0)
        close(fd);
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    HPDF_UseUTFEncodings(pdf);
    const char *name = wrote ? HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE) : NULL;
    HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
    snprintf(what, sizeof what, "%s: libharu reads the subset", text_font_name(f));
    CHECK(font != NULL, what);
    long bad = 0, missing = 0;
    uint32_t first_bad = 0;
    for (size_t i = 0; font && i < n; i++) {
        if (harfu_gid(font, cps[i]) == 0)
            missing++;
        if (text_font_advance(f, cps[i]) != HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cps[i]) &&
            bad++ == 0)
            first_bad = cps[i];
    }
    snprintf(what, sizeof what, "%s: the subset keeps all %zu characters, each with its width",
             text_font_name(f), n);
    CHECK(font && bad == 0 && missing == 0, what);
    if (bad || missing)
        printf("#   %ld widths differ (first U+%04X), %ld characters lost\n", bad, first_bad,
               missing);
    snprintf(what, sizeof what, "%s: the subset's ascent, descent, cap height and x-height",
             text_font_name(f));
    CHECK(font && text_font_ascent(f) == HPDF_Font_GetAscent(font) &&
              text_font_descent(f) == HPDF_Font_GetDescent(font) &&
              text_font_cap_height(f) == (int)HPDF_Font_GetCapHeight(font) &&
              text_font_x_height(f) == (int)HPDF_Font_GetXHeight(font),
          what);
    HPDF_Free(pdf);
    unlink(path);
    free(cps);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : FONTS_DIR;
    arena *a = arena_new();
    diag_list *d = diag_new();
    text_fonts *fs = text_fonts_load(a, d, dir, NULL);
    CHECK(fs != NULL && diag_error_count(d) == 0, "every face in fonts/ loads");
    if (!fs) {
        diag_print(d, stdout, false, false);
        return harness_done();
    }
    CHECK_INT(text_fonts_count(fs), 16, "sixteen faces");
    const text_font *serif = text_fonts_face(fs, TEXT_SERIF);
    CHECK_STR(text_font_name(serif), "NotoSerif-Regular", "the PostScript name from the name table");
    CHECK(text_font_cap_height(serif) > 600 && text_font_cap_height(serif) < 750 &&
              text_font_x_height(serif) > 450 && text_font_x_height(serif) < 600,
          "Noto Serif's cap height and x-height are plausible");
    long total = 0;
    for (size_t i = 0; i < text_fonts_count(fs); i++)
        compare_face(text_fonts_face(fs, (int)i), &total);
    for (size_t i = 0; i < text_fonts_count(fs); i++)
        compare_subset(a, text_fonts_face(fs, (int)i));
    printf("# %ld code points compared in all\n", total);
    text_fonts_free(fs);
    diag_free(d);
    arena_free(a);
    return harness_done();
}
