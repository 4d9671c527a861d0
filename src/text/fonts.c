/*
 * fonts.c: the default families and the fallback chain (see font.h).
 * A style's chain: its own face, then Noto Serif (Latin a sans or mono
 * face lacks; the bold cut for bold styles), then AR PL SungtiL GB for
 * simplified Chinese (so a Chinese phrase is set in one face), then Nanum
 * Myeongjo for Hangul (bold for bold styles), then AR PL Mingti2L Big5
 * for the traditional characters and Hanja the GB face lacks (Nanum
 * Myeongjo has no Hanja).
 *
 * Droid Sans Fallback is not used: most of its ideographs are composite
 * glyphs whose parts have glyph ids above 32767, which libharu 2.3.0's
 * CheckCompositGryph reads as signed and so leaves out of the subset
 * (权 is drawn as 又 alone).
 */
#include "text/font.h"

#include <string.h>

#include "base/file.h"

enum {
    FACE_KOREAN = TEXT_STYLE_COUNT,
    FACE_KOREAN_BOLD,
    FACE_CHINESE,
    FACE_CHINESE_TRAD,
    FACE_COUNT
};

static const char *const files[FACE_COUNT] = {
    [TEXT_SERIF] = "NotoSerif-Regular.ttf",
    [TEXT_SERIF_BOLD] = "NotoSerif-Bold.ttf",
    [TEXT_SERIF_ITALIC] = "NotoSerif-Italic.ttf",
    [TEXT_SERIF_BOLD_ITALIC] = "NotoSerif-BoldItalic.ttf",
    [TEXT_SANS] = "NotoSans-Regular.ttf",
    [TEXT_SANS_BOLD] = "NotoSans-Bold.ttf",
    [TEXT_MONO] = "NotoSansMono-Regular.ttf",
    [FACE_KOREAN] = "NanumMyeongjo.ttf",
    [FACE_KOREAN_BOLD] = "NanumMyeongjoBold.ttf",
    [FACE_CHINESE] = "gbsn00lp.ttf",
    [FACE_CHINESE_TRAD] = "bsmi00lp.ttf",
};

struct text_fonts {
    text_font *faces[FACE_COUNT];
};

/* The file of face i: the default, or the family's cut. */
static const char *face_file(arena *a, int i, const text_families *fam, src_loc *at)
{
    static const char *const cuts[] = {
        [TEXT_SERIF] = "Regular", [TEXT_SERIF_BOLD] = "Bold", [TEXT_SERIF_ITALIC] = "Italic",
        [TEXT_SERIF_BOLD_ITALIC] = "BoldItalic", [TEXT_SANS] = "Regular",
        [TEXT_SANS_BOLD] = "Bold", [TEXT_MONO] = "Regular",
    };
    const char *family = NULL;
    if (fam && i <= TEXT_SERIF_BOLD_ITALIC && fam->serif)
        family = fam->serif, *at = fam->serif_loc;
    else if (fam && (i == TEXT_SANS || i == TEXT_SANS_BOLD) && fam->sans)
        family = fam->sans, *at = fam->sans_loc;
    else if (fam && i == TEXT_MONO && fam->mono)
        family = fam->mono, *at = fam->mono_loc;
    return family ? arena_printf(a, "%s-%s.ttf", family, cuts[i]) : files[i];
}

text_fonts *text_fonts_load(arena *a, diag_list *d, const char *fonts_dir,
                            const text_families *fam)
{
    text_fonts *fs = arena_alloc(a, sizeof *fs);
    bool ok = true;
    for (int i = 0; i < FACE_COUNT; i++) {
        src_loc at = {0};
        char *path = file_join(a, fonts_dir, face_file(a, i, fam, &at));
        if (!at.file)
            at = (src_loc){path, 0, 0};
        fs->faces[i] = text_font_load(a, d, at, path);
        ok = ok && fs->faces[i];
    }
    if (!ok) {
        text_fonts_free(fs);
        return NULL;
    }
    return fs;
}

void text_fonts_free(text_fonts *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < FACE_COUNT; i++)
        text_font_free(fs->faces[i]);
}

size_t text_fonts_count(const text_fonts *fs)
{
    (void)fs;
    return FACE_COUNT;
}

const text_font *text_fonts_face(const text_fonts *fs, int face)
{
    return face >= 0 && face < FACE_COUNT ? fs->faces[face] : NULL;
}

const text_font *text_fonts_find(const text_fonts *fs, const char *path)
{
    for (int i = 0; fs && i < FACE_COUNT; i++)
        if (fs->faces[i] && strcmp(text_font_path(fs->faces[i]), path) == 0)
            return fs->faces[i];
    return NULL;
}

static bool is_bold(text_style s)
{
    return s == TEXT_SERIF_BOLD || s == TEXT_SERIF_BOLD_ITALIC || s == TEXT_SANS_BOLD;
}

uint32_t text_stand_in(uint32_t cp)
{
    switch (cp) {
    case 0x2212:               /* minus sign */
    case 0x2012:               /* figure dash */
        return 0x2013;         /* en dash */
    case 0x2010:               /* hyphen */
    case 0x2011:               /* non-breaking hyphen */
        return '-';
    default:
        return 0;
    }
}

int text_fonts_pick(const text_fonts *fs, text_style style, uint32_t cp)
{
    if (style < 0 || style >= TEXT_STYLE_COUNT)
        style = TEXT_SERIF;
    if (cp > 0xFFFF)
        return -1;     /* libharu 2.3.0 sets only BMP characters */
    bool bold = is_bold(style);
    const int chain[] = {style, bold ? TEXT_SERIF_BOLD : TEXT_SERIF, FACE_CHINESE,
                         bold ? FACE_KOREAN_BOLD : FACE_KOREAN, FACE_CHINESE_TRAD};
    for (size_t i = 0; i < sizeof chain / sizeof chain[0]; i++)
        if (text_font_has_glyph(fs->faces[chain[i]], cp))
            return chain[i];
    return -1;
}
