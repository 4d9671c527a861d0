/*
 * pdf_tools.h: what the PDF writer's tests share: a scratch directory,
 * the test fonts, and running poppler-utils and qpdf on a written PDF to
 * read back what a reader sees. Each test is one .c file including this.
 */
#ifndef BRIEFC_TESTS_PDF_TOOLS_H
#define BRIEFC_TESTS_PDF_TOOLS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../harness.h"
#include "base/arena.h"
#include "layout/display.h"
#include "layout/layout.h"
#include "pdf/pdf.h"

/* Writes the display list as the driver does: the faces' embedding filled
 * in first (each face loaded from its file), then the PDF. */
static inline bool tools_write(arena *a, display_doc *doc, const char *pdf, const char *name,
                               diag_list *d)
{
    return layout_embed_faces(a, d, doc, NULL, NULL) && pdf_write(doc, pdf, name, d);
}

/* A font from the project's fonts/ (tests run in the source root), or
 * the system copy when fonts/ does not have it. */
static inline const char *tools_font(arena *a, const char *name, const char *system_path)
{
    char path[512];
    snprintf(path, sizeof path, "fonts/%s", name);
    return arena_strdup(a, access(path, R_OK) == 0 ? path : system_path);
}

static inline const char *tools_serif(arena *a)
{
    return tools_font(a, "NotoSerif-Regular.ttf",
                      "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf");
}

/* The whole of a file, NUL-terminated (malloc'd; "" if unreadable). NUL
 * bytes inside (binary stream data) become '.', so strstr sees it all. */
static inline char *tools_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0, cap = 4096;
    char *s = malloc(cap);
    if (f) {
        size_t got;
        while ((got = fread(s + n, 1, cap - n - 1, f)) > 0) {
            n += got;
            if (cap - n - 1 == 0)
                s = realloc(s, cap *= 2);
        }
        fclose(f);
    }
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0')
            s[i] = '.';
    s[n] = '\0';
    return s;
}

/* Runs a shell command (printf-style) with stdout into dir/out and stderr
 * into dir/err; returns its exit status. */
static inline int tools_run(const char *dir, const char *fmt, ...)
{
    char cmd[2048], full[2600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "(%s) >%s/out 2>%s/err", cmd, dir, dir);
    int st = system(full);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static inline char *tools_out(const char *dir)
{
    char p[512];
    snprintf(p, sizeof p, "%s/out", dir);
    return tools_slurp(p);
}

static inline char *tools_err(const char *dir)
{
    char p[512];
    snprintf(p, sizeof p, "%s/err", dir);
    return tools_slurp(p);
}

static inline char *tools_mkdtemp(void)
{
    char *dir = strdup("/tmp/briefc-pdf-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(1);
    }
    return dir;
}

static inline void tools_rmdir(char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(dir);
}

/* qpdf --check passes without warnings (exit 0, not 3). */
static inline bool tools_qpdf_ok(const char *dir, const char *pdf)
{
    return tools_run(dir, "qpdf --check '%s'", pdf) == 0;
}

/* The uncompressed QDF form of the file, to read its objects as text. */
static inline char *tools_qdf(const char *dir, const char *pdf)
{
    if (tools_run(dir, "qpdf --qdf --object-streams=disable '%s' -", pdf) != 0)
        return strdup("");
    return tools_out(dir);
}

/* pdffonts lists n fonts, each embedded, subset and with a ToUnicode map
 * (the columns "emb sub uni" are "yes yes yes"). */
static inline bool tools_fonts_ok(const char *dir, const char *pdf, int n)
{
    if (tools_run(dir, "pdffonts '%s'", pdf) != 0)
        return false;
    char *out = tools_out(dir);
    int fonts = 0, good = 0;
    char *line = strtok(out, "\n");
    for (int i = 0; line; line = strtok(NULL, "\n"), i++) {
        if (i < 2)
            continue;          /* the heading and its underline */
        fonts++;
        good += strstr(line, " yes yes yes ") != NULL;
    }
    free(out);
    if (fonts != n || good != n)
        printf("#   pdffonts: %d fonts, %d embedded+subset+unicode, expected %d\n", fonts, good, n);
    return fonts == n && good == n;
}

/* count occurrences of needle in hay */
static inline int tools_count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* A text item from UTF-32 code points, with no adjustments. */
static inline disp_item *tools_text(arena *a, disp_page *pg, int face, double size, double x,
                                    double y, const uint32_t *cps, size_t n)
{
    disp_item *t = display_add_item(a, pg, DISP_TEXT);
    t->u.text.face = face;
    t->u.text.size = size;
    t->u.text.x = x;
    t->u.text.y = y;
    disp_run *r = t->u.text.run = display_run_new(a, n);
    for (size_t i = 0; i < n; i++)
        r->glyphs[i] = (uint16_t)cps[i];
    r->n_glyphs = (uint32_t)n;
    return t;
}

/* An extra advance of `by` points after glyph `at` of text item t; calls
 * go in order of at, as layout makes them. */
static inline void tools_adjust(arena *a, disp_item *t, uint32_t at, float by)
{
    disp_run *r = t->u.text.run;
    size_t n = r->n_adjust;
    r->adjust = arena_realloc(a, r->adjust, n * sizeof *r->adjust, (n + 1) * sizeof *r->adjust);
    r->adjust[n] = (disp_adjust){at, by};
    r->n_adjust++;
}

/* The same from an ASCII string. */
static inline disp_item *tools_ascii(arena *a, disp_page *pg, int face, double size, double x,
                                     double y, const char *s)
{
    size_t n = strlen(s);
    uint32_t *cps = arena_alloc(a, (n + 1) * sizeof *cps);
    for (size_t i = 0; i < n; i++)
        cps[i] = (unsigned char)s[i];
    return tools_text(a, pg, face, size, x, y, cps, n);
}

#endif
