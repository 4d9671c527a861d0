/*
 * image.h: decoding PNG and JPEG files with libpng and libjpeg under our
 * own error handling, so a corrupt or truncated file is an error message,
 * never an abort (libharu's own PNG loader aborts the process on one).
 * The result is plain 8-bit pixels that the PDF writer embeds as raw data.
 */
#ifndef BRIEFC_IMAGE_H
#define BRIEFC_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

/* An image file larger than this is refused before it is decoded. */
#define IMAGE_MAX_FILE_BYTES (256u * 1024 * 1024)

typedef struct image {
    int width, height;          /* pixels */
    int channels;               /* 1 (gray) or 3 (RGB) */
    unsigned char *pixels;      /* width*height*channels bytes, rows top to bottom */
    unsigned char *alpha;       /* NULL, or width*height bytes of opacity */
    /* Not NULL (and pixels NULL): the rows still compressed as a PNG
     * holds them, a zlib stream of rows each led by its PNG filter byte
     * (what PDF's FlateDecode with /Predictor 15 reads). */
    const unsigned char *zdata;
    size_t zlen;
    double dpi_x, dpi_y;        /* from the file (pHYs / JFIF), 0 when absent */
} image;

/* Decodes the PNG or JPEG file at path (recognised by its signature, not
 * its name). On failure returns false and writes a one-line reason into
 * err (e.g. "truncated PNG data", "not a PNG or JPEG file"). Images
 * larger than 100 megapixels are refused. The arena owns the pixels. */
bool image_load(arena *a, const char *path, image *out, char *err, size_t err_len);

/* As image_load, but an 8-bit gray or RGB PNG that is not interlaced and
 * has no transparency is not decoded: its compressed rows are kept
 * (zdata), every chunk's CRC checked, for the PDF to embed as they are.
 * The zlib stream itself is not inflated, so damage that keeps every CRC
 * right shows only in the reader. Any other file is decoded. */
bool image_open(arena *a, const char *path, image *out, char *err, size_t err_len);

#endif
