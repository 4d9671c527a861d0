/*
 * png_idat.h: the concatenated IDAT data of a small PNG file (up to
 * 64 KB), read by hand, for tests that check what briefc embeds or decodes
 * against the file's own compressed bytes.
 */
#ifndef BRIEFC_TESTS_PNG_IDAT_H
#define BRIEFC_TESTS_PNG_IDAT_H

#include <stdio.h>
#include <string.h>

static size_t png_idat(const char *path, unsigned char *out, size_t cap)
{
    FILE *f = fopen(path, "rb");
    static unsigned char d[1 << 16];
    size_t n = f ? fread(d, 1, sizeof d, f) : 0, got = 0;
    if (f)
        fclose(f);
    for (size_t at = 8; at + 12 <= n;) {
        size_t len = (size_t)d[at] << 24 | (size_t)d[at + 1] << 16 | (size_t)d[at + 2] << 8 |
                     d[at + 3];
        if (memcmp(d + at + 4, "IDAT", 4) == 0 && got + len <= cap) {
            memcpy(out + got, d + at + 8, len);
            got += len;
        }
        at += len + 12;
    }
    return got;
}

#endif
