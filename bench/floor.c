/*
 * floor.c: libharu's own floor for bench/run. Reads the layout briefc
 * printed (`briefc compile --dump-layout`) and writes the same glyphs at
 * the same places with libharu's ordinary calls (UTF-8 TrueType fonts,
 * embedded, every stream compressed, one TextOut per run), doing nothing
 * else: no layout, no images, no links. What briefc costs beyond this is
 * what briefc itself adds.
 *
 *   floor --one DUMP OUT.pdf    every run in one face (the face that sets
 *                               most glyphs)
 *   floor --same DUMP OUT.pdf   every run in its own face, as briefc draws it
 *
 * A bench tool, not part of briefc: it links libharu directly.
 */
#include <hpdf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FACES 64

typedef struct run {
    int face;
    double size, x, y;
    char *text;
} run;

typedef struct page {
    double w, h;
    run *runs;
    size_t n, cap;
} page;

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
    (void)data;
    fprintf(stderr, "floor: libharu error 0x%04X (detail %u)\n", (unsigned)e, (unsigned)detail);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "floor: out of memory\n");
        exit(1);
    }
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "--one") != 0 && strcmp(argv[1], "--same") != 0)) {
        fprintf(stderr, "usage: floor --one|--same DUMP OUT.pdf\n");
        return 2;
    }
    bool one = strcmp(argv[1], "--one") == 0;
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    double dw = 612, dh = 792;
    page *pages = NULL;
    size_t n_pages = 0;
    char *paths[MAX_FACES] = {0};
    long glyphs[MAX_FACES] = {0};
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        double w, h, size, x, y;
        int face, at = 0;
        size_t no;
        if (sscanf(line, "document %lf x %lf,", &w, &h) == 2) {
            dw = w, dh = h;
        } else if (strncmp(line, "page ", 5) == 0) {
            pages = xrealloc(pages, (n_pages + 1) * sizeof *pages);
            page *p = &pages[n_pages++];
            *p = (page){dw, dh, NULL, 0, 0};
            sscanf(line, "page %*d (%lf x %lf)", &p->w, &p->h);
        } else if (sscanf(line, "  text f%d %lf at %lf,%lf \"%n", &face, &size, &x, &y, &at) == 4 &&
                   at && n_pages && face >= 0 && face < MAX_FACES) {
            char *text = line + at, *end = strrchr(text, '"');
            if (!end || end == text)
                continue;
            *end = '\0';
            page *p = &pages[n_pages - 1];
            if (p->n == p->cap)
                p->runs = xrealloc(p->runs, (p->cap = p->cap ? p->cap * 2 : 64) * sizeof *p->runs);
            p->runs[p->n++] = (run){face, size, x, y, strdup(text)};
            glyphs[face] += (long)strlen(text);
        } else if (sscanf(line, "face %zu %n", &no, &at) == 1 && at && no < MAX_FACES) {
            line[strcspn(line, "\n")] = '\0';
            paths[no] = strdup(line + at);
        }
    }
    free(line);
    fclose(f);

    int main_face = 0;
    for (int i = 1; i < MAX_FACES; i++)
        if (glyphs[i] > glyphs[main_face])
            main_face = i;
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_Font fonts[MAX_FACES] = {0};
    for (size_t i = 0; i < n_pages; i++) {
        HPDF_Page pg = HPDF_AddPage(pdf);
        HPDF_Page_SetWidth(pg, (HPDF_REAL)pages[i].w);
        HPDF_Page_SetHeight(pg, (HPDF_REAL)pages[i].h);
        for (size_t k = 0; k < pages[i].n; k++) {
            const run *r = &pages[i].runs[k];
            int face = one ? main_face : r->face;
            if (!fonts[face]) {
                if (!paths[face]) {
                    fprintf(stderr, "floor: the dump names no file for face %d\n", face);
                    return 1;
                }
                const char *name = HPDF_LoadTTFontFromFile(pdf, paths[face], HPDF_TRUE);
                fonts[face] = HPDF_GetFont(pdf, name, "UTF-8");
            }
            HPDF_Page_BeginText(pg);
            HPDF_Page_SetFontAndSize(pg, fonts[face], (HPDF_REAL)r->size);
            HPDF_Page_TextOut(pg, (HPDF_REAL)r->x, (HPDF_REAL)r->y, r->text);
            HPDF_Page_EndText(pg);
        }
    }
    if (HPDF_SaveToFile(pdf, argv[3]) != HPDF_OK)
        return 1;
    HPDF_Free(pdf);
    for (size_t i = 0; i < n_pages; i++) {
        for (size_t k = 0; k < pages[i].n; k++)
            free(pages[i].runs[k].text);
        free(pages[i].runs);
    }
    free(pages);
    for (int i = 0; i < MAX_FACES; i++)
        free(paths[i]);
    return 0;
}
