/*
 * image.c: the entry point of image decoding (see image.h). It opens the
 * file, tells the format from the first bytes (never from the name) and
 * hands the open file to png.c or jpeg.c. Other formats are refused with
 * a word on what the file seems to be, since "not a PNG" alone leaves a
 * user who saved a WebP as .png puzzled.
 */
#include "image/image.h"

#include "base/file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "image/decode.h"

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static bool starts(const unsigned char *b, size_t n, const char *s)
{
    size_t k = strlen(s);
    return n >= k && memcmp(b, s, k) == 0;
}

/* A few formats people mistake for PNG or JPEG, named in the message. */
static const char *guess_other(const unsigned char *b, size_t n)
{
    if (starts(b, n, "GIF8"))
        return "a GIF image";
    if (n >= 12 && starts(b, n, "RIFF") && memcmp(b + 8, "WEBP", 4) == 0)
        return "a WebP image";
    if (starts(b, n, "BM"))
        return "a BMP image";
    if (starts(b, n, "II*") || starts(b, n, "MM\0*"))
        return "a TIFF image";
    if (starts(b, n, "%PDF"))
        return "a PDF file";
    if (starts(b, n, "<?xml") || starts(b, n, "<svg"))
        return "an XML or SVG file";
    return NULL;
}

bool image_size_ok(unsigned long w, unsigned long h, const char *format,
                   char *err, size_t err_len)
{
    if (w == 0 || h == 0) {
        snprintf(err, err_len, "the %s claims to be %lux%lu pixels, an empty image",
                 format, w, h);
        return false;
    }
    if ((unsigned long long)w * h > IMAGE_MAX_PIXELS) {
        snprintf(err, err_len,
                 "the %s is %lux%lu pixels; at most 100 megapixels are accepted",
                 format, w, h);
        return false;
    }
    return true;
}

bool image_load(arena *a, const char *path, image *out, char *err, size_t err_len)
{
    memset(out, 0, sizeof *out);
    /* Never a FIFO or device, which could block or never end. */
    FILE *f = file_fopen(path, IMAGE_MAX_FILE_BYTES);
    if (!f) {
        snprintf(err, err_len, "cannot open the file: %s", file_strerror(errno));
        return false;
    }
    unsigned char head[12] = {0};
    size_t got = fread(head, 1, sizeof head, f);
    bool ok = false;
    if (ferror(f)) {
        snprintf(err, err_len, "cannot read the file: %s", strerror(errno));
    } else if (got == 0) {
        snprintf(err, err_len, "the file is empty, not a PNG or JPEG file");
    } else if (got >= 8 && memcmp(head, png_sig, 8) == 0) {
        if (fseek(f, 8, SEEK_SET) != 0)
            snprintf(err, err_len, "cannot read the file: %s", strerror(errno));
        else
            ok = image_png_decode(a, f, out, err, err_len);
    } else if (got >= 4 && memcmp(head, png_sig, 4) == 0) {
        /* The start is right but the line-ending bytes are not. */
        snprintf(err, err_len, "damaged PNG signature (was the file copied in text mode?)");
    } else if (got >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) {
        if (fseek(f, 0, SEEK_SET) != 0)
            snprintf(err, err_len, "cannot read the file: %s", strerror(errno));
        else
            ok = image_jpeg_decode(a, f, out, err, err_len);
    } else {
        const char *other = guess_other(head, got);
        if (other)
            snprintf(err, err_len, "not a PNG or JPEG file (it looks like %s)", other);
        else
            snprintf(err, err_len, "not a PNG or JPEG file");
    }
    fclose(f);
    if (!ok)
        memset(out, 0, sizeof *out);
    else
        file_note(a, path, NULL, 0);
    return ok;
}

bool image_open(arena *a, const char *path, image *out, char *err, size_t err_len)
{
    unsigned char head[8] = {0};
    /* Through file_fopen: a FIFO or a device is refused, never waited on
     * (image_load says why). */
    FILE *f = file_fopen(path, IMAGE_MAX_FILE_BYTES);
    bool png = f && fread(head, 1, sizeof head, f) == sizeof head && memcmp(head, png_sig, 8) == 0;
    if (f)
        fclose(f);
    /* Read whole (and noted) only when it may stay compressed. */
    char *data;
    size_t len;
    if (png && file_read(a, path, IMAGE_MAX_FILE_BYTES, &data, &len) &&
        image_png_compressed(a, (const unsigned char *)data, len, out))
        return true;
    return image_load(a, path, out, err, err_len);
}
