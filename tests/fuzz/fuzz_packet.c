/*
 * fuzz_packet.c: a libFuzzer target for packets: the input is a packet
 * file, in a folder that holds a small brief (b.yaml) and a PDF made
 * elsewhere (x.pdf, the HRW press release of briefs/statements), so the
 * packet loader, the front matter, the numbering over documents and the
 * binding through qpdf all run. Run: tests/fuzz/run.sh packet [seconds]
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

static char root[64];
static text_fonts *fonts;
static text_hyph *hyph;

static void put(const char *rel, const void *data, size_t n)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    FILE *f = fopen(p, "wb");
    if (!f)
        abort();
    fwrite(data, 1, n, f);
    fclose(f);
}

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/briefc-fuzz-packet-XXXXXX");
    if (!mkdtemp(root))
        abort();
    const char *b = "title: A *brief*\nsubtitle: Testimony\nsections:\n  - file: s.md\n";
    const char *s = "## Heading\n\nText with a note.[^a]\n\n[^a]: The note.\n";
    put("b.yaml", b, strlen(b));
    put("s.md", s, strlen(s));
    FILE *f = fopen("briefs/statements/hrw-press-release.pdf", "rb");
    if (f) {
        static char pdf[1 << 20];
        size_t n = fread(pdf, 1, sizeof pdf, f);
        fclose(f);
        put("x.pdf", pdf, n);
    }
    arena *a = arena_new();
    diag_list *d = diag_new();
    fonts = text_fonts_load(a, d, getenv("BRIEFC_FONTS") ? getenv("BRIEFC_FONTS") : "fonts", NULL);
    hyph = text_hyph_load(d, TEXT_HYPH_DEFAULT);
    diag_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!root[0])
        setup();
    if (size > 100000 || !fonts)
        return 0;
    put("p.yaml", data, size);
    char packet[128], out[128];
    snprintf(packet, sizeof packet, "%s/p.yaml", root);
    snprintf(out, sizeof out, "%s/out.pdf", root);
    driver_options o = {.brief_path = packet, .out_path = out, .shared_fonts = fonts,
                        .shared_hyph = hyph};
    diag_list *d = diag_new();
    driver_compile(&o, d);
    diag_free(d);
    unlink(out);
    return 0;
}
