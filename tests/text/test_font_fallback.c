/*
 * test_font_fallback.c: text_fonts_pick finds, in every style, the face
 * each kind of character belongs in: Latin in the style's own face, ŏ
 * (sŏngbun) there too, Hangul in Nanum Myeongjo for upright serif
 * styles and Nanum Gothic for sans, mono and italic ones (bold for bold),
 * Chinese in WenQuanYi Micro Hei in every style but the upright serif,
 * simplified Chinese in AR PL SungtiL GB, traditional characters in AR PL
 * Mingti2L Big5, and nothing for an emoji libharu cannot set.
 */
#include "../harness.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/file.h"
#include "text/font.h"

#ifndef FONTS_DIR
#define FONTS_DIR "fonts"
#endif

static const char *const own[TEXT_STYLE_COUNT] = {
    [TEXT_SERIF] = "NotoSerif-Regular",
    [TEXT_SERIF_BOLD] = "NotoSerif-Bold",
    [TEXT_SERIF_ITALIC] = "NotoSerif-Italic",
    [TEXT_SERIF_BOLD_ITALIC] = "NotoSerif-BoldItalic",
    [TEXT_SANS] = "NotoSans-Regular",
    [TEXT_SANS_BOLD] = "NotoSans-Bold",
    [TEXT_MONO] = "NotoSansMono-Regular",
    [TEXT_SANS_ITALIC] = "NotoSans-Italic",
    [TEXT_SANS_BOLD_ITALIC] = "NotoSans-BoldItalic",
};

static bool bold(text_style s)
{
    return s == TEXT_SERIF_BOLD || s == TEXT_SERIF_BOLD_ITALIC || s == TEXT_SANS_BOLD ||
           s == TEXT_SANS_BOLD_ITALIC;
}

/* The Hangul face a style's chain reaches. */
static const char *hangul_face(text_style s)
{
    if (s == TEXT_SERIF)
        return "NanumMyeongjo";
    if (s == TEXT_SERIF_BOLD)
        return "NanumMyeongjoBold";
    return bold(s) ? "NanumGothicBold" : "NanumGothic";
}

static const char *picked(const text_fonts *fs, text_style s, uint32_t cp)
{
    int face = text_fonts_pick(fs, s, cp);
    return face < 0 ? "(none)" : text_font_name(text_fonts_face(fs, face));
}

/* Every character of a UTF-32 string is set in the named face. */
static void all_in(const text_fonts *fs, text_style s, const uint32_t *cps, const char *face,
                   const char *what)
{
    char line[256];
    for (const uint32_t *c = cps; *c; c++) {
        snprintf(line, sizeof line, "%s U+%04X in %s (%s)", what, (unsigned)*c, face, own[s]);
        CHECK_STR(picked(fs, s, *c), face, line);
    }
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : FONTS_DIR;
    arena *a = arena_new();
    diag_list *d = diag_new();
    text_fonts *fs = text_fonts_load(a, d, dir, NULL);
    CHECK(fs != NULL, "the default families load");
    if (!fs)
        return harness_done();
    /* Faces load when first consulted: Latin in the serif reads no other
     * file, and the record names only what was loaded. */
    const char *korean = text_fonts_path(fs, TEXT_STYLE_COUNT);
    CHECK(strstr(korean, "NanumMyeongjo.ttf") != NULL, "face 9's file is Nanum Myeongjo");
    CHECK(text_fonts_find(fs, text_fonts_path(fs, TEXT_SERIF)) == NULL,
          "no face is loaded before it is asked for");
    CHECK_INT(text_fonts_pick(fs, TEXT_SERIF, 'a'), TEXT_SERIF, "'a' is set in the serif");
    CHECK(text_fonts_find(fs, text_fonts_path(fs, TEXT_SERIF)) != NULL &&
              text_fonts_find(fs, korean) == NULL && text_fonts_find(fs, text_fonts_path(fs, TEXT_SANS)) == NULL,
          "... which loads the serif alone");
    arena *rec = arena_new();
    file_record_start(rec);
    text_fonts_note(fs, rec);
    CHECK(file_record_count(rec) == 1 && strstr(file_record_path(rec, 0), "NotoSerif-Regular.ttf"),
          "the record names the one face loaded");
    arena_free(rec);
    CHECK_INT(text_fonts_pick(fs, TEXT_SERIF, 0xD55C), TEXT_STYLE_COUNT, "Hangul falls back to Nanum");
    CHECK(text_fonts_find(fs, korean) != NULL, "... which is loaded then");
    static const uint32_t latin[] = {'A', 'z', '0', 0x00E9, 0x2019, 0x2014, 0};
    static const uint32_t hangul[] = {0xBD81, 0xD55C, 0};            /* 북한 */
    static const uint32_t chinese[] = {0x4E2D, 0x56FD, 0x4EBA, 0x6743, 0}; /* 中国人权 */
    static const uint32_t trad[] = {0x97D3, 0x6B0A, 0x81FA, 0x7063, 0};   /* 韓權臺灣 */
    for (int s = 0; s < TEXT_STYLE_COUNT; s++) {
        all_in(fs, s, latin, own[s], "Latin");
        char line[128];
        snprintf(line, sizeof line, "o with breve (sŏngbun) in %s", own[s]);
        CHECK_STR(picked(fs, s, 0x014F), own[s], line);
        all_in(fs, s, hangul, hangul_face(s), "Hangul");
        /* Chinese is Song in upright serif text, Hei in every other
         * style (headings, bold and italic emphasis). */
        all_in(fs, s, chinese, s == TEXT_SERIF ? "BousungEG-Light-GB" : "WenQuanYiMicroHei",
               "simplified Chinese");
        all_in(fs, s, trad, s == TEXT_SERIF ? "ShanHeiSun-Light" : "WenQuanYiMicroHei",
               "traditional Chinese");
        static const uint32_t punct[] = {0x3002, 0xFF0C, 0};   /* 。， */
        all_in(fs, s, punct, s == TEXT_SERIF ? "BousungEG-Light-GB" : "WenQuanYiMicroHei",
               "Chinese punctuation");
        /* U+1F600: no face of ours may claim it, since libharu sets only
         * the BMP. */
        snprintf(line, sizeof line, "emoji U+1F600 has no face (%s)", own[s]);
        CHECK_INT(text_fonts_pick(fs, s, 0x1F600), -1, line);
    }
    /* Latin the mono face lacks falls back to the serif (the ligature
     * U+FB00 is one); Noto Sans has every character Noto Serif has, so
     * the sans fallback cannot be shown with the shipped fonts. */
    CHECK_STR(picked(fs, TEXT_MONO, 0xFB00), "NotoSerif-Regular", "mono falls back to the serif (U+FB00)");
    CHECK_INT(text_fonts_pick(fs, TEXT_SERIF, 0xE000), -1, "a private-use code point has no face");
    /* A sans family without italic cuts: its upright cuts stand in, and
     * the pick names the upright face (one face, embedded once). */
    text_families two = {.sans = "NotoSerif"};
    text_fonts *fs2 = text_fonts_load(a, d, dir, &two);
    CHECK(fs2 && text_fonts_pick(fs2, TEXT_SANS_ITALIC, 'a') == TEXT_SANS_ITALIC &&
              strcmp(text_font_name(text_fonts_face(fs2, TEXT_SANS_ITALIC)), "NotoSerif-Italic") == 0,
          "a sans family with italic cuts uses them");
    text_fonts_free(fs2);
    /* A folder of the defaults and a family "Two" of Regular and Bold. */
    char tmp[] = "/tmp/briefc-fonts-XXXXXX";
    CHECK(mkdtemp(tmp) != NULL, "a scratch fonts folder");
    static const char *const links[][2] = {
        {"NotoSerif-Regular.ttf", NULL}, {"NotoSerif-Bold.ttf", NULL},
        {"NotoSerif-Italic.ttf", NULL}, {"NotoSerif-BoldItalic.ttf", NULL},
        {"NotoSansMono-Regular.ttf", NULL}, {"NanumMyeongjo.ttf", NULL},
        {"NanumMyeongjoBold.ttf", NULL}, {"NanumGothic.ttf", NULL},
        {"NanumGothicBold.ttf", NULL}, {"gbsn00lp.ttf", NULL}, {"bsmi00lp.ttf", NULL},
        {"wqy-microhei.ttc", NULL},
        {"NotoSans-Regular.ttf", "Two-Regular.ttf"}, {"NotoSans-Bold.ttf", "Two-Bold.ttf"},
    };
    char from[4096], to[4096];
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        snprintf(from, sizeof from, "%s/%s", dir[0] == '/' ? dir : realpath(dir, to), links[i][0]);
        snprintf(to, sizeof to, "%s/%s", tmp, links[i][1] ? links[i][1] : links[i][0]);
        CHECK(symlink(from, to) == 0, links[i][0]);
    }
    text_families upright = {.sans = "Two"};
    text_fonts *fs3 = text_fonts_load(a, d, tmp, &upright);
    CHECK(fs3 && text_fonts_pick(fs3, TEXT_SANS_ITALIC, 'a') == TEXT_SANS &&
              text_fonts_pick(fs3, TEXT_SANS_BOLD_ITALIC, 'a') == TEXT_SANS_BOLD &&
              strcmp(text_font_name(text_fonts_face(fs3, TEXT_SANS_ITALIC)), "NotoSans-Regular") == 0,
          "a sans family of two cuts: its upright cuts stand in for italic");
    text_fonts_free(fs3);
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        snprintf(to, sizeof to, "%s/%s", tmp, links[i][1] ? links[i][1] : links[i][0]);
        unlink(to);
    }
    rmdir(tmp);
    CHECK_INT(text_fonts_pick(fs, TEXT_SERIF, 0xFFFF), -1, "U+FFFF has no face");
    CHECK_INT(text_fonts_pick(fs, TEXT_SERIF, 0x110000), -1, "beyond Unicode has no face");
    CHECK(text_fonts_face(fs, -1) == NULL && text_fonts_face(fs, 99) == NULL,
          "a face number out of range gives NULL");
    /* Kerning comes through HarfBuzz from GPOS. */
    const text_font *serif = text_fonts_face(fs, TEXT_SERIF);
    CHECK(text_font_kern(serif, 'A', 'V') < -20, "A and V are kerned together");
    CHECK_INT(text_font_kern(serif, 'n', 'n'), 0, "n and n are not");
    CHECK_INT(text_font_kern(serif, 'A', 0xBD81), 0, "a pair with a character the font lacks is not");
    text_fonts_free(fs);
    text_fonts_free(NULL);
    diag_free(d);
    arena_free(a);
    return harness_done();
}
