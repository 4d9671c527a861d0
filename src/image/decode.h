/*
 * decode.h: what image.c shares with the two decoders (png.c, jpeg.c).
 * image.c opens the file and tells the formats apart; each decoder reads
 * from the open file and fills an image, or writes a reason into err.
 */
#ifndef BRIEFC_IMAGE_DECODE_H
#define BRIEFC_IMAGE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "image/image.h"

/* The largest image accepted, in pixels, checked before any allocation. */
#define IMAGE_MAX_PIXELS (100ull * 1000 * 1000)

/* f is positioned just after the 8-byte PNG signature. */
bool image_png_decode(arena *a, FILE *f, image *out, char *err, size_t err_len);
/* The n bytes of a PNG file (signature included) kept compressed when
 * it is 8-bit gray or RGB, not interlaced, without transparency, and
 * every chunk is whole with its CRC right (out's zdata, size, channels
 * and dpi filled). False, and out empty, for any other file: decode it. */
bool image_png_compressed(arena *a, const unsigned char *d, size_t n, image *out);
/* f is positioned at the start of the file. */
bool image_jpeg_decode(arena *a, FILE *f, image *out, char *err, size_t err_len);

/* False, with the reason in err, when a w x h image of the named format
 * is empty or larger than IMAGE_MAX_PIXELS. */
bool image_size_ok(unsigned long w, unsigned long h, const char *format,
                   char *err, size_t err_len);

#endif
