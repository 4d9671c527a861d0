/*
 * test_keepall.c: keep-all Korean and its last resort. A paragraph with
 * a run of Hangul longer than the measure is broken between syllables,
 * and only there: every line ends inside its measure (the drawn glyphs'
 * advances and adjustments summed), the lines that end at a syllable
 * break are marked, the text comes out whole and in order, and a
 * paragraph whose spaces suffice gets no syllable break. Ragged lines
 * (headings) do the same. Real faces from fonts/.
 */
#include "tests/harness.h"

#include <string.h>

#include "base/utf8.h"
#include "layout/internal.h"

#ifndef FONTS_DIR
#define FONTS_DIR "fonts"
#endif

static const text_fonts *fonts;

/* The x where a line's last glyph ends. */
static double line_end(const lo_line *l)
{
    double end = 0;
    for (size_t i = 0; i < l->n_items; i++) {
        const disp_item *it = &l->items[i];
        if (it->kind != DISP_TEXT)
            continue;
        const text_font *f = text_fonts_face(fonts, it->u.text.face);
        /* Where the last glyph with ink ends: a space is no ink (a line
         * that ends at a space keeps it for the text layer, drawn and
         * taken back), nor is a trailing adjustment. */
        double x = it->u.text.x;
        size_t k = 0;
        for (size_t g = 0; g < it->u.text.run->n_glyphs; g++) {
            uint32_t cp = it->u.text.run->glyphs[g];
            double w = text_font_advance(f, cp) * it->u.text.size / 1000.0;
            if (cp != ' ' && x + w > end)
                end = x + w;
            x += w + display_adjust_next(it, g, &k);
        }
    }
    return end;
}

/* The lines' characters, in order, without spaces, as UTF-8. */
static void line_text(const lo_lines *ls, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < ls->n; i++)
        for (size_t k = 0; k < ls->lines[i].n_items; k++) {
            const disp_item *it = &ls->lines[i].items[k];
            if (it->kind != DISP_TEXT)
                continue;
            for (size_t g = 0; g < it->u.text.run->n_glyphs; g++) {
                char u[5] = {0};
                if (it->u.text.run->glyphs[g] == ' ')
                    continue;
                utf8_encode(it->u.text.run->glyphs[g], u);
                size_t m = strlen(u);
                if (n + m < cap) {
                    memcpy(out + n, u, m);
                    n += m;
                }
            }
        }
    out[n] = 0;
}

static void strip_spaces(const char *s, char *out)
{
    for (; *s; s++)
        if (*s != ' ')
            *out++ = *s;
    *out = 0;
}

/* Sets text at 10pt on a measure of width; checks the lines. */
enum { NO_CUT, CUT, EITHER };

static void set(arena *a, const char *text, double width, bool justify, int expect_cut,
                const char *what)
{
    hlist h;
    hlist_init(&h, a, NULL, fonts, NULL);
    h.protrude = true;
    hl_font f = {.style = TEXT_SERIF, .size = 10};
    hlist_add_text(&h, text, strlen(text), &f, (src_loc){0});
    hlist_finish(&h);
    lo_lines out = {0};
    double x = 100;
    lines_build(a, a, &h, &width, &x, 1, justify, 8, 2, &out);
    char line[256];
    int overfull = 0, cut = 0;
    double widest = 0;
    for (size_t i = 0; i < out.n; i++) {
        overfull += out.lines[i].overfull;
        cut += out.lines[i].emergency;
        double w = line_end(&out.lines[i]) - x;
        if (w > widest)
            widest = w;
    }
    snprintf(line, sizeof line, "%s: no line overfull (%d)", what, overfull);
    CHECK(overfull == 0, line);
    snprintf(line, sizeof line, "%s: every line ends inside %.0fpt (widest %.2f)", what, width, widest);
    CHECK(widest <= width + 1e-6, line);
    if (expect_cut != EITHER) {
        snprintf(line, sizeof line, "%s: %s (%d)", what,
                 expect_cut == CUT ? "breaks between syllables" : "no break between syllables", cut);
        CHECK(expect_cut == CUT ? cut > 0 : cut == 0, line);
    }
    CHECK(!out.lines[out.n - 1].emergency, "... and never after its last line");
    static char got[4096], want[4096];
    line_text(&out, got, sizeof got);
    strip_spaces(text, want);
    snprintf(line, sizeof line, "%s: the text comes out whole, in order", what);
    CHECK_STR(got, want, line);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : FONTS_DIR;
    arena *a = arena_new();
    diag_list *d = diag_new();
    text_fonts *fs = text_fonts_load(a, d, dir, NULL);
    CHECK(fs != NULL, "the default faces load");
    if (!fs)
        return harness_done();
    fonts = fs;

    /* 30 syllables without a space (about 300pt) in a 120pt column. */
    static const char run[] = "유엔난민고등판무관사무소와국제이주기구와세계식량계획과인권";
    char para[512];
    snprintf(para, sizeof para, "북한 이탈 주민들은 %s 접근을 거부당해 왔다.", run);
    set(a, para, 120, true, CUT, "justified, a long run");
    set(a, para, 120, false, CUT, "ragged, a long run");
    set(a, run, 47, true, CUT, "justified, the run alone in a 47pt column");

    /* Ordinary words: on a measure their spaces fill, keep-all holds; on
     * a narrow one no line is overfull, whichever way it is avoided. */
    static const char plain[] = "북한 이탈 주민들은 중국에서 체포되면 강제로 송환되어 구금과 "
                                "고문을 당할 수 있습니다.";
    set(a, plain, 200, true, NO_CUT, "justified, ordinary words, 200pt");
    set(a, plain, 120, false, NO_CUT, "ragged, ordinary words, 120pt");
    set(a, plain, 120, true, EITHER, "justified, ordinary words, 120pt");

    /* The copy with syllable breaks is made only where there are two
     * syllables side by side. */
    hlist h;
    hlist_init(&h, a, NULL, fonts, NULL);
    hl_font f = {.style = TEXT_SERIF, .size = 10};
    hlist_add_text(&h, "No Korean here 가 나", 20, &f, (src_loc){0});
    hlist_finish(&h);
    CHECK(hlist_syllable_breaks(&h) == NULL, "no syllable pair: no copy");
    hlist_init(&h, a, NULL, fonts, NULL);
    hlist_add_text(&h, "가나다", strlen("가나다"), &f, (src_loc){0});
    hlist_finish(&h);
    const hlist *c = hlist_syllable_breaks(&h);
    int breaks = 0;
    double wc = 0, wh = 0;
    for (size_t k = 0; c && k < c->n; k++) {
        breaks += c->items[k].type == LB_PENALTY && c->items[k].emergency;
        wc += c->items[k].type == LB_BOX ? c->items[k].width : 0;
    }
    for (size_t k = 0; k < h.n; k++)
        wh += h.items[k].type == LB_BOX ? h.items[k].width : 0;
    CHECK(c && breaks == 2, "가나다: two syllable breaks");
    CHECK(c && wc > wh - 1e-6 && wc < wh + 1e-6, "... and the same width as one box");

    text_fonts_free(fs);
    diag_free(d);
    arena_free(a);
    return harness_done();
}
