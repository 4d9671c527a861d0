/*
 * test_font_errors.c: a font file that cannot be used is one diagnostic
 * error naming the file and saying why, never a crash or a read out of
 * bounds (run under ASan to see the latter): a missing file, a directory,
 * an empty file, truncated copies of a real font, garbage, a CFF OpenType
 * font, a font collection, and a real font with corrupted tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../harness.h"
#include "base/file.h"
#include "text/font.h"

#ifndef FONTS_DIR
#define FONTS_DIR "fonts"
#endif

static char dir[] = "/tmp/briefc-font-errors-XXXXXX";

static const char *temp_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static const char *write_temp(const char *name, const void *data, size_t len)
{
    const char *path = temp_path(name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
    return path;
}

/* Loading path fails with exactly one error whose message names the file
 * and contains `reason`. */
static bool fails_cleanly(const char *path, const char *reason)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    text_font *f = text_font_load(a, d, (src_loc){path, 0, 0}, path);
    const diag_entry *e = diag_get(d, 0);
    bool ok = !f && diag_count(d) == 1 && diag_error_count(d) == 1 && e &&
              strstr(e->message, path) && strstr(e->message, reason) && e->loc.file &&
              strcmp(e->loc.file, path) == 0;
    if (e)
        printf("#   %s\n", e->message);
    text_font_free(f);
    diag_free(d);
    arena_free(a);
    return ok;
}

/* Loads data and, if it loads, uses it; true when the outcome is clean:
 * a font and no diagnostic, or no font and one error naming the file. */
static bool loads_or_fails_cleanly(const char *path)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    text_font *f = text_font_load(a, d, (src_loc){path, 0, 0}, path);
    bool ok;
    if (f) {
        ok = diag_count(d) == 0;
        long sum = 0;
        for (uint32_t cp = 0; cp < 0x10000; cp += 7)
            sum += text_font_advance(f, cp) + text_font_has_glyph(f, cp);
        sum += text_font_kern(f, 'A', 'V') + text_font_ascent(f) + text_font_cap_height(f);
        ok = ok && sum != 0x7FFFFFFF && text_font_name(f) != NULL;
    } else {
        const diag_entry *e = diag_get(d, 0);
        ok = diag_count(d) == 1 && e && strstr(e->message, path);
    }
    text_font_free(f);
    diag_free(d);
    arena_free(a);
    return ok;
}

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int main(int argc, char **argv)
{
    const char *fonts = argc > 1 ? argv[1] : FONTS_DIR;
    if (!mkdtemp(dir)) {
        CHECK(false, "temporary folder");
        return harness_done();
    }
    CHECK(fails_cleanly(temp_path("missing.ttf"), "No such file"), "a missing file");
    CHECK(fails_cleanly(dir, "it is a folder"), "a directory");
    CHECK(fails_cleanly(write_temp("empty.ttf", "", 0), "too short"), "an empty file");

    unsigned char garbage[5000];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (unsigned char)rng();
    CHECK(fails_cleanly(write_temp("garbage.ttf", garbage, sizeof garbage), "not a TrueType"),
          "random garbage");
    /* A TrueType signature over garbage: the directory must be checked. */
    memcpy(garbage, "\x00\x01\x00\x00\x00\x40", 6);
    CHECK(fails_cleanly(write_temp("garbage-sig.ttf", garbage, sizeof garbage), "truncated"),
          "a TrueType signature on garbage");
    static const char otto[] = "OTTO\0\x0a\0\x80\0\x03\0\x20";
    CHECK(fails_cleanly(write_temp("crafted.otf", otto, sizeof otto - 1), "CFF"),
          "a crafted OTTO header is refused as CFF");
    static const char ttc[] = "ttcf\0\x01\0\0\0\0\0\x01\0\0\0\x10";
    CHECK(fails_cleanly(write_temp("crafted.ttc", ttc, sizeof ttc - 1), "collection"),
          "a font collection whose first font lies past its end is refused");
    static const char ttc_cff[] = "ttcf\0\x01\0\0\0\0\0\x01\0\0\0\x10OTTO\0\x0a\0\x80\0\x03\0\x20";
    CHECK(fails_cleanly(write_temp("crafted-cff.ttc", ttc_cff, sizeof ttc_cff - 1), "CFF"),
          "a collection whose first font is CFF is refused as CFF");
    /* A real CFF OpenType font, where the system has one (fonts-lmodern). */
    const char *otf = "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf";
    if (file_exists(otf))
        CHECK(fails_cleanly(otf, "CFF"), "Latin Modern (a real CFF font) is refused as CFF");
    else
        printf("# no CFF font on this system; the crafted header stands for it\n");

    /* Truncated copies of a real font, cut in the directory, in the middle
     * of tables and one byte short. */
    arena *b = arena_new();
    char *data;
    size_t len;
    char *serif = file_join(b, fonts, "NotoSerif-Regular.ttf");
    bool have = file_read(b, serif, 1 << 24, &data, &len);
    CHECK(have, "the real font to cut and corrupt is readable");
    if (have) {
        static const size_t cuts[] = {3, 4, 11, 12, 13, 100, 200, 1000, 4096};
        int clean = 0, tried = 0;
        for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++, tried++)
            clean += fails_cleanly(write_temp("cut.ttf", data, cuts[i]), "");
        for (size_t k = 1; k < 24; k++, tried++)
            clean += fails_cleanly(write_temp("cut.ttf", data, len * k / 24), "truncated");
        clean += fails_cleanly(write_temp("cut.ttf", data, len - 1), "truncated");
        tried++;
        char what[128];
        snprintf(what, sizeof what, "%d truncated copies are each one error naming the file",
                 tried);
        CHECK_INT(clean, tried, what);

        /* Corrupt bytes inside each table we read, a few at a time. */
        static const char *const tags[] = {"head", "hhea", "maxp", "cmap", "hmtx",
                                           "loca", "name", "OS/2", "glyf"};
        unsigned char *copy = arena_alloc(b, len);
        int runs = 0, ok = 0, loaded = 0;
        unsigned n_tables = (unsigned)((unsigned char)data[4] << 8 | (unsigned char)data[5]);
        for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
            size_t off = 0, tlen = 0;
            for (unsigned i = 0; i < n_tables; i++) {
                const unsigned char *rec = (const unsigned char *)data + 12 + i * 16;
                if (memcmp(rec, tags[t], 4) == 0) {
                    off = be32(rec + 8);
                    tlen = be32(rec + 12);
                }
            }
            if (!tlen)
                continue;
            for (int r = 0; r < 40; r++, runs++) {
                memcpy(copy, data, len);
                /* head of the table most of the time: the counts and offsets */
                size_t span = r % 2 ? tlen : (tlen < 64 ? tlen : 64);
                for (int k = 0; k < 1 + r % 4; k++)
                    copy[off + rng() % span] = (unsigned char)(r % 3 ? rng() : 0xFF);
                const char *p = write_temp("corrupt.ttf", copy, len);
                arena *c = arena_new();
                diag_list *d = diag_new();
                text_font *f = text_font_load(c, d, (src_loc){p, 0, 0}, p);
                loaded += f != NULL;
                text_font_free(f);
                diag_free(d);
                arena_free(c);
                ok += loads_or_fails_cleanly(p);
            }
        }
        /* The directory itself: offsets and lengths pointing anywhere. */
        for (int r = 0; r < 60; r++, runs++) {
            memcpy(copy, data, len);
            size_t at = 12 + (rng() % n_tables) * 16 + 8 + rng() % 8;
            copy[at] = (unsigned char)rng();
            ok += loads_or_fails_cleanly(write_temp("corrupt.ttf", copy, len));
        }
        snprintf(what, sizeof what,
                 "%d corrupted copies each load or fail with one error (%d loaded)", runs,
                 loaded);
        CHECK_INT(ok, runs, what);
    }
    arena_free(b);

    /* text_fonts_load names the face that is missing. */
    diag_list *d = diag_new();
    arena *a = arena_new();
    text_fonts *fs = text_fonts_load(a, d, dir, NULL);
    const diag_entry *e = diag_get(d, 0);
    CHECK(fs == NULL && diag_error_count(d) >= 1 && e && strstr(e->message, "NotoSerif-Regular.ttf"),
          "text_fonts_load from a folder without the fonts fails naming the first face");
    text_fonts_free(fs);
    arena_free(a);
    diag_free(d);

    static const char *const made[] = {"empty.ttf", "garbage.ttf", "garbage-sig.ttf",
                                       "crafted.otf", "crafted.ttc", "crafted-cff.ttc", "cut.ttf",
                                       "corrupt.ttf"};
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
        unlink(temp_path(made[i]));
    rmdir(dir);
    return harness_done();
}
