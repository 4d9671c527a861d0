/*
 * fuzz_figure.c: a libFuzzer target for figures: the input is written
 * both as a figure file (figures/f.yaml) and as the CSV data file of a
 * second figure (figures/g.csv, drawn by a line chart and shown by a
 * table), and a brief selecting both is loaded, so the figure schema, the
 * CSV reader and the number parser all see it; what loads is laid out,
 * so charts and tables meet the same data. Run:
 * tests/fuzz/run.sh figure [seconds]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content/content.h"
#include "fuzz_layout.h"

static char root[64];

static void put(const char *rel, const void *data, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, n, f);
    fclose(f);
}

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/briefc-fuzz-figure-XXXXXX");
    if (!mkdtemp(root))
        abort();
    char p[128];
    snprintf(p, sizeof p, "%s/library", root);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/library/figures", root);
    mkdir(p, 0755);
    const char *src = "- id: s\n  type: report\n  title: S\n";
    put("library/sources.yaml", src, strlen(src));
    const char *g = "id: g\nkind: line\ntitle: G\nsource: s\ndata: g.csv\n";
    put("library/figures/g.yaml", g, strlen(g));
    const char *t = "id: t\nkind: table\ntitle: T\nsource: s\ndata: g.csv\n";
    put("library/figures/t.yaml", t, strlen(t));
    const char *b = "title: B\nsources: [s]\nfigures: [f, g, t]\n"
                    "sections:\n  - markdown: See @fig:f.\n  - figure: g\n  - figure: t\n";
    put("b.yaml", b, strlen(b));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!root[0])
        setup();
    put("library/figures/f.yaml", data, size);
    put("library/figures/g.csv", data, size);
    char path[128];
    snprintf(path, sizeof path, "%s/b.yaml", root);
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief *b = brief_load(a, d, path, "2026-12-01");
    doc *D = b ? content_build(a, a, d, b) : NULL;
    fuzz_layout(a, d, D);
    diag_free(d);
    arena_free(a);
    return 0;
}
