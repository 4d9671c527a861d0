/*
 * test_text_fonts.c: the fallback chain finds a face for Latin with
 * diacritics, Hangul and Chinese in every style; broken font files are
 * errors naming the file, never crashes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../harness.h"
#include "base/file.h"
#include "text/font.h"

static const char *face_name(const text_fonts *fs, int face)
{
    return face < 0 ? "(none)" : text_font_name(text_fonts_face(fs, face));
}

static bool fails_cleanly(const char *path, const char *expect)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    text_font *f = text_font_load(a, d, (src_loc){path, 0, 0}, path);
    const diag_entry *e = diag_get(d, 0);
    bool ok = !f && e && strstr(e->message, path) && strstr(e->message, expect);
    if (!ok && e)
        printf("#   %s\n", e->message);
    diag_free(d);
    arena_free(a);
    return ok;
}

int main(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    text_fonts *fs = text_fonts_load(a, d, "fonts", NULL);
    CHECK(fs != NULL, "fonts load");
    if (!fs)
        return harness_done();
    CHECK_STR(face_name(fs, text_fonts_pick(fs, TEXT_SERIF, 'A')), "NotoSerif-Regular", "Latin in the serif");
    CHECK_STR(face_name(fs, text_fonts_pick(fs, TEXT_SERIF_ITALIC, 0x014F)), "NotoSerif-Italic",
              "o with breve (sŏngbun) in the italic");
    CHECK_STR(face_name(fs, text_fonts_pick(fs, TEXT_SERIF, 0xBD81)), "NanumMyeongjo", "Hangul 북");
    CHECK_STR(face_name(fs, text_fonts_pick(fs, TEXT_SERIF_BOLD, 0xD55C)), "NanumMyeongjoBold",
              "bold Hangul in the bold Korean face");
    CHECK(text_fonts_pick(fs, TEXT_SERIF, 0x6743) >= 0, "simplified Chinese 权 has a face");
    CHECK(text_fonts_pick(fs, TEXT_SANS, 0x4E2D) >= 0, "Chinese in a heading has a face");
    CHECK(text_fonts_pick(fs, TEXT_MONO, 0x00E9) >= 0, "é in code");
    CHECK_INT(text_fonts_pick(fs, TEXT_SERIF, 0xE000), -1, "a private-use code point has no face");
    CHECK_INT(text_fonts_pick(fs, TEXT_SERIF, 0x1F600), -1, "a code point beyond the BMP has none");
    const text_font *serif = text_fonts_face(fs, TEXT_SERIF);
    CHECK(text_font_kern(serif, 'A', 'V') < -20, "A and V are kerned together (GPOS)");
    CHECK(text_font_kern(serif, 'T', 'o') < 0, "T and o are kerned");
    CHECK_INT(text_font_kern(serif, 'n', 'n'), 0, "n and n are not");
    CHECK_INT(text_font_kern(serif, 'f', 'i'), text_font_kern(serif, 'f', 'i'), "a cached pair gives the same value");
    CHECK_INT(text_font_kern(serif, 'A', 0xBD81), 0, "a pair with a character the font lacks is not kerned");
    diag_free(d);

    char dir[] = "/tmp/briefc-fonts-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "temporary folder");
    char path[512];
    snprintf(path, sizeof path, "%s/empty.ttf", dir);
    fclose(fopen(path, "w"));
    CHECK(fails_cleanly(path, "too short"), "an empty file is an error naming it");
    snprintf(path, sizeof path, "%s/garbage.ttf", dir);
    FILE *f = fopen(path, "w");
    for (int i = 0; i < 5000; i++)
        fputc((i * 7919) & 0xFF, f);
    fclose(f);
    CHECK(fails_cleanly(path, "not a TrueType"), "garbage is an error");
    snprintf(path, sizeof path, "%s/otto.otf", dir);
    f = fopen(path, "w");
    fputs("OTTO\0\0\0\0\0\0\0\0", f);
    fclose(f);
    CHECK(fails_cleanly(path, "CFF"), "a CFF OpenType font is refused with the reason");
    /* Truncated copies of a real font, at many lengths. */
    char *data;
    size_t len;
    arena *b = arena_new();
    bool all = file_read(b, "fonts/NotoSerif-Regular.ttf", 1 << 24, &data, &len);
    for (size_t cut = 0; all && cut < 20; cut++) {
        size_t n = cut == 0 ? 12 : len * cut / 23;
        snprintf(path, sizeof path, "%s/cut.ttf", dir);
        f = fopen(path, "w");
        fwrite(data, 1, n, f);
        fclose(f);
        diag_list *dd = diag_new();
        text_font *tf = text_font_load(b, dd, (src_loc){path, 0, 0}, path);
        if (tf || diag_error_count(dd) != 1)
            all = false;
        diag_free(dd);
    }
    CHECK(all, "twenty truncated copies of a real font are each one clean error");
    arena_free(b);
    snprintf(path, sizeof path, "%s/missing.ttf", dir);
    CHECK(fails_cleanly(path, "No such file"), "a missing font is an error naming it");
    text_fonts_free(fs);
    arena_free(a);
    return harness_done();
}
