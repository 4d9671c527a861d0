/*
 * test_image_errors.c: broken and foreign files are refused with a
 * message that says why, and nothing crashes: the fixtures in
 * tests/image/data, every prefix of a good PNG and JPEG, and every
 * single-byte corruption of them. Run it under ASan as well. The PNG
 * cases run twice: through image_load, which decodes, and through
 * image_open, which keeps a plain PNG's rows compressed and must refuse
 * exactly what the decoder refuses (each chunk's CRC checked).
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../harness.h"
#include "image/image.h"

#define DATA "tests/image/data/"

static char tmpdir[64];
/* The loader under test: image_load, then image_open. */
static bool (*loader)(arena *, const char *, image *, char *, size_t) = image_load;

/* Loads a file that must be refused; checks that the reason mentions
 * `want` and that the image is left empty. */
static void refused(arena *a, const char *path, const char *want, const char *what)
{
    image img;
    char err[256] = "";
    bool ok = loader(a, path, &img, err, sizeof err);
    CHECK(!ok, what);
    bool says = strstr(err, want) != NULL;
    if (!says)
        printf("# %s: message \"%s\" lacks \"%s\"\n", path, err, want);
    CHECK(says, "... and says why");
    CHECK(img.pixels == NULL && img.zdata == NULL && img.width == 0,
          "... and leaves the image empty");
}

static const char *write_tmp(const char *name, const void *data, size_t n)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return path;
    fwrite(data, 1, n, f);
    fclose(f);
    return path;
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *d = malloc(1 << 16);
    *n = fread(d, 1, 1 << 16, f);
    fclose(f);
    return d;
}

static void test_fixtures(arena *a)
{
    refused(a, DATA "truncated.png", "truncated PNG data", "a PNG cut in its IDAT is refused");
    refused(a, DATA "bad_crc.png", "CRC", "a PNG with a bad IDAT CRC is refused");
    refused(a, DATA "bad_signature.png", "damaged PNG signature",
            "a PNG whose signature lost its CR is refused");
    refused(a, DATA "empty.png", "empty", "a zero-byte file is refused");
    refused(a, DATA "text.png", "not a PNG or JPEG file", "a text file named .png is refused");
    refused(a, DATA "huge.png", "100000x100000 pixels; at most 100 megapixels",
            "a PNG claiming 100000x100000 is refused before allocating");
    refused(a, DATA "zero_width.png", "width is zero", "a PNG of width 0 is refused");
    refused(a, DATA "truncated.jpg", "truncated JPEG data", "half a baseline JPEG is refused");
    refused(a, DATA "truncated_progressive.jpg", "truncated JPEG data",
            "half a progressive JPEG is refused");
    refused(a, DATA "huge.jpg", "20000x20000 pixels", "a JPEG claiming 400 megapixels is refused");
    refused(a, DATA "no-such-file.png", "cannot open the file", "a missing file is refused");
    refused(a, "tests/image/data", "it is a folder", "a directory is refused");
    refused(a, "/dev/zero", "it is a device", "a device is refused, not read without end");
}

static void test_foreign(arena *a)
{
    /* A FIFO no one writes to: refused at once, never waited on. */
    char fifo[128];
    snprintf(fifo, sizeof fifo, "%s/pipe.png", tmpdir);
    mkfifo(fifo, 0600);
    refused(a, fifo, "FIFO", "a FIFO is refused without blocking");
    unlink(fifo);
    refused(a, write_tmp("x.png", "GIF89a\1\0\1\0\0\0\0", 13), "looks like a GIF image",
            "a GIF is named as one");
    refused(a, write_tmp("x.jpg", "RIFF\0\0\0\0WEBPVP8 ", 16), "looks like a WebP image",
            "a WebP is named as one");
    refused(a, write_tmp("y.png", "\x89PNG", 4), "damaged PNG signature",
            "four bytes of PNG signature are refused");
    refused(a, write_tmp("y.jpg", "\xFF\xD8\xFF", 3), "JPEG data",
            "a bare JPEG start marker is refused");
    refused(a, write_tmp("z.jpg", "\xFF\xD8\xFF\xE0garbage-garbage-garbage", 26), "JPEG data",
            "a JPEG start followed by garbage is refused");
    static const unsigned char sig_only[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    refused(a, write_tmp("s.png", sig_only, 8), "truncated PNG data",
            "a PNG signature alone is truncated");
}

/* Every proper prefix of a good file must be refused (a JPEG may lose
 * its final end marker and still be whole, so the last bytes are spared). */
static void test_prefixes(arena *a, const char *name, size_t spare)
{
    size_t n = 0;
    unsigned char *d = slurp(name, &n);
    if (!CHECK(d && n > 100, "fixture readable for the prefix sweep"))
        return;
    const char *p = NULL;
    int accepted = 0;
    for (size_t len = 0; len + spare < n; len++) {
        p = write_tmp("prefix", d, len);
        image img;
        char err[256];
        if (loader(a, p, &img, err, sizeof err)) {
            printf("# prefix of %zu bytes of %s accepted\n", len, name);
            accepted++;
        }
    }
    CHECK_INT(accepted, 0, "every shorter prefix of the file is refused");
    p = write_tmp("prefix", d, n);
    image img;
    char err[256];
    CHECK(loader(a, p, &img, err, sizeof err), "the whole file still decodes");
    free(d);
}

/* Flipping any one byte must not crash; most flips are refused. */
static void test_flips(arena *a, const char *name)
{
    size_t n = 0;
    unsigned char *d = slurp(name, &n);
    if (!CHECK(d != NULL, "fixture readable for the flip sweep"))
        return;
    int refused_n = 0;
    for (size_t i = 0; i < n; i++) {
        d[i] ^= 0x55;
        const char *p = write_tmp("flip", d, n);
        d[i] ^= 0x55;
        image img;
        char err[256] = "";
        if (!loader(a, p, &img, err, sizeof err))
            refused_n += err[0] != '\0';
    }
    printf("# %s: %d of %zu one-byte corruptions refused\n", name, refused_n, n);
    CHECK(refused_n > 0, "corrupted copies are refused with a message, none crash");
    free(d);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/briefc-image-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        printf("# cannot make a temporary folder\n");
        return 1;
    }
    arena *a = arena_new();
    test_fixtures(a);
    test_foreign(a);
    test_prefixes(a, DATA "ok.png", 0);
    test_prefixes(a, DATA "baseline.jpg", 2);
    test_prefixes(a, DATA "progressive.jpg", 2);
    test_flips(a, DATA "ok.png");
    test_flips(a, DATA "ok.jpg");
    /* The same PNG cases, kept compressed where the file allows. */
    loader = image_open;
    test_fixtures(a);
    test_foreign(a);
    test_prefixes(a, DATA "ok.png", 0);
    test_flips(a, DATA "ok.png");
    arena_free(a);
    const char *names[] = {"x.png", "x.jpg", "y.png", "y.jpg", "z.jpg", "s.png", "prefix", "flip"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    rmdir(tmpdir);
    return harness_done();
}
