/*
 * fuzz_compile.c: a libFuzzer target for a whole compile, YAML to PDF,
 * from a brief folder held in the input: parts separated by lines
 * "%%%% N" (N a digit) become the folder's files, N naming one of a fixed
 * set (brief.yaml, s.md, library/sources.yaml, library/recommendations.yaml,
 * library/addressees.yaml, library/figures/f.yaml, library/figures/f.csv,
 * styles/s.yaml), so the fuzzer reaches the loader, the content, the
 * layout and the PDF writer with files that refer to one another. The
 * fonts and patterns are loaded once, as `briefc build` shares them. Run:
 *   tests/fuzz/run.sh compile [seconds]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver/driver.h"
#include "text/font.h"
#include "text/hyph.h"

static const char *const names[] = {
    "brief.yaml", "s.md", "library/sources.yaml", "library/recommendations.yaml",
    "library/addressees.yaml", "library/figures/f.yaml", "library/figures/f.csv",
    "styles/s.yaml",
};
#define N_NAMES (sizeof names / sizeof names[0])

static char root[64];
static text_fonts *fonts;
static text_hyph *hyph;

static void path_of(char *out, size_t n, const char *rel)
{
    snprintf(out, n, "%s/%s", root, rel);
}

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/briefc-fuzz-compile-XXXXXX");
    if (!mkdtemp(root))
        abort();
    const char *dirs[] = {"library", "library/figures", "styles"};
    for (size_t i = 0; i < 3; i++) {
        char p[128];
        path_of(p, sizeof p, dirs[i]);
        mkdir(p, 0755);
    }
    arena *a = arena_new();
    diag_list *d = diag_new();
    fonts = text_fonts_load(a, d, getenv("BRIEFC_FONTS") ? getenv("BRIEFC_FONTS") : "fonts", NULL);
    hyph = text_hyph_load(d, TEXT_HYPH_DEFAULT);
    diag_free(d);
    /* The arena stays: the fonts live for the whole run. */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!root[0])
        setup();
    if (size > 200000 || !fonts)
        return 0;
    for (size_t i = 0; i < N_NAMES; i++) {
        char p[128];
        path_of(p, sizeof p, names[i]);
        unlink(p);
    }
    /* Split at "%%%% N" lines; text before the first is the brief. */
    const char *s = (const char *)data, *end = s + size;
    size_t which = 0;
    while (s <= end) {
        const char *next = s, *mark = NULL;
        while (next < end) {
            const char *nl = memchr(next, '\n', (size_t)(end - next));
            const char *line = nl ? nl + 1 : end;
            if (end - line >= 6 && memcmp(line, "%%%% ", 5) == 0 && line[5] >= '0' &&
                line[5] < '0' + (int)N_NAMES) {
                mark = line;
                break;
            }
            next = line;
            if (!nl)
                break;
        }
        const char *stop = mark ? mark : end;
        char p[128];
        path_of(p, sizeof p, names[which]);
        FILE *f = fopen(p, "wb");
        if (f) {
            fwrite(s, 1, (size_t)(stop - s), f);
            fclose(f);
        }
        if (!mark)
            break;
        which = (size_t)(mark[5] - '0');
        const char *nl = memchr(mark, '\n', (size_t)(end - mark));
        s = nl ? nl + 1 : end;
    }
    char brief[128], out[128];
    path_of(brief, sizeof brief, "brief.yaml");
    path_of(out, sizeof out, "out.pdf");
    driver_options o = {.brief_path = brief, .out_path = out, .shared_fonts = fonts,
                        .shared_hyph = hyph};
    diag_list *d = diag_new();
    driver_compile(&o, d);
    diag_free(d);
    unlink(out);
    return 0;
}
